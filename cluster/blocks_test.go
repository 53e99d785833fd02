package cluster_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// A block holds through edges: Bob, on one edge, gets Alice's messages
// withheld, live and on resume on the other edge; her typing and presence
// never reach him; his socket on an edge that connects after the block
// reads it from the primary.
func TestABlockHoldsThroughEdges(t *testing.T) {
	w := newWorld(t, 2)
	tokens := w.primary.Fixture.Tokens
	bob, _, err := dial(t, w.edges[0], tokens[Bob], "")
	if err != nil {
		t.Fatal(err)
	}
	status, body := w.primary.Do(t, Bob, http.MethodPost, "/api/collections/blocks/records",
		map[string]string{"blocker": Bob, "blocked": Alice})
	if status != http.StatusOK {
		t.Fatalf("block: %d %s", status, body)
	}
	f := bob.next(t, "block.created")
	cursor := f.Cursor
	alice, _, err := dial(t, w.edges[1], tokens[Alice], "")
	if err != nil {
		t.Fatal(err)
	}
	id := w.post(t, Alice, ConvAB, "withheld across edges")
	if f := bob.next(t, "message.created"); f.recordID() != id || strings.Contains(string(f.Record), "withheld across edges") ||
		!strings.Contains(string(f.Record), `"withheld":"blocked"`) {
		t.Fatalf("bob got %s", f.Record)
	}
	alice.ws.WriteJSON(map[string]string{"type": "typing", "conversation": ConvAB})
	bob.none(t, 300*time.Millisecond, "typing")

	// a new socket of Bob's on the other edge, resuming: the same
	bob2, replayed, err := dial(t, w.edges[1], tokens[Bob], cursor)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range replayed {
		if f.recordID() == id {
			found = true
			var r map[string]any
			json.Unmarshal(f.Record, &r)
			if r["text"] != nil || r["withheld"] != "blocked" {
				t.Fatalf("bob resumed on an edge: %s", f.Record)
			}
		}
		if f.Type == "presence" && f.User == Alice && f.Online {
			t.Fatalf("bob told alice is online: %+v", f)
		}
	}
	if !found {
		t.Fatalf("bob's resume lacks the message: %+v", replayed)
	}
	alice.ws.WriteJSON(map[string]string{"type": "typing", "conversation": ConvAB})
	bob2.none(t, 300*time.Millisecond, "typing")
	w.post(t, Alice, ConvAB, "again")
	if f := bob2.next(t, "message.created", "presence"); f.Type != "message.created" || strings.Contains(string(f.Record), `"again"`) {
		t.Fatalf("bob's second socket: %+v %s", f, f.Record)
	}
}
