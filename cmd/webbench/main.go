// Command webbench measures the web app as a person on a slow network
// meets it: in Chromium, with every request 150 ms away and 1.6 Mbit/s
// each way, how long the inbox takes to show, on a first visit (cold:
// nothing cached, only signed in) and on a later one (warm: what the
// first visit left); what the app downloads; and, unthrottled, how long a
// message takes from one person's Enter to the other's screen.
//
//	go build -o .bin/pbchat . && go run ./cmd/webbench -bin .bin/pbchat -write
//
// -before BIN measures an older binary the same way, beside it. With
// -write it replaces the web app's table in BENCHMARKS.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"slices"
	"strings"

	"github.com/chromedp/chromedp"
)

func main() {
	bin := flag.String("bin", ".bin/pbchat", "the pbchat binary to measure")
	before := flag.String("before", "", "an older binary to measure beside it")
	runs := flag.Int("runs", 5, "cold and warm loads per binary")
	sends := flag.Int("sends", 20, "messages sent for the send-to-screen time")
	write := flag.Bool("write", false, "write the table into BENCHMARKS.md")
	md := flag.String("md", "BENCHMARKS.md", "the markdown file to update")
	flag.Parse()

	chromium, err := exec.LookPath("chromium")
	if err != nil {
		log.Fatal("webbench needs Debian's chromium (apt-get install chromium)")
	}
	var rows []result
	for _, b := range []struct{ label, bin string }{{"before", *before}, {"now", *bin}} {
		if b.bin == "" {
			continue
		}
		r, err := measure(chromium, b.bin, *runs, *sends)
		if err != nil {
			log.Fatalf("%s (%s): %v", b.label, b.bin, err)
		}
		r.label = b.label
		rows = append(rows, r)
	}
	table := render(rows, *runs, *sends)
	fmt.Print(table)
	if *write {
		if err := replaceSection(*md, table); err != nil {
			log.Fatal(err)
		}
	}
}

// result is one binary's figures, in milliseconds and bytes.
type result struct {
	label           string
	cold, warm      []float64
	coldBytes       int64
	coldRequests    int
	warmBytes       int64
	warmRequests    int
	send            []float64
	elementsGzipped int64
}

func measure(chromium, bin string, runs, sends int) (result, error) {
	var r result
	srv, err := start(bin)
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

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[len(s)/2]
}

func percentile(xs []float64, p float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[min(len(s)-1, int(float64(len(s))*p))]
}

func render(rows []result, runs, sends int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Chromium, every request 150 ms away and 1.6 Mbit/s each way; medians of %d loads; the inbox counts as shown when a conversation's row is on screen. Send to screen: %d messages, unthrottled, from Enter in one browser to the text on the other's screen.\n\n", runs, sends)
	b.WriteString("| | inbox, cold | inbox, warm | downloaded cold (requests) | downloaded warm (requests) | send to screen, median (p95) |\n|---|---:|---:|---:|---:|---:|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %.0f ms | %.0f ms | %.1f KB (%d) | %.1f KB (%d) | %.0f ms (%.0f ms) |\n", r.label, median(r.cold), median(r.warm),
			float64(r.coldBytes)/1024, r.coldRequests, float64(r.warmBytes)/1024, r.warmRequests, median(r.send), percentile(r.send, 0.95))
	}
	return b.String()
}

const (
	startMark = "<!-- webbench:start -->"
	endMark   = "<!-- webbench:end -->"
)

func replaceSection(path, table string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s := string(b)
	i, j := strings.Index(s, startMark), strings.Index(s, endMark)
	if i < 0 || j < i {
		return errors.New(path + " lacks the webbench markers")
	}
	s = s[:i+len(startMark)] + "\n" + table + s[j:]
	return os.WriteFile(path, []byte(s), 0o644)
}
