package main

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"time"
)

// progress draws a bar on a terminal, and a line per phase elsewhere.
type progress struct {
	mu    sync.Mutex
	tty   bool
	label string
	total int
	done  int
	shown time.Time
	began time.Time
}

func newProgress() *progress {
	fi, err := os.Stderr.Stat()
	return &progress{tty: err == nil && fi.Mode()&os.ModeCharDevice != 0}
}

func (p *progress) start(label string, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.label, p.total, p.done, p.began = label, total, 0, time.Now()
	if !p.tty {
		fmt.Fprintf(os.Stderr, "%s (%d)…\n", label, total)
	}
	p.draw(true)
}

func (p *progress) add(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	p.draw(false)
}

func (p *progress) set(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done = n
	p.draw(false)
}

func (p *progress) finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.draw(true)
	if p.tty {
		fmt.Fprintln(os.Stderr)
	}
}

func (p *progress) draw(force bool) {
	if !p.tty || (!force && time.Since(p.shown) < 100*time.Millisecond) {
		return
	}
	p.shown = time.Now()
	const width = 30
	frac := 0.0
	if p.total > 0 {
		frac = min(1, float64(p.done)/float64(p.total))
	}
	n := int(frac * width)
	fmt.Fprintf(os.Stderr, "\r%-40.40s [%s%s] %3.0f%% %d/%d %s ", p.label,
		strings.Repeat("█", n), strings.Repeat("·", width-n), 100*frac, p.done, p.total,
		time.Since(p.began).Round(100*time.Millisecond))
}
