package dataset

import "github.com/saglig/saglig/internal/i18n"

// Schema drift. The files of one dataset — a lake's partitions, written
// over the years — need not have the same schema. As DuckDB's
// union_by_name and Spark's mergeSchema do, a column missing from some
// files is null there, and a column whose type widens from file to file
// takes the wider type: integers of any width (and unsigned ones below 64
// bits) to the widest, float to double, integers to floating point,
// decimals to the precision and scale that hold both. A file with a column
// whose type does not widen into the others' (text where they have
// numbers, a list where they have a scalar) is left out of the dataset,
// with an error that names it, the column and both types.

// widen returns the type that holds the values of both a and b, with its
// name, or false when there is none.
func widen(a, b Column) (ColumnType, string, bool) {
	if a.Type == b.Type {
		return a.ColumnType, a.Type, true
	}
	if a.Shape != b.Shape || a.Shape != Scalar {
		return ColumnType{}, "", false
	}
	x, y := a.ColumnType, b.ColumnType
	if x.Kind > y.Kind {
		x, y = y, x
	}
	switch {
	case x.Kind == KindInt && y.Kind == KindInt, x.Kind == KindUint && y.Kind == KindUint:
		bits := max(x.Bits, y.Bits)
		return ColumnType{Kind: x.Kind, Bits: bits}, intType(int(bits), x.Kind == KindInt), true
	case x.Kind == KindInt && y.Kind == KindUint && y.Bits < 64:
		bits := min(max(x.Bits, 2*y.Bits), 64)
		return ColumnType{Kind: KindInt, Bits: bits}, intType(int(bits), true), true
	case x.Kind == KindFloat && y.Kind == KindFloat,
		x.Kind.Integer() && y.Kind == KindFloat:
		return ColumnType{Kind: KindFloat, Bits: 64}, "float64", true
	case x.Kind == KindDecimal && y.Kind == KindDecimal:
		scale := max(x.Scale, y.Scale)
		prec := max(x.Precision-x.Scale, y.Precision-y.Scale) + scale
		return ColumnType{Kind: KindDecimal, Precision: prec, Scale: scale}, decimalType(prec, scale), true
	}
	return ColumnType{}, "", false
}

// mergeFiles makes the files of the multi-file dataset name (a local
// directory, a prefix in an object store) one dataset: files whose schemas
// drifted are widened together, and one whose column does not widen is
// left out (reconcile) with an error added to errs, the dataset's other
// errors so far; without keepGoing a file left out fails the dataset.
func mergeFiles(name string, files []File, errs []error, keepGoing bool) (*Dataset, []error) {
	files, left := reconcile(name, files)
	errs = append(errs, left...)
	if len(files) == 0 || len(left) > 0 && !keepGoing {
		return nil, errs
	}
	d, err := merge(name, true, files)
	if err != nil {
		return nil, append(errs, err)
	}
	return d, errs
}

// reconcile leaves out of a directory's files, in order, each with a
// column whose type does not widen into the type the files before it give
// that column, or that is a partition key in one and a column of the file
// in another; it returns the files kept and an error for each left out.
func reconcile(name string, files []File) ([]File, []error) {
	type ref struct {
		col  Column
		file string
	}
	refs := map[string]ref{}
	kept := files[:0:0]
	var errs []error
	for _, f := range files {
		var problems []i18n.Msg
		next := map[string]ref{}
		for _, c := range f.Columns {
			r, ok := refs[c.Path]
			if !ok {
				next[c.Path] = ref{c, f.Path}
				continue
			}
			switch {
			case r.col.Partition != c.Partition:
				m := i18n.M("column %q is a file column here but a partition key in %s", c.Path, r.file)
				if c.Partition {
					m = i18n.M("column %q is a partition key here but a file column in %s", c.Path, r.file)
				}
				problems = append(problems, m)
			default:
				t, typ, ok := widen(r.col, c)
				if !ok {
					problems = append(problems, i18n.M("column %q is %s here but %s in %s, and the two do not widen into one type", c.Path, c.Type, r.col.Type, r.file))
					continue
				}
				w := r.col
				w.ColumnType, w.Type = t, typ
				next[c.Path] = ref{w, r.file}
			}
		}
		if len(problems) > 0 {
			errs = append(errs, pathError(f.Path, i18n.Errorf("left out of %s: %s", dirName(name), i18n.Join(problems, "; "))))
			continue
		}
		for p, r := range next {
			refs[p] = r
		}
		kept = append(kept, f)
	}
	return kept, errs
}
