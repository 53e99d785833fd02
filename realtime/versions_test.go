package realtime_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/pbchat/pbchat/hooks"
	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/realtime"
)

// Each edit keeps what it replaced: members read a message's versions,
// oldest first, as they read the message (a hook's mask, a block's
// withholding apply); nobody else, not a former member, not through the
// collection's own API; a moderator's removal takes the history too.
func TestEditHistory(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	// an app's hook masks a word wherever a message is read
	e.App.OnRecordEnrich("messages").BindFunc(func(ev *core.RecordEnrichEvent) error {
		ev.Record.Set("text", strings.ReplaceAll(ev.Record.GetString("text"), "darn", "****"))
		return ev.Next()
	})
	for _, text := range []string{"first, darn", "second", "third"} {
		if st, b := e.Do(t, Alice, "PATCH", "/api/collections/messages/records/"+MsgAB1, map[string]any{"text": text}); st != 200 {
			t.Fatalf("%d %s", st, b)
		}
	}
	path := "/api/chat/messages/" + MsgAB1 + "/versions"
	st, b := e.Do(t, Bob, "GET", path, nil)
	var got struct {
		Items []struct {
			ID, Text, Updated string
			Expand            struct{ Author struct{ Name string } }
		}
	}
	json.Unmarshal(b, &got)
	var texts []string
	for _, v := range got.Items {
		texts = append(texts, v.Text)
		if v.ID != MsgAB1 || v.Expand.Author.Name != "Alice Archer" {
			t.Errorf("a version: %+v", v)
		}
	}
	if st != 200 || strings.Join(texts, "|") != "hello bob|first, ****|second" {
		t.Fatalf("bob reads the history: %d %s", st, b)
	}
	for _, c := range []struct {
		who, path string
		status    int
	}{
		{Carol, path, 404},
		{"", path, 401},
		{Bob, "/api/collections/messageVersions/records", 403},
		{Bob, "/api/chat/messages/nosuchmessage00/versions", 404},
	} {
		if st, b := e.Do(t, c.who, "GET", c.path, nil); st != c.status || strings.Contains(string(b), "second") {
			t.Errorf("%s GET %s: %d %s, want %d", c.who, c.path, st, b, c.status)
		}
	}
	// blocked: withheld, as the message is
	e.block(t, Bob, Alice)
	if _, b := e.Do(t, Bob, "GET", path, nil); strings.Contains(string(b), "second") || !strings.Contains(string(b), `"withheld":"blocked"`) {
		t.Errorf("bob, blocking alice, reads her history: %s", b)
	}
	// a former member: nothing
	e.removeMember(t, Alice, MemABBob)
	if st, _ := e.Do(t, Bob, "GET", path, nil); st != 404 {
		t.Errorf("a former member reads the history: %d", st)
	}
	// removed by a moderator: the history goes with it
	if err := hooks.RemoveMessage(e.App, MsgAB1, "test", "abuse"); err != nil {
		t.Fatal(err)
	}
	if _, b := e.Do(t, Alice, "GET", path, nil); !strings.Contains(string(b), `"totalItems":0`) {
		t.Errorf("the history of a removed message: %s", b)
	}
	if n, _ := e.App.CountRecords("messageVersions"); n != 0 {
		t.Errorf("%d versions of a removed message kept", n)
	}
}
