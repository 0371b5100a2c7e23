package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/rs/zerolog"
	"github.com/saglig/saglig/internal/i18n"
	"github.com/saglig/saglig/lint"
)

// progress shows on stderr that a scan is alive:
//
//   - on a terminal, a bar redrawn in place once the run has taken more
//     than progressDelay, with bytes, rows and rate;
//   - elsewhere (a CI log), a plain log line at info level every
//     progressInterval: rows, bytes, files and rate so far.
//
// When a dataset's scan ends, a log line at info level says what was read
// and how fast. Updates after the run's context is done (an interrupt)
// are ignored: the scan reports everything read when it stops. The bar
// and the lines' messages are in the run's language; the log's fields keep
// their machine names and figures.
type progress struct {
	mu       sync.Mutex
	ctx      context.Context
	w        io.Writer
	log      zerolog.Logger
	tr       *i18n.Printer
	terminal bool
	now      func() time.Time
	start    time.Time
	// The dataset being scanned, since when, and when it was last shown.
	dataset  string
	dsStart  time.Time
	lastDraw time.Time
	lastLog  time.Time
	drawn    bool
}

const (
	progressDelay    = 2 * time.Second
	progressInterval = 10 * time.Second
)

func newProgress(ctx context.Context, w io.Writer, log zerolog.Logger, tr *i18n.Printer) *progress {
	return &progress{ctx: ctx, w: w, log: log, tr: tr, terminal: isTerminal(w), now: time.Now, start: time.Now()}
}

func (p *progress) update(at lint.Progress) {
	if at.Total <= 0 || p.ctx.Err() != nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if at.Dataset != p.dataset {
		p.dataset, p.dsStart, p.lastLog = at.Dataset, now, now
	}
	if at.Done >= at.Total {
		p.clear()
		elapsed := now.Sub(p.dsStart)
		p.event(at, elapsed).Dur("elapsed", elapsed).
			Msg(p.tr.Sprintf("scanned %s: %s, %s, %s in %s (%s/s)", at.Dataset, p.tr.Sprintf("%d rows", at.Rows), p.humanBytes(at.Total),
				p.tr.Sprintf("%d files", at.Files), p.seconds(elapsed), p.humanBytes(rate(at.Total, elapsed))))
		p.dataset = ""
		return
	}
	if p.terminal {
		p.draw(at, now)
		return
	}
	if now.Sub(p.lastLog) >= progressInterval {
		p.lastLog = now
		r := rate(at.Done, now.Sub(p.dsStart))
		p.event(at, now.Sub(p.dsStart)).
			Msg(p.tr.Sprintf("scanning %s: %.0f%%, ~%d of %s, %s of %s, %s, %s/s", at.Dataset, 100*fraction(at), rowsDone(at), p.tr.Sprintf("%d rows", at.Rows),
				p.humanBytes(at.Done), p.humanBytes(at.Total), p.tr.Sprintf("%d files", at.Files), p.humanBytes(r)))
	}
}

// event is an info log event with the figures of at.
func (p *progress) event(at lint.Progress, elapsed time.Duration) *zerolog.Event {
	return p.log.Info().Str("dataset", at.Dataset).Int("files", at.Files).
		Int64("rows", rowsDone(at)).Int64("rows_total", at.Rows).
		Int64("bytes", at.Done).Int64("bytes_total", at.Total).
		Int64("bytes_per_second", rate(at.Done, elapsed))
}

// draw redraws the bar on the terminal, at most ten times a second.
func (p *progress) draw(at lint.Progress, now time.Time) {
	if now.Sub(p.start) < progressDelay || now.Sub(p.lastDraw) < 100*time.Millisecond {
		return
	}
	p.lastDraw = now
	frac := fraction(at)
	const width = 24
	n := int(frac * width)
	fmt.Fprint(p.w, "\r\x1b[K"+p.tr.Sprintf("scanning %s [%s%s] %3.0f%% %s/%s, ~%d/%s, %s/s", shorten(at.Dataset, 32),
		strings.Repeat("=", n), strings.Repeat(" ", width-n), 100*frac, p.humanBytes(at.Done), p.humanBytes(at.Total),
		rowsDone(at), p.tr.Sprintf("%d rows", at.Rows), p.humanBytes(rate(at.Done, now.Sub(p.dsStart)))))
	p.drawn = true
}

// clear erases the bar.
func (p *progress) clear() {
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}

// done erases the bar at the end of the run.
func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
}

// interrupted ends the bar's line, leaving it to show how far the scan got.
func (p *progress) interrupted() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprintln(p.w)
		p.drawn = false
	}
}

// fraction is how much of the dataset's bytes were read, 0 to 1.
func fraction(at lint.Progress) float64 {
	return min(float64(at.Done)/float64(at.Total), 1)
}

// rowsDone estimates the rows read from the bytes read: a row group's
// bytes and rows go together.
func rowsDone(at lint.Progress) int64 {
	return int64(fraction(at) * float64(at.Rows))
}

// rate is bytes per second.
func rate(n int64, d time.Duration) int64 {
	if d <= 0 {
		return 0
	}
	return int64(float64(n) / d.Seconds())
}

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n+1:]
}

var units = []string{"B", "KiB", "MiB", "GiB", "TiB"}

// humanBytes writes a size in binary units with the language's
// separators: 2.5 MiB (2,5 MiB).
func (p *progress) humanBytes(n int64) string {
	f, i := float64(n), 0
	for f >= 1024 && i < len(units)-1 {
		f /= 1024
		i++
	}
	if i == 0 {
		return p.tr.Int(n) + " B"
	}
	return p.tr.Float(f, 1) + " " + units[i]
}

// seconds writes a duration in seconds with the language's separators:
// 1.2 s (1,2 s).
func (p *progress) seconds(d time.Duration) string {
	return p.tr.Float(d.Seconds(), 1) + " s"
}
