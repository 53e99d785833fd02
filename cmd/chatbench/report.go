package main

import (
	"bufio"
	"bytes"
	"fmt"
	"image/color"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// result is one scenario over one transport.
type result struct {
	Scenario, Transport, Kind string

	Posts          int
	PostSeconds    float64
	Expected       int
	Deliveries     int
	DeliverSeconds float64
	Lost           int
	Dups           int
	Misdelivered   int
	Latencies      []time.Duration // sorted
	CPU            time.Duration   // of every pbchat process, from the first post to the last delivery
}

func (r result) postsPerSec() float64 { return float64(r.Posts) / r.PostSeconds }

func (r result) deliveriesPerSec() float64 {
	if r.DeliverSeconds <= 0 {
		return 0
	}
	return float64(r.Deliveries) / r.DeliverSeconds
}

func (r result) pct(p float64) time.Duration {
	if len(r.Latencies) == 0 {
		return 0
	}
	return r.Latencies[min(len(r.Latencies)-1, int(p*float64(len(r.Latencies))))]
}

func (r result) line() string {
	if r.Transport == "none" {
		return fmt.Sprintf("%-18s %-9s %6d posts  %7.0f posts/s", r.Scenario+" "+r.Kind, "none", r.Posts, r.postsPerSec())
	}
	return fmt.Sprintf("%-18s %-9s %6d posts  %7.0f posts/s  %9.0f deliveries/s  p50 %v  p99 %v  max %v  lost %d dup %d misdelivered %d",
		r.Scenario, r.Transport, r.Posts, r.postsPerSec(), r.deliveriesPerSec(),
		ms(r.pct(.5)), ms(r.pct(.99)), ms(r.pct(1)), r.Lost, r.Dups, r.Misdelivered)
}

type memResult struct {
	Transport     string
	Conns         int
	Before, After int64
	PerConn       float64
}

func (m memResult) line() string {
	return fmt.Sprintf("memory %-9s %6d idle connections: RSS %d MB → %d MB, %.1f KB each",
		m.Transport, m.Conns, m.Before>>20, m.After>>20, m.PerConn/1024)
}

func ms(d time.Duration) string {
	return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
}

type report struct {
	Results []result
	Memory  []memResult
	Config  config
	Took    time.Duration
}

func machine() string {
	cpu := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(bytes.NewReader(b))
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	memory := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		fmt.Sscanf(strings.TrimPrefix(strings.SplitN(string(b), "\n", 2)[0], "MemTotal:"), "%d", &kb)
		memory = fmt.Sprintf(", %d GiB", (kb+(1<<19))>>20)
	}
	goVersion := runtime.Version()
	if out, err := exec.Command("go", "version").Output(); err == nil {
		goVersion = strings.TrimSpace(string(out))
	}
	return fmt.Sprintf("%s, %d cores%s, %s/%s; %s", cpu, runtime.NumCPU(), memory, runtime.GOOS, runtime.GOARCH, goVersion)
}

// find returns the result of a scenario and transport.
func (rep report) find(scenario, transport, kind string) (result, bool) {
	for _, r := range rep.Results {
		if r.Scenario == scenario && r.Transport == transport && (kind == "" || r.Kind == kind) {
			return r, true
		}
	}
	return result{}, false
}

func (rep report) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Run on %s, %s (%s in all). Server and clients on one machine, over loopback.\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), machine(), rep.Took.Round(time.Second))
	fmt.Fprintf(&b, "Command: `make bench` (`go run ./cmd/chatbench -bin .bin/pbchat -posters %d -posts %d -maxpost %s -group %d -pace %g -write`).\n\n",
		rep.Config.posters, rep.Config.posts, rep.Config.maxPost, rep.Config.groupSize, rep.Config.pace)
	b.WriteString("| scenario | transport | posts | posts/s | deliveries/s | p50 | p99 | max | lost | dup | misdelivered |\n")
	b.WriteString("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, r := range rep.Results {
		if r.Transport == "none" {
			fmt.Fprintf(&b, "| ceiling (%s) | nobody listening | %d | %.0f | | | | | | | |\n", r.Kind, r.Posts, r.postsPerSec())
			continue
		}
		fmt.Fprintf(&b, "| %s | %s | %d | %.0f | %.0f | %s | %s | %s | %d | %d | %d |\n",
			r.Scenario, r.Transport, r.Posts, r.postsPerSec(), r.deliveriesPerSec(),
			ms(r.pct(.5)), ms(r.pct(.99)), ms(r.pct(1)), r.Lost, r.Dups, r.Misdelivered)
	}
	if len(rep.Memory) > 0 {
		b.WriteString("\n| idle authenticated connections | transport | server RSS before | after | per connection |\n")
		b.WriteString("|---:|---|---:|---:|---:|\n")
		for _, m := range rep.Memory {
			fmt.Fprintf(&b, "| %d | %s | %d MB | %d MB | %.1f KB |\n", m.Conns, m.Transport, m.Before>>20, m.After>>20, m.PerConn/1024)
		}
	}

	// targets
	b.WriteString("\nTargets:\n\n")
	check := func(ok bool, text string) {
		mark := "met"
		if !ok {
			mark = "**missed**"
		}
		fmt.Fprintf(&b, "- %s: %s\n", text, mark)
	}
	ceilDM, ok1 := rep.find("ceiling", "none", "dm")
	wsDM, ok2 := rep.find("dm-1000", "websocket", "")
	sseDM, ok3 := rep.find("dm-1000", "sse", "")
	if ok1 && ok2 {
		check(wsDM.postsPerSec() >= 0.8*ceilDM.postsPerSec(),
			fmt.Sprintf("dm-1000 websocket posts/s ≥ 80%% of the ceiling: %.0f of %.0f (%.0f%%)", wsDM.postsPerSec(), ceilDM.postsPerSec(), 100*wsDM.postsPerSec()/ceilDM.postsPerSec()))
	}
	if ok2 && ok3 {
		check(wsDM.deliveriesPerSec() >= 100*sseDM.deliveriesPerSec(),
			fmt.Sprintf("dm-1000 deliveries/s ≥ 100× SSE: %.0f vs %.0f (%.0f×)", wsDM.deliveriesPerSec(), sseDM.deliveriesPerSec(), wsDM.deliveriesPerSec()/sseDM.deliveriesPerSec()))
	}
	wsG, ok4 := rep.find("group-1000", "websocket", "")
	sseG, ok5 := rep.find("group-1000", "sse", "")
	if ok4 {
		check(wsG.deliveriesPerSec() >= 50000, fmt.Sprintf("group-1000 ≥ 50,000 deliveries/s: %.0f", wsG.deliveriesPerSec()))
	}
	if ok4 && ok5 {
		check(wsG.deliveriesPerSec() >= 40*sseG.deliveriesPerSec(),
			fmt.Sprintf("group-1000 ≥ 40× SSE: %.0f vs %.0f (%.0f×)", wsG.deliveriesPerSec(), sseG.deliveriesPerSec(), wsG.deliveriesPerSec()/sseG.deliveriesPerSec()))
	}
	if p, ok := rep.find("group-1000 paced", "websocket", ""); ok {
		check(p.pct(.99) < 100*time.Millisecond, fmt.Sprintf("group-1000 p99 < 100 ms at %g posts/s: %s", rep.Config.pace, ms(p.pct(.99))))
	}
	for _, m := range rep.Memory {
		if m.Transport == "websocket" && m.Conns == 10000 {
			check(m.PerConn <= 10*1024, fmt.Sprintf("≤ 10 KB per idle websocket at 10,000: %.1f KB", m.PerConn/1024))
		}
	}
	bad := 0
	for _, r := range rep.Results {
		bad += r.Lost + r.Dups + r.Misdelivered
	}
	check(bad == 0, fmt.Sprintf("no lost, duplicated or misdelivered event: %d in all", bad))
	return b.String()
}

const (
	startMark = "<!-- chatbench:start -->"
	endMark   = "<!-- chatbench:end -->"
)

// write puts the markdown between the marks of mdPath and draws the chart.
func (rep report) write(mdPath, pngPath string) error {
	if err := rep.chart(pngPath); err != nil {
		return err
	}
	return replaceSection(mdPath, startMark, endMark,
		rep.markdown()+"\n![Latency distributions]("+pngPath[strings.Index(pngPath, "docs/"):]+")")
}

// chart draws the share of deliveries made within each latency, per run.
func (rep report) chart(path string) error {
	p := plot.New()
	p.Title.Text = "Delivery latency, from the start of the POST to receipt"
	p.X.Label.Text = "latency (ms, log scale)"
	p.Y.Label.Text = "share of deliveries"
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = plot.LogTicks{Prec: -1}
	p.Legend.Top = false
	p.Legend.Left = false
	colors := []color.Color{
		color.RGBA{47, 111, 237, 255}, color.RGBA{192, 53, 43, 255}, color.RGBA{31, 138, 76, 255},
		color.RGBA{183, 121, 31, 255}, color.RGBA{120, 60, 170, 255}, color.RGBA{90, 90, 90, 255},
	}
	k := 0
	for _, r := range rep.Results {
		if len(r.Latencies) == 0 {
			continue
		}
		const points = 200
		pts := make(plotter.XYs, 0, points)
		for i := range points {
			q := float64(i) / (points - 1)
			d := r.pct(q)
			pts = append(pts, plotter.XY{X: max(float64(d)/float64(time.Millisecond), 0.01), Y: q})
		}
		line, err := plotter.NewLine(pts)
		if err != nil {
			return err
		}
		line.Color = colors[k%len(colors)]
		line.Width = vg.Points(2)
		if r.Transport == "sse" {
			line.Dashes = []vg.Length{vg.Points(6), vg.Points(3)}
		}
		p.Add(line)
		p.Legend.Add(fmt.Sprintf("%s, %s", r.Scenario, r.Transport), line)
		k++
	}
	p.Legend.Padding = vg.Points(4)
	p.Legend.XOffs = -vg.Points(4)
	p.Legend.YOffs = vg.Points(4)
	return p.Save(9*vg.Inch, 5*vg.Inch, path)
}
