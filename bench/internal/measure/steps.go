package measure

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
)

// BuildSaglig builds repo's cmd/saglig as the binary out.
func BuildSaglig(ctx context.Context, repo, out string) error {
	build := exec.CommandContext(ctx, "go", "build", "-o", out, "./cmd/saglig")
	build.Dir = repo
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("building saglig in %s: %w", repo, err)
	}
	return nil
}

// Machine describes the machine and the Go toolchain, e.g. "AMD EPYC
// 7B13, 2 cores, 23.5 GiB RAM; go1.26.8".
func Machine(ctx context.Context) string {
	goVersion, _ := exec.CommandContext(ctx, "go", "env", "GOVERSION").Output()
	return fmt.Sprintf("%s, %d cores, %s RAM; %s", CPUModel(), runtime.NumCPU(), MemTotal(), strings.TrimSpace(string(goVersion)))
}

// Workers is saglig's --workers n as it runs: every core for n ≤ 0.
func Workers(n int) string {
	if n <= 0 {
		return strconv.Itoa(runtime.NumCPU())
	}
	return strconv.Itoa(n)
}

// Warm reads the file once so that it is in the page cache.
func Warm(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(io.Discard, f)
	return err
}

// Linted is what saglig's JSON report says of the one dataset it linted.
type Linted struct {
	Rows         int64
	Associations int
}

// Lint runs the built saglig (bin) once: saglig lint --map mapPath
// --format json --memory memory [--workers workers] extra… path, and
// returns its measurement and what it reported of the one dataset.
func Lint(ctx context.Context, bin, mapPath, path, memory string, workers int, extra ...string) (Measurement, Linted, error) {
	args := append([]string{"lint", "--map", mapPath, "--format", "json", "--memory", memory}, extra...)
	if workers > 0 {
		args = append(args, "--workers", strconv.Itoa(workers))
	}
	m, err := Run(exec.CommandContext(ctx, bin, append(args, path)...), 0, 1)
	if err != nil {
		return m, Linted{}, err
	}
	var rep struct {
		Datasets []struct {
			Rows         int64             `json:"rows"`
			Associations []json.RawMessage `json:"associations"`
		} `json:"datasets"`
	}
	if err := json.Unmarshal(m.Stdout, &rep); err != nil {
		return m, Linted{}, fmt.Errorf("saglig's JSON: %w", err)
	}
	if len(rep.Datasets) != 1 {
		return m, Linted{}, fmt.Errorf("saglig lint %s: %d datasets, want 1", path, len(rep.Datasets))
	}
	return m, Linted{Rows: rep.Datasets[0].Rows, Associations: len(rep.Datasets[0].Associations)}, nil
}
