package testfiles

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	aparquet "github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
)

func writePqArrow(path string, c arrowCell, props []aparquet.WriterProperty, aprops ...pqarrow.WriterOption) error {
	rec := c.record()
	defer rec.Release()
	var buf bytes.Buffer
	w, err := pqarrow.NewFileWriter(c.schema, &buf, aparquet.NewWriterProperties(props...), pqarrow.NewArrowWriterProperties(aprops...))
	if err != nil {
		return err
	}
	if err := w.Write(rec); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return writeFile(path, buf.Bytes())
}

func pqarrowCells(dir string) ([]Interop, error) {
	type cell struct {
		arrowCell
		props       []aparquet.WriterProperty
		aprops      []pqarrow.WriterOption
		rowGroups   int
		minPages    int
		pageVersion int
	}
	uj, err := uuidJSONArrowCell()
	if err != nil {
		return nil, err
	}
	int96 := arrowCell{feature: "int96 timestamp", schema: arrow.NewSchema([]arrow.Field{idField,
		{Name: "ts", Type: &arrow.TimestampType{Unit: arrow.Nanosecond}, Nullable: true},
		{Name: "ts_utc", Type: &arrow.TimestampType{Unit: arrow.Nanosecond, TimeZone: "UTC"}}}, nil),
		fill: func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			appendOr[arrow.Timestamp](b.Field(1).(*array.TimestampBuilder), i, arrow.Timestamp(subNanos(i).UnixNano()))
			b.Field(2).(*array.TimestampBuilder).Append(arrow.Timestamp(subNanos(i).UnixNano()))
		}, cols: []Col{idCol, {Path: "ts", Type: "int96", Nullable: true, Nulls: InteropNulls, Values: orNull(func(i int) string { return timestampText(subNanos(i)) })},
			{Path: "ts_utc", Type: "int96", Values: every(func(i int) string { return timestampText(subNanos(i)) })}},
		covers: []string{FInt96}}
	dict := dictionaryArrowCell()
	dict.feature = "dictionary encoding"
	dict.cols = withEncoding(dict.cols, 1, "RLE_DICTIONARY")
	dict.covers = []string{FDictionary}
	decInts := decimalArrowCell()
	decInts.feature = "decimal as integers"
	noDict := aparquet.WithDictionaryDefault(false)
	enc := func(feature, cover, e string, c arrowCell, col int, props ...aparquet.WriterProperty) cell {
		c.feature = feature
		c.cols = withEncoding(c.cols, col, e)
		c.covers = []string{cover}
		return cell{arrowCell: c, props: append([]aparquet.WriterProperty{noDict}, props...)}
	}
	basic := basicArrowCell("", "")
	plain := numbersArrowCell()
	plain.cols = withEncoding(plain.cols, 4, "PLAIN")
	plain.covers = append(plain.covers, FPlain)
	paged := pagedArrowCell()
	paged.feature = "many pages row groups and dictionary fallback"
	paged.cols = withEncoding(paged.cols, 1, "RLE_DICTIONARY", "PLAIN")
	paged.covers = []string{FPages, FDictionaryFallback}
	cells := []cell{
		{arrowCell: plain, props: []aparquet.WriterProperty{noDict}},
		{arrowCell: stringsArrowCell()},
		{arrowCell: decimalArrowCell()},
		{arrowCell: decInts, props: []aparquet.WriterProperty{aparquet.WithStoreDecimalAsInteger(true)}},
		{arrowCell: timesArrowCell("timestamp[us, UTC]")},
		{arrowCell: int96, aprops: []pqarrow.WriterOption{pqarrow.WithDeprecatedInt96Timestamps(true)}},
		{arrowCell: float16ArrowCell()},
		{arrowCell: uj},
		{arrowCell: dict},
		enc("delta binary packed", FDeltaBinaryPacked, "DELTA_BINARY_PACKED", basic, 0, aparquet.WithEncodingFor("id", aparquet.Encodings.DeltaBinaryPacked)),
		enc("delta length byte array", FDeltaLengthByteArray, "DELTA_LENGTH_BYTE_ARRAY", basic, 1, aparquet.WithEncodingFor("s", aparquet.Encodings.DeltaLengthByteArray)),
		enc("delta byte array", FDeltaByteArray, "DELTA_BYTE_ARRAY", basic, 1, aparquet.WithEncodingFor("s", aparquet.Encodings.DeltaByteArray)),
		enc("byte stream split", FByteStreamSplit, "BYTE_STREAM_SPLIT", basic, 2, aparquet.WithEncodingFor("f", aparquet.Encodings.ByteStreamSplit)),
		{arrowCell: paged, props: []aparquet.WriterProperty{aparquet.WithDataPageSize(256), aparquet.WithMaxRowGroupLength(PagedRows / 3),
			aparquet.WithDictionaryPageSizeLimit(600), aparquet.WithBatchSize(64)}, rowGroups: 3, minPages: 2},
	}
	rle := arrowCell{feature: "rle booleans", schema: arrow.NewSchema([]arrow.Field{idField, {Name: "b", Type: arrow.FixedWidthTypes.Boolean, Nullable: true}}, nil),
		fill: func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			appendOr[bool](b.Field(1).(*array.BooleanBuilder), i, i%4 == 0)
		}, cols: []Col{idCol, {Path: "b", Type: "bool", Nullable: true, Nulls: InteropNulls, Encodings: []string{"RLE"},
			Values: orNull(func(i int) string { return boolText(i%4 == 0) })}},
		covers: []string{FRLE}}
	cells = append(cells, cell{arrowCell: rle, props: []aparquet.WriterProperty{noDict, aparquet.WithDataPageVersion(aparquet.DataPageV2),
		aparquet.WithEncodingFor("b", aparquet.Encodings.RLE)}})
	codecs := []struct {
		name, feature string
		codec         compress.Compression
	}{
		{"UNCOMPRESSED", FUncompressed, compress.Codecs.Uncompressed},
		{"SNAPPY", FSnappy, compress.Codecs.Snappy},
		{"GZIP", FGzip, compress.Codecs.Gzip},
		{"ZSTD", FZstd, compress.Codecs.Zstd},
		{"LZ4_RAW", FLz4Raw, compress.Codecs.Lz4Raw},
		{"BROTLI", FBrotli, compress.Codecs.Brotli},
	}
	for _, c := range codecs {
		ac := basicArrowCell("codec "+strings.ToLower(c.name), c.name)
		ac.covers = []string{c.feature}
		cells = append(cells, cell{arrowCell: ac, props: []aparquet.WriterProperty{aparquet.WithCompression(c.codec)}})
	}
	incompressible := arrowCell{feature: "codec lz4_raw incompressible", schema: arrow.NewSchema([]arrow.Field{idField,
		{Name: "n", Type: arrow.PrimitiveTypes.Int64}, {Name: "s", Type: arrow.BinaryTypes.String}}, nil),
		fill: func(b *array.RecordBuilder, i int) {
			appendID(b, i)
			b.Field(1).(*array.Int64Builder).Append(rowRandInt(i))
			b.Field(2).(*array.StringBuilder).Append(rowRandStr(i))
		}, cols: incompressibleCols("LZ4_RAW"), covers: []string{FLz4Raw}, rows: IncompressibleRows}
	// Without a dictionary, so that the values fill the data pages.
	cells = append(cells, cell{arrowCell: incompressible, props: []aparquet.WriterProperty{noDict, aparquet.WithCompression(compress.Codecs.Lz4Raw)}})
	for _, v := range []aparquet.DataPageVersion{aparquet.DataPageV1, aparquet.DataPageV2} {
		ac := basicArrowCell(fmt.Sprintf("data page v%d", int(v)+1), "ZSTD")
		ac.covers = []string{[]string{FPageV1, FPageV2}[v]}
		cells = append(cells, cell{arrowCell: ac, pageVersion: int(v) + 1,
			props: []aparquet.WriterProperty{aparquet.WithDataPageVersion(v), aparquet.WithCompression(compress.Codecs.Zstd)}})
	}
	cells = append(cells, cell{arrowCell: listArrowCell()}, cell{arrowCell: mapArrowCell()}, cell{arrowCell: structArrowCell()})
	out := make([]Interop, 0, len(cells))
	for _, c := range cells {
		p := cellPath(dir, PqArrow, c.feature, ".parquet")
		if err := writePqArrow(p, c.arrowCell, c.props, c.aprops...); err != nil {
			return nil, fmt.Errorf("%s/%s: %w", PqArrow, c.feature, err)
		}
		out = append(out, Interop{Writer: PqArrow, Feature: c.feature, Path: p, Rows: int64(c.numRows()), Covers: c.covers,
			RowGroups: c.rowGroups, MinPages: c.minPages, DataPageVersion: c.pageVersion, Columns: c.cols})
	}
	return out, nil
}
