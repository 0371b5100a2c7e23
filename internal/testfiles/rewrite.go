package testfiles

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/parquet-go/parquet-go/encoding/thrift"
	"github.com/parquet-go/parquet-go/format"
)

// Page is one page of a Parquet column chunk: its header and its data as
// stored (compressed).
type Page struct {
	Header *format.PageHeader
	Data   []byte
	// Raw, when set, replaces the encoded header: a header no writer
	// would produce.
	Raw []byte
	// HeaderLen is the length of the header as read.
	HeaderLen int
}

// pageEdit changes the pages of one column chunk (row group rg, column
// col) and may change the chunk's metadata.
type pageEdit func(rg, col int, md *format.ColumnMetaData, pages []Page) []Page

// Footer returns the decoded footer of a Parquet file.
func Footer(data []byte) (*format.FileMetaData, error) {
	if len(data) < 12 {
		return nil, errors.New("not a Parquet file")
	}
	n := int(binary.LittleEndian.Uint32(data[len(data)-8:]))
	if n > len(data)-12 {
		return nil, errors.New("bad footer length")
	}
	md := new(format.FileMetaData)
	if err := thrift.Unmarshal(new(thrift.CompactProtocol), data[len(data)-8-n:len(data)-8], md); err != nil {
		return nil, err
	}
	return md, nil
}

// Pages returns the pages of the column chunk cc of a Parquet file.
func Pages(data []byte, cc *format.ColumnChunk) ([]Page, error) {
	md := &cc.MetaData
	start := md.DataPageOffset
	if md.DictionaryPageOffset != 0 {
		start = md.DictionaryPageOffset
	}
	end := start + md.TotalCompressedSize
	if start < 4 || end > int64(len(data)) {
		return nil, errors.New("column chunk outside the file")
	}
	var pages []Page
	for pos := start; pos < end; {
		h := new(format.PageHeader)
		r := new(thrift.CompactProtocol).NewReaderFromBytes(data[pos:end])
		if err := thrift.NewDecoder(r).Decode(h); err != nil {
			return nil, fmt.Errorf("page header at %d: %w", pos, err)
		}
		body := pos + int64(r.BytesRead())
		next := body + int64(h.CompressedPageSize)
		if next > end {
			return nil, fmt.Errorf("page at %d runs past its chunk", pos)
		}
		pages = append(pages, Page{Header: h, Data: data[body:next], HeaderLen: r.BytesRead()})
		pos = next
	}
	return pages, nil
}

// rewriteParquet rebuilds a Parquet file with the pages that edit returns
// for each column chunk, updating the offsets and sizes in the footer.
// Page indexes and bloom filters are dropped.
func rewriteParquet(data []byte, edit pageEdit) ([]byte, error) {
	md, err := Footer(data)
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	out.WriteString("PAR1")
	for rg := range md.RowGroups {
		g := &md.RowGroups[rg]
		var total int64
		for col := range g.Columns {
			cc := &g.Columns[col]
			pages, err := Pages(data, cc)
			if err != nil {
				return nil, err
			}
			cm := &cc.MetaData
			pages = edit(rg, col, cm, pages)
			start := int64(out.Len())
			cm.DictionaryPageOffset, cm.DataPageOffset = 0, 0
			var uncompressed int64
			for _, p := range pages {
				pos := int64(out.Len())
				if p.Header.Type == format.DictionaryPage && cm.DictionaryPageOffset == 0 {
					cm.DictionaryPageOffset = pos
				} else if p.Header.Type != format.DictionaryPage && cm.DataPageOffset == 0 {
					cm.DataPageOffset = pos
				}
				head := p.Raw
				if head == nil {
					if head, err = thrift.Marshal(new(thrift.CompactProtocol), p.Header); err != nil {
						return nil, err
					}
				}
				out.Write(head)
				out.Write(p.Data)
				uncompressed += int64(len(head)) + int64(p.Header.UncompressedPageSize)
			}
			if cm.DataPageOffset == 0 {
				cm.DataPageOffset = start
			}
			cm.TotalCompressedSize = int64(out.Len()) - start
			cm.TotalUncompressedSize = uncompressed
			cm.IndexPageOffset, cm.BloomFilterOffset, cm.BloomFilterLength = 0, 0, 0
			cc.FileOffset = start
			cc.OffsetIndexOffset, cc.OffsetIndexLength, cc.ColumnIndexOffset, cc.ColumnIndexLength = 0, 0, 0, 0
			if col == 0 {
				g.FileOffset = start
			}
			total += cm.TotalCompressedSize
		}
		g.TotalCompressedSize = total
	}
	footer, err := thrift.Marshal(new(thrift.CompactProtocol), md)
	if err != nil {
		return nil, err
	}
	out.Write(footer)
	out.Write(binary.LittleEndian.AppendUint32(nil, uint32(len(footer))))
	out.WriteString("PAR1")
	return out.Bytes(), nil
}

// withFooter replaces the footer of a Parquet file.
func withFooter(data []byte, md *format.FileMetaData) ([]byte, error) {
	n := int(binary.LittleEndian.Uint32(data[len(data)-8:]))
	footer, err := thrift.Marshal(new(thrift.CompactProtocol), md)
	if err != nil {
		return nil, err
	}
	out := append([]byte(nil), data[:len(data)-8-n]...)
	out = append(out, footer...)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(footer)))
	return append(out, "PAR1"...), nil
}

// ParquetFooter is a Parquet file of md and no data pages: the head
// magic, filler standing in for the data, the footer, its length, the
// tail magic.
func ParquetFooter(md *format.FileMetaData, filler []byte) ([]byte, error) {
	footer, err := thrift.Marshal(new(thrift.CompactProtocol), md)
	if err != nil {
		return nil, err
	}
	out := append([]byte("PAR1"), filler...)
	out = append(out, footer...)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(footer)))
	return append(out, "PAR1"...), nil
}

// valuelessMark is the value WithValuelessKeys gives the pairs it then
// strips of their value: its encoding (field 2, the header after field
// 1's, then the length) is cut out of the footer.
const valuelessMark = "saglig-valueless"

// WithValuelessKeys adds key-value pairs with a key and no value — which
// the format allows (KeyValue.value is optional) and parquet-go's decoder
// refuses — to a Parquet file's footer: fileKey to the file's metadata and
// chunkKey to that of every column chunk, each after a pair key=value.
func WithValuelessKeys(data []byte, fileKey, chunkKey string) ([]byte, error) {
	md, err := Footer(data)
	if err != nil {
		return nil, err
	}
	md.KeyValueMetadata = append(md.KeyValueMetadata, format.KeyValue{Key: "key", Value: "value"}, format.KeyValue{Key: fileKey, Value: valuelessMark})
	for i := range md.RowGroups {
		for j := range md.RowGroups[i].Columns {
			cm := &md.RowGroups[i].Columns[j].MetaData
			cm.KeyValueMetadata = append(cm.KeyValueMetadata, format.KeyValue{Key: "key", Value: "value"}, format.KeyValue{Key: chunkKey, Value: valuelessMark})
		}
	}
	footer, err := thrift.Marshal(new(thrift.CompactProtocol), md)
	if err != nil {
		return nil, err
	}
	field := append([]byte{0x18, byte(len(valuelessMark))}, valuelessMark...)
	stripped := bytes.ReplaceAll(footer, field, nil)
	if want := len(footer) - (1+countChunks(md))*len(field); len(stripped) != want {
		return nil, fmt.Errorf("stripped the footer to %d bytes, want %d", len(stripped), want)
	}
	n := int(binary.LittleEndian.Uint32(data[len(data)-8:]))
	out := append([]byte(nil), data[:len(data)-8-n]...)
	out = append(out, stripped...)
	out = binary.LittleEndian.AppendUint32(out, uint32(len(stripped)))
	return append(out, "PAR1"...), nil
}

func countChunks(md *format.FileMetaData) int {
	n := 0
	for _, rg := range md.RowGroups {
		n += len(rg.Columns)
	}
	return n
}
