package hooks_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"

	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/journal"
)

const (
	usersURL         = "/api/collections/users/records"
	conversationsURL = "/api/collections/conversations/records"
	messagesURL      = "/api/collections/messages/records"
	membersURL       = "/api/collections/members/records"
)

func TestUsersDirectory(t *testing.T) {
	for _, s := range []scenario{
		{name: "guest lists nobody", method: "GET", url: usersURL, status: 200,
			expect: []string{`"totalItems":0`}, exclude: []string{Alice, Bob}},
		{name: "guest views nobody", method: "GET", url: usersURL + "/" + Bob, status: 404,
			expect: []string{`"status":404`}, exclude: []string{"Bob Baker"}},
		{name: "a user finds others by name, emails only where visible", who: Alice, method: "GET",
			url: usersURL + "?filter=" + q(`name~"a"`), status: 200,
			expect:  []string{`"totalItems":4`, "Bob Baker", "Carol Chen", Email(Bob), Email(Alice)},
			exclude: []string{Email(Carol), Email(Dave)}},
		{name: "email can't be searched for", who: Alice, method: "GET",
			url: usersURL + "?filter=" + q(`email="`+Email(Carol)+`"`), status: 400,
			expect: []string{`"filter":{"code":"validation_not_allowed"`, `\"email\"`}, exclude: []string{Carol}},
		{name: "nor sorted on", who: Alice, method: "GET",
			url: usersURL + "?sort=email", status: 400,
			expect: []string{`"sort":{"code":"validation_not_allowed"`}, exclude: []string{Carol}},
	} {
		s.run(t)
	}
}

func TestConversationAccess(t *testing.T) {
	for _, s := range []scenario{
		// reading
		{name: "guest lists nothing", method: "GET", url: conversationsURL, status: 200,
			expect: []string{`"totalItems":0`}, exclude: []string{ConvAB, ConvCD}},
		{name: "a participant lists only their conversations", who: Bob, method: "GET", url: conversationsURL, status: 200,
			expect: []string{`"totalItems":1`, ConvAB, "Alice & Bob"}, exclude: []string{ConvCD, "Carol & Dave"}},
		{name: "an outsider can't view", who: Carol, method: "GET", url: conversationsURL + "/" + ConvAB, status: 404,
			expect: []string{`"status":404`}, exclude: []string{"Alice & Bob"}},
		{name: "an outsider's filter finds nothing", who: Carol, method: "GET",
			url: conversationsURL + "?filter=" + q(`id="`+ConvAB+`"`), status: 200,
			expect: []string{`"totalItems":0`}, exclude: []string{"Alice & Bob"}},
		{name: "a superuser lists all", who: "superuser", method: "GET", url: conversationsURL, status: 200,
			expect: []string{`"totalItems":2`, ConvAB, ConvCD}},

		// creating
		{name: "guest can't create", method: "POST", url: conversationsURL,
			body: `{"members":["` + Bob + `"]}`, status: 400,
			expect: []string{`"status":400`}, check: unchanged("conversations", 2)},
		{name: "the creator is the owner and the listed people members, in one request", who: Alice, method: "POST", url: conversationsURL,
			body: `{"title":"Plans","members":["` + Carol + `"]}`, status: 200,
			expect: []string{`"title":"Plans"`, `"createdBy":"` + Alice + `"`}, exclude: []string{`"members"`},
			check: func(t testing.TB, app *tests.TestApp, sent []journal.Event) {
				expectEvents(t, sent, journal.ConversationCreated)
				sameSet(t, sent[0].Added, Alice, Carol)
				c := record(t, app, "conversations", sent[0].Conversation)
				if c.GetDateTime("lastMessageAt").IsZero() {
					t.Fatal("lastMessageAt not started at creation")
				}
				expectMembers(t, app, c.Id, Alice+":owner", Carol+":member")
			}},
		{name: "duplicates and the creator in the list are dropped", who: Alice, method: "POST", url: conversationsURL,
			body: `{"members":["` + Bob + `","` + Bob + `","` + Alice + `"]}`, status: 200,
			expect: []string{`"createdBy":"` + Alice + `"`},
			check: func(t testing.TB, app *tests.TestApp, sent []journal.Event) {
				expectMembers(t, app, sent[0].Conversation, Alice+":owner", Bob+":member")
			}},
		{name: "alone, for notes to self", who: Alice, method: "POST", url: conversationsURL,
			body: `{"title":"Notes"}`, status: 200, expect: []string{`"title":"Notes"`},
			check: func(t testing.TB, app *tests.TestApp, sent []journal.Event) {
				expectMembers(t, app, sent[0].Conversation, Alice+":owner")
			}},
		{name: "a forged createdBy is refused", who: Alice, method: "POST", url: conversationsURL,
			body: `{"members":["` + Bob + `"],"createdBy":"` + Bob + `"}`, status: 400,
			expect: []string{`"createdBy":{"code":"validation_server_set"`}, check: nothingNew},
		{name: "lastMessageAt is set by the server", who: Alice, method: "POST", url: conversationsURL,
			body: `{"members":["` + Bob + `"],"lastMessageAt":"2030-01-01 00:00:00Z"}`, status: 400,
			expect: []string{`"lastMessageAt":{"code":"validation_server_set"`}, check: nothingNew},
		{name: "lastMessage is set by the server", who: Alice, method: "POST", url: conversationsURL,
			body: `{"members":["` + Bob + `"],"lastMessage":"` + MsgCD1 + `"}`, status: 400,
			expect: []string{`"lastMessage":{"code":"validation_server_set"`}, check: nothingNew},
		{name: "members must exist: nothing is saved", who: Alice, method: "POST", url: conversationsURL,
			body: `{"members":["` + Bob + `","nobody000000000"]}`, status: 400,
			expect: []string{`"members":{"code":"validation_missing_rel_records"`}, check: nothingNew},
		{name: "members must be ids", who: Alice, method: "POST", url: conversationsURL,
			body: `{"members":[{"id":"` + Bob + `"}]}`, status: 400,
			expect: []string{`"members":{"code":"validation_invalid_members"`}, check: nothingNew},
		{name: "members must be a list", who: Alice, method: "POST", url: conversationsURL,
			body: `{"members":{"a":1}}`, status: 400,
			expect: []string{`"members":{"code":"validation_invalid_members"`}, check: nothingNew},
		{name: "a long title is refused", who: Alice, method: "POST", url: conversationsURL,
			body: `{"title":"` + strings.Repeat("x", 201) + `","members":["` + Bob + `"]}`, status: 400,
			expect: []string{`"title":{"code":"validation_max_text_constraint"`}, check: nothingNew},
		{name: "a superuser creates for others through the same hooks", who: "superuser", method: "POST", url: conversationsURL,
			body: `{"members":["` + Dave + `"],"createdBy":"` + Carol + `"}`, status: 200,
			expect: []string{`"createdBy":"` + Carol + `"`},
			check: func(t testing.TB, app *tests.TestApp, sent []journal.Event) {
				expectEvents(t, sent, journal.ConversationCreated)
				expectMembers(t, app, sent[0].Conversation, Carol+":owner", Dave+":member")
			}},

		// updating
		{name: "a member renames", who: Bob, method: "PATCH", url: conversationsURL + "/" + ConvAB,
			body: `{"title":"Weekend"}`, status: 200, expect: []string{`"title":"Weekend"`},
			check: func(t testing.TB, app *tests.TestApp, sent []journal.Event) {
				expectEvents(t, sent, journal.ConversationUpdated)
				if len(sent[0].Added)+len(sent[0].Removed) != 0 {
					t.Fatalf("rename changed membership: %+v", sent[0])
				}
			}},
		{name: "an outsider can't rename", who: Carol, method: "PATCH", url: conversationsURL + "/" + ConvAB,
			body: `{"title":"Mine"}`, status: 404, expect: []string{`"status":404`}, exclude: []string{"Alice & Bob"},
			check: func(t testing.TB, app *tests.TestApp, sent []journal.Event) {
				if got := record(t, app, "conversations", ConvAB).GetString("title"); got != "Alice & Bob" {
					t.Fatalf("title %q", got)
				}
				expectEvents(t, sent)
			}},
		{name: "createdBy never changes", who: Alice, method: "PATCH", url: conversationsURL + "/" + ConvAB,
			body: `{"createdBy":"` + Bob + `"}`, status: 400, expect: []string{`"createdBy":{"code":"validation_immutable"`},
			check: func(t testing.TB, app *tests.TestApp, sent []journal.Event) {
				if got := record(t, app, "conversations", ConvAB).GetString("createdBy"); got != Alice {
					t.Fatalf("createdBy %q", got)
				}
			}},
		{name: "createdBy never changes, even for a superuser", who: "superuser", method: "PATCH", url: conversationsURL + "/" + ConvAB,
			body: `{"createdBy":"` + Bob + `"}`, status: 400, expect: []string{`"createdBy":{"code":"validation_immutable"`}},
		{name: "lastMessageAt can't be set by a user", who: Bob, method: "PATCH", url: conversationsURL + "/" + ConvAB,
			body: `{"lastMessageAt":"2031-01-01 00:00:00Z"}`, status: 400, expect: []string{`"lastMessageAt":{"code":"validation_server_set"`}},
		{name: "lastMessage can't be set by a user", who: Bob, method: "PATCH", url: conversationsURL + "/" + ConvAB,
			body: `{"lastMessage":"` + MsgAB1 + `"}`, status: 400, expect: []string{`"lastMessage":{"code":"validation_server_set"`}},
		{name: "an unchanged form from the admin UI saves", who: "superuser", method: "PATCH", url: conversationsURL + "/" + ConvAB,
			body:   `{"title":"Renamed","createdBy":"` + Alice + `","lastMessage":"` + MsgAB2 + `"}`,
			status: 200, expect: []string{`"title":"Renamed"`}},

		// deleting
		{name: "a member who isn't an owner can't delete", who: Bob, method: "DELETE", url: conversationsURL + "/" + ConvAB,
			status: 404, expect: []string{`"status":404`}, check: unchanged("conversations", 2)},
		{name: "an outsider can't delete", who: Carol, method: "DELETE", url: conversationsURL + "/" + ConvAB,
			status: 404, expect: []string{`"status":404`}, check: unchanged("conversations", 2)},
		{name: "the owner deletes it, and its members and messages go with it", who: Alice, method: "DELETE", url: conversationsURL + "/" + ConvAB,
			status: 204,
			check: func(t testing.TB, app *tests.TestApp, sent []journal.Event) {
				if n := count(t, app, "conversations", "1=1", nil); n != 1 {
					t.Fatalf("%d conversations left", n)
				}
				for _, c := range []string{"messages", "members"} {
					if n := count(t, app, c, "conversation={:c}", dbx.Params{"c": ConvAB}); n != 0 {
						t.Fatalf("%d %s left", n, c)
					}
					if n := count(t, app, c, "1=1", nil); n == 0 {
						t.Fatalf("other conversations' %s went too", c)
					}
				}
				// one event for the conversation, none per cascaded record
				expectEvents(t, sent, journal.ConversationRemoved)
				sameSet(t, sent[0].Removed, Alice, Bob)
			}},
		{name: "a superuser deletes anything", who: "superuser", method: "DELETE", url: conversationsURL + "/" + ConvCD,
			status: 204, check: func(t testing.TB, app *tests.TestApp, sent []journal.Event) {
				expectEvents(t, sent, journal.ConversationRemoved)
			}},
	} {
		s.run(t)
	}
}

func TestMessageAccess(t *testing.T) {
	post := func(conv, text string) string {
		return `{"conversation":"` + conv + `","text":"` + text + `"}`
	}
	for _, s := range []scenario{
		// reading
		{name: "guest lists nothing", method: "GET", url: messagesURL + "?filter=" + q(`conversation="`+ConvAB+`"`), status: 200,
			expect: []string{`"totalItems":0`}, exclude: []string{"hello bob", "secret"}},
		{name: "a member lists their conversation's messages", who: Alice, method: "GET",
			url: messagesURL + "?filter=" + q(`conversation="`+ConvAB+`"`), status: 200,
			expect: []string{`"totalItems":2`, "hello bob", "hi alice"}, exclude: []string{"secret of carol", MsgCD1}},
		{name: "an outsider's list of another conversation is empty", who: Alice, method: "GET",
			url: messagesURL + "?filter=" + q(`conversation="`+ConvCD+`"`), status: 200,
			expect: []string{`"totalItems":0`}, exclude: []string{"secret of carol", MsgCD1}},
		{name: "a list of every conversation's messages at once is refused: it would cost the table", who: Alice, method: "GET",
			url: messagesURL + "?filter=" + q(`conversation="`+ConvAB+`" || text~"secret"`), status: 400,
			expect: []string{`"filter":{"code":"validation_list_unbounded"`}, exclude: []string{"hello bob", "secret of carol"}},
		{name: "or with no filter at all", who: Alice, method: "GET", url: messagesURL, status: 400,
			expect: []string{`"filter":{"code":"validation_list_unbounded"`}, exclude: []string{"hello bob"}},
		{name: "an outsider can't view", who: Alice, method: "GET", url: messagesURL + "/" + MsgCD1, status: 404,
			expect: []string{`"status":404`}, exclude: []string{"secret"}},
		{name: "a filter through the conversation's people is refused", who: Alice, method: "GET",
			url: messagesURL + "?filter=" + q(`conversation.members_via_conversation.user != ""`), status: 400,
			expect: []string{`"filter":{"code":"validation_not_allowed"`, "conversation.members_via_conversation.user"}, exclude: []string{"secret"}},
		{name: "expand shows no hidden email", who: Bob, method: "GET",
			url: messagesURL + "/" + MsgAB1 + "?expand=author", status: 200,
			expect: []string{"hello bob", "Alice Archer"}, exclude: []string{Email(Alice)}},
		{name: "an outsider's expand of a conversation finds nothing", who: Carol, method: "GET",
			url: messagesURL + "/" + MsgAB1 + "?expand=conversation", status: 404,
			expect: []string{`"status":404`}, exclude: []string{"hello bob", "Alice & Bob"}},

		// posting
		{name: "a participant posts and is the author", who: Bob, method: "POST", url: messagesURL,
			body: post(ConvAB, "see you"), status: 200,
			expect: []string{`"author":"` + Bob + `"`, `"text":"see you"`},
			check: func(t testing.TB, app *tests.TestApp, sent []journal.Event) {
				expectEvents(t, sent, journal.MessageCreated)
				ev := sent[0]
				if ev.Conversation != ConvAB || ev.Seq == 0 {
					t.Fatalf("event %+v", ev)
				}
				var payload struct {
					Text   string
					Expand struct{ Author map[string]any }
				}
				if err := json.Unmarshal(ev.Payload, &payload); err != nil {
					t.Fatal(err)
				}
				if payload.Text != "see you" || payload.Expand.Author["name"] != "Bob Baker" || payload.Expand.Author["collectionName"] != "users" {
					t.Fatalf("payload %s", ev.Payload)
				}
				if strings.Contains(string(ev.Payload), "@example.com") {
					t.Fatalf("payload leaks an email: %s", ev.Payload)
				}
				m := record(t, app, "messages", ev.Record)
				c := record(t, app, "conversations", ConvAB)
				if !c.GetDateTime("lastMessageAt").Equal(m.GetDateTime("created")) || c.GetString("lastMessage") != m.Id {
					t.Fatalf("lastMessage %q at %v, message %s created %v", c.GetString("lastMessage"),
						c.GetDateTime("lastMessageAt"), m.Id, m.GetDateTime("created"))
				}
				// posting reads the conversation up to it, for its author only
				if got := record(t, app, "members", MemABBob).GetDateTime("lastReadAt"); !got.Equal(m.GetDateTime("created")) {
					t.Fatalf("the author's lastReadAt %v, message created %v", got, m.GetDateTime("created"))
				}
				if got := record(t, app, "members", MemABAlice).GetDateTime("lastReadAt"); got.String() != "2025-01-01 00:00:00.000Z" {
					t.Fatalf("another member's lastReadAt moved to %v", got)
				}
			}},
		{name: "a forged author is refused", who: Bob, method: "POST", url: messagesURL,
			body: `{"conversation":"` + ConvAB + `","text":"from alice","author":"` + Alice + `"}`, status: 400,
			expect: []string{`"author":{"code":"validation_server_set"`}, check: unchanged("messages", 3)},
		{name: "an outsider can't post", who: Carol, method: "POST", url: messagesURL,
			body: post(ConvAB, "let me in"), status: 400, expect: []string{`"status":400`}, check: unchanged("messages", 3)},
		{name: "guest can't post", method: "POST", url: messagesURL,
			body: post(ConvAB, "anon"), status: 400, expect: []string{`"status":400`}, check: unchanged("messages", 3)},
		{name: "an unknown conversation is refused like a foreign one", who: Bob, method: "POST", url: messagesURL,
			body: post("nosuchconv00000", "hello?"), status: 400, expect: []string{`"status":400`}, check: unchanged("messages", 3)},
		{name: "empty text without attachment is refused", who: Bob, method: "POST", url: messagesURL,
			body: post(ConvAB, "   "), status: 400, expect: []string{`"text":{"code":"validation_required"`}, check: unchanged("messages", 3)},
		{name: "oversize text is refused", who: Bob, method: "POST", url: messagesURL,
			body: post(ConvAB, strings.Repeat("y", 10001)), status: 400,
			expect: []string{`"text":{"code":"validation_max_text_constraint"`}, check: unchanged("messages", 3)},
		{name: "a superuser posts as a named author", who: "superuser", method: "POST", url: messagesURL,
			body: `{"conversation":"` + ConvAB + `","text":"from the admin UI","author":"` + Alice + `"}`, status: 200,
			expect: []string{`"author":"` + Alice + `"`},
			check: func(t testing.TB, app *tests.TestApp, sent []journal.Event) {
				expectEvents(t, sent, journal.MessageCreated)
			}},
		{name: "a superuser must name the author", who: "superuser", method: "POST", url: messagesURL,
			body: post(ConvAB, "who wrote this"), status: 400,
			expect: []string{`"author":{"code":"validation_required"`}, check: unchanged("messages", 3)},

		// editing
		{name: "the author edits", who: Alice, method: "PATCH", url: messagesURL + "/" + MsgAB1,
			body: `{"text":"hello bob!"}`, status: 200, expect: []string{`"text":"hello bob!"`},
			check: func(t testing.TB, app *tests.TestApp, sent []journal.Event) {
				expectEvents(t, sent, journal.MessageUpdated)
			}},
		{name: "another participant can't edit", who: Bob, method: "PATCH", url: messagesURL + "/" + MsgAB1,
			body: `{"text":"hacked"}`, status: 404, expect: []string{`"status":404`}, exclude: []string{"hello bob"},
			check: func(t testing.TB, app *tests.TestApp, sent []journal.Event) {
				if got := record(t, app, "messages", MsgAB1).GetString("text"); got != "hello bob" {
					t.Fatalf("text %q", got)
				}
			}},
		{name: "a message never moves", who: "superuser", method: "PATCH", url: messagesURL + "/" + MsgAB1,
			body: `{"conversation":"` + ConvCD + `"}`, status: 400,
			expect: []string{`"conversation":{"code":"validation_immutable"`},
			check: func(t testing.TB, app *tests.TestApp, sent []journal.Event) {
				if got := record(t, app, "messages", MsgAB1).GetString("conversation"); got != ConvAB {
					t.Fatalf("moved to %q", got)
				}
			}},
		{name: "the author can't hand it to someone else", who: Alice, method: "PATCH", url: messagesURL + "/" + MsgAB1,
			body: `{"author":"` + Bob + `"}`, status: 400, expect: []string{`"author":{"code":"validation_immutable"`}},
		{name: "edited text can't become empty", who: Alice, method: "PATCH", url: messagesURL + "/" + MsgAB1,
			body: `{"text":""}`, status: 400, expect: []string{`"text":{"code":"validation_required"`}},

		// deleting
		{name: "another participant can't delete", who: Bob, method: "DELETE", url: messagesURL + "/" + MsgAB1,
			status: 404, expect: []string{`"status":404`}, check: unchanged("messages", 3)},
		{name: "deleting the latest message makes the one before it the latest", who: Bob, method: "DELETE", url: messagesURL + "/" + MsgAB2, status: 204,
			check: func(t testing.TB, app *tests.TestApp, sent []journal.Event) {
				expectEvents(t, sent, journal.MessageDeleted)
				if got := record(t, app, "conversations", ConvAB).GetString("lastMessage"); got != MsgAB1 {
					t.Fatalf("lastMessage %q, want %s", got, MsgAB1)
				}
			}},
		{name: "the author deletes", who: Alice, method: "DELETE", url: messagesURL + "/" + MsgAB1, status: 204,
			check: func(t testing.TB, app *tests.TestApp, sent []journal.Event) {
				if n := count(t, app, "messages", "1=1", nil); n != 2 {
					t.Fatalf("%d messages", n)
				}
				expectEvents(t, sent, journal.MessageDeleted)
				if sent[0].Record != MsgAB1 || !strings.Contains(string(sent[0].Payload), "hello bob") {
					t.Fatalf("event %+v", sent[0])
				}
			}},
		{name: "a superuser deletes anything", who: "superuser", method: "DELETE", url: messagesURL + "/" + MsgCD1, status: 204,
			check: func(t testing.TB, app *tests.TestApp, sent []journal.Event) {
				expectEvents(t, sent, journal.MessageDeleted)
			}},
	} {
		s.run(t)
	}
}

// q escapes a filter for a URL.
func q(filter string) string {
	r := strings.NewReplacer(" ", "%20", `"`, "%22", "=", "%3D", "~", "%7E", "!", "%21", "&", "%26")
	return r.Replace(filter)
}

func sameSet(t testing.TB, got []string, want ...string) {
	t.Helper()
	g, w := slices.Clone(got), slices.Clone(want)
	slices.Sort(g)
	slices.Sort(w)
	if !slices.Equal(g, w) {
		t.Fatalf("got %v, want %v", got, want)
	}
}
