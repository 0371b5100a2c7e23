package testfiles

import (
	"path/filepath"

	"github.com/parquet-go/parquet-go"
)

// WriteDriftedLake writes under dir a lake-like directory of three Hive
// partitions whose schemas drifted (issue 13, item 5): year=2023 holds 300
// rows of an int32 "age" (20–29) and a float "score" (0, 0.5, 1, 1.5);
// year=2024 200 rows of an int64 "age" (30–39), a double "score" (0, 1, 2)
// and an int16 "code" (0–4); year=2025 one row whose "age" is text, the
// file that cannot be read with the others, whose path it returns. opts
// are the writer's options.
func WriteDriftedLake(dir string, opts ...parquet.WriterOption) (bad string, err error) {
	type oldRow struct {
		Age   int32   `parquet:"age"`
		Score float32 `parquet:"score"`
	}
	type newRow struct {
		Age   int64   `parquet:"age"`
		Score float64 `parquet:"score"`
		Code  int16   `parquet:"code"`
	}
	type badRow struct {
		Age string `parquet:"age"`
	}
	old := make([]oldRow, 300)
	for i := range old {
		old[i] = oldRow{Age: int32(20 + i%10), Score: float32(i%4) / 2}
	}
	young := make([]newRow, 200)
	for i := range young {
		young[i] = newRow{Age: int64(30 + i%10), Score: float64(i % 3), Code: int16(i % 5)}
	}
	if err := WriteParquet(filepath.Join(dir, "year=2023", "part.parquet"), old, opts...); err != nil {
		return "", err
	}
	if err := WriteParquet(filepath.Join(dir, "year=2024", "part.parquet"), young, opts...); err != nil {
		return "", err
	}
	bad = filepath.Join(dir, "year=2025", "part.parquet")
	return bad, WriteParquet(bad, []badRow{{"old"}}, opts...)
}
