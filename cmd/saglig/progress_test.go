package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint"
)

// fakeProgress is a progress whose clock the test sets.
func fakeProgress(ctx context.Context, terminal bool) (*progress, *bytes.Buffer, *time.Time) {
	return fakeProgressIn(ctx, terminal, i18n.English)
}

// fakeProgressIn is a fakeProgress writing in lang.
func fakeProgressIn(ctx context.Context, terminal bool, lang i18n.Lang) (*progress, *bytes.Buffer, *time.Time) {
	var buf bytes.Buffer
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	now := t0
	p := newProgress(ctx, &buf, zerolog.New(&buf).Level(zerolog.InfoLevel), i18n.For(lang))
	p.terminal, p.start, p.now = terminal, t0, func() time.Time { return now }
	return p, &buf, &now
}

func TestProgressLog(t *testing.T) {
	p, buf, now := fakeProgress(context.Background(), false)
	at := lint.Progress{Dataset: "data/x.parquet", Files: 3, Rows: 1_000_000, Total: 100 << 20}
	start := *now
	var lines []string
	for _, step := range []struct {
		after time.Duration
		done  int64
	}{{0, 0}, {5 * time.Second, 10 << 20}, {10 * time.Second, 25 << 20}, {15 * time.Second, 40 << 20}, {21 * time.Second, 50 << 20}, {40 * time.Second, 100 << 20}} {
		*now = start.Add(step.after)
		at.Done = step.done
		p.update(at)
		lines = append(lines, buf.String())
		buf.Reset()
	}
	want := []string{
		"", "",
		`"message":"scanning data/x.parquet: 25%, ~250,000 of 1,000,000 rows, 25.0 MiB of 100.0 MiB, 3 files, 2.5 MiB/s"`,
		"",
		`"message":"scanning data/x.parquet: 50%, ~500,000 of 1,000,000 rows, 50.0 MiB of 100.0 MiB, 3 files, 2.4 MiB/s"`,
		`"message":"scanned data/x.parquet: 1,000,000 rows, 100.0 MiB, 3 files in 40.0 s (2.5 MiB/s)"`,
	}
	for i, w := range want {
		if w == "" && lines[i] != "" || !strings.Contains(lines[i], w) {
			t.Errorf("update %d wrote %q, want %q", i, lines[i], w)
		}
	}
	if !strings.Contains(lines[2], `"level":"info","dataset":"data/x.parquet","files":3,"rows":250000,"rows_total":1000000,"bytes":26214400,"bytes_total":104857600`) {
		t.Errorf("progress line lacks its figures: %s", lines[2])
	}
	if strings.Contains(strings.Join(lines, ""), "\r") {
		t.Error("a non-terminal got a bar")
	}
}

// TestProgressDanish: the lines and the bar in the run's language, the
// log's fields as they are.
func TestProgressDanish(t *testing.T) {
	p, buf, now := fakeProgressIn(context.Background(), false, i18n.Danish)
	at := lint.Progress{Dataset: "data/x.parquet", Files: 1, Rows: 1_000_000, Total: 100 << 20}
	start := *now
	p.update(at)
	*now = start.Add(10 * time.Second)
	at.Done = 25 << 20
	p.update(at)
	*now = start.Add(40 * time.Second)
	at.Done = 100 << 20
	p.update(at)
	for _, want := range []string{
		`"rows_total":1000000,`,
		`"message":"gennemlæser data/x.parquet: 25 %, ~250.000 af 1.000.000 rækker, 25,0 MiB af 100,0 MiB, 1 fil, 2,5 MiB/s"`,
		`"message":"gennemlæste data/x.parquet: 1.000.000 rækker, 100,0 MiB, 1 fil på 40,0 s (2,5 MiB/s)"`,
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("the Danish progress lacks %s:\n%s", want, buf)
		}
	}
	bar, buf, now := fakeProgressIn(context.Background(), true, i18n.Danish)
	*now = now.Add(3 * time.Second)
	bar.update(lint.Progress{Dataset: "x.parquet", Files: 1, Rows: 1000, Total: 1000, Done: 500})
	if got := buf.String(); !strings.HasPrefix(got, "\r\x1b[Kgennemlæser x.parquet [============            ]  50 % 500 B/1.000 B, ~500/1.000 rækker, ") {
		t.Errorf("Danish bar = %q", got)
	}
}

func TestProgressBar(t *testing.T) {
	p, buf, now := fakeProgress(context.Background(), true)
	at := lint.Progress{Dataset: "x.parquet", Files: 1, Rows: 1000, Total: 1000}
	start := *now
	at.Done = 100
	p.update(at)
	if buf.Len() != 0 {
		t.Fatalf("bar drawn before the delay: %q", buf)
	}
	*now = start.Add(3 * time.Second)
	at.Done = 500
	p.update(at)
	if got := buf.String(); !strings.HasPrefix(got, "\r\x1b[Kscanning x.parquet [============            ]  50% 500 B/1,000 B, ~500/1,000 rows, 166 B/s") {
		t.Errorf("bar = %q", got)
	}
	buf.Reset()
	p.interrupted()
	if buf.String() != "\n" {
		t.Errorf("interrupted wrote %q, want the line ended", buf)
	}
	buf.Reset()
	*now = start.Add(4 * time.Second)
	p.update(at)
	p.done()
	if got := buf.String(); !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("done left the bar: %q", got)
	}
}

func TestProgressAfterCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	p, buf, _ := fakeProgress(ctx, false)
	cancel()
	// A cancelled scan reports all its bytes read when it stops.
	p.update(lint.Progress{Dataset: "x", Files: 1, Rows: 10, Done: 10, Total: 10})
	if buf.Len() != 0 {
		t.Errorf("a cancelled scan was reported: %s", buf)
	}
}
