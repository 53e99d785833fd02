package realtime_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/realtime"
)

const invitationsURL = "/api/collections/invitations/records"

// whoCanAdd sets who's setting over REST.
func (e *env) whoCanAdd(t testing.TB, who, v string) {
	t.Helper()
	if st, b := e.Do(t, who, "PATCH", "/api/collections/users/records/"+who, map[string]any{"whoCanAdd": v}); st != 200 {
		t.Fatalf("%s whoCanAdd %q: %d %s", who, v, st, b)
	}
}

// create has who create a conversation over REST and returns its id.
func (e *env) create(t testing.TB, who, title string, members ...string) string {
	t.Helper()
	st, b := e.Do(t, who, "POST", "/api/collections/conversations/records", map[string]any{"title": title, "members": members})
	if st != 200 {
		t.Fatalf("create: %d %s", st, b)
	}
	var r struct{ ID string }
	json.Unmarshal(b, &r)
	return r.ID
}

// invitationTo returns the id of the invitation of invitee to conv, as a
// member of it (who) lists them.
func (e *env) invitationTo(t testing.TB, who, conv, invitee string) string {
	t.Helper()
	_, b := e.Do(t, who, "GET", invitationsURL+"?filter="+url.QueryEscape(`conversation="`+conv+`" && invitee="`+invitee+`"`), nil)
	var list struct{ Items []struct{ ID string } }
	json.Unmarshal(b, &list)
	if len(list.Items) != 1 {
		t.Fatalf("invitations of %s to %s: %s", invitee, conv, b)
	}
	return list.Items[0].ID
}

// Dave keeps the default: people he shares a conversation with add him;
// anyone else invites him, and he sees the invitation (live, and on
// resume) with the title, the inviter and the count of members, and
// nothing else of the conversation until he accepts.
func TestConsentToBeAdded(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	e.whoCanAdd(t, Dave, "")
	// the setting is Dave's alone
	if _, b := e.Do(t, Alice, "GET", "/api/collections/users/records/"+Dave, nil); strings.Contains(string(b), "whoCanAdd") {
		t.Errorf("alice reads dave's setting: %s", b)
	}
	if st, _ := e.Do(t, Alice, "GET", "/api/collections/users/records?filter="+url.QueryEscape(`whoCanAdd="nobody"`), nil); st != 400 {
		t.Errorf("alice filters on whoCanAdd: %d", st)
	}
	if st, b := e.Do(t, Dave, "PATCH", "/api/collections/users/records/"+Dave, map[string]any{"whoCanAdd": "strangers"}); st != 400 {
		t.Errorf("an unknown setting: %d %s", st, b)
	}

	// Carol shares a conversation with Dave: she adds him
	group := e.create(t, Carol, "Carol's group", Dave)
	if count(t, e, "members", "conversation", group) != 2 {
		t.Fatal("carol, whom dave knows, didn't add him")
	}

	e.settle(t)
	dave, _ := e.connect(t, Dave, "")
	// Bob doesn't: a new conversation invites Dave
	plans := e.create(t, Bob, "Bob's plans", Alice, Dave)
	post(t, e.App, plans, Bob, "the secret plan")
	f := dave.expect("invitation.created")
	rec := string(f.Record)
	for _, want := range []string{`"title":"Bob's plans"`, `"members":2`, `"name":"Bob Baker"`, `"invitee":"` + Dave + `"`} {
		if !strings.Contains(rec, want) {
			t.Errorf("the invitation frame lacks %s: %s", want, rec)
		}
	}
	if strings.Contains(rec, "hidden") || f.Conversation != "" {
		t.Errorf("the invitation frame: %+v", f)
	}
	cursor := f.Cursor
	inv := e.invitationTo(t, Bob, plans, Dave)
	// nothing of the conversation is Dave's yet
	for _, path := range []string{
		"/api/collections/conversations/records/" + plans,
		"/api/collections/messages/records?filter=" + url.QueryEscape(`conversation="`+plans+`"`),
		"/api/collections/members/records?filter=" + url.QueryEscape(`conversation="`+plans+`"`),
		invitationsURL + "/" + inv + "?expand=conversation",
		"/api/chat/search?q=secret",
	} {
		st, b := e.Do(t, Dave, "GET", path, nil)
		if strings.Contains(string(b), "secret plan") || strings.Contains(string(b), `"expand":{"conversation"`) ||
			strings.Contains(string(b), MemABAlice) || (st == 200 && strings.Contains(path, "conversations") && strings.Contains(string(b), `"lastMessage"`)) {
			t.Errorf("dave reads %s: %d %s", path, st, b)
		}
	}
	// adding him outright is refused; inviting him twice, or a member, too
	for _, c := range []struct {
		who, path string
		body      map[string]any
		status    int
		want      string
	}{
		{Bob, "/api/collections/members/records", map[string]any{"conversation": plans, "user": Dave}, 403, "invite them instead"},
		{Bob, invitationsURL, map[string]any{"conversation": plans, "invitee": Dave}, 400, "validation_already_invited"},
		{Bob, invitationsURL, map[string]any{"conversation": plans, "invitee": Alice}, 400, "validation_already_member"},
		{Carol, invitationsURL, map[string]any{"conversation": plans, "invitee": Carol}, 400, ""}, // not a member of it
		{Alice, invitationsURL, map[string]any{"conversation": ConvAB, "invitee": Dave, "inviter": Bob}, 400, "validation_server_set"},
		{Carol, "/api/chat/invitations/" + inv + "/accept", nil, 404, ""},
		{Bob, "/api/chat/invitations/" + inv + "/accept", nil, 404, ""},
		{Dave, "/api/chat/invitations/abcdefghijklmno/accept", nil, 404, ""},
		{Carol, "/api/chat/invitations/" + inv + "/decline", nil, 404, ""},
	} {
		st, b := e.Do(t, c.who, "POST", c.path, c.body)
		if st != c.status || !strings.Contains(string(b), c.want) {
			t.Errorf("%s POST %s %v: %d %s, want %d %s", c.who, c.path, c.body, st, b, c.status, c.want)
		}
	}
	if _, b := e.Do(t, Carol, "GET", invitationsURL+"/"+inv, nil); !strings.Contains(string(b), `"status":404`) {
		t.Errorf("carol, no member, reads the invitation: %s", b)
	}

	// resume: the invitation comes again from before it
	dave.ws.Close()
	_, replayed := e.connect(t, Dave, realtime.FormatCursor(mustCursor(t, cursor)-1))
	if len(replayed) != 1 || replayed[0].Type != "invitation.created" {
		t.Fatalf("dave resumed %+v", replayed)
	}

	// accepted: a member, who reads it all; the invitation gone, everywhere
	dave, _ = e.connect(t, Dave, "")
	st, b := e.Do(t, Dave, "POST", "/api/chat/invitations/"+inv+"/accept", nil)
	if st != 200 || !strings.Contains(string(b), `"title":"Bob's plans"`) {
		t.Fatalf("accept: %d %s", st, b)
	}
	if f := dave.expect("conversation.created"); f.Conversation != plans {
		t.Fatalf("dave: %+v", f)
	}
	if f := dave.expect("invitation.deleted"); f.recordID() != inv {
		t.Fatalf("dave: %+v", f)
	}
	if _, b := e.Do(t, Dave, "GET", "/api/collections/messages/records?filter="+url.QueryEscape(`conversation="`+plans+`"`), nil); !strings.Contains(string(b), "the secret plan") {
		t.Errorf("dave, a member, can't read: %s", b)
	}
	if st, _ := e.Do(t, Dave, "POST", "/api/chat/invitations/"+inv+"/accept", nil); st != 404 {
		t.Errorf("accepted twice: %d", st)
	}

	// declined, and declined with a block: the next invitation from Bob
	// stays out of Dave's sight (and Bob is never told) until he unblocks
	e.whoCanAdd(t, Dave, "nobody") // he shares one with Bob now
	other := e.create(t, Bob, "Another", Dave)
	inv2 := e.invitationTo(t, Bob, other, Dave)
	dave.expect("invitation.created")
	if st, b := e.Do(t, Dave, "POST", "/api/chat/invitations/"+inv2+"/decline", map[string]any{"block": true}); st != 204 {
		t.Fatalf("decline: %d %s", st, b)
	}
	dave.expect("invitation.deleted")
	dave.expect("block.created")
	if count(t, e, "members", "conversation", other) != 1 || count(t, e, "blocks", "blocker", Dave) != 1 {
		t.Fatal("declining left dave a member, or unblocked")
	}
	third := e.create(t, Bob, "Third", Dave)
	inv3 := e.invitationTo(t, Bob, third, Dave) // Bob sees it pending, as any
	if _, b := e.Do(t, Dave, "GET", invitationsURL+"?filter="+url.QueryEscape(`invitee="`+Dave+`"`), nil); !strings.Contains(string(b), `"totalItems":0`) {
		t.Errorf("dave sees the blocked person's invitation: %s", b)
	}
	if st, _ := e.Do(t, Dave, "POST", "/api/chat/invitations/"+inv3+"/accept", nil); st != 404 {
		t.Errorf("dave accepts a hidden invitation: %d", st)
	}
	post(t, e.App, ConvCD, Carol, "marker")
	dave.expectMessage("marker") // no invitation frame came first
	var block struct{ Items []struct{ ID string } }
	_, b = e.Do(t, Dave, "GET", blocksURL, nil)
	json.Unmarshal(b, &block)
	if st, b := e.Do(t, Dave, "DELETE", blocksURL+"/"+block.Items[0].ID, nil); st != 204 {
		t.Fatalf("unblock: %d %s", st, b)
	}
	if f := dave.expect("invitation.created"); f.recordID() != inv3 {
		t.Fatalf("dave after the lift: %+v", f)
	}
	dave.expect("block.deleted")

	// hidden is the server's: a forged one is ignored
	if st, b := e.Do(t, Alice, "POST", invitationsURL, map[string]any{"conversation": ConvAB, "invitee": Dave, "hidden": true}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	dave.expect("invitation.created")

	// nobody: not even Carol, whom he knows, adds him; "everyone": Bob does
	notes := e.create(t, Carol, "Carol's notes")
	if st, b := e.Do(t, Carol, "POST", "/api/collections/members/records", map[string]any{"conversation": notes, "user": Dave}); st != 403 {
		t.Errorf("carol adds dave, who accepts nobody: %d %s", st, b)
	}
	e.whoCanAdd(t, Dave, "everyone")
	if st, b := e.Do(t, Bob, "POST", "/api/collections/members/records", map[string]any{"conversation": other, "user": Dave}); st != 200 {
		t.Errorf("bob adds dave, who accepts everyone: %d %s", st, b)
	}
}

func mustCursor(t testing.TB, c string) int64 {
	t.Helper()
	n, err := realtime.ParseCursor(c)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// A direct conversation with someone who must accept it is one per pair:
// asking again is told where the pending one is.
func TestADirectInvitationIsOnePerPair(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	e.whoCanAdd(t, Dave, "")
	dm := e.create(t, Alice, "", Dave)
	st, b := e.Do(t, Alice, "POST", "/api/collections/conversations/records", map[string]any{"members": []string{Dave}})
	if st != 400 || !strings.Contains(string(b), "validation_conversation_exists") || !strings.Contains(string(b), dm) {
		t.Fatalf("a second direct conversation: %d %s", st, b)
	}
}
