package realtime_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/realtime"
)

const linksURL = "/api/collections/inviteLinks/records"

type link struct {
	ID      string
	Token   string
	Uses    int
	MaxUses int
	Expires string
}

// makeLink has who make a link to conv over REST.
func (e *env) makeLink(t testing.TB, who, conv string, body map[string]any) link {
	t.Helper()
	if body == nil {
		body = map[string]any{}
	}
	body["conversation"] = conv
	st, b := e.Do(t, who, "POST", linksURL, body)
	if st != 200 {
		t.Fatalf("make a link: %d %s", st, b)
	}
	var l link
	json.Unmarshal(b, &l)
	return l
}

// An owner's link: unguessable, bounded, seen and revoked by owners only;
// a signed-in person with a live link joins (once per use, a member
// already using none); a link expired, used up, revoked, guessed or made
// by someone who blocks you doesn't work, and says so in words.
func TestInviteLinks(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	l := e.makeLink(t, Alice, ConvAB, map[string]any{"maxUses": 2})
	if len(l.Token) < 43 || l.MaxUses != 2 || l.Uses != 0 {
		t.Fatalf("the link: %+v", l)
	}
	if d := l.Expires; !strings.HasPrefix(d, time.Now().UTC().Add(7*24*time.Hour).Format("2006-01-02")) {
		t.Errorf("a link expires in 7 days by default, not %s", d)
	}
	other := e.makeLink(t, Alice, ConvAB, nil)
	if other.Token == l.Token || other.MaxUses != 25 {
		t.Fatalf("a second link: %+v", other)
	}

	// only owners see, make and revoke links; nothing of a link is the client's to set
	for _, c := range []struct {
		who, method, path string
		body              map[string]any
		status            int
		want              string
	}{
		{Bob, "GET", linksURL + "?filter=" + url.QueryEscape(`conversation="`+ConvAB+`"`), nil, 200, `"totalItems":0`},
		{Bob, "GET", linksURL + "/" + l.ID, nil, 404, ""},
		{Carol, "GET", linksURL + "/" + l.ID, nil, 404, ""},
		{Bob, "POST", linksURL, map[string]any{"conversation": ConvAB}, 400, ""},
		{Carol, "POST", linksURL, map[string]any{"conversation": ConvAB}, 400, ""},
		{Bob, "DELETE", linksURL + "/" + l.ID, nil, 404, ""},
		{Alice, "PATCH", linksURL + "/" + l.ID, map[string]any{"maxUses": 1000}, 403, ""},
		{Alice, "GET", linksURL + "?filter=" + url.QueryEscape(`token="`+l.Token+`"`), nil, 400, "validation_not_allowed"},
		{Alice, "POST", linksURL, map[string]any{"conversation": ConvAB, "token": "guessable"}, 400, "validation_server_set"},
		{Alice, "POST", linksURL, map[string]any{"conversation": ConvAB, "uses": -5}, 400, "validation_server_set"},
		{Alice, "POST", linksURL, map[string]any{"conversation": ConvAB, "createdBy": Bob}, 400, "validation_server_set"},
		{Alice, "POST", linksURL, map[string]any{"conversation": ConvAB, "expires": "2020-01-01 00:00:00.000Z"}, 400, "validation_link_expiry"},
		{Alice, "POST", linksURL, map[string]any{"conversation": ConvAB, "expires": time.Now().Add(40 * 24 * time.Hour).UTC().Format("2006-01-02 15:04:05.000Z")}, 400, "validation_link_expiry"},
		{Alice, "POST", linksURL, map[string]any{"conversation": ConvAB, "maxUses": 5000}, 400, "validation_link_uses"},
		{Alice, "POST", linksURL, map[string]any{"conversation": ConvCD}, 400, ""},
	} {
		st, b := e.Do(t, c.who, c.method, c.path, c.body)
		if st != c.status || !strings.Contains(string(b), c.want) || (st == 200 && strings.Contains(string(b), l.Token)) {
			t.Errorf("%s %s %s %v: %d %s, want %d %s", c.who, c.method, c.path, c.body, st, b, c.status, c.want)
		}
	}

	// Dave, a stranger, reads where it leads, and joins: live, one use
	e.settle(t)
	dave, _ := e.connect(t, Dave, "")
	join := "/api/chat/join/" + l.Token
	st, b := e.Do(t, Dave, "GET", join, nil)
	if st != 200 || !strings.Contains(string(b), `"title":"Alice & Bob"`) || !strings.Contains(string(b), `"members":2`) ||
		!strings.Contains(string(b), `"member":false`) || strings.Contains(string(b), "hello bob") {
		t.Fatalf("the preview: %d %s", st, b)
	}
	if st, b := e.Do(t, Dave, "POST", join, nil); st != 200 || !strings.Contains(string(b), ConvAB) {
		t.Fatalf("join: %d %s", st, b)
	}
	if f := dave.expect("conversation.created"); f.Conversation != ConvAB {
		t.Fatalf("dave: %+v", f)
	}
	if st, _ := e.Do(t, Dave, "POST", join, nil); st != 200 {
		t.Fatalf("joining again, a member: %d", st)
	}
	if n := e.linkUses(t, l.ID); n != 1 {
		t.Fatalf("%d uses after one join and one by a member", n)
	}
	// Carol uses the last; Dave leaves and can't come back by it
	if st, b := e.Do(t, Carol, "POST", join, nil); st != 200 {
		t.Fatalf("carol joins: %d %s", st, b)
	}
	_, b = e.Do(t, Dave, "GET", "/api/collections/members/records?filter="+url.QueryEscape(`conversation="`+ConvAB+`" && user="`+Dave+`"`), nil)
	var mine struct{ Items []struct{ ID string } }
	json.Unmarshal(b, &mine)
	e.removeMember(t, Dave, mine.Items[0].ID)
	for _, who := range []string{Dave} {
		if st, b := e.Do(t, who, "POST", join, nil); st != 410 || !strings.Contains(string(b), "used as many times") {
			t.Errorf("%s past the limit: %d %s", who, st, b)
		}
	}

	// guessed, revoked, expired, or made by someone who blocks you
	second := "/api/chat/join/" + other.Token
	if st, b := e.Do(t, Dave, "POST", "/api/chat/join/"+strings.Repeat("A", 43), nil); st != 404 || !strings.Contains(string(b), "doesn't work") {
		t.Errorf("a guess: %d %s", st, b)
	}
	e.block(t, Alice, Dave)
	blockedAnswer := ""
	if st, b := e.Do(t, Dave, "POST", second, nil); st != 404 {
		t.Errorf("blocked by its maker: %d %s", st, b)
	} else {
		blockedAnswer = string(b)
	}
	if st, b := e.Do(t, Alice, "DELETE", linksURL+"/"+other.ID, nil); st != 204 {
		t.Fatalf("revoke: %d %s", st, b)
	}
	if st, b := e.Do(t, Dave, "POST", second, nil); st != 404 || string(b) != blockedAnswer {
		t.Errorf("revoked: %d %s, want the blocked answer %s", st, b, blockedAnswer)
	}
	third := e.makeLink(t, Alice, ConvAB, nil)
	if _, err := e.App.DB().NewQuery("UPDATE inviteLinks SET expires = '2020-01-01 00:00:00.000Z' WHERE id = {:id}").
		Bind(map[string]any{"id": third.ID}).Execute(); err != nil {
		t.Fatal(err)
	}
	if st, b := e.Do(t, Bob, "GET", "/api/chat/join/"+third.Token, nil); st != 410 || !strings.Contains(string(b), "expired") {
		t.Errorf("expired: %d %s", st, b)
	}
	if st, _ := e.Do(t, "", "POST", "/api/chat/join/"+third.Token, nil); st != 401 {
		t.Errorf("a guest: %d", st)
	}
}

func (e *env) linkUses(t testing.TB, id string) int {
	t.Helper()
	r, err := e.App.FindRecordById("inviteLinks", id)
	if err != nil {
		t.Fatal(err)
	}
	return r.GetInt("uses")
}
