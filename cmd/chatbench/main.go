// Command chatbench measures chat delivery head to head: pbchat's websocket
// against PocketBase's built-in SSE realtime under the same access rules,
// on one server binary, in one run. It starts the server on temporary data
// dirs (loopback only), creates users and conversations over REST, connects
// every user, posts with a few concurrent posters, and checks per recipient
// what arrived and when: lost, duplicated and misdelivered events fail the
// run. It also measures the server's memory per idle connection.
//
//	go build -o .bin/pbchat . && go run ./cmd/chatbench -bin .bin/pbchat -write
//
// With -write it replaces the generated part of BENCHMARKS.md and draws
// docs/latency.png. Other modes: -soak (faults and a restart under load,
// RELIABILITY.md), -bounds (what one user's requests cost on a large
// conversation, RELIABILITY.md) and -scale (what a grown database costs one
// request, BENCHMARKS.md) and -web (the web app in Chromium on a slow
// network, BENCHMARKS.md).
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

type config struct {
	bin       string
	posters   int
	posts     int
	maxPost   time.Duration
	users     int
	memConns  []int
	groupSize int
	pace      float64
	write     bool
	mdPath    string
	pngPath   string
	skipSSE   bool
	only      string
	hold      time.Duration
	edges     int // 0: one process; else a primary and this many edges
}

func main() {
	var c config
	var mem string
	flag.StringVar(&c.bin, "bin", ".bin/pbchat", "the pbchat binary to run")
	flag.IntVar(&c.posters, "posters", 4, "concurrent posters")
	flag.IntVar(&c.posts, "posts", 5000, "posts per throughput run (fewer if -maxpost runs out)")
	flag.DurationVar(&c.maxPost, "maxpost", 15*time.Second, "longest posting phase of one run")
	flag.IntVar(&c.groupSize, "group", 1000, "members of the group conversation, and users of the DM scenario")
	flag.Float64Var(&c.pace, "pace", 10, "posts/s of the paced group run (latency)")
	flag.StringVar(&mem, "mem", "1000,10000", "idle connection counts for the memory runs (empty: none)")
	flag.BoolVar(&c.write, "write", false, "write the results into BENCHMARKS.md and docs/latency.png")
	flag.StringVar(&c.mdPath, "md", "BENCHMARKS.md", "the markdown file to update")
	flag.StringVar(&c.pngPath, "png", "docs/latency.png", "the latency chart")
	flag.BoolVar(&c.skipSSE, "nosse", false, "skip the SSE runs")
	flag.StringVar(&c.only, "only", "", "run only this scenario (dm-1000, group-1000, ceiling, memory)")
	flag.DurationVar(&c.hold, "hold", 0, "keep the idle connections of a memory run this long after measuring (to take profiles: PBCHAT_PPROF)")
	var sc soakConfig
	var relPath string
	flag.DurationVar(&sc.duration, "soak", 0, "run the soak for this long instead of the benchmarks")
	flag.IntVar(&sc.users, "soakusers", 1000, "connected users of the soak")
	flag.IntVar(&sc.posters, "soakposters", 4, "concurrent posters of the soak")
	flag.BoolVar(&sc.restart, "restart", true, "stop the server with SIGTERM halfway through the soak and start it again")
	flag.IntVar(&sc.slow, "slow", 10, "clients of the soak that read very slowly")
	flag.Float64Var(&sc.dropRate, "drop", 0.01, "share of the soak's clients dropped per second")
	flag.StringVar(&relPath, "reliability", "RELIABILITY.md", "the markdown file the soak and the bounds run update with -write")
	bounds := flag.Bool("bounds", false, "measure what one user's requests cost on a 10,000-member conversation, instead of the benchmarks")
	before := flag.String("before", "", "with -bounds or -web: an older binary to measure side by side")
	scale := flag.String("scale", "", "measure what a grown database costs one request, for these numbers of two-person conversations (for example 1000,100000), instead of the benchmarks")
	edges := flag.String("edges", "", "run the websocket scenarios and the memory run on one process and through a primary with this many edges (for example 0,1,3), instead of the benchmarks")
	var scc scaleConfig
	flag.IntVar(&scc.users, "scaleusers", 10000, "users of the scale run")
	flag.IntVar(&scc.perConv, "scalemsgs", 3, "messages in each two-person conversation of the scale run")
	flag.IntVar(&scc.group, "scalegroup", 10000, "members of the large conversation of the scale run")
	flag.IntVar(&scc.groupMsg, "scalegroupmsgs", 1000, "messages in the large conversation of the scale run")
	flag.IntVar(&scc.samples, "scalesamples", 50, "samples of each operation of the scale run")
	flag.BoolVar(&scc.keep, "scalekeep", false, "keep the data the scale run generates, and print where (a data dir to serve)")
	web := flag.Bool("web", false, "measure the web app in Chromium on a throttled network (the inbox cold and warm, send to screen), instead of the benchmarks")
	webRuns := flag.Int("webruns", 5, "with -web: cold and warm loads per binary")
	webSends := flag.Int("websends", 20, "with -web: messages sent for the send-to-screen time")
	flag.Parse()
	if *web {
		os.Exit(webMain(c.bin, *before, *webRuns, *webSends, c.write, c.mdPath))
	}
	if *scale != "" {
		os.Exit(scaleMain(c.bin, scc, *scale, c.write, c.mdPath))
	}
	if *bounds {
		os.Exit(boundsMain(c.bin, *before, c.write, relPath))
	}
	if sc.duration > 0 {
		os.Exit(soakMain(c.bin, sc, c.write, relPath))
	}
	for _, s := range splitInts(mem) {
		c.memConns = append(c.memConns, s)
	}
	c.users = max(c.groupSize, slices.Max(append([]int{0}, c.memConns...)))

	bar := newProgress()
	started := time.Now()
	w, err := setup(c.bin, c.users, c.groupSize, bar)
	if err == nil && *edges != "" {
		code := edgesMain(c, w, *edges, bar)
		os.RemoveAll(w.dir)
		os.Exit(code)
	}
	if err != nil {
		log.Fatalf("setup: %v", err)
	}
	defer os.RemoveAll(w.dir)

	var results []result
	failed := false
	add := func(r result, err error) {
		if err != nil {
			log.Printf("%s/%s: %v", r.Scenario, r.Transport, err)
			failed = true
			return
		}
		if r.Lost+r.Dups+r.Misdelivered > 0 {
			failed = true
		}
		fmt.Fprintln(os.Stderr, r.line())
		results = append(results, r)
	}
	transports := []string{"websocket", "sse"}
	if c.skipSSE {
		transports = transports[:1]
	}
	want := func(s string) bool { return c.only == "" || c.only == s }

	if want("ceiling") {
		add(runDelivery(c, w, "ceiling", "dm", "none", 0, bar))
		add(runDelivery(c, w, "ceiling", "group", "none", 0, bar))
	}
	if want("dm-1000") {
		for _, tr := range transports {
			add(runDelivery(c, w, "dm-1000", "dm", tr, 0, bar))
		}
	}
	if want("group-1000") {
		for _, tr := range transports {
			add(runDelivery(c, w, "group-1000", "group", tr, 0, bar))
			add(runDelivery(c, w, "group-1000 paced", "group", tr, c.pace, bar))
		}
	}
	var mems []memResult
	if want("memory") {
		for _, n := range c.memConns {
			for _, tr := range transports {
				m, err := runMemory(c, w, tr, n, bar)
				if err != nil {
					log.Printf("memory %s %d: %v", tr, n, err)
					failed = true
					continue
				}
				fmt.Fprintln(os.Stderr, m.line())
				mems = append(mems, m)
			}
		}
	}

	rep := report{Results: results, Memory: mems, Config: c, Took: time.Since(started)}
	fmt.Println(rep.markdown())
	if c.write {
		if err := rep.write(c.mdPath, c.pngPath); err != nil {
			log.Fatal(err)
		}
	}
	if failed {
		fmt.Fprintln(os.Stderr, "FAIL: events were lost, duplicated or misdelivered, or a run failed")
		os.Exit(1)
	}
}

// runDelivery runs one scenario over one transport ("none": nobody
// listens). pace 0 posts as fast as the posters can; otherwise at pace
// posts/s.
func runDelivery(c config, w *world, scenario, kind, transport string, pace float64, bar *progress) (result, error) {
	r := result{Scenario: scenario, Transport: transport, Kind: kind}
	d, err := startDeployment(c.bin, w.dir, c.edges)
	if err != nil {
		return r, err
	}
	defer d.stop()
	srv := d.primary

	// who is in what: DM i holds users 2i, 2i+1; the group holds [0, groupSize)
	users := min(c.groupSize, len(w.users))
	convs := w.dms
	members := func(conv int) []int { return []int{2 * conv, 2*conv + 1} }
	convOf := func(u int) []int { return []int{u / 2} }
	if kind == "group" {
		convs = []string{w.group}
		all := make([]int, users)
		for i := range all {
			all[i] = i
		}
		members = func(int) []int { return all }
		convOf = func(int) []int { return []int{0} }
	}
	n := c.posts
	if pace > 0 {
		n = int(pace * 10) // ten seconds
	}
	t := newTally(users, n, convOf, members)

	var clients []client
	if transport != "none" {
		clients, err = connectAll(transport, d.socketURLs(), w.users, users, func(u int, data []byte) {
			t.receive(u, data, time.Now())
		}, bar)
		defer closeAll(clients)
		if err != nil {
			return r, err
		}
		time.Sleep(time.Second) // let the subscriptions settle
	}

	// post
	a := newAPI(srv.url, c.posters)
	var next, done, errs atomic.Int64
	deadline := time.Now().Add(c.maxPost)
	if pace > 0 {
		deadline = time.Now().Add(time.Hour)
	}
	start := time.Now()
	cpuBefore := d.cpu()
	var ticker *time.Ticker
	if pace > 0 {
		ticker = time.NewTicker(time.Duration(float64(time.Second) / pace))
		defer ticker.Stop()
	}
	bar.start(fmt.Sprintf("%s %s: posting", scenario, transport), n)
	var wg sync.WaitGroup
	var last atomic.Int64
	for range c.posters {
		wg.Go(func() {
			for {
				if ticker != nil {
					<-ticker.C
				}
				i := int(next.Add(1) - 1)
				if i >= n || time.Now().After(deadline) {
					return
				}
				conv := i % len(convs)
				t.posts[i].conv = conv
				ms := members(conv)
				author := w.users[ms[i/len(convs)%len(ms)]]
				t.posts[i].start.Store(time.Now().UnixNano())
				err := a.do(context.Background(), "POST", "/api/collections/messages/records", author.Token,
					map[string]string{"conversation": convs[conv], "text": fmt.Sprintf("b:%d", i)}, nil)
				if err != nil {
					errs.Add(1)
					t.posts[i].conv = -1
					continue
				}
				done.Add(1)
				last.Store(time.Now().UnixNano())
				bar.add(1)
			}
		})
	}
	wg.Wait()
	bar.finish()
	posted := int(done.Load())
	postEnd := time.Unix(0, last.Load())
	r.Posts = posted
	r.PostSeconds = postEnd.Sub(start).Seconds()
	if errs.Load() > 0 {
		return r, fmt.Errorf("%d posts failed", errs.Load())
	}

	if transport != "none" {
		expected := 0
		for i := range posted {
			expected += len(members(t.posts[i].conv))
		}
		// drain: until everything arrived, or nothing arrived for 10s
		bar.start(fmt.Sprintf("%s %s: receiving", scenario, transport), expected)
		for {
			got := int(t.received.Load())
			bar.set(got)
			if got >= expected {
				break
			}
			if time.Since(time.Unix(0, max(t.lastRecv.Load(), postEnd.UnixNano()))) > 10*time.Second {
				break
			}
			time.Sleep(20 * time.Millisecond)
		}
		bar.finish()
		r.Expected = expected
		r.Deliveries = int(t.received.Load())
		r.Lost = expected - r.Deliveries
		r.Dups = int(t.dups.Load())
		r.Misdelivered = int(t.misdeliv.Load())
		r.DeliverSeconds = time.Unix(0, t.lastRecv.Load()).Sub(start).Seconds()
		r.CPU = d.cpu() - cpuBefore
		for _, l := range t.lat {
			r.Latencies = append(r.Latencies, l...)
		}
		slices.Sort(r.Latencies)
	}
	return r, nil
}

// runMemory measures the server's RSS per idle, authenticated connection.
func runMemory(c config, w *world, transport string, n int, bar *progress) (memResult, error) {
	m := memResult{Transport: transport, Conns: n}
	srv, err := startCopy(c.bin, w.dir, "--chatMaxSockets=16")
	if err != nil {
		return m, err
	}
	defer srv.stop()
	time.Sleep(2 * time.Second)
	before, err := srv.rss()
	if err != nil {
		return m, err
	}
	clients, err := connectAll(transport, []string{srv.url}, w.users, n, nil, bar)
	defer closeAll(clients)
	if err != nil {
		return m, err
	}
	time.Sleep(5 * time.Second) // idle: let the server settle
	after, err := srv.rss()
	if err != nil {
		return m, err
	}
	m.Before, m.After = before, after
	m.PerConn = float64(after-before) / float64(n)
	if c.hold > 0 {
		fmt.Fprintln(os.Stderr, m.line(), "; holding", c.hold)
		time.Sleep(c.hold)
	}
	return m, nil
}

func splitInts(s string) []int {
	var out []int
	var cur, digits int
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] >= '0' && s[i] <= '9' {
			cur = cur*10 + int(s[i]-'0')
			digits++
			continue
		}
		if digits > 0 {
			out = append(out, cur)
		}
		cur, digits = 0, 0
	}
	return out
}
