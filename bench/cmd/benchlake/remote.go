package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/saglig/saglig/bench/internal/jc"
	"github.com/saglig/saglig/bench/internal/measure"
	"github.com/saglig/saglig/lint/source/objstore/objstoretest"
)

// run is one measured lint: the child's measurement, what it read and
// requested, and the CPU time the store's server used meanwhile.
type runResult struct {
	m      measure.Measurement
	res    lintResult
	server time.Duration
}

// series are the runs of one way of reading.
type series struct {
	name   string
	store  string // "" for the local disk
	mode   string
	path   string
	runs   []runResult
	counts counts // through the counting proxy (s3 only)
}

func (s *series) median() runResult {
	ms := make([]measure.Measurement, len(s.runs))
	for i, r := range s.runs {
		ms[i] = r.m
	}
	med := measure.Median(ms)
	for _, r := range s.runs {
		if r.m.Wall == med.Wall {
			r.m.MaxRSS = med.MaxRSS
			return r
		}
	}
	return s.runs[0]
}

// measureChild runs the child once, with the store's server's CPU time
// taken before and after.
func (b *bench) measureChild(ctx context.Context, store, mode, mapPath, path string, schemaOnly bool, rows int64, files int) (runResult, error) {
	pid := serverPID(store)
	var before time.Duration
	if pid > 0 {
		before, _ = measure.ProcessCPU(pid, false)
	}
	m, res, err := b.child(ctx, mode, mapPath, path, schemaOnly, rows, files)
	if err != nil {
		return runResult{}, err
	}
	r := runResult{m: m, res: res}
	if pid > 0 {
		if after, err := measure.ProcessCPU(pid, false); err == nil {
			r.server = after - before
		}
	}
	return r, nil
}

// counted runs the child once with the S3 bucket reached through a
// counting proxy and returns what the proxy forwarded.
func (b *bench) counted(ctx context.Context, s3URL, key, mode, mapPath string, schemaOnly bool, rows int64, files int) (counts, lintResult, error) {
	u, err := url.Parse(s3URL)
	if err != nil {
		return counts{}, lintResult{}, err
	}
	endpoint, err := url.Parse(u.Query().Get("endpoint"))
	if err != nil || endpoint.Host == "" {
		return counts{}, lintResult{}, fmt.Errorf("%s: no endpoint= parameter to put a counting proxy in front of", u.Redacted())
	}
	p, err := startProxy(endpoint)
	if err != nil {
		return counts{}, lintResult{}, err
	}
	defer p.close()
	q := u.Query()
	q.Set("endpoint", "http://"+p.addr)
	u.RawQuery = q.Encode()
	_, res, err := b.child(ctx, mode, mapPath, objectURL(u.String(), key), schemaOnly, rows, files)
	return p.counts(), res, err
}

// remoteScan times the lint of one file from local disk and from each
// store in each reading mode, alternating, and counts the requests.
func (b *bench) remoteScan(ctx context.Context) error {
	o := b.o
	start := time.Now()
	data, mapPath, err := jc.Generate(ctx, b.self, o.Dir, o.Rows, o.Seed)
	if err != nil {
		return err
	}
	if !o.Keep {
		defer os.Remove(data)
	}
	groups, err := rowGroups(data)
	if err != nil {
		return err
	}
	if err := measure.Warm(data); err != nil {
		return err
	}
	size := measure.FileSize(data)
	const key = "benchlake/jobcenter.parquet"
	all := []*series{{name: "local disk", path: data, mode: modeMerged}}
	for _, st := range o.stores {
		bucket := os.Getenv(storeEnv[st] + "_URL")
		t := time.Now()
		if _, err := objstoretest.CopyFile(ctx, bucket, data, key); err != nil {
			return fmt.Errorf("uploading to %s: %w", st, err)
		}
		logf("uploaded %s to %s in %s", measure.MiB(size), st, since(t))
		for _, m := range o.modes {
			all = append(all, &series{name: st + ", " + modeText[m], store: st, mode: m, path: objectURL(bucket, key)})
		}
	}
	load := measure.LoadAverage()
	for i := range o.Repeat {
		for _, s := range all {
			r, err := b.measureChild(ctx, s.store, s.mode, mapPath, s.path, false, o.Rows, 1)
			if err != nil {
				return err
			}
			logf("run %d: %s: %s (CPU %s, server %s), %d GETs, %s", i+1, s.name, measure.Secs(r.m.Wall), measure.Secs(r.m.CPU),
				measure.Secs(r.server), r.res.Gets, measure.MiB(r.res.Bytes))
			s.runs = append(s.runs, r)
		}
	}
	for _, s := range all {
		if s.store != "s3" {
			continue
		}
		c, res, err := b.counted(ctx, os.Getenv(storeEnv["s3"]+"_URL"), key, s.mode, mapPath, false, o.Rows, 1)
		if err != nil {
			return err
		}
		if res.Gets != c.gets {
			logf("%s: saglig counted %d GETs, the proxy %d (retries?)", s.name, res.Gets, c.gets)
		}
		s.counts = c
	}
	b.printf("### Remote scan against local disk\n\n")
	b.printf("`saglig lint` (in process, `benchlake run`) of one file, %d rows × %d columns, %s, %d row groups, from local disk (page cache) and from each store on 127.0.0.1; load average %s at the start, %s at the end (%s).\n\n",
		o.Rows, len(jc.ColumnNames(false)), measure.MiB(size), groups, load, measure.LoadAverage(), since(start))
	b.printf("| reading | wall | throughput | CPU saglig | CPU server | peak RSS | GET requests | per row group | fetched |\n")
	b.printf("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n")
	local := all[0].median()
	for _, s := range all {
		r := s.median()
		gets, per, fetched := "–", "–", "–"
		if s.store != "" {
			gets = fmt.Sprint(r.res.Gets)
			per = fmt.Sprintf("%.1f", float64(r.res.Gets)/float64(groups))
			fetched = measure.MiB(r.res.Bytes)
		}
		server := "–"
		if s.store != "" && serverPID(s.store) > 0 {
			server = measure.Secs(r.server)
		}
		b.printf("| %s | %s | %.0f MB/s | %s | %s | %s | %s | %s | %s |\n", s.name, measure.Secs(r.m.Wall),
			float64(size)/1e6/r.m.Wall.Seconds(), measure.Secs(r.m.CPU), server, measure.MiB(r.m.MaxRSS), gets, per, fetched)
	}
	b.printf("\n| reading | wall / local | CPU saglig / local | CPU saglig + server / local |\n| --- | --- | --- | --- |\n")
	for _, s := range all[1:] {
		r := s.median()
		b.printf("| %s | %.2f× | %.2f× | %.2f× |\n", s.name, r.m.Wall.Seconds()/local.m.Wall.Seconds(),
			r.m.CPU.Seconds()/local.m.CPU.Seconds(), (r.m.CPU+r.server).Seconds()/local.m.CPU.Seconds())
	}
	b.printf("\nThrough a counting proxy in front of the S3 server (one run each):\n\n| reading | ranged GETs | listings | HEAD | other |\n| --- | --- | --- | --- | --- |\n")
	for _, s := range all {
		if s.store == "s3" {
			b.printf("| %s | %d | %d | %d | %d |\n", s.name, s.counts.gets, s.counts.lists, s.counts.heads, s.counts.other)
		}
	}
	b.printf("\n")
	return nil
}

var modeText = map[string]string{
	modeMerged:   "chunks fetched ahead, merged (saglig)",
	modePerChunk: "chunks fetched ahead, one request each",
	modeBlocks:   "not fetched ahead (1 MiB blocks)",
}

// schemaOnly times --schema-only on o.files objects of o.fileRows rows in
// the S3 bucket against the same files in a local directory, and counts
// the requests through a proxy.
func (b *bench) schemaOnly(ctx context.Context) error {
	o := b.o
	start := time.Now()
	dir := filepath.Join(o.Dir, "many")
	data, mapPath, err := jc.Generate(ctx, b.self, filepath.Join(o.Dir, "small"), o.fileRows, o.Seed)
	if err != nil {
		return err
	}
	size := measure.FileSize(data)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if !o.Keep {
		defer os.RemoveAll(dir)
	}
	bucket := os.Getenv(storeEnv["s3"] + "_URL")
	prefix := fmt.Sprintf("benchlake/many-%d/", o.files)
	// The local copies are hard links; the uploads run eight at a time.
	sem := make(chan struct{}, 8)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	for i := range o.files {
		name := fmt.Sprintf("part-%05d.parquet", i)
		if err := os.Link(data, filepath.Join(dir, name)); err != nil && !os.IsExist(err) {
			return err
		}
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			if _, err := objstoretest.CopyFile(ctx, bucket, data, prefix+name); err != nil {
				mu.Lock()
				first = cmpErr(first, err)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if first != nil {
		return fmt.Errorf("uploading: %w", first)
	}
	logf("uploaded %d × %s in %s", o.files, measure.MiB(size), since(start))
	load := measure.LoadAverage()
	local := &series{name: "local directory"}
	remote := &series{name: "S3 prefix", store: "s3"}
	for range o.Repeat {
		r, err := b.measureChild(ctx, "", modeMerged, mapPath, dir, true, 0, o.files)
		if err != nil {
			return err
		}
		local.runs = append(local.runs, r)
		r, err = b.measureChild(ctx, "s3", modeMerged, mapPath, objectURL(bucket, prefix), true, 0, o.files)
		if err != nil {
			return err
		}
		remote.runs = append(remote.runs, r)
	}
	c, res, err := b.counted(ctx, bucket, prefix, modeMerged, mapPath, true, 0, o.files)
	if err != nil {
		return err
	}
	b.printf("### --schema-only on %d objects\n\n", o.files)
	b.printf("`saglig lint --schema-only` (in process) of a directory of %d Parquet files of %d rows (%.2f MB each, 1 row group, 30 columns) on local disk and under an S3 prefix; load average %s at the start, %s at the end (%s).\n\n",
		o.files, o.fileRows, float64(size)/1e6, load, measure.LoadAverage(), since(start))
	b.printf("| where | wall | CPU saglig | CPU server | requests (saglig's count) | fetched |\n| --- | --- | --- | --- | --- | --- |\n")
	for _, s := range []*series{local, remote} {
		r := s.median()
		reqs, fetched, server := "–", "–", "–"
		if s.store != "" {
			reqs = fmt.Sprintf("%d GETs, %d listings (%.2f per file)", r.res.Gets, r.res.Lists, float64(r.res.Gets+r.res.Lists+r.res.Stats)/float64(o.files))
			fetched = measure.MiB(r.res.Bytes)
			if serverPID("s3") > 0 {
				server = measure.Secs(r.server)
			}
		}
		b.printf("| %s | %s | %s | %s | %s | %s |\n", s.name, measure.Secs(r.m.Wall), measure.Secs(r.m.CPU), server, reqs, fetched)
	}
	b.printf("\nThrough a counting proxy: %d HTTP requests for %d objects (%.2f per object): %d ranged GETs, %d listings, %d HEAD, %d other; saglig counted %d GETs and %d listings.\n\n",
		c.total(), o.files, float64(c.total())/float64(o.files), c.gets, c.lists, c.heads, c.other, res.Gets, res.Lists)
	return nil
}

func cmpErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}
