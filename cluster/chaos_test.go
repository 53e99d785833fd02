package cluster_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/dbx"

	"github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/journal"
	"github.com/pbchat/pbchat/realtime"
)

// client is one person's connection to the cluster, as chat-client.js
// keeps it: on any drop it resumes from its last cursor, on another edge.
type client struct {
	user, token string
	w           *world

	mu       sync.Mutex
	cursor   string
	got      []string // message.created record ids, in arrival order
	revoked  bool
	current  *socket
	resumes  int
	resyncs  int // a resume that couldn't: none may happen here
	finished chan struct{}
}

func (c *client) run(t *testing.T, stop <-chan struct{}) {
	defer close(c.finished)
	edge := rand.IntN(len(c.w.edges))
	for {
		select {
		case <-stop:
			return
		default:
		}
		s := c.w.alive(edge)
		c.mu.Lock()
		since := c.cursor
		c.mu.Unlock()
		sock, before, err := dial(t, s, c.token, since)
		if ce, ok := err.(*closedError); ok && ce.code == realtime.CloseUnauthorized {
			c.mu.Lock()
			c.revoked = true
			c.mu.Unlock()
			return
		}
		if err != nil {
			edge++ // that edge is gone: another
			time.Sleep(20 * time.Millisecond)
			continue
		}
		c.mu.Lock()
		c.current = sock
		c.resumes++
		c.mu.Unlock()
		for _, f := range before {
			c.take(f)
		}
		for f := range sock.frames {
			if f.Type == "close" {
				if f.code == realtime.CloseUnauthorized {
					c.mu.Lock()
					c.revoked = true
					c.mu.Unlock()
					return
				}
				break
			}
			c.take(f)
		}
		edge++ // resume on another edge
	}
}

func (c *client) take(f frame) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if f.Cursor != "" {
		c.cursor = f.Cursor
	}
	switch f.Type {
	case "message.created":
		c.got = append(c.got, f.recordID())
	case "resync":
		c.resyncs++
	}
}

// drop closes the client's socket as a network failure would.
func (c *client) drop() {
	c.mu.Lock()
	s := c.current
	c.mu.Unlock()
	if s != nil {
		s.ws.UnderlyingConn().Close()
	}
}

func (c *client) received() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.got)
}

// alive returns the edge at i (mod their number), skipping killed ones.
func (w *world) alive(i int) *edgeServer {
	w.mu.Lock()
	defer w.mu.Unlock()
	for k := range len(w.edges) {
		s := w.edges[(i+k)%len(w.edges)]
		if !w.killed[s] {
			return s
		}
	}
	return w.edges[0]
}

func (w *world) killEdge(i int) {
	w.mu.Lock()
	s := w.edges[i]
	w.killed[s] = true
	w.mu.Unlock()
	s.kill()
}

// Clients spread over three edges, concurrent posting, random drops with
// resume on another edge, an edge killed and NATS restarted mid-run,
// membership changes and a password change: every recipient gets every
// message of their conversations exactly once, in commit order, and
// nothing of others; the revoked one is closed with 4401 on its edge.
func TestEveryRecipientExactlyOnceAcrossEdges(t *testing.T) {
	if testing.Short() {
		t.Skip("the cluster chaos run takes seconds")
	}
	w := newWorld(t, 3)
	app := w.primary.App
	people := chattest.AddUsers(t, app, "p", 12)
	group := chattest.AddConversation(t, app, append([]chattest.Person{{ID: Alice, Token: w.primary.Fixture.Tokens[Alice]}}, people...))
	_, start, err := journal.Bounds(app)
	if err != nil {
		t.Fatal(err)
	}

	everyone := append([]chattest.Person{
		{ID: Alice, Token: w.primary.Fixture.Tokens[Alice]},
		{ID: Bob, Token: w.primary.Fixture.Tokens[Bob]},
		{ID: Carol, Token: w.primary.Fixture.Tokens[Carol]},
	}, people...)
	stop := make(chan struct{})
	var clients []*client
	for _, p := range everyone {
		c := &client{user: p.ID, token: p.Token, w: w, cursor: strconv.FormatInt(start, 10), finished: make(chan struct{})}
		clients = append(clients, c)
		go c.run(t, stop)
	}

	// posting, as members of the group and of Alice and Bob's
	var posted atomic.Int64
	var posters sync.WaitGroup
	postersDone := make(chan struct{})
	for k := range 4 {
		posters.Go(func() {
			for i := range 40 {
				author, conv := people[rand.IntN(len(people)-2)].Token, group // p10, p11 change mid-run
				if k == 0 && i%2 == 0 {
					author, conv = w.primary.Fixture.Tokens[Alice], ConvAB
				}
				status, body := postAs(w, author, conv, fmt.Sprintf("%d-%d", k, i))
				if status != http.StatusOK {
					t.Errorf("post: %d %s", status, body)
					return
				}
				posted.Add(1)
				time.Sleep(time.Duration(rand.IntN(15)) * time.Millisecond)
			}
		})
	}
	go func() { posters.Wait(); close(postersDone) }()

	// faults, while they post
	faults := func() {
		for {
			select {
			case <-postersDone:
				return
			case <-time.After(40 * time.Millisecond):
			}
			clients[rand.IntN(len(clients))].drop()
		}
	}
	go faults()
	waitPosted := func(n int64) {
		for posted.Load() < n {
			select {
			case <-postersDone:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}
	waitPosted(30)
	w.killEdge(2)
	waitPosted(60)
	w.restartNATS()
	waitPosted(80)
	// p11 leaves the group (removed by its owner), Bob joins it
	member, err := app.FindFirstRecordByFilter("members", "conversation = {:c} && user = {:u}", dbx.Params{"c": group, "u": people[11].ID})
	if err != nil {
		t.Fatal(err)
	}
	if status, body := w.primary.Do(t, Alice, http.MethodDelete, "/api/collections/members/records/"+member.Id, nil); status != http.StatusNoContent {
		t.Fatalf("remove p11: %d %s", status, body)
	}
	if status, body := w.primary.Do(t, Alice, http.MethodPost, "/api/collections/members/records",
		map[string]string{"conversation": group, "user": Bob}); status != http.StatusOK {
		t.Fatalf("add Bob: %d %s", status, body)
	}
	waitPosted(100)
	// p10 changes their password: every socket of theirs, wherever, closes
	user, err := app.FindRecordById("users", people[10].ID)
	if err != nil {
		t.Fatal(err)
	}
	user.SetPassword("another-password-1234")
	if err := app.Save(user); err != nil {
		t.Fatal(err)
	}
	<-postersDone
	if t.Failed() {
		return
	}

	// every client catches up with the journal, or is revoked
	_, end, err := journal.Bounds(app)
	if err != nil {
		t.Fatal(err)
	}
	store := realtime.NewDBStore(app)
	expected := func(user string) []string {
		events, _, ok, err := store.Replay(user, start, end, 100_000, 1<<30)
		if err != nil || !ok {
			t.Fatalf("expected of %s: %v %v", user, ok, err)
		}
		var ids []string
		for _, ev := range events {
			if ev.Type == journal.MessageCreated {
				ids = append(ids, ev.Record)
			}
		}
		return ids
	}
	// p11, removed mid-run, gets no resume of what was said before it
	// left (as on one node): of the group's messages until then, some, in
	// order, once; after it, none
	removedAt := int64(0)
	events, err := journal.Read(app, start, 100_000)
	if err != nil {
		t.Fatal(err)
	}
	var whileMember []string
	for _, ev := range events {
		if ev.Type == journal.MemberDeleted && slices.Contains(ev.Removed, people[11].ID) {
			removedAt = ev.Seq
		}
		if ev.Type == journal.MessageCreated && ev.Conversation == group && removedAt == 0 {
			whileMember = append(whileMember, ev.Record)
		}
	}
	deadline := time.Now().Add(wait)
	for _, c := range clients {
		if c.user == people[11].ID {
			continue
		}
		want := expected(c.user)
		for {
			got := c.received()
			c.mu.Lock()
			revoked := c.revoked
			c.mu.Unlock()
			if slices.Equal(got, want) || (revoked && c.user == people[10].ID && isPrefix(got, want)) {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s got %d messages, want %d: first difference at %d\ngot  %v\nwant %v",
					c.user, len(got), len(want), firstDiff(got, want), got, want)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	p11 := clients[slices.IndexFunc(clients, func(c *client) bool { return c.user == people[11].ID })]
	if got := p11.received(); !isSubsequence(got, whileMember) {
		t.Fatalf("p11 got %v, not a part in order of what was said while a member: %v", got, whileMember)
	}
	p10 := clients[slices.IndexFunc(clients, func(c *client) bool { return c.user == people[10].ID })]
	for {
		p10.mu.Lock()
		revoked := p10.revoked
		p10.mu.Unlock()
		if revoked {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("p10's socket was not closed with %d after the password change", realtime.CloseUnauthorized)
		}
		time.Sleep(10 * time.Millisecond)
	}
	close(stop)
	for _, c := range clients {
		c.drop()
	}

	total := 0
	for _, c := range clients {
		total += c.resumes
		if c.resyncs > 0 {
			t.Errorf("%s was told to resync %d times", c.user, c.resyncs)
		}
	}
	t.Logf("%d messages, %d connects and resumes over 3 edges (one killed), NATS restarted once", posted.Load(), total)
}

// postAs posts text to conv with a users token.
func postAs(w *world, token, conv, text string) (int, []byte) {
	body, _ := json.Marshal(map[string]string{"conversation": conv, "text": text})
	req, _ := http.NewRequest(http.MethodPost, w.primary.URL+"/api/collections/messages/records", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, []byte(err.Error())
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b
}

// isSubsequence reports whether got is want with some left out, in order,
// each once.
func isSubsequence(got, want []string) bool {
	i := 0
	for _, id := range got {
		for i < len(want) && want[i] != id {
			i++
		}
		if i == len(want) {
			return false
		}
		i++
	}
	return true
}

func isPrefix(got, want []string) bool {
	return len(got) <= len(want) && slices.Equal(got, want[:len(got)])
}

func firstDiff(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
