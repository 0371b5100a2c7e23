package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
)

// progress draws a bar on stderr when a scan takes more than two seconds and
// stderr is a terminal; otherwise it draws nothing.
type progress struct {
	mu      sync.Mutex
	w       io.Writer
	enabled bool
	start   time.Time
	drawn   bool
	last    time.Time
}

const progressDelay = 2 * time.Second

func newProgress(w io.Writer) *progress {
	return &progress{w: w, enabled: isTerminal(w), start: time.Now()}
}

func (p *progress) update(dataset string, done, total int64) {
	if !p.enabled || total <= 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Sub(p.start) < progressDelay || now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	frac := float64(done) / float64(total)
	if frac > 1 {
		frac = 1
	}
	const width = 30
	n := int(frac * width)
	fmt.Fprintf(p.w, "\r\x1b[Kscanning %s [%s%s] %3.0f%% %s/%s", shorten(dataset, 40),
		strings.Repeat("=", n), strings.Repeat(" ", width-n), 100*frac, humanBytes(done), humanBytes(total))
	p.drawn = true
}

func (p *progress) done() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
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
