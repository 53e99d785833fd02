package journal_test

import (
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/journal"
)

func TestMain(m *testing.M) { chattest.Main(m) }

func appendEvent(t *testing.T, app core.App, typ, conv string) journal.Event {
	t.Helper()
	ev := journal.Event{Type: typ, Conversation: conv, Record: "r", Payload: []byte(`{"x":1}`), Added: []string{"a"}}
	if err := app.RunInTransaction(func(tx core.App) error { return journal.Append(tx, &ev) }); err != nil {
		t.Fatal(err)
	}
	return ev
}

func TestAppendReadReplayPrune(t *testing.T) {
	app := chattest.Load(t).NewApp(t)

	first, last, err := journal.Bounds(app)
	if err != nil || first != 1 || last != 0 {
		t.Fatalf("empty bounds %d %d %v", first, last, err)
	}
	a := appendEvent(t, app, journal.MessageCreated, chattest.ConvAB)
	b := appendEvent(t, app, journal.ConversationUpdated, chattest.ConvAB)
	c := appendEvent(t, app, journal.MessageCreated, chattest.ConvCD)
	if a.Seq != 1 || b.Seq != 2 || c.Seq != 3 {
		t.Fatalf("seqs %d %d %d", a.Seq, b.Seq, c.Seq)
	}

	all, err := journal.Read(app, 0, 10)
	if err != nil || len(all) != 3 || string(all[0].Payload) != `{"x":1}` || all[0].Added[0] != "a" || all[1].Type != journal.ConversationUpdated {
		t.Fatalf("read %+v %v", all, err)
	}
	if rest, _ := journal.Read(app, 2, 10); len(rest) != 1 || rest[0].Seq != 3 {
		t.Fatalf("read after 2: %+v", rest)
	}

	// Bob is in ConvAB only, and replays carry only message events.
	convs, last, err := journal.Conversations(app, chattest.Bob)
	if err != nil || len(convs) != 1 || convs[0] != chattest.ConvAB || last != 3 {
		t.Fatalf("bob's conversations %v, last %d, %v", convs, last, err)
	}
	// every event of the conversation: a resume is the live stream
	got, read, more, err := journal.Replay(app, convs, 0, 3, 10, 1<<20)
	if err != nil || len(got) != 2 || got[0].Seq != 1 || got[1].Seq != 2 || more || read != len(got[0].Payload)+len(got[1].Payload) {
		t.Fatalf("replay %+v, read %d, more %v, %v", got, read, more, err)
	}
	if got, _, _, _ := journal.Replay(app, []string{chattest.ConvCD}, 0, 2, 10, 1<<20); len(got) != 0 {
		t.Fatalf("replay through 2 of ConvCD: %+v", got)
	}
	// past the limits it stops, and says there is more
	both := []string{chattest.ConvAB, chattest.ConvCD}
	if got, _, more, _ := journal.Replay(app, both, 0, 3, 1, 1<<20); len(got) != 1 || !more {
		t.Fatalf("replay of 1 event: %d, more %v", len(got), more)
	}
	if got, _, more, _ := journal.Replay(app, both, 0, 3, 10, len(all[0].Payload)); len(got) != 1 || !more {
		t.Fatalf("replay of one payload's bytes: %d, more %v", len(got), more)
	}

	if n, err := journal.Prune(app, time.Now().Add(time.Minute)); err != nil || n != 3 {
		t.Fatalf("pruned %d %v", n, err)
	}
	// Seqs are never reused, and the bounds say where a resume may start.
	first, last, _ = journal.Bounds(app)
	if first != 4 || last != 3 {
		t.Fatalf("bounds after prune %d %d", first, last)
	}
	if d := appendEvent(t, app, journal.MessageCreated, chattest.ConvAB); d.Seq != 4 {
		t.Fatalf("seq after prune %d", d.Seq)
	}
}

func TestAppendRefusesIncompleteEvents(t *testing.T) {
	app := chattest.Load(t).NewApp(t)
	if err := journal.Append(app, &journal.Event{Type: journal.MessageCreated}); err == nil {
		t.Fatal("accepted an event without conversation and record")
	}
}

// A user's membership changes are found by their index, and go with the
// events they index when the journal is pruned.
func TestMembershipChangesAreIndexedByUser(t *testing.T) {
	app := chattest.Load(t).NewApp(t)
	add := func(typ, conv string, added, removed []string) journal.Event {
		t.Helper()
		ev := journal.Event{Type: typ, Conversation: conv, Record: "r", Payload: []byte(`{}`), Added: added, Removed: removed}
		if err := app.RunInTransaction(func(tx core.App) error { return journal.Append(tx, &ev) }); err != nil {
			t.Fatal(err)
		}
		return ev
	}
	created := add(journal.ConversationCreated, "c1", []string{"ann", "bob"}, nil)
	add(journal.MessageCreated, "c1", nil, nil)
	left := add(journal.MemberDeleted, "c1", nil, []string{"bob"})
	add(journal.MemberCreated, "c2", []string{"cy"}, nil)

	got, err := journal.MembershipChanges(app, "bob", 0, left.Seq)
	if err != nil || len(got) != 2 || got[0].Seq != created.Seq || got[1].Seq != left.Seq || got[1].Removed[0] != "bob" {
		t.Fatalf("bob's changes %+v, %v", got, err)
	}
	if got, _ := journal.MembershipChanges(app, "bob", created.Seq, left.Seq); len(got) != 1 {
		t.Fatalf("bob's changes after %d: %+v", created.Seq, got)
	}
	// newest first, membership events only
	mem, err := journal.Memberships(app, "c1", 0, left.Seq)
	if err != nil || len(mem) != 2 || mem[0].Seq != left.Seq {
		t.Fatalf("c1's membership events %+v, %v", mem, err)
	}

	if _, err := journal.Prune(app, time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := app.DB().NewQuery("SELECT COUNT(*) FROM " + journal.ChangesTable).Row(&n); err != nil || n != 0 {
		t.Fatalf("%d index rows outlived their events (%v)", n, err)
	}
}
