package hooks_test

import (
	"testing"

	"github.com/pocketbase/dbx"

	"github.com/pbchat/pbchat/hooks"
	. "github.com/pbchat/pbchat/internal/chattest"
)

// Deleting an account follows the documented policy: the person's
// messages stay, authorless; their memberships, reactions, blocks,
// invitations and invite links go; reports they made stay, reporterless.
func TestDeletingAnAccount(t *testing.T) {
	f := Load(t)
	app := f.NewApp(t)
	hooks.MustRegister(app, hooks.Config{})
	s := f.Serve(t, app)
	for _, c := range []struct {
		path string
		body map[string]any
	}{
		{"/api/collections/reactions/records", map[string]any{"message": MsgAB1, "emoji": "👍"}},
		{"/api/collections/blocks/records", map[string]any{"blocker": Bob, "blocked": Carol}},
		{"/api/collections/reports/records", map[string]any{"message": MsgAB1, "reason": "spam"}},
		{"/api/collections/invitations/records", map[string]any{"conversation": ConvAB, "invitee": Dave}},
	} {
		if st, b := s.Do(t, Bob, "POST", c.path, c.body); st != 200 {
			t.Fatalf("%s: %d %s", c.path, st, b)
		}
	}
	if st, b := s.Do(t, Alice, "POST", "/api/collections/inviteLinks/records", map[string]any{"conversation": ConvAB}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	if st, b := s.Do(t, Bob, "DELETE", "/api/collections/users/records/"+Bob, nil); st != 204 {
		t.Fatalf("delete: %d %s", st, b)
	}
	m, err := app.FindRecordById("messages", MsgAB2)
	if err != nil || m.GetString("author") != "" || m.GetString("text") != "hi alice" {
		t.Fatalf("bob's message: %v %v", m, err)
	}
	for collection, filter := range map[string]dbx.Expression{
		"members":     dbx.HashExp{"user": Bob},
		"reactions":   dbx.HashExp{"user": Bob},
		"blocks":      dbx.HashExp{"blocker": Bob},
		"invitations": dbx.HashExp{"inviter": Bob},
	} {
		if n, err := app.CountRecords(collection, filter); err != nil || n != 0 {
			t.Errorf("%s of bob left: %d %v", collection, n, err)
		}
	}
	r, err := app.FindFirstRecordByData("reports", "message", MsgAB1)
	if err != nil || r.GetString("reporter") != "" || r.GetString("text") != "hello bob" {
		t.Errorf("bob's report: %v %v", r, err)
	}
}
