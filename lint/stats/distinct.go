package stats

import (
	"github.com/axiomhq/hyperloglog"
)

// distinctPrecision is the HyperLogLog precision: 2^14 one-byte registers,
// 16 KiB, a standard error of 1.04/sqrt(2^14) ≈ 0.8%.
const distinctPrecision = 14

// Distinct estimates the number of distinct values with a HyperLogLog
// (axiomhq/hyperloglog, LogLog-Beta estimator). It uses the dense
// representation only: a register-wise maximum, so the merged sketch is the
// same whatever the split and merge order.
type Distinct struct {
	sk *hyperloglog.Sketch
}

// NewDistinct returns an empty distinct-count sketch.
func NewDistinct() *Distinct {
	sk, err := hyperloglog.NewSketch(distinctPrecision, false)
	if err != nil {
		panic(err) // the precision is a valid constant
	}
	return &Distinct{sk: sk}
}

// InsertHash adds a value by its 64-bit hash (HashBytes, HashUint64).
func (d *Distinct) InsertHash(h uint64) { d.sk.InsertHash(h) }

// Merge adds o's values to d.
func (d *Distinct) Merge(o *Distinct) {
	if o == nil {
		return
	}
	if err := d.sk.Merge(o.sk); err != nil {
		panic(err) // both sketches have distinctPrecision
	}
}

// Estimate returns the estimated number of distinct values.
func (d *Distinct) Estimate() int64 { return int64(d.sk.Estimate()) }
