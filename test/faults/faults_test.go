//go:build faults

package faults

import (
	"fmt"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// world is the people, their conversations and their listeners.
type world struct {
	t         *testing.T
	a         api
	admin     string
	people    []person
	convs     []conversation
	listeners []*listener
	posts     *poster
	stop      atomic.Bool
	wg        sync.WaitGroup
}

type conversation struct {
	id      string
	owner   int
	members []int // the owner too
}

// conversations: overlapping groups and a pair. Person 4 is in the first
// only, and never posts: the test removes them while they are away.
var shapes = []struct {
	owner  int
	others []int
}{
	{0, []int{1, 2, 3, 4, 5}},
	{1, []int{2, 6, 7}},
	{5, []int{0, 3, 7}},
	{6, []int{7}},
}

func newWorld(t *testing.T, a api, n int) *world {
	w := &world{t: t, a: a, posts: newPoster(a)}
	w.admin, w.people = setup(t, a, n)
	for i, s := range shapes {
		var ids []string
		for _, o := range s.others {
			ids = append(ids, w.people[o].id)
		}
		var c struct{ ID string }
		a.must(t, "POST", "/api/collections/conversations/records", w.people[s.owner].token,
			map[string]any{"title": fmt.Sprintf("c%d", i), "members": ids}, &c)
		w.convs = append(w.convs, conversation{id: c.ID, owner: s.owner, members: append([]int{s.owner}, s.others...)})
	}
	return w
}

// listenAll opens a listener per person (two for person 3: two devices),
// spread over urls, each reconnecting to the next.
func (w *world) listenAll(urls []string) {
	for i, p := range w.people {
		for d := range 1 + btoi(i == 3) {
			k := (i + d) % len(urls)
			rotated := append(append([]string(nil), urls[k:]...), urls[:k]...)
			w.listeners = append(w.listeners, listen(w.t, p, rotated...))
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// postAll has each conversation's owner post into it until stopped.
func (w *world) postAll() {
	for i, c := range w.convs {
		w.wg.Go(func() {
			for n := 0; !w.stop.Load(); n++ {
				w.posts.post(w.t, w.people[c.owner], c.id, fmt.Sprintf("c%d #%d", i, n), 90*time.Second)
				time.Sleep(15 * time.Millisecond)
			}
		})
	}
}

func (w *world) stopPosting() {
	w.stop.Store(true)
	w.wg.Wait()
}

// removeWhileAway takes person 4 out of the first conversation while
// their listener is away, around a kill of the server (restart), and
// checks they get what was said up to the removal and the removal, and
// nothing after.
func (w *world) removeWhileAway(restart func()) {
	t, c := w.t, w.convs[0]
	var victim *listener
	for _, l := range w.listeners {
		if l.who.id == w.people[4].id {
			victim = l
		}
	}
	victim.stop()
	owner := w.people[c.owner]
	var before, after []string
	for i := range 3 {
		before = append(before, w.posts.post(t, owner, c.id, fmt.Sprintf("before the removal %d", i), 60*time.Second))
	}
	var list struct{ Items []struct{ ID string } }
	filter := url.QueryEscape(fmt.Sprintf(`conversation="%s" && user="%s"`, c.id, w.people[4].id))
	w.a.must(t, "GET", "/api/collections/members/records?filter="+filter, owner.token, nil, &list)
	if len(list.Items) != 1 {
		t.Fatalf("person 4's membership: %+v", list)
	}
	w.a.must(t, "DELETE", "/api/collections/members/records/"+list.Items[0].ID, owner.token, nil, nil)
	for i := range 2 {
		after = append(after, w.posts.post(t, owner, c.id, fmt.Sprintf("after the removal %d", i), 60*time.Second))
	}
	restart()
	victim.back()
	waitUntil(t, "the removed person's resume", 30*time.Second, func() bool {
		return victim.has("conversation.removed", c.id) || victim.has("conversation.removed", "")
	})
	for _, id := range before {
		if !victim.has("message.created", id) {
			t.Errorf("the removed person missed %s, said before the removal", id)
		}
	}
	for _, id := range after {
		if victim.has("message.created", id) {
			t.Errorf("the removed person got %s, said after the removal", id)
		}
	}
	for i, m := range c.members {
		if m == 4 {
			w.convs[0].members = append(c.members[:i:i], c.members[i+1:]...)
		}
	}
}

// settle posts a marker in each conversation and waits until every
// listener of its members has it: everything before it has arrived too.
func (w *world) settle(skip func(*listener) bool) {
	t := w.t
	for _, c := range w.convs {
		id := w.posts.post(t, w.people[c.owner], c.id, "marker", 60*time.Second)
		for _, m := range c.members {
			for _, l := range w.listeners {
				if l.who.id == w.people[m].id && !skip(l) {
					waitUntil(t, l.who.name+" getting the marker of "+c.id, 60*time.Second, func() bool {
						return l.has("message.created", id)
					})
				}
			}
		}
	}
}

func (w *world) stopListening() {
	for _, l := range w.listeners {
		l.stop()
	}
}

// One server, killed with SIGKILL again and again while people post and
// listen (once while its clients are resuming), restarted on the same
// data each time.
func TestKillNineServer(t *testing.T) {
	srv, base := newServer(t)
	srv.start()
	w := newWorld(t, api{base}, 10)
	w.listenAll([]string{base})
	w.postAll()

	restart := func() {
		srv.kill9()
		time.Sleep(100 * time.Millisecond)
		srv.start()
	}
	for r := range *rounds {
		time.Sleep(700 * time.Millisecond)
		restart()
		if r == 0 {
			// again, while the clients are resuming
			time.Sleep(30 * time.Millisecond)
			restart()
		}
	}
	w.removeWhileAway(restart)
	time.Sleep(500 * time.Millisecond)
	restart()
	w.stopPosting()
	w.settle(func(*listener) bool { return false })
	w.stopListening()
	srv.stop()

	rows := readJournal(t, srv.args[2][len("--dir="):])
	n := check(t, rows, w.listeners)
	storedOnce(t, srv.args[2][len("--dir="):], w.posts.ids())
	t.Logf("%d kills; %d messages acknowledged (%d sends, %d of them failed and were retried); %d deliveries checked on %d listeners",
		*rounds+3, len(w.posts.ids()), w.posts.tries.Load(), w.posts.failed.Load(), n, len(w.listeners))
}

// A real nats-server, a primary and three edges, each killed with SIGKILL
// and restarted: people listening on the edges (moving to another after
// each drop) get exactly what they should. A password changed while NATS
// is down, with the primary then killed and NATS back before it, closes
// that person's sockets on every edge, and nothing committed after the
// change reaches them.
func TestKillNineCluster(t *testing.T) {
	natsAddr := freeAddr(t)
	nats := &proc{t: t, name: "nats-server", bin: binary(t, "nats-server"), ready: listening(natsAddr),
		args: []string{"-a", "127.0.0.1", "-p", natsAddr[len("127.0.0.1:"):]}}
	nats.start()
	t.Cleanup(nats.stop)
	env := []string{"PBCHAT_EDGE_SECRET=" + secret}
	primary, base := newServer(t, "--chatNATS=nats://"+natsAddr)
	primary.env = env
	primary.start()
	var edges []*proc
	var urls []string
	for i := range 3 {
		addr := freeAddr(t)
		e := &proc{t: t, name: fmt.Sprintf("edge %d", i), bin: primary.bin, env: env, ready: healthy("http://" + addr),
			args: []string{"edge", "--nats", "nats://" + natsAddr, "--primary", base, "--http", addr}}
		e.start()
		t.Cleanup(e.stop)
		edges = append(edges, e)
		urls = append(urls, "http://"+addr)
	}
	w := newWorld(t, api{base}, 10)
	w.listenAll(urls)
	// person 2 on every edge at once, each socket staying on its edge
	var revoked []*listener
	for _, u := range urls {
		revoked = append(revoked, listenPinned(t, w.people[2], u))
	}
	w.postAll()

	for r := range *rounds {
		e := edges[r%len(edges)]
		time.Sleep(500 * time.Millisecond)
		e.kill9()
		time.Sleep(300 * time.Millisecond)
		e.start()
		time.Sleep(500 * time.Millisecond)
		nats.kill9()
		time.Sleep(800 * time.Millisecond)
		nats.start()
		time.Sleep(500 * time.Millisecond)
		primary.kill9()
		time.Sleep(300 * time.Millisecond)
		primary.start()
	}
	w.removeWhileAway(func() {
		primary.kill9()
		primary.start()
	})

	// the password change, through an outage of NATS and then the primary
	nats.kill9()
	w.a.must(t, "PATCH", "/api/collections/users/records/"+w.people[2].id, w.admin,
		map[string]any{"password": "a-new-password-5678", "passwordConfirm": "a-new-password-5678"}, nil)
	primary.kill9()
	nats.start()
	time.Sleep(time.Second) // the edges are back on NATS, the primary still down
	primary.start()
	for _, l := range revoked {
		waitUntil(t, "person 2's old socket on "+l.urls[0]+" closing with 4401", 30*time.Second, func() bool {
			_, _, code := l.snapshot()
			return code == 4401
		})
	}
	time.Sleep(500 * time.Millisecond) // posts go on after the change
	w.stopPosting()
	person2 := func(l *listener) bool { return l.who.id == w.people[2].id }
	w.settle(person2)
	for _, l := range w.listeners {
		if person2(l) {
			l.stop()
		}
	}
	w.stopListening()
	for _, e := range edges {
		e.stop()
	}
	primary.stop()

	dir := primary.args[2][len("--dir="):]
	rows := readJournal(t, dir)
	n := check(t, rows, append(w.listeners, revoked...))
	storedOnce(t, dir, w.posts.ids())
	t.Logf("%d rounds of an edge, NATS and the primary killed; %d messages acknowledged (%d sends, %d retried); %d deliveries checked on %d listeners",
		*rounds, len(w.posts.ids()), w.posts.tries.Load(), w.posts.failed.Load(), n, len(w.listeners)+len(revoked))
}
