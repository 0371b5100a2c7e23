package finding

import (
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
)

// FingerprintVersion names the fingerprint scheme; SARIF uses it as the key
// of partialFingerprints and baselines record it implicitly.
const FingerprintVersion = "sagligFinding/v1"

// Fingerprint identifies a finding across runs: the hex SHA-256 of the
// scheme, the rule, the dataset key (see DatasetKey) and the column. It does
// not depend on the message, on measured figures or on row order, so a
// finding keeps its fingerprint while the data change around it.
func Fingerprint(rule, datasetKey, column string) string {
	h := sha256.New()
	for _, part := range []string{FingerprintVersion, rule, datasetKey, column} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// DatasetKey returns a dataset path as the fingerprint sees it: relative to
// the directory of the map file, with forward slashes, so that the same
// dataset has the same key whichever directory saglig runs from. Paths that
// cannot be made relative (another volume) are kept, cleaned. An empty
// dataset (a finding on the map alone) stays empty.
func DatasetKey(mapFile, dataset string) string {
	if dataset == "" {
		return ""
	}
	absDS, err1 := filepath.Abs(dataset)
	absDir, err2 := filepath.Abs(filepath.Dir(mapFile))
	if err1 == nil && err2 == nil {
		if rel, err := filepath.Rel(absDir, absDS); err == nil {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(filepath.Clean(dataset))
}

// FingerprintFor returns the fingerprint of f, its dataset taken relative
// to the directory of mapFile.
func (f *Finding) FingerprintFor(mapFile string) string {
	return Fingerprint(f.Rule, DatasetKey(mapFile, f.Dataset), f.Column)
}
