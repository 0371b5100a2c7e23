package measure

import (
	"flag"
	"os"
)

// DefaultSeed is the job-centre generator's seed unless -seed says
// otherwise.
const DefaultSeed = 20251129

// Options are the flags benchjc and benchlake share: the dataset they
// generate, the saglig they build and how they run it, and where the
// report goes.
type Options struct {
	Rows    int64
	Dir     string
	Repo    string
	Seed    uint64
	Repeat  int
	Workers int
	Memory  string
	Keep    bool
	Out     string
}

// Usage is what the shared flags that differ between the harnesses say:
// -rows's default and meaning, -repo's and -workers' meaning.
type Usage struct {
	Rows                     int64
	RowsUsage, Repo, Workers string
}

// Register defines the shared flags on fs.
func (o *Options) Register(fs *flag.FlagSet, u Usage) {
	fs.Int64Var(&o.Rows, "rows", u.Rows, u.RowsUsage)
	fs.StringVar(&o.Dir, "dir", "", "directory for the generated files (default: a temporary directory, removed afterwards)")
	fs.StringVar(&o.Repo, "repo", "..", u.Repo)
	fs.Uint64Var(&o.Seed, "seed", DefaultSeed, "generator seed")
	fs.IntVar(&o.Repeat, "repeat", 3, "runs of each measurement; the median is reported")
	fs.IntVar(&o.Workers, "workers", 0, u.Workers)
	fs.StringVar(&o.Memory, "memory", "256MiB", "saglig --memory")
	fs.BoolVar(&o.Keep, "keep", false, "keep the generated files")
	fs.StringVar(&o.Out, "o", "", "also write the Markdown report to this file")
}

// DatasetFlags defines the flags of a subcommand that writes a dataset
// (gen, pgload): -rows, -dir and -seed.
func DatasetFlags(fs *flag.FlagSet) (rows *int64, dir *string, seed *uint64) {
	return fs.Int64("rows", 0, "rows"), fs.String("dir", "", "directory for the dataset"), fs.Uint64("seed", DefaultSeed, "generator seed")
}

// Prepare completes the options once parsed: at least one repeat, and
// -dir made, or a temporary directory named after prefix when it is
// empty, which cleanup removes unless -keep.
func (o *Options) Prepare(prefix string) (cleanup func(), err error) {
	o.Repeat = max(o.Repeat, 1)
	if o.Dir != "" {
		return func() {}, os.MkdirAll(o.Dir, 0o755)
	}
	if o.Dir, err = os.MkdirTemp("", prefix); err != nil {
		return nil, err
	}
	if o.Keep {
		return func() {}, nil
	}
	dir := o.Dir
	return func() { os.RemoveAll(dir) }, nil
}

// WriteReport writes the Markdown report to stdout and, with -o, to that
// file.
func (o *Options) WriteReport(report []byte) error {
	os.Stdout.Write(report)
	if o.Out == "" {
		return nil
	}
	return os.WriteFile(o.Out, report, 0o644)
}
