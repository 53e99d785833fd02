package realtime_test

import (
	"encoding/json"
	"strings"
	"testing"

	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/realtime"
)

// "Download my data": Bob's settings, memberships, messages (his own,
// however many pages), reactions, blocks and reports, as JSON; nothing of
// anyone else's messages; a guest gets nothing.
func TestDownloadMyData(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	for i := range 1200 {
		post(t, e.App, ConvAB, Bob, "mine "+string(rune('a'+i%26)))
	}
	if st, b := e.Do(t, Bob, "POST", "/api/collections/reactions/records", map[string]any{"message": MsgAB1, "emoji": "👍"}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	e.block(t, Bob, Carol)
	if st, b := e.Do(t, Bob, "POST", "/api/collections/reports/records", map[string]any{"message": MsgAB1, "reason": "spam"}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	st, b := e.Do(t, Bob, "GET", "/api/chat/export", nil)
	if st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	var data struct {
		User        map[string]any
		Memberships []map[string]any
		Messages    []map[string]any
		Reactions   []map[string]any
		Blocks      []map[string]any
		Reports     []map[string]any
	}
	if err := json.Unmarshal(b, &data); err != nil {
		t.Fatalf("not JSON: %v: %s", err, string(b)[max(0, len(b)-600):])
	}
	if data.User["id"] != Bob || data.User["email"] != Email(Bob) || data.User["whoCanAdd"] != "everyone" {
		t.Errorf("the user: %v", data.User)
	}
	if len(data.Memberships) != 1 || data.Memberships[0]["conversation"] != ConvAB || data.Memberships[0]["title"] != "Alice & Bob" {
		t.Errorf("memberships: %v", data.Memberships)
	}
	if len(data.Messages) != 1201 { // the seeded one, and 1,200
		t.Errorf("%d messages, want 1201", len(data.Messages))
	}
	if len(data.Reactions) != 1 || len(data.Blocks) != 1 || data.Blocks[0]["blocked"] != Carol || len(data.Reports) != 1 {
		t.Errorf("reactions %v, blocks %v, reports %v", data.Reactions, data.Blocks, data.Reports)
	}
	if strings.Contains(string(b), "hello bob") && !strings.Contains(string(b), `"text":"hello bob"`) || strings.Contains(string(b), "secret of carol") {
		t.Errorf("someone else's message in the export")
	}
	for _, m := range data.Messages {
		if m["text"] == "hello bob" {
			t.Errorf("alice's message among bob's: %v", m)
		}
	}
	if st, _ := e.Do(t, "", "GET", "/api/chat/export", nil); st != 401 {
		t.Errorf("a guest: %d", st)
	}
}
