package realtime_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/realtime"
)

const pinsURL = "/api/collections/pins/records"

// Members pin and unpin a few messages, seen by members only, live and on
// resume; an owner may keep pinning to owners; a message of another
// conversation, twice, or past the limit is refused; a pinned message a
// member blocks the author of is read withheld, as anywhere.
func TestPins(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	e.settle(t)
	alice, _ := e.connect(t, Alice, "")
	st, b := e.Do(t, Bob, "POST", pinsURL, map[string]any{"conversation": ConvAB, "message": MsgAB1})
	if st != 200 {
		t.Fatalf("bob pins: %d %s", st, b)
	}
	var pin struct{ ID, PinnedBy string }
	json.Unmarshal(b, &pin)
	if pin.PinnedBy != Bob {
		t.Fatalf("the pin: %s", b)
	}
	f := alice.expect("pin.created")
	if f.Conversation != ConvAB || !strings.Contains(string(f.Record), MsgAB1) || strings.Contains(string(f.Record), "hello bob") {
		t.Fatalf("alice's pin frame: %+v %s", f, f.Record)
	}
	for _, c := range []struct {
		who, method, path string
		body              map[string]any
		status            int
		want              string
	}{
		{Carol, "GET", pinsURL + "?filter=" + url.QueryEscape(`conversation="`+ConvAB+`"`), nil, 200, `"totalItems":0`},
		{Carol, "GET", pinsURL + "/" + pin.ID, nil, 404, ""},
		{Carol, "DELETE", pinsURL + "/" + pin.ID, nil, 404, ""},
		{Carol, "POST", pinsURL, map[string]any{"conversation": ConvAB, "message": MsgAB2}, 400, ""},
		{Bob, "POST", pinsURL, map[string]any{"conversation": ConvAB, "message": MsgAB1}, 400, "validation_already_pinned"},
		{Bob, "POST", pinsURL, map[string]any{"conversation": ConvAB, "message": MsgCD1}, 400, "validation_pin_elsewhere"},
		{Bob, "POST", pinsURL, map[string]any{"conversation": ConvAB, "message": MsgAB2, "pinnedBy": Alice}, 400, "validation_server_set"},
		{Bob, "PATCH", "/api/collections/conversations/records/" + ConvAB, map[string]any{"pinsBy": "owners"}, 403, ""},
		{Alice, "GET", pinsURL + "?filter=" + url.QueryEscape(`conversation="`+ConvAB+`"`) + "&expand=message", nil, 200, "hello bob"},
	} {
		st, b := e.Do(t, c.who, c.method, c.path, c.body)
		if st != c.status || !strings.Contains(string(b), c.want) {
			t.Errorf("%s %s %s %v: %d %s, want %d %s", c.who, c.method, c.path, c.body, st, b, c.status, c.want)
		}
	}
	// owners only: Bob can neither pin nor unpin
	if st, b := e.Do(t, Alice, "PATCH", "/api/collections/conversations/records/"+ConvAB, map[string]any{"pinsBy": "owners"}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	if st, _ := e.Do(t, Bob, "DELETE", pinsURL+"/"+pin.ID, nil); st != 403 {
		t.Errorf("bob unpins where owners pin: %d", st)
	}
	if st, _ := e.Do(t, Bob, "POST", pinsURL, map[string]any{"conversation": ConvAB, "message": MsgAB2}); st != 403 {
		t.Errorf("bob pins where owners pin: %d", st)
	}
	// blocked: the pinned message comes withheld
	e.block(t, Bob, Alice)
	if _, b := e.Do(t, Bob, "GET", pinsURL+"?filter="+url.QueryEscape(`conversation="`+ConvAB+`"`)+"&expand=message", nil); strings.Contains(string(b), "hello bob") ||
		!strings.Contains(string(b), `"withheld":"blocked"`) {
		t.Errorf("bob's pins with alice blocked: %s", b)
	}
	// unpinned by the owner, live; resumed from before, both come
	cursor := f.Cursor
	if st, b := e.Do(t, Alice, "DELETE", pinsURL+"/"+pin.ID, nil); st != 204 {
		t.Fatalf("%d %s", st, b)
	}
	alice.expect("conversation.updated") // pinsBy
	alice.expect("pin.deleted")
	_, replayed := e.connect(t, Bob, realtime.FormatCursor(mustCursor(t, cursor)-1))
	var types []string
	for _, f := range replayed {
		if strings.HasPrefix(f.Type, "pin.") {
			types = append(types, f.Type)
		}
	}
	if strings.Join(types, ",") != "pin.created,pin.deleted" {
		t.Errorf("bob resumed %v", types)
	}
}
