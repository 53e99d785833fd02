package realtime_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/realtime"
)

func TestEventsReachEverySocketOfEveryParticipantAndNobodyElse(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	alice1, _ := e.connect(t, Alice, "")
	alice2, _ := e.connect(t, Alice, "")
	bob, _ := e.connect(t, Bob, "")
	carol, _ := e.connect(t, Carol, "")

	status, body := e.Do(t, Bob, "POST", "/api/collections/messages/records",
		map[string]any{"conversation": ConvAB, "text": "to both of you"})
	if status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	var rest map[string]any
	json.Unmarshal(body, &rest)

	for _, c := range []*client{alice1, alice2, bob} {
		f := c.expect("message.created")
		if f.Conversation != ConvAB || f.Cursor == "" || f.text() != "to both of you" {
			t.Fatalf("frame %+v", f)
		}
		var rec map[string]any
		json.Unmarshal(f.Record, &rec)
		// The record is what the REST API returned, plus expand.author.
		for k, v := range rest {
			if fmt.Sprint(rec[k]) != fmt.Sprint(v) {
				t.Fatalf("record %s = %v, REST said %v", k, rec[k], v)
			}
		}
		author := rec["expand"].(map[string]any)["author"].(map[string]any)
		if author["id"] != Bob || author["name"] != "Bob Baker" || author["collectionName"] != "users" || author["collectionId"] == "" {
			t.Fatalf("expand.author %v", author)
		}
		if strings.Contains(string(f.Record), "@example.com") {
			t.Fatalf("an email leaked: %s", f.Record)
		}
	}

	// Carol's next frame is her own conversation's message: the one before
	// it, for Alice and Bob, never reached her.
	post(t, e.App, ConvCD, Dave, "marker")
	if f := carol.expect("message.created"); f.text() != "marker" {
		t.Fatalf("carol got %+v", f)
	}
}

func TestMembershipChanges(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	alice, _ := e.connect(t, Alice, "")
	bob, _ := e.connect(t, Bob, "")
	carol, _ := e.connect(t, Carol, "")

	// Added: Carol learns of the conversation, the others of her; then
	// she gets its messages.
	e.addMember(t, Bob, ConvAB, Carol)
	if f := carol.expect("conversation.created"); f.Conversation != ConvAB || !strings.Contains(string(f.Record), `"title":"Alice & Bob"`) {
		t.Fatalf("%+v", f)
	}
	for _, c := range []*client{alice, bob} {
		f := c.expect("member.created")
		var m struct{ User, Role string }
		json.Unmarshal(f.Record, &m)
		if m.User != Carol || m.Role != "member" || len(f.Record) > 1024 {
			t.Fatalf("member.created %s", f.Record)
		}
	}
	post(t, e.App, ConvAB, Alice, "welcome carol")
	for _, c := range []*client{alice, bob, carol} {
		c.expectMessage("welcome carol")
	}

	// Removed: Bob is told, then gets nothing more from it.
	e.removeMember(t, Alice, MemABBob)
	if f := bob.expect("conversation.removed"); f.Conversation != ConvAB {
		t.Fatalf("%+v", f)
	}
	alice.expect("member.deleted")
	carol.expect("member.deleted")
	post(t, e.App, ConvAB, Alice, "bob is gone")
	alice.expect("message.created")
	carol.expect("message.created")

	// Bob's next frame is from elsewhere: a new conversation with Dave.
	if st, b := e.Do(t, Dave, "POST", "/api/collections/conversations/records",
		map[string]any{"members": []string{Bob}}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	if f := bob.expect("conversation.created"); f.Conversation == ConvAB {
		t.Fatalf("%+v", f)
	}

	// Deleted: everyone left in it is told.
	if st, b := e.Do(t, Alice, "DELETE", "/api/collections/conversations/records/"+ConvAB, nil); st != 204 {
		t.Fatalf("%d %s", st, b)
	}
	alice.expect("conversation.removed")
	carol.expect("conversation.removed")
}

// A read reaches every socket of its reader, and, as a receipt, the other
// members of a conversation of up to ReceiptMembers.
func TestReadsAndReceipts(t *testing.T) {
	for _, tc := range []struct {
		name     string
		receipts int
	}{{"receipts", 0}, {"no receipts", -1}} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, realtime.Config{ReceiptMembers: tc.receipts})
			bob1, _ := e.connect(t, Bob, "")
			bob2, _ := e.connect(t, Bob, "")
			alice, _ := e.connect(t, Alice, "")
			carol, _ := e.connect(t, Carol, "")

			at := post(t, e.App, ConvAB, Alice, "read me").GetDateTime("created").String()
			for _, c := range []*client{bob1, bob2, alice} {
				c.expectMessage("read me")
			}
			if st, b := e.Do(t, Bob, "PATCH", "/api/collections/members/records/"+MemABBob,
				map[string]any{"lastReadAt": at}); st != 200 {
				t.Fatalf("%d %s", st, b)
			}
			for _, c := range []*client{bob1, bob2} {
				if f := c.expect("read"); f.User != Bob || f.Conversation != ConvAB || f.LastReadAt != at {
					t.Fatalf("%+v", f)
				}
			}
			post(t, e.App, ConvAB, Bob, "next")
			if tc.receipts >= 0 {
				if f := alice.expect("read"); f.User != Bob || f.LastReadAt != at {
					t.Fatalf("%+v", f)
				}
			}
			alice.expectMessage("next") // and no receipt before it without receipts
			post(t, e.App, ConvCD, Dave, "marker")
			carol.expectMessage("marker") // nothing of Bob's read reached Carol
		})
	}
}

func TestEditsAndDeletes(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	bob, _ := e.connect(t, Bob, "")
	if st, b := e.Do(t, Alice, "PATCH", "/api/collections/messages/records/"+MsgAB1, map[string]any{"text": "edited"}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	if f := bob.expect("message.updated"); f.text() != "edited" || f.recordID() != MsgAB1 {
		t.Fatalf("%+v", f)
	}
	if st, b := e.Do(t, Alice, "DELETE", "/api/collections/messages/records/"+MsgAB1, nil); st != 204 {
		t.Fatalf("%d %s", st, b)
	}
	if f := bob.expect("message.deleted"); f.recordID() != MsgAB1 {
		t.Fatalf("%+v", f)
	}
}

// Concurrent posters: every socket gets every message once, cursors rise,
// and each poster's messages arrive in the order they were committed.
func TestOrderUnderConcurrentPosters(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	alice, _ := e.connect(t, Alice, "")
	bob, _ := e.connect(t, Bob, "")

	const posters, each = 4, 50
	var wg sync.WaitGroup
	for p := range posters {
		wg.Go(func() {
			for i := range each {
				if err := save(e.App, ConvAB, []string{Alice, Bob}[p%2], fmt.Sprintf("%d:%d", p, i)); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	for _, c := range []*client{alice, bob} {
		last := int64(0)
		next := make([]int, posters)
		for range posters * each {
			f := c.expect("message.created")
			seq, err := realtime.ParseCursor(f.Cursor)
			if err != nil || seq <= last {
				t.Fatalf("cursor %q after %d", f.Cursor, last)
			}
			last = seq
			var p, i int
			fmt.Sscanf(f.text(), "%d:%d", &p, &i)
			if i != next[p] {
				t.Fatalf("poster %d: got message %d, want %d", p, i, next[p])
			}
			next[p]++
		}
	}
}

// save is post for goroutines other than the test's.
func save(app core.App, conv, author, text string) error {
	col, err := app.FindCachedCollectionByNameOrId("messages")
	if err != nil {
		return err
	}
	m := core.NewRecord(col)
	m.Set("conversation", conv)
	m.Set("author", author)
	m.Set("text", text)
	return app.Save(m)
}

// A queue too small for the burst loses nothing: the sender reads the
// journal for what didn't fit.
func TestFullQueueLosesNothing(t *testing.T) {
	e := newEnv(t, realtime.Config{QueueSize: 1})
	bob, _ := e.connect(t, Bob, "")
	const n = 200
	var wg sync.WaitGroup
	for p := range 4 {
		wg.Go(func() {
			for i := range n / 4 {
				if err := save(e.App, ConvAB, Alice, fmt.Sprintf("%d:%d", p, i)); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	seen := map[string]bool{}
	for range n {
		f := bob.expect("message.created")
		if seen[f.text()] {
			t.Fatalf("duplicate %s", f.text())
		}
		seen[f.text()] = true
	}
	if s := e.hub.Stats(); s.Overflows == 0 {
		t.Logf("the queue never overflowed (%+v); the test proved less than it meant to", s)
	}
}

// Membership is that of the moment each event committed, even when the
// sender reads a conversation's members for the first time only after
// later changes have committed.
func TestMembershipIsReadAsOfEachEvent(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	release := make(chan struct{})
	var once sync.Once
	e.hub.OnDeliver().BindFunc(func(d *realtime.DeliverEvent) error {
		if d.ChatEvent.Conversation == ConvCD && strings.Contains(string(d.ChatEvent.Payload), "hold") {
			once.Do(func() { <-release }) // hold the sender here
		}
		return d.Next()
	})
	carol, _ := e.connect(t, Carol, "")

	post(t, e.App, ConvCD, Dave, "hold")               // the sender stops on this one
	post(t, e.App, ConvAB, Alice, "before carol came") // its members are read later…
	e.addMember(t, Alice, ConvAB, Carol)               // …after Carol joined
	post(t, e.App, ConvAB, Alice, "after carol came")
	close(release)

	carol.expectMessage("hold")
	if f := carol.expect("conversation.created"); f.Conversation != ConvAB {
		t.Fatalf("carol got %+v before she was added", f)
	}
	carol.expectMessage("after carol came")
}
