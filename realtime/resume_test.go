package realtime_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/realtime"
)

// A client that drops and resumes from its last cursor, again and again
// while others post concurrently, ends up with every message exactly once
// and in order.
func TestResumeHasNoGapNorDuplicate(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	// The first connection is live before any post; the journal starts
	// empty, so "0" resumes from before the first post.
	c, _ := e.connect(t, Bob, "")
	const posters, each = 3, 60
	var wg sync.WaitGroup
	for p := range posters {
		wg.Go(func() {
			for i := range each {
				if err := save(e.App, ConvAB, Alice, fmt.Sprintf("%d:%d", p, i)); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}

	got := []string{}
	cursor := "0"
	last := int64(0)
	take := func(f frame) {
		if f.Type != "message.created" {
			t.Fatalf("unexpected %+v", f)
		}
		seq, _ := realtime.ParseCursor(f.Cursor)
		if seq <= last {
			t.Fatalf("cursor %d after %d: a duplicate or a step back", seq, last)
		}
		last, cursor = seq, f.Cursor
		got = append(got, f.text())
	}
	for len(got) < posters*each {
		// read a few live frames, then drop the socket mid-stream
		for n := rand.IntN(15); n > 0 && len(got) < posters*each; n-- {
			take(c.next())
		}
		c.ws.Close()
		if len(got) == posters*each {
			break
		}
		var replayed []frame
		c, replayed = e.connect(t, Bob, cursor)
		for _, f := range replayed {
			take(f)
		}
	}
	wg.Wait()
	if len(got) != posters*each {
		t.Fatalf("got %d messages, want %d", len(got), posters*each)
	}
	next := make([]int, posters)
	for _, s := range got {
		var p, i int
		fmt.Sscanf(s, "%d:%d", &p, &i)
		if i != next[p] {
			t.Fatalf("poster %d: %d after %d", p, i, next[p]-1)
		}
		next[p]++
	}
}

func TestResumeReplaysOnlyTheUsersConversations(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	c, _ := e.connect(t, Carol, "")
	post(t, e.App, ConvCD, Carol, "first")
	cursor := c.expect("message.created").Cursor
	c.ws.Close()

	post(t, e.App, ConvAB, Alice, "not for carol")
	post(t, e.App, ConvCD, Dave, "for carol")
	_, replayed := e.connect(t, Carol, cursor)
	if len(replayed) != 1 || replayed[0].text() != "for carol" {
		t.Fatalf("replayed %+v", replayed)
	}
}

func TestResumePastTheLimitResyncs(t *testing.T) {
	e := newEnv(t, realtime.Config{ResumeLimit: 5})
	c, _ := e.connect(t, Bob, "")
	post(t, e.App, ConvAB, Alice, "seen")
	cursor := c.expect("message.created").Cursor
	c.ws.Close()

	for i := range 5 {
		post(t, e.App, ConvAB, Alice, fmt.Sprint(i))
	}
	_, replayed := e.connect(t, Bob, cursor)
	if len(replayed) != 5 {
		t.Fatalf("at the limit: replayed %d", len(replayed))
	}
	post(t, e.App, ConvAB, Alice, "one too many")
	_, replayed = e.connect(t, Bob, cursor)
	if len(replayed) != 1 || replayed[0].Type != "resync" {
		t.Fatalf("past the limit: %+v", replayed)
	}
}

func TestUnknownCursorsResync(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	for _, cursor := range []string{"banana", "-1", "01", "99999999"} {
		_, before := e.connect(t, Bob, cursor)
		if len(before) != 1 || before[0].Type != "resync" {
			t.Fatalf("cursor %q: %+v", cursor, before)
		}
	}
	// "0" is the start of the journal: everything of Bob's is replayed.
	post(t, e.App, ConvAB, Alice, "from the start")
	_, before := e.connect(t, Bob, "0")
	if len(before) != 1 || before[0].text() != "from the start" {
		t.Fatalf("%+v", before)
	}
}

// A cursor pointing into a conversation the user is not in replays
// nothing from it.
func TestForeignCursorReplaysNothingForeign(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	post(t, e.App, ConvCD, Carol, "private")
	_, before := e.connect(t, Bob, "0")
	if len(before) != 0 {
		t.Fatalf("%+v", before)
	}
}

// Someone removed and added back while away gets, on resume, what was said
// while they were in, their removal and their return, and nothing from
// while they were out.
func TestResumeSkipsWhatWasSaidWhileOut(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	bob, _ := e.connect(t, Bob, "")
	post(t, e.App, ConvAB, Alice, "before")
	cursor := bob.expect("message.created").Cursor
	bob.ws.Close()

	post(t, e.App, ConvAB, Alice, "still in")
	e.removeMember(t, Alice, MemABBob)
	post(t, e.App, ConvAB, Alice, "while bob was out")
	e.addMember(t, Alice, ConvAB, Bob)
	post(t, e.App, ConvAB, Alice, "bob is back")

	_, replayed := e.connect(t, Bob, cursor)
	var got []string
	for _, f := range replayed {
		got = append(got, f.Type+":"+f.text())
	}
	want := "[message.created:still in conversation.removed: conversation.created: message.created:bob is back]"
	if fmt.Sprint(got) != want {
		t.Fatalf("replayed %q", got)
	}
}

// ready carries a cursor, so that a client dropped before its first event
// still resumes without a gap.
func TestReadyCursorResumesBeforeAnyEvent(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	c := e.open(t, nil)
	c.send(map[string]string{"type": "auth", "token": e.Fixture.Tokens[Bob]})
	ready := c.expect("ready")
	if ready.Cursor == "" {
		t.Fatalf("ready without a cursor: %+v", ready)
	}
	c.ws.Close()
	post(t, e.App, ConvAB, Alice, "while bob reconnected")
	// replayed, or live right after ready if the sender hadn't reached it
	bob, got := e.connect(t, Bob, ready.Cursor)
	if len(got) == 0 {
		got = append(got, bob.expect("message.created"))
	}
	if len(got) != 1 || got[0].text() != "while bob reconnected" {
		t.Fatalf("%+v", got)
	}
}

// A resume is bounded in bytes as well as in events: past ResumeBytes the
// socket resyncs and reloads over REST, one bounded page at a time.
func TestResumePastTheByteLimitResyncs(t *testing.T) {
	e := newEnv(t, realtime.Config{ResumeBytes: 64 << 10})
	post(t, e.App, ConvAB, Alice, strings.Repeat("x", 9000))
	for range 5 {
		post(t, e.App, ConvAB, Alice, strings.Repeat("y", 9000))
	}
	if _, replayed := e.connect(t, Bob, "0"); len(replayed) != 6 {
		t.Fatalf("under the byte limit: replayed %d", len(replayed))
	}
	for range 2 {
		post(t, e.App, ConvAB, Alice, strings.Repeat("z", 9000))
	}
	_, replayed := e.connect(t, Bob, "0")
	if len(replayed) != 1 || replayed[0].Type != "resync" {
		t.Fatalf("past the byte limit: %d frames, first %+v", len(replayed), replayed[0].Type)
	}
}

// A client that resumes in a loop, from one socket or several, is slowed
// down to its user's budget: twice ResumeBytes at once, then ResumeBytes
// every 4 s. A small resume doesn't wait.
func TestResumingInALoopIsSlowedDown(t *testing.T) {
	const limit = 32 << 10
	e := newEnv(t, realtime.Config{ResumeBytes: limit})
	for range 2 {
		post(t, e.App, ConvAB, Alice, strings.Repeat("x", 8000)) // 16 KB in all
	}
	start := time.Now()
	const loops = 6
	var replayed int
	for range loops {
		c, frames := e.connect(t, Bob, "0")
		replayed += len(frames)
		c.ws.Close()
	}
	elapsed := time.Since(start)
	if replayed != 2*loops {
		t.Fatalf("replayed %d events, want %d", replayed, 2*loops)
	}
	// 6 × 16.5 KB against a budget of 64 KB refilled at 8 KB/s: the last
	// three resumes wait about 4 s in all. A lower bound only.
	if got := e.hub.Stats().ResumesDelayed; got < 2 || elapsed < 3*time.Second {
		t.Fatalf("%d of %d resumes delayed, %v in all", got, loops, elapsed)
	}
	// Alice's budget is her own: her resume doesn't wait.
	before := e.hub.Stats().ResumesDelayed
	e.connect(t, Alice, "0")
	if e.hub.Stats().ResumesDelayed != before {
		t.Fatal("another user's resume waited")
	}
}

// Resuming in a loop past the limit is slowed down too: a resync costs
// what the journal read to find out.
func TestResyncingInALoopIsSlowedDown(t *testing.T) {
	e := newEnv(t, realtime.Config{ResumeBytes: 32 << 10})
	for range 5 {
		post(t, e.App, ConvAB, Alice, strings.Repeat("x", 8000)) // 40 KB: past the limit
	}
	start := time.Now()
	for range 3 {
		c, frames := e.connect(t, Bob, "0")
		if len(frames) != 1 || frames[0].Type != "resync" {
			t.Fatalf("%+v", frames)
		}
		c.ws.Close()
	}
	// Each resync reads past 32 KB of the journal to find out: the first
	// spends half the 64 KB budget, the second a little more than what is
	// left, the third waits about 4 s at 8 KB/s. A lower bound only.
	if got, elapsed := e.hub.Stats().ResumesDelayed, time.Since(start); got != 2 || elapsed < 3*time.Second {
		t.Fatalf("%d resyncs delayed, %v in all", got, elapsed)
	}
}

// Reactions reach the conversation's members live, and a resume brings
// back those missed, in commit order with the messages.
func TestReactionsAreDeliveredAndResumed(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	bob, _ := e.connect(t, Bob, "")
	carol, _ := e.connect(t, Carol, "")
	st, b := e.Do(t, Alice, "POST", "/api/collections/reactions/records", map[string]any{"message": MsgAB2, "emoji": "🎉"})
	if st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	var r struct{ ID string }
	json.Unmarshal(b, &r)
	f := bob.expect("reaction.created")
	if f.Conversation != ConvAB || !strings.Contains(string(f.Record), `"emoji":"🎉"`) || !strings.Contains(string(f.Record), "Alice Archer") {
		t.Fatalf("%+v", f)
	}
	bob.ws.Close()

	if st, b := e.Do(t, Alice, "DELETE", "/api/collections/reactions/records/"+r.ID, nil); st != 204 {
		t.Fatalf("%d %s", st, b)
	}
	post(t, e.App, ConvAB, Alice, "after the reaction")
	_, replayed := e.connect(t, Bob, f.Cursor)
	if len(replayed) != 2 || replayed[0].Type != "reaction.deleted" || replayed[1].text() != "after the reaction" {
		t.Fatalf("replayed %+v", replayed)
	}
	post(t, e.App, ConvCD, Dave, "marker")
	if f := carol.next(); f.Type != "message.created" || f.text() != "marker" {
		t.Fatalf("carol got %+v before her own message", f)
	}
}

// Someone removed while their socket was away gets, on resume, everything
// said before the removal, then the removal itself, and nothing after: as
// a socket that never dropped would have.
func TestResumeGivesALeaverEverythingUpToTheLeave(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	bob, _ := e.connect(t, Bob, "")
	post(t, e.App, ConvAB, Alice, "before")
	cursor := bob.expect("message.created").Cursor
	bob.ws.Close()

	post(t, e.App, ConvAB, Alice, "said before the removal")
	e.removeMember(t, Alice, MemABBob)
	post(t, e.App, ConvAB, Alice, "said after the removal")

	_, replayed := e.connect(t, Bob, cursor)
	var got []string
	for _, f := range replayed {
		got = append(got, f.Type+":"+f.text())
	}
	if fmt.Sprint(got) != "[message.created:said before the removal conversation.removed:]" {
		t.Fatalf("replayed %q", got)
	}
	if replayed[1].Conversation != ConvAB {
		t.Fatalf("removed from %q", replayed[1].Conversation)
	}
}
