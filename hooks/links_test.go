package hooks_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pbchat/pbchat/hooks"
	. "github.com/pbchat/pbchat/internal/chattest"
)

// A link can't take a conversation past its size limit: joining is
// refused in words, and uses nothing.
func TestALinkKeepsTheSizeLimit(t *testing.T) {
	f := Load(t)
	app := f.NewApp(t)
	hooks.MustRegister(app, hooks.Config{MaxMembers: 2})
	s := f.Serve(t, app)
	st, b := s.Do(t, Alice, "POST", "/api/collections/inviteLinks/records", map[string]any{"conversation": ConvAB})
	if st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	var l struct{ ID, Token string }
	json.Unmarshal(b, &l)
	st, b = s.Do(t, Carol, "POST", "/api/chat/join/"+l.Token, nil)
	if st != 400 || !strings.Contains(string(b), "validation_too_many_members") {
		t.Fatalf("a third member by a link, where two is the most: %d %s", st, b)
	}
	if r, _ := app.FindRecordById("inviteLinks", l.ID); r.GetInt("uses") != 0 {
		t.Fatalf("%d uses counted for a refused join", r.GetInt("uses"))
	}
}
