// Package stats holds the pure, mergeable statistics saglig measures datasets
// with: sketches (distinct count, heavy hitters, a value sample, quantiles,
// per-subject observation spans), moments, and the association measures of a
// contingency table (Cramér's V with Bergsma's bias correction, chi-square,
// normalised mutual information; mutual information over equal-frequency
// bins with the Miller–Madow correction and the G-test) and of grouped
// moments (correlation ratio η); the value-level evidence of a proxy (each
// value's most over-represented group with its Wilson interval, exact
// binomial purity tests) with Benjamini–Hochberg control of the false
// discovery rate; and the area under the ROC curve with DeLong's variance.
//
// Every sketch merges: a scan computes one partial per piece of a dataset and
// merges them. Where it matters the merged state does not depend on how the
// data were split or in which order pieces were merged:
//
//   - Distinct, Quantiles, Sample, Spans, Table: counts, register maxima and
//     hash-ordered selections, so any split and any merge order give the
//     same state;
//   - Moments: the same up to floating-point rounding;
//   - TopK (Misra–Gries): exact, and so split-independent, while a sketch
//     has seen no more distinct values than its capacity; beyond that its
//     counts are upper bounds whose error depends on the order.
package stats
