package jc

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
)

// Gen is a harness's subcommand gen: it writes the dataset of rows rows
// and its map under dir unless they exist (EnsureDataset) and prints
// their paths, one a line, for Generate.
func Gen(dir string, rows int64, seed uint64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	data, mapPath, err := EnsureDataset(dir, rows, seed)
	if err != nil {
		return err
	}
	fmt.Println(data)
	fmt.Println(mapPath)
	return nil
}

// Generate writes the dataset of rows rows and its map under dir unless
// they exist, in a child process: self gen -rows N -dir DIR -seed N,
// which calls Gen. Generating grows the generator's heap, and a child
// started by os/exec (vfork) has its parent's peak RSS counted in its own
// ru_maxrss, so the harness stays small.
func Generate(ctx context.Context, self, dir string, rows int64, seed uint64) (data, mapPath string, err error) {
	gen := exec.CommandContext(ctx, self, "gen", "-rows", strconv.FormatInt(rows, 10), "-dir", dir,
		"-seed", strconv.FormatUint(seed, 10))
	gen.Stderr = os.Stderr
	out, err := gen.Output()
	if err != nil {
		return "", "", fmt.Errorf("generating %d rows: %w", rows, err)
	}
	lines := strings.Fields(string(out))
	if len(lines) != 2 {
		return "", "", fmt.Errorf("%s gen printed %q", self, out)
	}
	return lines[0], lines[1], nil
}
