package main

import (
	"fmt"
	"os"
	"strings"
	"time"
)

// edgesMain runs the delivery scenarios and the idle-socket memory run on
// one process and through primaries with edges, side by side: -edges 0,1,3.
func edgesMain(c config, w *world, list string, bar *progress) int {
	started := time.Now()
	t := &table{head: []string{"measure"}}
	failed := false
	for _, n := range splitInts(list) {
		c.edges = n
		var col []measurement
		for _, s := range []struct {
			name, kind string
			pace       float64
		}{
			{"dm-1000", "dm", 0},
			{"group-1000", "group", 0},
			{"group-1000 paced", "group", c.pace},
		} {
			r, err := runDelivery(c, w, s.name, s.kind, "websocket", s.pace, bar)
			if err != nil || r.Lost+r.Dups+r.Misdelivered > 0 {
				fmt.Fprintf(os.Stderr, "edges %d, %s: %v (lost %d, dup %d, misdelivered %d)\n", n, s.name, err, r.Lost, r.Dups, r.Misdelivered)
				failed = true
				continue
			}
			fmt.Fprintf(os.Stderr, "%s, %s\n", deploymentLabel(n), r.line())
			perDelivery := float64(r.CPU.Microseconds()) / float64(max(r.Deliveries, 1))
			if s.pace > 0 {
				col = append(col,
					measurement{s.name + ": p50", fmtDur(r.pct(.5))},
					measurement{s.name + ": p99", fmtDur(r.pct(.99))})
				continue
			}
			col = append(col,
				measurement{s.name + ": posts/s", fmt.Sprintf("%.0f", r.postsPerSec())},
				measurement{s.name + ": deliveries/s", fmt.Sprintf("%.0f", r.deliveriesPerSec())},
				measurement{s.name + ": p50 / p99", fmtDur(r.pct(.5)) + " / " + fmtDur(r.pct(.99))},
				measurement{s.name + ": CPU per delivery, all processes", fmt.Sprintf("%.1f µs", perDelivery)},
				measurement{s.name + ": lost / duplicated / misdelivered", fmt.Sprintf("%d / %d / %d", r.Lost, r.Dups, r.Misdelivered)})
		}
		mem, err := edgeMemory(c, w, n, bar)
		if err != nil {
			fmt.Fprintf(os.Stderr, "edges %d, memory: %v\n", n, err)
			failed = true
		}
		col = append(col, measurement{fmt.Sprintf("memory per idle websocket, %d sockets", c.memConns[len(c.memConns)-1]), mem})
		t.add(col)
		t.head = append(t.head, deploymentLabel(n))
	}
	var md strings.Builder
	fmt.Fprintf(&md, "Run on %s, %s, in %s: `go run ./cmd/chatbench -bin %s -edges %s`: the same scenarios as above, websocket only; a primary and its edges are separate processes on this machine, NATS runs in the benchmark's process; CPU is user and system time of every pbchat process from the first post to the last delivery.\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), machine(), time.Since(started).Round(time.Second), c.bin, list)
	md.WriteString(t.markdown())
	code := publish(md.String(), c.write, c.mdPath, "chatedges")
	if failed {
		return 1
	}
	return code
}

// edgeMemory connects the memory run's idle sockets, spread over the
// socket processes, and returns each one's RSS growth per socket it holds.
func edgeMemory(c config, w *world, edges int, bar *progress) (string, error) {
	n := c.memConns[len(c.memConns)-1]
	d, err := startDeployment(c.bin, w.dir, edges, "--chatMaxSockets=16")
	if err != nil {
		return "", err
	}
	defer d.stop()
	holders := d.edges
	if edges == 0 {
		holders = []*server{d.primary}
	}
	time.Sleep(2 * time.Second)
	before := make([]int64, len(holders))
	for i, s := range holders {
		if before[i], err = s.rss(); err != nil {
			return "", err
		}
	}
	clients, err := connectAll("websocket", d.socketURLs(), w.users, n, nil, bar)
	defer closeAll(clients)
	if err != nil {
		return "", err
	}
	time.Sleep(5 * time.Second)
	var parts []string
	for i, s := range holders {
		after, err := s.rss()
		if err != nil {
			return "", err
		}
		held := n / len(holders)
		if i < n%len(holders) {
			held++
		}
		parts = append(parts, fmt.Sprintf("%.1f KB", float64(after-before[i])/1024/float64(held)))
	}
	return strings.Join(parts, ", "), nil
}

func fmtDur(d time.Duration) string {
	return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000)
}
