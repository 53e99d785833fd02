package realtime_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/pocketbase/pocketbase/core"

	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/realtime"
)

func TestTyping(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	alice, _ := e.connect(t, Alice, "")
	bob1, _ := e.connect(t, Bob, "")
	bob2, _ := e.connect(t, Bob, "")
	carol, _ := e.connect(t, Carol, "")

	bob1.send(map[string]string{"type": "typing", "conversation": ConvAB})
	if f := alice.expect("typing"); f.Conversation != ConvAB || f.User != Bob {
		t.Fatalf("%+v", f)
	}
	// A second one within the second is dropped; so is an outsider's.
	bob1.send(map[string]string{"type": "typing", "conversation": ConvAB})
	carol.send(map[string]string{"type": "typing", "conversation": ConvAB})
	carol.send(map[string]string{"type": "typing", "conversation": "nosuchconv00000"})
	post(t, e.App, ConvAB, Alice, "marker")
	if f := alice.next(); f.Type != "message.created" {
		t.Fatalf("alice got %+v before the marker", f)
	}
	// The typist's own sockets don't hear it.
	for _, c := range []*client{bob1, bob2} {
		if f := c.next(); f.Type != "message.created" {
			t.Fatalf("bob got %+v before the marker", f)
		}
	}
	post(t, e.App, ConvCD, Dave, "carol's marker")
	if f := carol.next(); f.Type != "message.created" {
		t.Fatalf("carol got %+v before her marker", f)
	}

	time.Sleep(1100 * time.Millisecond) // the rate limit's window, not a measure
	bob2.send(map[string]string{"type": "typing", "conversation": ConvAB})
	alice.expect("typing")
}

func TestBadFramesGetAnErrorAndTheSocketStays(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	bob, _ := e.connect(t, Bob, "")
	for _, raw := range []string{`{nope`, `[]`, `{"type":"dance"}`, `{"type":"typing"}`, `{"type":"auth","token":"x"}`, `"typing"`} {
		bob.ws.WriteMessage(websocket.TextMessage, []byte(raw))
		if f := bob.expect("error"); f.Error == "" {
			t.Fatalf("%s: %+v", raw, f)
		}
	}
	post(t, e.App, ConvAB, Alice, "still open")
	bob.expectMessage("still open")
}

func TestOversizeFrameCloses1009(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	bob, _ := e.connect(t, Bob, "")
	big := `{"type":"typing","conversation":"` + strings.Repeat("x", 4100) + `"}`
	bob.ws.WriteMessage(websocket.TextMessage, []byte(big))
	bob.expectClose(websocket.CloseMessageTooBig)

	// before auth too
	c := e.open(t, nil)
	c.ws.WriteMessage(websocket.TextMessage, []byte(big))
	c.expectClose(websocket.CloseMessageTooBig)
}

// A socket that doesn't read fills its buffer and is closed with 4008,
// while another socket of the same conversation gets everything at once;
// the slow one resumes from its last cursor and misses nothing.
func TestSlowConsumerIsIsolatedAndResumes(t *testing.T) {
	e := newEnv(t, realtime.Config{SendBuffer: 16, ResumeBytes: 8 << 20}) // the whole ~5 MB is resumed
	fast, _ := e.connect(t, Alice, "")

	slow, _, err := e.dial(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	slow.WriteJSON(map[string]string{"type": "auth", "token": e.Fixture.Tokens[Bob]})
	// Read up to ready, then stop reading.
	for {
		_, data, err := slow.ReadMessage()
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(data), `"ready"`) {
			break
		}
	}

	text := strings.Repeat("z", 9000)
	const n = 600 // ~5 MB: more than the kernel buffers of a loopback socket hold
	for i := range n {
		post(t, e.App, ConvAB, Alice, fmt.Sprintf("%d %s", i, text))
		f := fast.expect("message.created") // the fast socket keeps pace
		if !strings.HasPrefix(f.text(), fmt.Sprint(i)+" ") {
			t.Fatalf("fast got %.10s, want %d", f.text(), i)
		}
	}
	if s := e.hub.Stats(); s.ClosedSlow == 0 {
		t.Fatalf("the slow socket was not closed: %+v", s)
	}

	// Now read what the slow socket had received, up to its close.
	got := map[int]bool{}
	cursor := ""
	for {
		_, data, err := slow.ReadMessage()
		if err != nil {
			if ce, ok := err.(*websocket.CloseError); ok && ce.Code != realtime.CloseSlow {
				t.Fatalf("closed with %d, want %d", ce.Code, realtime.CloseSlow)
			}
			break
		}
		var f frame
		json.Unmarshal(data, &f)
		var i int
		fmt.Sscanf(f.text(), "%d", &i)
		got[i] = true
		cursor = f.Cursor
	}
	if cursor == "" {
		cursor = "0"
	}
	_, replayed := e.connect(t, Bob, cursor)
	for _, f := range replayed {
		var i int
		fmt.Sscanf(f.text(), "%d", &i)
		if got[i] {
			t.Fatalf("message %d came twice", i)
		}
		got[i] = true
	}
	if len(got) != n {
		t.Fatalf("the slow client has %d of %d messages after resuming", len(got), n)
	}
}

func TestSilentSocketIsClosedAfterTwoPings(t *testing.T) {
	e := newEnv(t, realtime.Config{PingInterval: 100 * time.Millisecond})
	// A client that never reads never answers pings.
	silent, _, err := e.dial(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	silent.WriteJSON(map[string]string{"type": "auth", "token": e.Fixture.Tokens[Bob]})
	// A reading client answers them and stays.
	alive, _ := e.connect(t, Alice, "")

	deadline := time.Now().Add(wait)
	for e.hub.Stats().Sockets != 1 {
		if time.Now().After(deadline) {
			t.Fatalf("the silent socket is still open: %+v", e.hub.Stats())
		}
		time.Sleep(20 * time.Millisecond)
	}
	post(t, e.App, ConvAB, Bob, "alive?")
	alive.expect("message.created")
}

func TestShutdownDeliversQueuedEventsThenCloses1001(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	bob, _ := e.connect(t, Bob, "")
	for i := range 50 {
		post(t, e.App, ConvAB, Alice, fmt.Sprint(i))
	}
	e.hub.Stop()
	for i := range 50 {
		if f := bob.expect("message.created"); f.text() != fmt.Sprint(i) {
			t.Fatalf("got %q, want %d", f.text(), i)
		}
	}
	bob.expectClose(websocket.CloseGoingAway)

	// No new sockets while stopping.
	_, res, err := e.dial(t, nil)
	if err == nil || res.StatusCode != 503 {
		t.Fatalf("dial after stop: %v %v", err, res)
	}
}

func TestStats(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	e.connect(t, Bob, "")
	e.connect(t, Bob, "")
	e.connect(t, Alice, "")
	status, body := e.Do(t, "superuser", "GET", realtime.StatsPath, nil)
	var s realtime.Stats
	json.Unmarshal(body, &s)
	if status != 200 || s.Sockets != 3 || s.Users != 2 {
		t.Fatalf("%d %s", status, body)
	}
	for _, who := range []string{"", Bob} {
		if status, body := e.Do(t, who, "GET", realtime.StatsPath, nil); status == 200 || strings.Contains(string(body), "sockets") {
			t.Fatalf("%q: %d %s", who, status, body)
		}
	}
}

func TestOnDeliverChangesOrStopsEvents(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	e.hub.OnDeliver().BindFunc(func(d *realtime.DeliverEvent) error {
		if strings.Contains(string(d.ChatEvent.Payload), "forbidden") {
			return nil // stop it
		}
		d.ChatEvent.Payload = []byte(strings.ReplaceAll(string(d.ChatEvent.Payload), "darn", "d**n"))
		return d.Next()
	})
	bob, _ := e.connect(t, Bob, "")
	post(t, e.App, ConvAB, Alice, "a forbidden word")
	post(t, e.App, ConvAB, Alice, "darn it")
	bob.expectMessage("d**n it")
	// The same applies to a replay.
	_, replayed := e.connect(t, Bob, "0")
	if len(replayed) != 1 || replayed[0].text() != "d**n it" {
		t.Fatalf("%+v", replayed)
	}
}

func TestPanicsDoNotStopTheSender(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	e.hub.OnDeliver().BindFunc(func(d *realtime.DeliverEvent) error {
		if strings.Contains(string(d.ChatEvent.Payload), "boom") {
			panic("a bad hook")
		}
		return d.Next()
	})
	bob, _ := e.connect(t, Bob, "")
	post(t, e.App, ConvAB, Alice, "boom")
	post(t, e.App, ConvAB, Alice, "after")
	bob.expectMessage("after")
	if e.hub.Stats().Panics != 1 {
		t.Fatalf("%+v", e.hub.Stats())
	}
}

func TestNotify(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	alice, _ := e.connect(t, Alice, "")
	carol, _ := e.connect(t, Carol, "")
	if err := e.hub.Notify([]string{Alice}, "moderation.warning", map[string]string{"reason": "spam"}); err != nil {
		t.Fatal(err)
	}
	if f := alice.expect("moderation.warning"); string(f.Data) != `{"reason":"spam"}` {
		t.Fatalf("%+v", f)
	}
	if err := e.hub.Notify([]string{Alice}, "message.created", nil); err == nil {
		t.Fatal("a protocol type was accepted")
	}
	post(t, e.App, ConvCD, Dave, "marker")
	carol.expect("message.created")
}

// Nothing is sent for a save rolled back by the transaction around it.
func TestRolledBackSaveSendsNothing(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	bob, _ := e.connect(t, Bob, "")
	e.App.RunInTransaction(func(tx core.App) error {
		post(t, tx, ConvAB, Alice, "rolled back")
		return fmt.Errorf("abort")
	})
	post(t, e.App, ConvAB, Alice, "committed")
	bob.expectMessage("committed")
}

// A flood of typing frames reaches the others as one.
func TestTypingFloodIsThrottled(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	alice, _ := e.connect(t, Alice, "")
	bob, _ := e.connect(t, Bob, "")
	for range 500 {
		bob.send(map[string]string{"type": "typing", "conversation": ConvAB})
	}
	if f := alice.expect("typing"); f.User != Bob {
		t.Fatalf("%+v", f)
	}
	post(t, e.App, ConvAB, Bob, "after the flood")
	if f := alice.next(); f.Type != "message.created" || f.text() != "after the flood" {
		t.Fatalf("a second typing frame, or something else, got through: %+v", f)
	}
}
