package scan

import (
	"github.com/saglig/saglig/lint/dataset"
	"github.com/saglig/saglig/lint/joint"
	"github.com/saglig/saglig/lint/stats"
)

// Proxy evidence of a table measured elsewhere (lint/pushdown): the engine
// returns each pair's contingency table over level keys that are hashes or
// bins, never values; these functions give it the scan's own binned mutual
// information and value table (evidence.go) and the scan's joint model
// (lint/joint), so that the rules see the same figures.

// ExternalSide says how to read one side of a pair's table measured
// elsewhere.
type ExternalSide struct {
	// Type is the column's type.
	Type dataset.ColumnType
	// Numeric is true when the side is read as numbers: a scalar column
	// (Scalar) that is not a code (IsCode).
	Numeric bool
	// Folded is true when the levels are folded: text into hash buckets,
	// numbers into logarithmic bins.
	Folded bool
	// Name names a level key of the table: LevelValue with the value's
	// text (ValueText) when it is known, LevelFolded for a bucket,
	// LevelUnsampled for a value whose text did not come back.
	Name func(key uint64) Level
	// Number is the number a level key stands for (numeric sides): the
	// value, or a bin's centre (NumericLevels.Number).
	Number func(key uint64) float64
}

// ExternalEvidence adds to a, measured from table (input levels by
// protected levels), the binned mutual information of a numeric side and
// the value table, as the scan adds them.
func ExternalEvidence(a *Association, table *stats.Table, in, prot ExternalSide) {
	rowKeys, colKeys, m := table.Keyed()
	addEvidence(a, externalSide(in, rowKeys), externalSide(prot, colKeys), m)
}

func externalSide(e ExternalSide, keys []uint64) *side {
	return newSide(keys, e.Numeric, valueTypeOf(e.Type), e.Folded, e.Name, e.Number)
}

// ValueText is a driver value of a column of type ct in the scan's text
// form, and the number it stands for in statistics (NaN for text); null is
// true for NULL and NaN.
func ValueText(ct dataset.ColumnType, v any) (text string, num float64, null bool, err error) {
	vt := valueTypeOf(ct)
	cv, err := canonical(vt, ct, v)
	if err != nil || cv.null {
		return "", 0, true, err
	}
	return cv.text(vt), cv.number(vt), false, nil
}

// Number is the number the level key of a bin stands for: the geometric
// centre of its logarithmic bin, as the scan reads a folded numeric level.
func (l *NumericLevels) Number(key uint64) float64 { return levelNumber(l.spec, key, l.to) }

// BinNumber is the number the level-0 bin key bin (BinKey) stands for.
func BinNumber(bin uint64) float64 {
	return levelNumber(newLevelSpec(valueType{cls: clsFloat}, MaxNumericBins), bin, transform{folded: true})
}

// ExternalJoint models how well the sample's inputs together predict the
// protected column target, as the scan models it on its own joint sample
// (lint/joint): share is the share of the table's rows in the sample, ct
// the protected column's type, and name names a level key of a
// categorical target (as ExternalSide.Name).
func ExternalJoint(sample *joint.Sample, target joint.Column, share float64, ct dataset.ColumnType, name func(key uint64) Level, workers int) JointProxy {
	return jointProxy(sample, target, share, valueTypeOf(ct), name, workers)
}
