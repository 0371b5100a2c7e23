package finding

import (
	"os"
	"path/filepath"
	"testing"
)

func TestFingerprintStable(t *testing.T) {
	// The value is pinned: baselines and SARIF alerts written by earlier
	// versions must keep matching.
	const want = "2603c73e963ae98fc5e0270505f7956f4b938f11f7c1b7e45c51f316e2be111d"
	if got := Fingerprint("SAG102", "data/forloeb.parquet", "koen"); got != want {
		t.Errorf("Fingerprint = %s, want %s", got, want)
	}
	tests := []struct{ a, b [3]string }{
		{[3]string{"SAG102", "d", "koen"}, [3]string{"SAG104", "d", "koen"}},
		{[3]string{"SAG102", "d", "koen"}, [3]string{"SAG102", "e", "koen"}},
		{[3]string{"SAG102", "d", "koen"}, [3]string{"SAG102", "d", "alder"}},
		// The separator keeps the parts apart.
		{[3]string{"SAG102", "ab", "c"}, [3]string{"SAG102", "a", "bc"}},
	}
	for _, tt := range tests {
		if Fingerprint(tt.a[0], tt.a[1], tt.a[2]) == Fingerprint(tt.b[0], tt.b[1], tt.b[2]) {
			t.Errorf("%v and %v share a fingerprint", tt.a, tt.b)
		}
	}
}

func TestDatasetKey(t *testing.T) {
	abs := t.TempDir()
	tests := []struct{ mapFile, dataset, want string }{
		{"saglig.yaml", "data/x.parquet", "data/x.parquet"},
		{"jobcenter/saglig.yaml", "jobcenter/data/x.parquet", "data/x.parquet"},
		{"./jobcenter/saglig.yaml", "jobcenter/./data/../data/x.parquet", "data/x.parquet"},
		{"maps/saglig.yaml", "data/x.parquet", "../data/x.parquet"},
		{filepath.Join(abs, "saglig.yaml"), filepath.Join(abs, "data", "x.parquet"), "data/x.parquet"},
		{"saglig.yaml", "", ""},
	}
	for _, tt := range tests {
		if got := DatasetKey(tt.mapFile, tt.dataset); got != tt.want {
			t.Errorf("DatasetKey(%q, %q) = %q, want %q", tt.mapFile, tt.dataset, got, tt.want)
		}
	}
}

// TestFingerprintFromAnotherDirectory lints the same project from its
// parent, from inside it and from its data directory: the paths differ,
// the fingerprints agree.
func TestFingerprintFromAnotherDirectory(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "jobcenter", "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	runs := []struct{ cwd, mapFile, dataset string }{
		{root, "jobcenter/saglig.yaml", "jobcenter/data/x.parquet"},
		{filepath.Join(root, "jobcenter"), "saglig.yaml", "data/x.parquet"},
		{filepath.Join(root, "jobcenter", "data"), "../saglig.yaml", "x.parquet"},
		{"/", filepath.Join(root, "jobcenter", "saglig.yaml"), filepath.Join(root, "jobcenter", "data", "x.parquet")},
	}
	want := Fingerprint("SAG102", "data/x.parquet", "koen")
	for _, r := range runs {
		t.Chdir(r.cwd)
		f := Finding{Rule: "SAG102", Dataset: r.dataset, Column: "koen"}
		if got := f.FingerprintFor(r.mapFile); got != want {
			t.Errorf("from %s: fingerprint %s, want %s", r.cwd, got, want)
		}
	}
}
