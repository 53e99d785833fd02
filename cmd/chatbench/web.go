// web.go: the -web mode: the web app as a person on a slow network meets
// it. In Chromium, with every request 150 ms away and 1.6 Mbit/s each way,
// how long the inbox takes to show on a first visit (cold: nothing
// cached, only signed in) and on a later one (warm: what the first visit
// left); what the app downloads; and, unthrottled, how long a message
// takes from one person's Enter to the other's screen. -before measures
// an older binary beside it; -write replaces the web app's table in
// BENCHMARKS.md.

package main

import (
	"context"
	"fmt"
	"log"
	"os/exec"
	"slices"
	"strings"

	"github.com/chromedp/chromedp"
)

// webMain runs the -web mode and returns the exit code.
func webMain(bin, before string, runs, sends int, write bool, md string) int {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		log.Print("-web needs Debian's chromium (apt-get install chromium)")
		return 1
	}
	var rows []webResult
	for _, b := range []struct{ label, bin string }{{"before", before}, {"now", bin}} {
		if b.bin == "" {
			continue
		}
		r, err := measureWeb(chromium, b.bin, runs, sends)
		if err != nil {
			log.Printf("%s (%s): %v", b.label, b.bin, err)
			return 1
		}
		r.label = b.label
		rows = append(rows, r)
	}
	table := renderWeb(rows, runs, sends)
	fmt.Print(table)
	if write {
		if err := replaceSection(md, webStart, webEnd, table); err != nil {
			log.Print(err)
			return 1
		}
	}
	return 0
}

// webResult is one binary's figures, in milliseconds and bytes.
type webResult struct {
	label           string
	cold, warm      []float64
	coldBytes       int64
	coldRequests    int
	warmBytes       int64
	warmRequests    int
	send            []float64
	elementsGzipped int64
}

func measureWeb(chromium, bin string, runs, sends int) (webResult, error) {
	var r webResult
	srv, err := startSeeded(bin)
	if err != nil {
		return r, err
	}
	defer srv.stop()
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true), chromedp.WindowSize(1200, 800))...)
	defer cancel()
	browser, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	if err := chromedp.Do(browser); err != nil {
		return r, fmt.Errorf("start chromium: %w", err)
	}
	alice, err := srv.signIn("alice@example.com")
	if err != nil {
		return r, err
	}
	for i := 0; i < runs; i++ {
		cold, warm, err := loads(browser, srv.url, alice)
		if err != nil {
			return r, err
		}
		r.cold = append(r.cold, cold.ms)
		r.warm = append(r.warm, warm.ms)
		r.coldBytes, r.coldRequests = cold.bytes, cold.requests
		r.warmBytes, r.warmRequests = warm.bytes, warm.requests
	}
	r.send, err = sendTimes(browser, srv, sends)
	return r, err
}

func medianMs(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}

func percentileMs(xs []float64, p float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[min(len(s)-1, int(float64(len(s))*p))]
}

func renderWeb(rows []webResult, runs, sends int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Chromium, every request 150 ms away and 1.6 Mbit/s each way; medians of %d loads; the inbox counts as shown when a conversation's row is on screen. Send to screen: %d messages, unthrottled, from Enter in one browser to the text on the other's screen.\n\n", runs, sends)
	b.WriteString("| | inbox, cold | inbox, warm | downloaded cold (requests) | downloaded warm (requests) | send to screen, median (p95) |\n|---|---:|---:|---:|---:|---:|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %.0f ms | %.0f ms | %.1f KB (%d) | %.1f KB (%d) | %.0f ms (%.0f ms) |\n", r.label, medianMs(r.cold), medianMs(r.warm),
			float64(r.coldBytes)/1024, r.coldRequests, float64(r.warmBytes)/1024, r.warmRequests, medianMs(r.send), percentileMs(r.send, 0.95))
	}
	return b.String()
}

const (
	webStart = "<!-- webbench:start -->"
	webEnd   = "<!-- webbench:end -->"
)
