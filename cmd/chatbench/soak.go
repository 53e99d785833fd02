package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite"
)

// The soak: many users in conversations of mixed sizes, concurrent
// posters, clients that drop and resume at random, a few that read very
// slowly, people added and removed, and (with -restart) the server stopped
// with SIGTERM halfway and started again on the same data. At the end the
// journal, read straight from the database, is the oracle: per user, every
// message of a conversation they were in when it committed (and still are)
// arrived exactly once, in commit order, live or through resume; none
// arrived from a conversation they were not in; every message accepted
// with 200 is in the database.

type soakConfig struct {
	duration time.Duration
	users    int
	posters  int
	restart  bool
	slow     int
	dropRate float64 // share of clients dropped per second
}

type soakStats struct {
	Users, Conversations, Accepted, Refused    int
	Deliveries, Drops, SlowCloses, Reconnects  int
	MembershipChanges, Restarts                int
	Lost, Duplicated, OutOfOrder, Misdelivered int
	Resyncs                                    int
	MissingFromDB, ServerGoroutines, ServerFDs int
	BaselineGoroutines, BaselineFDs            int
	Seconds                                    float64
}

func runSoak(bin string, sc soakConfig, bar *progress) (soakStats, error) {
	st := soakStats{Users: sc.users}
	w, err := setup(bin, sc.users, 0, bar)
	if err != nil {
		return st, err
	}
	defer os.RemoveAll(w.dir)

	// conversations of mixed sizes, overlapping
	rng := rand.New(rand.NewPCG(1, 2))
	var convs []*soakConv
	sizes := []int{}
	for range sc.users / 4 {
		sizes = append(sizes, 2)
	}
	for range sc.users / 50 {
		sizes = append(sizes, 10)
	}
	for range max(1, sc.users/250) {
		sizes = append(sizes, 50)
	}
	sizes = append(sizes, min(sc.users, 200)) // the last: the slow readers are in it

	dir, err := os.MkdirTemp("", "chatbench-soak-")
	if err != nil {
		return st, err
	}
	defer os.RemoveAll(dir)
	if err := copyDir(w.dir, dir); err != nil {
		return st, err
	}
	srv, err := startServer(bin, dir, soakFlags...)
	if err != nil {
		return st, err
	}
	addr := strings.TrimPrefix(srv.url, "http://")
	var srvMu sync.RWMutex
	current := func() *server { srvMu.RLock(); defer srvMu.RUnlock(); return srv }
	defer func() { current().stop() }()

	a := newAPI(srv.url, sc.posters+4)
	ctx := context.Background()
	admin, err := a.superuser(ctx)
	if err != nil {
		return st, err
	}
	a.client.CloseIdleConnections()
	bar.start("soak: conversations", len(sizes))
	for k, n := range sizes {
		members := rng.Perm(sc.users)[:n]
		if k == len(sizes)-1 {
			members = append(members[:0:0], rng.Perm(sc.users)[:n]...)
			for i := range min(sc.slow, n) { // the slow readers, and a creator who stays
				if j := slices.Index(members, i); j >= 0 {
					members[j] = members[i]
				}
				members[i] = i
			}
		}
		ids := make([]string, n)
		for i, m := range members {
			ids[i] = w.users[m].ID
		}
		var rec struct{ ID string }
		// titled: two people have one untitled (direct) conversation, and
		// the soak may put the same two in two rooms of two
		if err := a.do(ctx, "POST", "/api/collections/conversations/records", admin,
			map[string]any{"title": fmt.Sprintf("soak %d", k), "members": ids, "createdBy": ids[0]}, &rec); err != nil {
			return st, err
		}
		convs = append(convs, &soakConv{id: rec.ID, members: slices.Clone(members), creator: members[0]})
		bar.add(1)
	}
	bar.finish()
	st.Conversations = len(convs)
	baseSeq, err := journalLast(dir)
	if err != nil {
		return st, err
	}
	st.BaselineGoroutines, st.BaselineFDs = serverLoad(current())

	// clients
	counters := &soakCounters{}
	wsURL := func() string { return "ws://" + addr + "/api/chat/ws" }
	clients := make([]*soakClient, sc.users)
	for i := range clients {
		clients[i] = &soakClient{idx: i, user: w.users[i], url: wsURL, stats: counters,
			ready: make(chan int64, 1), done: make(chan struct{})}
		clients[i].slow.Store(i < sc.slow)
		go clients[i].run()
	}
	bar.start("soak: connecting", sc.users)
	for _, c := range clients {
		select {
		case <-c.ready:
		case <-time.After(30 * time.Second):
			return st, fmt.Errorf("client %d never got ready", c.idx)
		}
		bar.add(1)
	}
	bar.finish()

	// load: posters, faults, membership churn, restart
	var accepted sync.Map // message id → true
	var nAccepted, nRefused, nChanges atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for p := range sc.posters {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(p), 7))
			for {
				select {
				case <-stop:
					return
				default:
				}
				conv := convs[r.IntN(len(convs))]
				if r.IntN(4) == 0 {
					conv = convs[len(convs)-1] // a busy room, for the slow readers
				}
				conv.mu.Lock()
				author := conv.members[r.IntN(len(conv.members))]
				conv.mu.Unlock()
				id := newMessageID(r)
				// posts race the restart: one may be cut off, and then it
				// must be either refused or stored
				err := a.do(ctx, "POST", "/api/collections/messages/records", w.users[author].Token,
					map[string]string{"id": id, "conversation": conv.id, "text": "soak " + id}, nil)
				if err != nil {
					nRefused.Add(1) // removed meanwhile, or the server was restarting
					continue
				}
				accepted.Store(id, true)
				nAccepted.Add(1)
			}
		})
	}
	wg.Go(func() { // faults: drops
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		r := rand.New(rand.NewPCG(3, 4))
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				for range int(sc.dropRate*float64(sc.users)/10) + 1 {
					clients[r.IntN(len(clients))].drop()
					counters.drops.Add(1)
				}
			}
		}
	})
	wg.Go(func() { // membership churn in the groups
		t := time.NewTicker(250 * time.Millisecond)
		defer t.Stop()
		r := rand.New(rand.NewPCG(5, 6))
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				conv := convs[len(convs)-1-r.IntN(len(convs)/5+1)]
				conv.mu.Lock()
				var change func() error
				owner := w.users[conv.creator].Token
				if r.IntN(2) == 0 && len(conv.members) > 3 {
					victim := conv.members[1+r.IntN(len(conv.members)-1)] // never the creator, its owner
					conv.members = slices.DeleteFunc(conv.members, func(m int) bool { return m == victim })
					change = func() error { return removeMember(ctx, a, owner, conv.id, w.users[victim].ID) }
				} else if newcomer := r.IntN(sc.users); !slices.Contains(conv.members, newcomer) {
					conv.members = append(conv.members, newcomer)
					change = func() error {
						return a.do(ctx, "POST", "/api/collections/members/records", owner,
							map[string]any{"conversation": conv.id, "user": w.users[newcomer].ID}, nil)
					}
				}
				conv.mu.Unlock()
				if change != nil && change() == nil {
					nChanges.Add(1)
				}
			}
		}
	})

	start := time.Now()
	bar.start("soak: running", int(sc.duration.Seconds()))
	restarted := false
	for time.Since(start) < sc.duration {
		time.Sleep(time.Second)
		bar.set(int(time.Since(start).Seconds()))
		if sc.restart && !restarted && time.Since(start) > sc.duration/2 {
			restarted = true
			current().stop() // SIGTERM, mid-load
			next, err := startServerAt(bin, dir, addr)
			if err != nil {
				return st, fmt.Errorf("restart: %w", err)
			}
			srvMu.Lock()
			srv = next
			srvMu.Unlock()
			st.Restarts++
		}
	}
	close(stop)
	wg.Wait()
	bar.finish()
	st.Seconds = time.Since(start).Seconds()

	// catch up: every client reconnects once more and resumes to ready, on
	// a connection made after the load stopped
	bar.start("soak: catching up", len(clients))
	for _, c := range clients {
		c.slow.Store(false)
	}
	targets := make([]int64, len(clients))
	for i, c := range clients {
		targets[i] = c.gen.Add(1)
		c.drop()
	}
	for i, c := range clients {
		deadline := time.Now().Add(60 * time.Second)
	wait:
		for {
			select {
			case g := <-c.ready:
				if g >= targets[i] {
					break wait
				}
			case <-time.After(2 * time.Second):
				c.drop() // a connection dialed before the bump: again
			}
			if time.Now().After(deadline) {
				return st, fmt.Errorf("client %d did not resume", c.idx)
			}
		}
		bar.add(1)
	}
	bar.finish()
	time.Sleep(time.Second)
	for _, c := range clients {
		c.stop.Store(true)
		c.drop()
		<-c.done
	}
	a.client.CloseIdleConnections()
	time.Sleep(2 * time.Second)
	st.ServerGoroutines, st.ServerFDs = serverLoad(current())
	current().stop()

	st.Accepted, st.Refused, st.MembershipChanges = int(nAccepted.Load()), int(nRefused.Load()), int(nChanges.Load())
	st.Deliveries = int(counters.deliveries.Load())
	st.Drops, st.SlowCloses, st.Reconnects = int(counters.drops.Load()), int(counters.slowCloses.Load()), int(counters.reconnects.Load())
	st.Resyncs = int(counters.resyncs.Load())
	return st, check(&st, dir, baseSeq, w, clients, &accepted)
}

// soakFlags raise the resume limits above any gap of the soak, so that every
// gap is healed by a resume, which the soak checks exactly; past the limit
// a client gets resync and reloads over REST (tested in realtime).
var soakFlags = []string{"--chatResumeLimit=1000000", "--chatResumeBytes=1073741824"}

type soakConv struct {
	id      string
	creator int
	mu      sync.Mutex
	members []int
}

func newMessageID(r *rand.Rand) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 15)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}

// startServerAt runs bin on dir at addr (a restart keeps the address, so
// that clients reconnect to it).
func startServerAt(bin, dir, addr string) (*server, error) {
	var last error
	for range 50 { // the old process may hold the port a moment longer
		s, err := startServerOn(bin, dir, addr, soakFlags...)
		if err == nil {
			return s, nil
		}
		last = err
		time.Sleep(100 * time.Millisecond)
	}
	return nil, last
}

// serverLoad reads the server's goroutines (through PBCHAT_PPROF, if set)
// and open sockets (its other files are mostly SQLite's connection pool,
// which PocketBase keeps open up to its limit).
func serverLoad(s *server) (goroutines, sockets int) {
	dir := fmt.Sprintf("/proc/%d/fd", s.cmd.Process.Pid)
	if entries, err := os.ReadDir(dir); err == nil {
		for _, e := range entries {
			if l, err := os.Readlink(filepath.Join(dir, e.Name())); err == nil && strings.HasPrefix(l, "socket:") {
				sockets++
			}
		}
	}
	if addr := os.Getenv("PBCHAT_PPROF"); addr != "" {
		if res, err := http.Get("http://" + addr + "/debug/pprof/goroutine?debug=1"); err == nil {
			var b bytes.Buffer
			b.ReadFrom(res.Body)
			res.Body.Close()
			fmt.Sscanf(b.String(), "goroutine profile: total %d", &goroutines)
		}
	}
	return goroutines, sockets
}

func journalLast(dir string) (int64, error) {
	db, err := sql.Open("sqlite", filepath.Join(dir, "data.db")+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var last sql.NullInt64
	err = db.QueryRow("SELECT MAX(seq) FROM _chat_events").Scan(&last)
	return last.Int64, err
}

// removeMember has an owner take user out of conv: it finds the member
// record, then deletes it.
func removeMember(ctx context.Context, a *api, owner, conv, user string) error {
	var page struct {
		Items []struct{ ID string } `json:"items"`
	}
	filter := url.QueryEscape(`conversation="` + conv + `" && user="` + user + `"`)
	if err := a.do(ctx, "GET", "/api/collections/members/records?skipTotal=1&fields=id&filter="+filter, owner, nil, &page); err != nil {
		return err
	}
	if len(page.Items) == 0 {
		return fmt.Errorf("%s is not in %s", user, conv)
	}
	return a.do(ctx, "DELETE", "/api/collections/members/records/"+page.Items[0].ID, owner, nil, nil)
}
