package realtime_test

import (
	"bufio"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"

	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/realtime"
)

const blocksURL = "/api/collections/blocks/records"

// block has blocker block blocked over REST and returns the block's id.
func (e *env) block(t testing.TB, blocker, blocked string) string {
	t.Helper()
	st, b := e.Do(t, blocker, "POST", blocksURL, map[string]any{"blocker": blocker, "blocked": blocked})
	if st != 200 {
		t.Fatalf("%s blocks %s: %d %s", blocker, blocked, st, b)
	}
	var r struct{ ID string }
	json.Unmarshal(b, &r)
	return r.ID
}

// withheld reports whether a message's JSON is withheld from its reader
// as a blocked author's: no text, "withheld":"blocked".
func withheld(record string) bool {
	return strings.Contains(record, `"withheld":"blocked"`) && !strings.Contains(record, `"text"`)
}

// Bob blocks Alice, in a conversation of three (Alice, Bob, Carol). On the
// websocket, live and on resume, what Alice writes reaches Bob withheld
// (and a quote of it too) and Carol whole; typing, presence and read
// receipts pass neither way between Alice and Bob, and still between each
// and Carol; the block's own event reaches Bob alone. Lifted, everything
// flows again.
func TestABlockHoldsOnTheWebsocket(t *testing.T) {
	e := newEnv(t, realtime.Config{PresenceInterval: 50 * time.Millisecond})
	e.addMember(t, Alice, ConvAB, Carol)
	e.settle(t)

	alice, _ := e.connect(t, Alice, "")
	bob, _ := e.connect(t, Bob, "")
	carol, _ := e.connect(t, Carol, "")
	post(t, e.App, ConvAB, Carol, "before")
	for _, c := range []*client{alice, bob, carol} {
		c.expectMessage("before")
	}
	cursor := ""
	blockID := e.block(t, Bob, Alice)
	if f := bob.expect("block.created"); !strings.Contains(string(f.Record), `"blocked":"`+Alice+`"`) {
		t.Fatalf("bob's block frame: %s", f.Record)
	} else {
		cursor = f.Cursor
	}

	// the block tells each that the other is offline
	for f := bob.nextPresence(wait); f.User != Alice || f.Online; f = bob.nextPresence(wait) {
	}
	for f := alice.nextPresence(wait); f.User != Bob || f.Online; f = alice.nextPresence(wait) {
	}

	m := post(t, e.App, ConvAB, Alice, "after the block")
	if f := bob.expect("message.created"); !withheld(string(f.Record)) || f.recordID() != m.Id {
		t.Fatalf("bob got alice's message whole: %s", f.Record)
	}
	carol.expectMessage("after the block")
	alice.expectMessage("after the block") // the first frame Alice gets: no block frame came to her
	postReply(t, e, Carol, m.Id, "a reply")
	if f := bob.expect("message.created"); f.text() != "a reply" || strings.Contains(string(f.Record), "after the block") ||
		!strings.Contains(string(f.Record), `"withheld":"blocked"`) {
		t.Fatalf("bob's quote of alice: %s", f.Record)
	}
	if f := carol.expectMessage("a reply"); !strings.Contains(string(f.Record), "after the block") {
		t.Fatalf("carol's quote: %s", f.Record)
	}
	alice.expectMessage("a reply")

	// typing: Alice's reaches Carol, not Bob; Bob's reaches Carol, not Alice
	alice.send(map[string]string{"type": "typing", "conversation": ConvAB})
	if f := carol.expect("typing"); f.User != Alice {
		t.Fatalf("carol: %+v", f)
	}
	bob.send(map[string]string{"type": "typing", "conversation": ConvAB})
	if f := carol.expect("typing"); f.User != Bob {
		t.Fatalf("carol: %+v", f)
	}
	// receipts: Alice's read reaches Carol, not Bob
	if st, b := e.Do(t, Alice, "PATCH", "/api/collections/members/records/"+MemABAlice,
		map[string]any{"lastReadAt": "2100-01-01 00:00:00.000Z"}); st != 200 { // clamped to the newest message
		t.Fatalf("%d %s", st, b)
	}
	if f := carol.expect("read"); f.User != Alice {
		t.Fatalf("carol: %+v", f)
	}
	alice.expect("read") // her own
	post(t, e.App, ConvAB, Carol, "marker")
	bob.expectMessage("marker")   // nothing of Alice's typing or reads came first
	alice.expectMessage("marker") // nor of Bob's typing
	carol.expectMessage("marker")

	// presence: Alice comes back; Carol is told, Bob isn't, in his snapshot either
	alice.ws.Close()
	for f := carol.nextPresence(wait); f.User != Alice || f.Online; f = carol.nextPresence(wait) {
	}
	alice, _ = e.connect(t, Alice, "")
	for f := carol.nextPresence(wait); f.User != Alice || !f.Online; f = carol.nextPresence(wait) {
	}
	drainPresence(bob, Alice, true)
	bob2, _ := e.connect(t, Bob, "")
	drainPresence(bob2, Alice, true)
	bob2.ws.Close()

	// resume: what Bob missed comes withheld too
	_, replayed := e.connect(t, Bob, cursor)
	seen := 0
	for _, f := range replayed {
		if f.Type == "message.created" && f.recordID() == m.Id {
			seen++
			if !withheld(string(f.Record)) {
				t.Fatalf("bob resumed alice's message whole: %s", f.Record)
			}
		}
		if f.Type == "message.created" && f.text() == "a reply" && strings.Contains(string(f.Record), "after the block") {
			t.Fatalf("bob resumed the quote whole: %s", f.Record)
		}
		if f.Type == "read" && f.User == Alice {
			t.Fatalf("bob resumed alice's read: %+v", f)
		}
	}
	if seen != 1 {
		t.Fatalf("bob resumed alice's message %d times: %+v", seen, replayed)
	}

	// lifted: whole again, live and typing
	if st, b := e.Do(t, Bob, "DELETE", blocksURL+"/"+blockID, nil); st != 204 {
		t.Fatalf("unblock: %d %s", st, b)
	}
	bob.expect("block.deleted")
	post(t, e.App, ConvAB, Alice, "after the lift")
	bob.expectMessage("after the lift")
	alice.send(map[string]string{"type": "typing", "conversation": ConvAB})
	if f := bob.expect("typing"); f.User != Alice {
		t.Fatalf("bob after the lift: %+v", f)
	}
}

// drainPresence fails if c has been told, or is told within a moment,
// that user is online (or, with online false, anything of user).
func drainPresence(c *client, user string, online bool) {
	c.t.Helper()
	deadline := time.After(300 * time.Millisecond)
	for {
		select {
		case f := <-c.presence:
			if f.User == user && (f.Online || !online) {
				c.t.Fatalf("told of %s: %+v", user, f)
			}
		case <-deadline:
			return
		}
	}
}

// postReply has who reply to a message over REST.
func postReply(t testing.TB, e *env, who, to, text string) string {
	t.Helper()
	st, b := e.Do(t, who, "POST", "/api/collections/messages/records",
		map[string]any{"conversation": ConvAB, "text": text, "replyTo": to})
	if st != 200 {
		t.Fatalf("reply: %d %s", st, b)
	}
	var r struct{ ID string }
	json.Unmarshal(b, &r)
	return r.ID
}

// The same block on PocketBase's own paths: REST lists and views, the
// conversation's lastMessage expand, unread and mentions, search,
// PocketBase's SSE, receipts in member records; none of it is Alice's to
// see or undo, and she can't add Bob anywhere.
func TestABlockHoldsOverREST(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	e.addMember(t, Alice, ConvAB, Carol)
	blockID := e.block(t, Bob, Alice)

	// Bob's SSE subscription to the conversation's messages
	sse := e.subscribeSSE(t, Bob, "messages/*", map[string]any{"filter": `conversation="` + ConvAB + `"`})

	st, b := e.Do(t, Alice, "POST", "/api/collections/messages/records",
		map[string]any{"conversation": ConvAB, "text": "zebra crossing", "mentions": []string{Bob}})
	if st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	var m struct{ ID string }
	json.Unmarshal(b, &m)
	if st, b := e.Do(t, Carol, "POST", "/api/collections/messages/records", map[string]any{"conversation": ConvAB, "text": "from carol"}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}

	if ev := sse.next(t); !strings.Contains(ev, m.ID) || !withheld(ev) {
		t.Fatalf("bob's SSE event of alice's message: %s", ev)
	}
	for _, c := range []struct {
		who, path string
		want      []string
		not       []string
	}{
		{Bob, "/api/collections/messages/records/" + m.ID, []string{`"withheld":"blocked"`}, []string{"zebra"}},
		{Bob, "/api/collections/messages/records/" + m.ID + "?show=withheld", []string{"zebra crossing"}, []string{`"withheld"`}},
		{Bob, "/api/collections/messages/records?filter=" + url.QueryEscape(`conversation="`+ConvAB+`"`),
			[]string{"from carol", `"withheld":"blocked"`}, []string{"zebra", "hello bob"}},
		{Bob, "/api/collections/conversations/records/" + ConvAB + "?expand=lastMessage", []string{`"unread":1`, `"mentions":0`}, nil},
		{Carol, "/api/collections/messages/records/" + m.ID, []string{"zebra crossing"}, []string{`"withheld"`}},
		{Carol, "/api/collections/conversations/records/" + ConvAB, []string{`"mentions":0`}, nil},
	} {
		st, b := e.Do(t, c.who, "GET", c.path, nil)
		body := string(b)
		if st != 200 {
			t.Errorf("%s GET %s: %d %s", c.who, c.path, st, body)
		}
		for _, w := range c.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s GET %s: no %s in %s", c.who, c.path, w, body)
			}
		}
		for _, n := range c.not {
			if strings.Contains(body, n) {
				t.Errorf("%s GET %s: %s in %s", c.who, c.path, n, body)
			}
		}
	}
	// the inbox's unread: Carol's message, not Alice's (hers, or from before); no mention from Alice
	_, b = e.Do(t, Bob, "GET", "/api/collections/members/records/"+MemABBob, nil)
	if !strings.Contains(string(b), `"unread":1`) || !strings.Contains(string(b), `"mentions":0`) {
		t.Errorf("bob's unread: %s", b)
	}
	// search finds nothing of Alice's for Bob, and finds it for Carol
	if _, b := e.Do(t, Bob, "GET", "/api/chat/search?q=zebra", nil); !strings.Contains(string(b), `"totalItems":0`) {
		t.Errorf("bob's search: %s", b)
	}
	if _, b := e.Do(t, Carol, "GET", "/api/chat/search?q=zebra", nil); !strings.Contains(string(b), `"totalItems":1`) {
		t.Errorf("carol's search: %s", b)
	}
	// receipts: Alice's lastReadAt isn't Bob's to see, nor his hers; Carol sees both
	for _, c := range []struct{ who, member string }{{Bob, MemABAlice}, {Alice, MemABBob}} {
		if _, b := e.Do(t, c.who, "GET", "/api/collections/members/records/"+c.member, nil); strings.Contains(string(b), `"lastReadAt"`) {
			t.Errorf("%s sees %s's lastReadAt: %s", c.who, c.member, b)
		}
	}
	if _, b := e.Do(t, Carol, "GET", "/api/collections/members/records/"+MemABAlice, nil); !strings.Contains(string(b), `"lastReadAt"`) {
		t.Errorf("carol doesn't see alice's lastReadAt: %s", b)
	}

	// the block is Bob's alone
	for _, c := range []struct {
		who, method, path string
		body              any
		status            int
	}{
		{Alice, "GET", blocksURL, nil, 200},
		{Alice, "GET", blocksURL + "/" + blockID, nil, 404},
		{Carol, "GET", blocksURL + "/" + blockID, nil, 404},
		{Alice, "DELETE", blocksURL + "/" + blockID, nil, 404},
		{Alice, "GET", "/api/collections/users/records?filter=" + url.QueryEscape(`blocks_via_blocked.blocker ?= "`+Bob+`"`), nil, 400},
		{Alice, "GET", "/api/collections/users/records/" + Bob + "?expand=blocks_via_blocker", nil, 400},
		{Alice, "POST", blocksURL, map[string]any{"blocker": Bob, "blocked": Carol}, 400},
		{Bob, "PATCH", blocksURL + "/" + blockID, map[string]any{"blocked": Carol}, 403},
		{Bob, "POST", blocksURL, map[string]any{"blocker": Bob, "blocked": Alice}, 400},
		{Bob, "POST", blocksURL, map[string]any{"blocker": Bob, "blocked": Bob}, 400},
	} {
		st, b := e.Do(t, c.who, c.method, c.path, c.body)
		if st != c.status || (c.method == "GET" && st == 200 && strings.Contains(string(b), blockID)) {
			t.Errorf("%s %s %s: %d %s, want %d", c.who, c.method, c.path, st, b, c.status)
		}
	}
	if _, b := e.Do(t, Bob, "GET", blocksURL+"?expand=blocked", nil); !strings.Contains(string(b), blockID) || !strings.Contains(string(b), "Alice") {
		t.Errorf("bob's own blocks: %s", b)
	}

	settings := e.App.Settings()
	settings.Batch.Enabled, settings.Batch.MaxRequests = true, 10
	if err := e.App.Save(settings); err != nil {
		t.Fatal(err)
	}
	// Alice can't add Bob: not to a new conversation (he is invited, out
	// of his sight), not to one of hers, not in a batch
	st, b = e.Do(t, Alice, "POST", "/api/collections/conversations/records", map[string]any{"members": []string{Bob}})
	var dm struct{ ID string }
	json.Unmarshal(b, &dm)
	if st != 200 || count(t, e, "members", "conversation", dm.ID) != 1 {
		t.Errorf("alice starts a conversation with bob: %d %s", st, b)
	}
	if _, b := e.Do(t, Alice, "GET", "/api/collections/invitations/records?filter="+url.QueryEscape(`conversation="`+dm.ID+`"`), nil); !strings.Contains(string(b), `"totalItems":1`) ||
		strings.Contains(string(b), "hidden") {
		t.Errorf("alice's pending invitation: %s", b)
	}
	if _, b := e.Do(t, Bob, "GET", "/api/collections/invitations/records?filter="+url.QueryEscape(`invitee="`+Bob+`"`), nil); !strings.Contains(string(b), `"totalItems":0`) {
		t.Errorf("bob sees alice's invitation: %s", b)
	}
	if st, b := e.Do(t, Alice, "GET", "/api/collections/invitations/records?filter="+url.QueryEscape(`conversation="`+dm.ID+`" && hidden=true`), nil); st != 400 {
		t.Errorf("alice filters on hidden: %d %s", st, b)
	}
	st, b = e.Do(t, Alice, "POST", "/api/collections/conversations/records", map[string]any{"title": "Alice's", "members": []string{Carol}})
	var conv struct{ ID string }
	json.Unmarshal(b, &conv)
	if st, b := e.Do(t, Alice, "POST", "/api/collections/members/records", map[string]any{"conversation": conv.ID, "user": Bob}); st != 403 ||
		!strings.Contains(string(b), "invite them instead") {
		t.Errorf("alice adds bob: %d %s", st, b)
	}
	// Carol, whom Bob doesn't block, may; and Bob may add Alice
	if st, b := e.Do(t, Carol, "POST", "/api/collections/members/records", map[string]any{"conversation": conv.ID, "user": Bob}); st != 200 {
		t.Errorf("carol adds bob: %d %s", st, b)
	}

	// lifted: whole again, and counted
	if st, b := e.Do(t, Bob, "DELETE", blocksURL+"/"+blockID, nil); st != 204 {
		t.Fatalf("%d %s", st, b)
	}
	if _, b := e.Do(t, Bob, "GET", "/api/collections/messages/records/"+m.ID, nil); !strings.Contains(string(b), "zebra crossing") {
		t.Errorf("after the lift: %s", b)
	}
	if _, b := e.Do(t, Bob, "GET", "/api/collections/members/records/"+MemABBob, nil); !strings.Contains(string(b), `"mentions":1`) {
		t.Errorf("bob's mentions after the lift: %s", b)
	}
	if _, b := e.Do(t, Bob, "GET", "/api/chat/search?q=zebra", nil); !strings.Contains(string(b), `"totalItems":1`) {
		t.Errorf("bob's search after the lift: %s", b)
	}
}

// sseClient reads the data of PocketBase's realtime events.
type sseClient struct {
	events chan string
}

func (c *sseClient) next(t testing.TB) string {
	t.Helper()
	select {
	case ev := <-c.events:
		return ev
	case <-time.After(wait):
		t.Fatal("no SSE event came")
	}
	return ""
}

// subscribeSSE opens PocketBase's realtime as who and subscribes to topic.
func (e *env) subscribeSSE(t testing.TB, who, topic string, query map[string]any) *sseClient {
	t.Helper()
	res, err := http.Get(e.URL + "/api/realtime")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var clientID string
	for clientID == "" && sc.Scan() {
		if data, ok := strings.CutPrefix(sc.Text(), "data:"); ok {
			var connect struct{ ClientId string }
			json.Unmarshal([]byte(data), &connect)
			clientID = connect.ClientId
		}
	}
	opts, _ := json.Marshal(map[string]any{"query": query})
	if st, b := e.Do(t, who, "POST", "/api/realtime", map[string]any{
		"clientId": clientID, "subscriptions": []string{topic + "?options=" + url.QueryEscape(string(opts))},
	}); st != 204 {
		t.Fatalf("subscribe: %d %s", st, b)
	}
	c := &sseClient{events: make(chan string, 100)}
	go func() {
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data:"); ok {
				c.events <- data
			}
		}
	}()
	return c
}

// count returns how many records of collection have field = value.
func count(t testing.TB, e *env, collection, field, value string) int {
	t.Helper()
	n, err := e.App.CountRecords(collection, dbx.HashExp{field: value})
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}
