package hooks_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"

	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/journal"
)

func TestMemberAccess(t *testing.T) {
	inbox := conversationsURL + "?sort=-lastMessageAt&expand=lastMessage.author&skipTotal=1"
	add := func(conv, user, extra string) string {
		return `{"conversation":"` + conv + `","user":"` + user + `"` + extra + `}`
	}
	for _, s := range []scenario{
		// reading
		{name: "guest lists nothing", method: "GET", url: membersURL + "?filter=" + q(`conversation="`+ConvAB+`"`), status: 200,
			expect: []string{`"totalItems":0`}, exclude: []string{MemABAlice, MemCDCarol}},
		{name: "a member lists the members of their conversation", who: Bob, method: "GET",
			url: membersURL + "?filter=" + q(`conversation="`+ConvAB+`"`), status: 200,
			expect: []string{`"totalItems":2`, MemABAlice, MemABBob}, exclude: []string{MemCDCarol, MemCDDave}},
		{name: "someone's memberships, in the conversations one shares with them", who: Bob, method: "GET",
			url: membersURL + "?filter=" + q(`user="`+Alice+`"`), status: 200,
			expect: []string{`"totalItems":1`, MemABAlice}, exclude: []string{MemCDCarol}},
		{name: "an unpinned list is refused", who: Bob, method: "GET", url: membersURL + "?filter=" + q(`role="owner"`), status: 400,
			expect: []string{`"filter":{"code":"validation_list_unbounded"`}, exclude: []string{MemABAlice}},
		{name: "an outsider's filter finds nothing", who: Carol, method: "GET",
			url: membersURL + "?filter=" + q(`conversation="`+ConvAB+`"`), status: 200,
			expect: []string{`"totalItems":0`}, exclude: []string{MemABAlice}},
		{name: "an outsider can't view a member", who: Carol, method: "GET", url: membersURL + "/" + MemABBob, status: 404,
			expect: []string{`"status":404`}, exclude: []string{Bob}},
		{name: "one's own record carries unread", who: Bob, method: "GET", url: membersURL + "/" + MemABBob, status: 200,
			expect: []string{`"unread":1`}},
		{name: "another's record doesn't", who: Bob, method: "GET", url: membersURL + "/" + MemABAlice, status: 200,
			expect: []string{`"role":"owner"`}, exclude: []string{`"unread"`, `"heroes"`}},
		{name: "a titled conversation's has no heroes", who: Bob, method: "GET", url: membersURL + "/" + MemABBob, status: 200,
			expect: []string{`"heroes":[]`}},
		{name: "the inbox: conversations by activity with their last message and unread, in one request", who: Bob,
			method: "GET", url: inbox, status: 200,
			expect: []string{`"unread":1`, `"title":"Alice & Bob"`, `"text":"hi alice"`, `"name":"Bob Baker"`,
				`"member":{`, `"id":"` + MemABBob + `"`, `"role":"member"`, `"heroes":[]`},
			exclude: []string{"Carol & Dave", "secret of carol", Email(Alice), MemABAlice}},
		{name: "the same through one's memberships", who: Bob, method: "GET",
			url:    membersURL + "?filter=" + q(`user="`+Bob+`"`) + "&sort=-conversation.lastMessageAt&expand=conversation.lastMessage.author",
			status: 200, expect: []string{`"unread":1`, `"title":"Alice & Bob"`, `"text":"hi alice"`},
			exclude: []string{"Carol & Dave", "secret of carol"}},
		{name: "a superuser's view carries no read state", who: "superuser", method: "GET", url: conversationsURL + "/" + ConvAB,
			status: 200, expect: []string{`"title":"Alice & Bob"`}, exclude: []string{`"unread"`, `"member"`}},
		{name: "members are sorted and filtered only along the allow-list", who: Bob, method: "GET",
			url: membersURL + "?sort=user.email", status: 400,
			expect: []string{`"sort":{"code":"validation_not_allowed"`}, exclude: []string{MemABAlice}},

		// adding
		{name: "a member adds someone, who starts with the history read", who: Bob, method: "POST", url: membersURL,
			body: add(ConvAB, Carol, ""), status: 200, expect: []string{`"role":"member"`, `"user":"` + Carol + `"`},
			check: func(t testing.TB, app *tests.TestApp, sent []journal.Event) {
				expectEvents(t, sent, journal.MemberCreated)
				sameSet(t, sent[0].Added, Carol)
				if len(sent[0].Payload) > 1024 {
					t.Fatalf("a %d-byte event for one person added", len(sent[0].Payload))
				}
				expectMembers(t, app, ConvAB, Alice+":owner", Bob+":member", Carol+":member")
				c := record(t, app, "conversations", ConvAB)
				m := record(t, app, "members", sent[0].Record)
				if !m.GetDateTime("lastReadAt").Equal(c.GetDateTime("lastMessageAt")) {
					t.Fatalf("lastReadAt %v, conversation's latest %v", m.GetDateTime("lastReadAt"), c.GetDateTime("lastMessageAt"))
				}
			}},
		{name: "an outsider can't add themselves", who: Carol, method: "POST", url: membersURL,
			body: add(ConvAB, Carol, ""), status: 400, expect: []string{`"status":400`}, check: nothingNew},
		{name: "nor someone else to a conversation they aren't in", who: Carol, method: "POST", url: membersURL,
			body: add(ConvAB, Dave, ""), status: 400, expect: []string{`"status":400`}, check: nothingNew},
		{name: "a member is added once", who: Bob, method: "POST", url: membersURL,
			body: add(ConvAB, Alice, ""), status: 400, expect: []string{`"validation_not_unique"`}, check: nothingNew},
		{name: "only users are added", who: Bob, method: "POST", url: membersURL,
			body: add(ConvAB, "nobody000000000", ""), status: 400,
			expect: []string{`"user":{"code":"validation_missing_rel_records"`}, check: nothingNew},
		{name: "a member can't add an owner", who: Bob, method: "POST", url: membersURL,
			body: add(ConvAB, Carol, `,"role":"owner"`), status: 403, expect: []string{"Only an owner"}, check: nothingNew},
		{name: "an owner adds an owner", who: Alice, method: "POST", url: membersURL,
			body: add(ConvAB, Carol, `,"role":"owner"`), status: 200, expect: []string{`"role":"owner"`}},
		{name: "read state is the server's to start", who: Bob, method: "POST", url: membersURL,
			body: add(ConvAB, Carol, `,"lastReadAt":"2020-01-01 00:00:00Z"`), status: 400,
			expect: []string{`"lastReadAt":{"code":"validation_server_set"`}, check: nothingNew},

		{name: "nobody mutes a conversation for someone they add", who: Bob, method: "POST", url: membersURL,
			body: add(ConvAB, Carol, `,"muted":true`), status: 403, expect: []string{"Only its member mutes"}, check: nothingNew},
		{name: "nor until a date", who: Alice, method: "POST", url: membersURL,
			body: add(ConvAB, Carol, `,"mutedUntil":"2099-01-01 00:00:00Z"`), status: 403, expect: []string{"Only its member mutes"}, check: nothingNew},

		// removing
		{name: "a member can't remove others", who: Bob, method: "DELETE", url: membersURL + "/" + MemABAlice,
			status: 403, expect: []string{"Only an owner"}, check: nothingNew},
		{name: "an outsider can't remove anyone", who: Carol, method: "DELETE", url: membersURL + "/" + MemABBob,
			status: 404, expect: []string{`"status":404`}, check: nothingNew},
		{name: "the owner removes a member", who: Alice, method: "DELETE", url: membersURL + "/" + MemABBob, status: 204,
			check: func(t testing.TB, app *tests.TestApp, sent []journal.Event) {
				expectEvents(t, sent, journal.MemberDeleted)
				sameSet(t, sent[0].Removed, Bob)
				expectMembers(t, app, ConvAB, Alice+":owner")
			}},
		{name: "a member leaves", who: Bob, method: "DELETE", url: membersURL + "/" + MemABBob, status: 204,
			check: func(t testing.TB, app *tests.TestApp, sent []journal.Event) {
				expectEvents(t, sent, journal.MemberDeleted)
				expectMembers(t, app, ConvAB, Alice+":owner")
			}},
		{name: "when the last owner leaves, the longest-standing member owns it", who: Alice, method: "DELETE",
			url: membersURL + "/" + MemABAlice, status: 204,
			check: func(t testing.TB, app *tests.TestApp, sent []journal.Event) {
				expectEvents(t, sent, journal.MemberDeleted, journal.MemberUpdated)
				expectMembers(t, app, ConvAB, Bob+":owner")
			}},

		// updating
		{name: "a member's conversation never changes", who: Bob, method: "PATCH", url: membersURL + "/" + MemABBob,
			body: `{"conversation":"` + ConvCD + `"}`, status: 400, expect: []string{`"conversation":{"code":"validation_immutable"`}, check: nothingNew},
		{name: "nor its user", who: "superuser", method: "PATCH", url: membersURL + "/" + MemABBob,
			body: `{"user":"` + Carol + `"}`, status: 400, expect: []string{`"user":{"code":"validation_immutable"`}, check: nothingNew},
		{name: "nobody makes themselves owner", who: Bob, method: "PATCH", url: membersURL + "/" + MemABBob,
			body: `{"role":"owner"}`, status: 403, expect: []string{"own role"}, check: nothingNew},
		{name: "nobody moves another's read state", who: Alice, method: "PATCH", url: membersURL + "/" + MemABBob,
			body: `{"lastReadAt":"2030-01-01 00:00:00Z"}`, status: 403, expect: []string{"Only its member"}, check: nothingNew},
		{name: "a member can't change another's role", who: Bob, method: "PATCH", url: membersURL + "/" + MemABAlice,
			body: `{"role":"member"}`, status: 403, expect: []string{"Only an owner"}, check: nothingNew},
		{name: "an owner makes another an owner", who: Alice, method: "PATCH", url: membersURL + "/" + MemABBob,
			body: `{"role":"owner"}`, status: 200, expect: []string{`"role":"owner"`},
			check: func(t testing.TB, app *tests.TestApp, sent []journal.Event) {
				expectEvents(t, sent, journal.MemberUpdated)
			}},
		{name: "an outsider can't touch a member", who: Carol, method: "PATCH", url: membersURL + "/" + MemABBob,
			body: `{"lastReadAt":"2030-01-01 00:00:00Z"}`, status: 404, expect: []string{`"status":404`}, check: nothingNew},
	} {
		s.run(t)
	}
}

// An untitled conversation is named by up to three of its other members,
// on one's own member record: names, never emails.
func TestHeroesNameUntitledConversations(t *testing.T) {
	s, _ := serve(t)
	conv := must(t, s, Alice, "POST", conversationsURL, map[string]any{"members": []string{Bob, Carol, Dave}})["id"].(string)
	_, body := s.Do(t, Alice, "GET", membersURL+"?filter="+q(`user="`+Alice+`" && conversation="`+conv+`"`), nil)
	for _, want := range []string{`"heroes":[`, `"name":"Bob Baker"`, `"name":"Carol Chen"`, `"name":"Dave Diaz"`} {
		if !strings.Contains(string(body), want) {
			t.Fatalf("no %s in %s", want, body)
		}
	}
	for _, leak := range []string{`"name":"Alice Archer"`, Email(Bob)} {
		if strings.Contains(string(body), leak) {
			t.Fatalf("%s in %s", leak, body)
		}
	}
	// Bob's view of Alice's record carries none.
	_, body = s.Do(t, Bob, "GET", membersURL+"?filter="+q(`user="`+Alice+`" && conversation="`+conv+`"`), nil)
	if strings.Contains(string(body), `"heroes"`) || strings.Contains(string(body), `"unread"`) {
		t.Fatalf("another's record annotated: %s", body)
	}
}

func TestTheLastMemberCantLeave(t *testing.T) {
	s, rec := serve(t)
	if status, body := s.Do(t, Bob, "DELETE", membersURL+"/"+MemABBob, nil); status != 204 {
		t.Fatalf("Bob leaves: %d %s", status, body)
	}
	status, body := s.Do(t, Alice, "DELETE", membersURL+"/"+MemABAlice, nil)
	if status != 400 || !strings.Contains(string(body), `"validation_last_member"`) {
		t.Fatalf("the last member leaves: %d %s", status, body)
	}
	expectMembers(t, s.App, ConvAB, Alice+":owner")
	expectEvents(t, rec.Events(), journal.MemberDeleted)
}

func TestReadState(t *testing.T) {
	s, rec := serve(t)
	unread := func(who, member string) float64 {
		t.Helper()
		return must(t, s, who, "GET", membersURL+"/"+member, nil)["unread"].(float64)
	}
	// The seeded messages share a millisecond: a later one makes "newest" tell.
	news := must(t, s, Alice, "POST", messagesURL, map[string]any{"conversation": ConvAB, "text": "news"})
	if n := unread(Bob, MemABBob); n != 2 {
		t.Fatalf("unread %v before reading, want Alice's 2: Bob's own don't count", n)
	}
	if n := unread(Alice, MemABAlice); n != 0 {
		t.Fatalf("Alice's unread %v: posting reads the conversation up to one's own message", n)
	}
	first := record(t, s.App, "messages", MsgAB1).GetDateTime("created")
	latest := record(t, s.App, "messages", news["id"].(string)).GetDateTime("created")

	got := must(t, s, Bob, "PATCH", membersURL+"/"+MemABBob, map[string]any{"lastReadAt": first.String()})
	if got["lastReadAt"] != first.String() || got["unread"].(float64) != 1 {
		t.Fatalf("after reading the first: %v", got)
	}
	evs := rec.Events()
	expectEvents(t, evs, journal.MessageCreated, journal.MemberRead)
	if evs[1].Conversation != ConvAB || !strings.Contains(string(evs[1].Payload), first.String()) {
		t.Fatalf("read event %+v", evs[1])
	}

	// A slower device's older read doesn't move it back.
	got = must(t, s, Bob, "PATCH", membersURL+"/"+MemABBob, map[string]any{"lastReadAt": "2025-01-01 00:00:00.000Z"})
	if got["lastReadAt"] != first.String() {
		t.Fatalf("moved back to %v", got["lastReadAt"])
	}
	// Nor does it go past the newest message.
	got = must(t, s, Bob, "PATCH", membersURL+"/"+MemABBob, map[string]any{"lastReadAt": latest.Add(time.Hour).String()})
	if got["lastReadAt"] != latest.String() || got["unread"].(float64) != 0 {
		t.Fatalf("read past the newest message: %v, newest %v", got, latest)
	}
	expectEvents(t, rec.Events(), journal.MessageCreated, journal.MemberRead, journal.MemberRead)

	// A deleted message no longer counts.
	late := must(t, s, Alice, "POST", messagesURL, map[string]any{"conversation": ConvAB, "text": "late"})
	if n := unread(Bob, MemABBob); n != 1 {
		t.Fatalf("Bob's unread %v", n)
	}
	must204(t, s, Alice, "DELETE", messagesURL+"/"+late["id"].(string))
	if n := unread(Bob, MemABBob); n != 0 {
		t.Fatalf("Bob's unread %v after the message went", n)
	}
}

func must204(t *testing.T, s *Server, who, method, path string) {
	t.Helper()
	if status, body := s.Do(t, who, method, path, nil); status != 204 {
		t.Fatalf("%s %s: %d %s", method, path, status, body)
	}
}

// A member mutes a conversation for themselves: nobody else sets it, sees
// it or is told of it.
func TestMute(t *testing.T) {
	s, rec := serve(t)
	if st, _ := s.Do(t, Alice, "PATCH", membersURL+"/"+MemABBob, map[string]any{"muted": true}); st != 403 {
		t.Fatalf("Alice muted Bob: %d", st)
	}
	got := must(t, s, Bob, "PATCH", membersURL+"/"+MemABBob, map[string]any{"muted": true, "mutedUntil": "2030-01-01 00:00:00.000Z"})
	if got["muted"] != true {
		t.Fatalf("%v", got)
	}
	if c := must(t, s, Bob, "GET", conversationsURL+"/"+ConvAB, nil)["member"].(map[string]any); c["muted"] != true || c["mutedUntil"] != "2030-01-01 00:00:00.000Z" {
		t.Fatalf("the conversation as Bob lists it: %v", c)
	}
	if _, b := s.Do(t, Alice, "GET", membersURL+"/"+MemABBob, nil); strings.Contains(string(b), "muted") {
		t.Fatalf("Alice sees Bob's mute: %s", b)
	}
	if st, b := s.Do(t, Alice, "GET", membersURL+"?filter="+q(`conversation="`+ConvAB+`" && muted=true`), nil); st != 400 {
		t.Fatalf("a filter on another's mute: %d %s", st, b)
	}
	expectEvents(t, rec.Events()) // nobody is told

	// nor added muted in a batch, where PocketBase's batch API is on
	s, rec = serveWithBatch(t)
	st, b := s.Do(t, Alice, "POST", "/api/batch", map[string]any{"requests": []map[string]any{{
		"method": "POST", "url": "/api/collections/members/records",
		"body": map[string]any{"conversation": ConvAB, "user": Carol, "muted": true, "mutedUntil": "2099-01-01 00:00:00Z"},
	}}})
	if st != 400 || !strings.Contains(string(b), "Only its member mutes") {
		t.Fatalf("a batch adding Carol muted: %d %s", st, b)
	}
	if n, _ := s.App.CountRecords("members", dbx.HashExp{"user": Carol, "conversation": ConvAB}); n != 0 {
		t.Fatal("Carol was added")
	}
	expectEvents(t, rec.Events())
}
