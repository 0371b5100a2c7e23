package testfiles

import (
	"bytes"
	"fmt"
	"reflect"

	"github.com/parquet-go/parquet-go"
)

// WriteParquetStrings writes a Parquet file of string columns, one per
// name, for tests whose columns are known only at run time; cols[i] holds
// column i's values, all of the same length.
func WriteParquetStrings(path string, names []string, cols [][]string) error {
	fields := make([]reflect.StructField, len(names))
	for i, n := range names {
		fields[i] = reflect.StructField{Name: fmt.Sprintf("C%d", i), Type: reflect.TypeFor[string](), Tag: reflect.StructTag(`parquet:"` + n + `"`)}
	}
	typ := reflect.StructOf(fields)
	var buf bytes.Buffer
	w := parquet.NewWriter(&buf, parquet.SchemaOf(reflect.New(typ).Interface()))
	rows := 0
	if len(cols) > 0 {
		rows = len(cols[0])
	}
	for r := 0; r < rows; r++ {
		v := reflect.New(typ).Elem()
		for i := range names {
			v.Field(i).SetString(cols[i][r])
		}
		if err := w.Write(v.Interface()); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	return writeFile(path, buf.Bytes())
}
