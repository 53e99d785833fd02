package realtime_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"

	"github.com/pbchat/pbchat/hooks"
	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/realtime"
)

// A superuser removes a message: members see that a moderator removed it,
// live and on resume (the journal no longer holds what it said), in quotes
// too, and its author can't bring it back; nobody else can remove or
// suspend. A suspended person's sockets close, and signing in, every
// request and every socket are refused in words; others see them as
// suspended; lifted, they sign in again. Each action is logged.
func TestModeration(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	e.settle(t)
	bob, _ := e.connect(t, Bob, "")
	m := post(t, e.App, ConvAB, Alice, "something awful")
	first := bob.expectMessage("something awful")
	reply := postReply(t, e, Bob, m.Id, "what?")
	bob.expectMessage("what?")

	for _, c := range []struct {
		who, method, path string
		body              map[string]any
		status            int
	}{
		{Alice, "PATCH", "/api/collections/messages/records/" + m.Id, map[string]any{"removed": true}, 400},
		{Bob, "PATCH", "/api/collections/users/records/" + Bob, map[string]any{"suspended": true}, 400},
		{Bob, "POST", "/api/collections/messages/records", map[string]any{"conversation": ConvAB, "text": "x", "removed": true}, 400},
		{Alice, "POST", "/api/chat/moderation/messages/" + m.Id + "/remove", map[string]any{"reason": "mine"}, 403},
		{Bob, "POST", "/api/chat/moderation/users/" + Alice + "/suspend", map[string]any{}, 403},
	} {
		if st, b := e.Do(t, c.who, c.method, c.path, c.body); st != c.status {
			t.Errorf("%s %s %s: %d %s, want %d", c.who, c.method, c.path, st, b, c.status)
		}
	}
	if st, b := e.Do(t, "", "POST", "/api/collections/users/records", map[string]any{
		"email": "new@example.com", "password": Password, "passwordConfirm": Password, "suspended": true}); st != 400 {
		t.Errorf("signing up suspended: %d %s", st, b)
	}

	if st, b := e.Do(t, "superuser", "POST", "/api/chat/moderation/messages/"+m.Id+"/remove", map[string]any{"reason": "abuse"}); st != 204 {
		t.Fatalf("remove: %d %s", st, b)
	}
	f := bob.expect("message.updated")
	if !strings.Contains(string(f.Record), `"removed":true`) || strings.Contains(string(f.Record), "awful") {
		t.Fatalf("bob's frame of the removal: %s", f.Record)
	}
	_, b := e.Do(t, Bob, "GET", "/api/collections/messages/records?filter="+url.QueryEscape(`conversation="`+ConvAB+`"`)+"&show=withheld", nil)
	if strings.Contains(string(b), "awful") || !strings.Contains(string(b), `"removed":true`) {
		t.Errorf("the messages after the removal: %s", b)
	}
	if _, b := e.Do(t, Bob, "GET", "/api/collections/messages/records/"+reply, nil); !strings.Contains(string(b), `"reply":{"id":"`+m.Id) ||
		!strings.Contains(string(b), `"removed":true`) || strings.Contains(string(b), "awful") {
		t.Errorf("the quote of it: %s", b)
	}
	if _, b := e.Do(t, Bob, "GET", "/api/chat/search?q=awful", nil); !strings.Contains(string(b), `"totalItems":0`) {
		t.Errorf("search finds it: %s", b)
	}
	if st, b := e.Do(t, Alice, "PATCH", "/api/collections/messages/records/"+m.Id, map[string]any{"text": "back again"}); st != 403 {
		t.Errorf("the author edits it back: %d %s", st, b)
	}
	bob.ws.Close()
	_, replayed := e.connect(t, Bob, realtime.FormatCursor(mustCursor(t, first.Cursor)-1))
	for _, f := range replayed {
		if strings.Contains(string(f.Record), "awful") {
			t.Fatalf("a resume brought back what was removed: %s", f.Record)
		}
	}

	// suspended
	bob, _ = e.connect(t, Bob, "")
	if err := hooks.Suspend(e.App, Bob, "test", "spam"); err != nil {
		t.Fatal(err)
	}
	if f := bob.expectClose(realtime.CloseUnauthorized); !strings.Contains(f.closeText, "suspended") {
		t.Fatalf("bob's socket closed with %q", f.closeText)
	}
	// his token is dead (a new token key): he reads as nobody
	if _, b := e.Do(t, Bob, "GET", "/api/collections/conversations/records", nil); !strings.Contains(string(b), `"totalItems":0`) {
		t.Errorf("bob's old token reads: %s", b)
	}
	st, b := e.Do(t, "", "POST", "/api/collections/users/auth-with-password", map[string]any{"identity": Email(Bob), "password": Password})
	if st != 403 || !strings.Contains(string(b), "This account is suspended.") {
		t.Errorf("bob signs in: %d %s", st, b)
	}
	if _, b := e.Do(t, Alice, "GET", "/api/collections/users/records/"+Bob, nil); !strings.Contains(string(b), `"suspended":true`) {
		t.Errorf("others don't see him suspended: %s", b)
	}
	if err := hooks.Lift(e.App, Bob, "test", "appeal"); err != nil {
		t.Fatal(err)
	}
	if st, b := e.Do(t, "", "POST", "/api/collections/users/auth-with-password", map[string]any{"identity": Email(Bob), "password": Password}); st != 200 {
		t.Errorf("bob signs in after the lift: %d %s", st, b)
	}

	// the log
	log, err := e.App.FindAllRecords("moderation", dbx.NewExp("1=1"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range log {
		got = append(got, r.GetString("action")+":"+r.GetString("reason"))
	}
	if strings.Join(got, ",") != "remove:abuse,suspend:spam,lift:appeal" {
		t.Errorf("the moderation log: %v", got)
	}
	if st, _ := e.Do(t, Alice, "GET", "/api/collections/moderation/records", nil); st != 403 {
		t.Errorf("alice reads the moderation log: %d", st)
	}
	var su struct{ Items []struct{ Moderator string } }
	_, b = e.Do(t, "superuser", "GET", "/api/collections/moderation/records?sort=created", nil)
	json.Unmarshal(b, &su)
	if len(su.Items) != 3 || su.Items[0].Moderator == "" {
		t.Errorf("the log as superusers read it: %s", b)
	}
}

// A suspended person with a token from before can't open a socket, and
// the admin UI's edit (a superuser's PATCH) suspends as the route does.
func TestSuspendedByTheAdminUI(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	token := e.Fixture.Tokens[Carol]
	if st, b := e.Do(t, "superuser", "PATCH", "/api/collections/users/records/"+Carol, map[string]any{"suspended": true}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	c := e.open(t, nil)
	c.send(map[string]string{"type": "auth", "token": token})
	if f := c.expectClose(realtime.CloseUnauthorized); f.closeText == "" {
		t.Fatalf("closed with %+v", f)
	}
	// her token from before is dead (a new token key): nothing of hers is saved
	if st, b := e.Do(t, Carol, "POST", "/api/collections/messages/records", map[string]any{"conversation": ConvCD, "text": "still here"}); st < 400 {
		t.Errorf("a suspended person posts: %d %s", st, b)
	}
	if n, _ := e.App.CountRecords("messages", dbx.HashExp{"text": "still here"}); n != 0 {
		t.Errorf("a suspended person's message saved")
	}
	// a token made for her anyway (by Go code): every request refused in words
	carol, err := e.App.FindRecordById("users", Carol)
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := carol.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", e.URL+"/api/collections/conversations/records", nil)
	req.Header.Set("Authorization", fresh)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 403 || !strings.Contains(string(body), "This account is suspended.") {
		t.Errorf("a suspended person's fresh token reads: %d %s", res.StatusCode, body)
	}
	r, err := e.App.FindFirstRecordByData("moderation", "user", Carol)
	if err != nil || r.GetString("action") != "suspend" || r.GetString("moderator") == "" {
		t.Errorf("the admin UI's suspension logged: %v %v", r, err)
	}
}
