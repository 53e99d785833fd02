package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
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
	Users, Conversations, Accepted, Refused      int
	Deliveries, Drops, SlowCloses, Reconnects    int
	MembershipChanges, Restarts                  int
	Lost, Duplicated, OutOfOrder, Misdelivered   int
	Resyncs                                      int
	MissingFromDB, ServerGoroutines, ServerFDs   int
	BaselineGoroutines, BaselineFDs, AllowedMiss int
	Seconds                                      float64
}

// soakClient is one user's socket, reconnecting and resuming from its
// last cursor until stopped.
type soakClient struct {
	idx   int
	user  user
	url   func() string
	slow  atomic.Bool
	stats *soakCounters

	mu       sync.Mutex
	ws       *websocket.Conn
	cursor   string
	received []int64      // seqs of message.created, in arrival order
	gen      atomic.Int64 // bumped to ask for a fresh connection
	ready    chan int64   // the gen of each connection that got ready
	stop     atomic.Bool
	done     chan struct{}
}

type soakCounters struct {
	drops, slowCloses, reconnects, deliveries, resyncs atomic.Int64
}

func (c *soakClient) run() {
	defer close(c.done)
	first := true
	for !c.stop.Load() {
		if !first {
			c.stats.reconnects.Add(1)
			time.Sleep(time.Duration(rand.IntN(500)) * time.Millisecond)
		}
		first = false
		gen := c.gen.Load()
		ws, _, err := dialer.Dial(c.url(), nil)
		if err != nil {
			time.Sleep(200 * time.Millisecond)
			continue
		}
		c.mu.Lock()
		c.ws = ws
		since := c.cursor
		c.mu.Unlock()
		auth := map[string]string{"type": "auth", "token": c.user.Token}
		if since != "" {
			auth["since"] = since
		}
		if err := ws.WriteJSON(auth); err != nil {
			ws.Close()
			continue
		}
		c.read(ws, gen)
		ws.Close()
	}
}

var (
	typeMark   = []byte(`{"type":"`)
	cursorMark = []byte(`"cursor":"`)
)

func (c *soakClient) read(ws *websocket.Conn, gen int64) {
	for {
		_, data, err := ws.ReadMessage()
		if err != nil {
			var ce *websocket.CloseError
			if errors.As(err, &ce) && ce.Code == 4008 {
				c.stats.slowCloses.Add(1)
			}
			return
		}
		if c.slow.Load() {
			time.Sleep(200 * time.Millisecond)
		}
		// Every frame with a cursor moves the resume point; ready's too.
		cur, hasCursor := cursorOf(data)
		c.mu.Lock()
		if hasCursor {
			c.cursor = cur
		}
		if bytes.HasPrefix(data, []byte(`{"type":"message.created"`)) {
			seq, _ := strconv.ParseInt(cur, 10, 64)
			c.received = append(c.received, seq)
			c.stats.deliveries.Add(1)
		}
		c.mu.Unlock()
		switch {
		case bytes.HasPrefix(data, []byte(`{"type":"ready"`)):
			select { // keep only the latest: this reader is the only sender
			case <-c.ready:
			default:
			}
			c.ready <- gen
		case bytes.HasPrefix(data, []byte(`{"type":"resync"`)):
			// more than the resume limit was missed; a real client reloads
			// over REST, this one counts what it misses as lost
			c.stats.resyncs.Add(1)
		}
	}
}

// cursorOf finds a frame's cursor without decoding all of it.
func cursorOf(data []byte) (string, bool) {
	i := bytes.Index(data, cursorMark)
	if i < 0 {
		return "", false
	}
	rest := data[i+len(cursorMark):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return "", false
	}
	return string(rest[:j]), true
}

// drop closes the socket abruptly, as a network failure would.
func (c *soakClient) drop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ws != nil {
		c.ws.NetConn().Close()
	}
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
		if err := a.do(ctx, "POST", "/api/collections/conversations/records", admin,
			map[string]any{"participants": ids, "createdBy": ids[0]}, &rec); err != nil {
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
				var body map[string]any
				if r.IntN(2) == 0 && len(conv.members) > 3 {
					victim := conv.members[1+r.IntN(len(conv.members)-1)] // never the creator
					body = map[string]any{"participants-": w.users[victim].ID}
					conv.members = slices.DeleteFunc(conv.members, func(m int) bool { return m == victim })
				} else {
					newcomer := r.IntN(sc.users)
					if !slices.Contains(conv.members, newcomer) {
						conv.members = append(conv.members, newcomer)
					}
					body = map[string]any{"participants+": w.users[newcomer].ID}
				}
				conv.mu.Unlock()
				if err := a.do(ctx, "PATCH", "/api/collections/conversations/records/"+conv.id, w.users[conv.creator].Token, body, nil); err == nil {
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

// check compares what each client received with the journal.
func check(st *soakStats, dir string, baseSeq int64, w *world, clients []*soakClient, accepted *sync.Map) error {
	db, err := sql.Open("sqlite", filepath.Join(dir, "data.db")+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()

	idx := map[string]int{}
	for i, u := range w.users {
		idx[u.ID] = i
	}
	rows, err := db.Query("SELECT seq, type, conversation, record, added, removed FROM _chat_events ORDER BY seq")
	if err != nil {
		return err
	}
	members := map[string]map[int]bool{}
	type msg struct {
		seq  int64
		conv string
		to   map[int]bool
	}
	var msgs []msg
	for rows.Next() {
		var seq int64
		var typ, conv, rec, added, removed string
		if err := rows.Scan(&seq, &typ, &conv, &rec, &added, &removed); err != nil {
			return err
		}
		var add, rem []string
		json.Unmarshal([]byte(added), &add)
		json.Unmarshal([]byte(removed), &rem)
		if members[conv] == nil {
			members[conv] = map[int]bool{}
		}
		for _, id := range add {
			members[conv][idx[id]] = true
		}
		for _, id := range rem {
			delete(members[conv], idx[id])
		}
		if typ == "message.created" && seq > baseSeq {
			to := make(map[int]bool, len(members[conv]))
			for u := range members[conv] {
				to[u] = true
			}
			msgs = append(msgs, msg{seq: seq, conv: conv, to: to})
		}
	}
	rows.Close()
	bySeq := map[int64]*msg{}
	for i := range msgs {
		bySeq[msgs[i].seq] = &msgs[i]
	}

	for _, c := range clients {
		got := map[int64]bool{}
		last := int64(0)
		for _, seq := range c.received {
			m := bySeq[seq]
			switch {
			case m == nil || !m.to[c.idx]:
				st.Misdelivered++
				continue
			case got[seq]:
				st.Duplicated++
				continue
			case seq < last:
				st.OutOfOrder++
			}
			got[seq] = true
			last = seq
		}
		for _, m := range msgs {
			if !m.to[c.idx] || got[m.seq] {
				continue
			}
			// Resume replays the user's current conversations: a message of
			// one they have since left may be missed; any other is lost.
			if members[m.conv][c.idx] {
				st.Lost++
				if st.Lost <= 10 {
					fmt.Fprintf(os.Stderr, "lost: user %d, seq %d in %s; the user received %d messages, the last %d\n",
						c.idx, m.seq, m.conv, len(c.received), last)
				}
			} else {
				st.AllowedMiss++
			}
		}
	}

	var ids []string
	accepted.Range(func(k, _ any) bool { ids = append(ids, k.(string)); return true })
	for _, id := range ids {
		var n int
		if err := db.QueryRow("SELECT COUNT(*) FROM messages WHERE id = ?", id).Scan(&n); err != nil {
			return err
		}
		if n != 1 {
			st.MissingFromDB++
		}
	}
	return nil
}

// soakMain runs the soak, prints (and with write, records) what happened,
// and returns the exit code: 1 if anything was lost, duplicated, out of
// order, misdelivered or missing.
func soakMain(bin string, sc soakConfig, write bool, path string) int {
	started := time.Now()
	st, err := runSoak(bin, sc, newProgress())
	if err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		return 1
	}
	if code := publish(st.markdown(sc, time.Since(started)), write, path, "chatsoak"); code != 0 {
		return code
	}
	if st.Lost+st.Duplicated+st.OutOfOrder+st.Misdelivered+st.MissingFromDB > 0 {
		fmt.Fprintln(os.Stderr, "FAIL: the soak lost, duplicated, reordered or misdelivered messages")
		return 1
	}
	fmt.Fprintln(os.Stderr, "soak: PASS")
	return 0
}

func (st soakStats) markdown(sc soakConfig, took time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Run on %s, %s, in %s: `go run ./cmd/chatbench -bin .bin/pbchat -soak %s -soakusers %d -soakposters %d -slow %d -drop %g -restart=%t`.\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), machine(), took.Round(time.Second),
		sc.duration, sc.users, sc.posters, sc.slow, sc.dropRate, sc.restart)
	b.WriteString("| what | count |\n|---|---:|\n")
	row := func(k string, v any) { fmt.Fprintf(&b, "| %s | %v |\n", k, v) }
	row("connected users", st.Users)
	row("conversations (2 to 200 members, overlapping)", st.Conversations)
	row("seconds of load", fmt.Sprintf("%.0f", st.Seconds))
	row("messages accepted (200)", st.Accepted)
	row("posts refused or cut off (author removed meanwhile, server restarting)", st.Refused)
	row("deliveries checked, live or through resume", st.Deliveries)
	row("connections dropped at random", st.Drops)
	row("slow readers closed with 4008", st.SlowCloses)
	row("reconnects with resume", st.Reconnects)
	row("resyncs (a resume past the limit)", st.Resyncs)
	row("participants added or removed", st.MembershipChanges)
	row("server restarts (SIGTERM mid-load)", st.Restarts)
	row("**lost**", st.Lost)
	row("**duplicated**", st.Duplicated)
	row("**out of commit order**", st.OutOfOrder)
	row("**misdelivered** (from a conversation the user was not in at the time)", st.Misdelivered)
	row("**accepted with 200 but missing from the database**", st.MissingFromDB)
	row("missed by design: said in a conversation the user left before resuming", st.AllowedMiss)
	if st.BaselineGoroutines > 0 {
		row("server goroutines before the clients / after they left", fmt.Sprintf("%d / %d", st.BaselineGoroutines, st.ServerGoroutines))
	}
	row("server sockets before the clients / after they left", fmt.Sprintf("%d / %d", st.BaselineFDs, st.ServerFDs))
	return b.String()
}

// replaceSection puts text between the marks of the file at path.
func replaceSection(path, start, end, text string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s := string(b)
	i, j := strings.Index(s, start), strings.Index(s, end)
	if i < 0 || j < i {
		return fmt.Errorf("%s has no %s … %s section", path, start, end)
	}
	return os.WriteFile(path, []byte(s[:i+len(start)]+"\n"+text+"\n"+s[j:]), 0o644)
}
