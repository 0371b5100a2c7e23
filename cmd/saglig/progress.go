package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/rs/zerolog"
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
// are ignored: the scan reports everything read when it stops.
type progress struct {
	mu       sync.Mutex
	ctx      context.Context
	w        io.Writer
	log      zerolog.Logger
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

func newProgress(ctx context.Context, w io.Writer, log zerolog.Logger) *progress {
	return &progress{ctx: ctx, w: w, log: log, terminal: isTerminal(w), now: time.Now, start: time.Now()}
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
			Msgf("scanned %s: %d rows, %s, %s in %s (%s/s)", at.Dataset, at.Rows, humanBytes(at.Total), plural(at.Files, "file"), elapsed.Round(time.Millisecond), humanBytes(rate(at.Total, elapsed)))
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
			Msgf("scanning %s: %.0f%%, ~%d of %d rows, %s of %s, %s, %s/s", at.Dataset, 100*fraction(at), rowsDone(at), at.Rows,
				humanBytes(at.Done), humanBytes(at.Total), plural(at.Files, "file"), humanBytes(r))
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
	fmt.Fprintf(p.w, "\r\x1b[Kscanning %s [%s%s] %3.0f%% %s/%s, ~%d/%d rows, %s/s", shorten(at.Dataset, 32),
		strings.Repeat("=", n), strings.Repeat(" ", width-n), 100*frac, humanBytes(at.Done), humanBytes(at.Total),
		rowsDone(at), at.Rows, humanBytes(rate(at.Done, now.Sub(p.dsStart))))
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

// plural is "1 file" or "N files".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n+1:]
}

var units = []string{"B", "KiB", "MiB", "GiB", "TiB"}

func humanBytes(n int64) string {
	f, i := float64(n), 0
	for f >= 1024 && i < len(units)-1 {
		f /= 1024
		i++
	}
	if i == 0 {
		return fmt.Sprintf("%d B", n)
	}
	return fmt.Sprintf("%.1f %s", f, units[i])
}
