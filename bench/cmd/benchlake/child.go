package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/saglig/saglig/featuremap"
	"github.com/saglig/saglig/lint"
	"github.com/saglig/saglig/lint/source/objstore"
)

// lintResult is what the child subcommand run prints: what the lint read
// and the requests it made to stores.
type lintResult struct {
	Rows         int64 `json:"rows"`
	Files        int   `json:"files"`
	Measured     bool  `json:"measured"`
	Associations int   `json:"associations"`
	Lists        int64 `json:"lists"`
	Stats        int64 `json:"stats"`
	Gets         int64 `json:"gets"`
	Bytes        int64 `json:"bytes"`
}

// Reading modes of an object: how a scan unit's column chunks are fetched.
const (
	modeMerged   = "merged"    // fetched ahead, neighbours merged (saglig's default)
	modePerChunk = "per-chunk" // fetched ahead, one request per column chunk
	modeBlocks   = "blocks"    // not fetched ahead: 1 MiB blocks as the decoder asks
)

// runChild is the subcommand run: one saglig lint of PATH in this
// process, with the mode's reading parameters (which the saglig binary
// does not offer), printing a lintResult. The harness runs it as a child
// process and measures it.
func runChild(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	mode := fs.String("mode", modeMerged, "merged, per-chunk or blocks")
	mapPath := fs.String("map", "", "the feature map")
	memory := fs.Int64("memory", 256<<20, "saglig --memory, bytes")
	workers := fs.Int("workers", 0, "saglig --workers")
	schemaOnly := fs.Bool("schema-only", false, "saglig --schema-only")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 || *mapPath == "" {
		return errors.New("usage: benchlake run -map MAP [-mode M] [-memory BYTES] [-workers N] [-schema-only] PATH")
	}
	switch *mode {
	case modeMerged:
	case modePerChunk:
		objstore.MaxGap = -1
	case modeBlocks:
		objstore.PrefetchOff = true
	default:
		return fmt.Errorf("unknown mode %q", *mode)
	}
	m, err := featuremap.Load(*mapPath)
	if err != nil {
		return err
	}
	res, err := lint.Run(ctx, lint.Options{Map: m, Paths: []string{fs.Arg(0)}, SchemaOnly: *schemaOnly,
		Memory: *memory, Workers: *workers})
	if err != nil {
		return err
	}
	if len(res.Errors) > 0 {
		return fmt.Errorf("%s: %s", res.Errors[0].Path, res.Errors[0].Message)
	}
	if len(res.Datasets) != 1 {
		return fmt.Errorf("%d datasets, want 1", len(res.Datasets))
	}
	d := res.Datasets[0]
	c := objstore.Counters()
	return json.NewEncoder(os.Stdout).Encode(lintResult{Rows: d.Rows, Files: d.Files, Measured: d.Measured,
		Associations: len(d.Associations), Lists: c.Lists, Stats: c.Stats, Gets: c.Gets, Bytes: c.Bytes})
}
