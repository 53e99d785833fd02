package access_test

import (
	"bufio"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/pbchat/pbchat/hooks"
	. "github.com/pbchat/pbchat/internal/chattest"
)

// The attacks that were reported, as they were written: each is refused
// with a 400 that names the path, and nothing of the private data is in
// the answer.
func TestReportedAttacksAreRefused(t *testing.T) {
	seeded, _, _ := twoWorlds(t)
	token := Load(t).Tokens[attacker]
	for _, c := range []struct{ name, path, param, named string }{
		{"titles of the victim's conversations by bisection",
			"users/records?filter=" + url.QueryEscape(`id="`+Carol+`" && members_via_user.conversation.title >= "C"`),
			"filter", "members_via_user.conversation.title"},
		{"a secret in the victim's messages",
			"users/records?filter=" + url.QueryEscape(`id="`+Carol+`" && members_via_user.conversation.messages_via_conversation.text !~ "secret"`),
			"filter", "members_via_user.conversation.messages_via_conversation.text"},
		{"from the attacker's own messages into other conversations",
			"messages/records?filter=" + url.QueryEscape(`conversation="`+ConvAB+`" && conversation.members_via_conversation.user.members_via_user.conversation.title != "x"`),
			"filter", "conversation.members_via_conversation.user.members_via_user.conversation.title"},
		{"hidden emails by sort", "users/records?sort=email&filter=" + url.QueryEscape(`id="`+Carol+`"||id="`+Bob+`"`),
			"sort", "email"},
		{"hidden emails through a relation", "messages/records?sort=author.email", "sort", "author.email"},
		{"hidden emails through a relation, filtered", "messages/records?filter=" + url.QueryEscape(`author.email ~ "a"`),
			"filter", "author.email"},
		{"another collection's records through @collection",
			"users/records?filter=" + url.QueryEscape(`@collection.conversations.title ?~ "Carol"`), "filter", "@collection.conversations.title"},
		{"the requester's own record as a way in",
			"users/records?filter=" + url.QueryEscape(`@request.auth.messages_via_author.conversation.title != "x"`),
			"filter", "@request.auth.messages_via_author.conversation.title"},
		{"a back-relation expand", "users/records?expand=members_via_user.conversation", "expand", "members_via_user.conversation"},
		{"everyone in a conversation, expanded per message", "messages/records?expand=conversation.members_via_conversation", "expand", "conversation.members_via_conversation"},
		{"a deep expand chain", "messages/records?expand=author.messages_via_author.conversation.members_via_conversation", "expand", "author.messages_via_author"},
		{"a random sort over everything", "messages/records?sort=@random", "sort", "@random"},
	} {
		t.Run(c.name, func(t *testing.T) {
			status, body := get(t, seeded, token, "/api/collections/"+c.path)
			if status != 400 || !strings.Contains(body, `"`+c.param+`":{"code":"validation_not_allowed"`) || !strings.Contains(body, c.named) {
				t.Fatalf("status %d, want 400 naming %s in %s: %s", status, c.named, c.param, body)
			}
			for _, secret := range []string{"Carol & Dave", "secret of carol", Email(Carol), ConvCD} {
				if strings.Contains(body, secret) {
					t.Fatalf("the refusal carries %q: %s", secret, body)
				}
			}
		})
	}
}

// What clients need keeps working, and a superuser is not held to the list.
func TestAllowedQueries(t *testing.T) {
	seeded, _, _ := twoWorlds(t)
	f := Load(t)
	for _, c := range []struct{ who, path, want string }{
		{Alice, "messages/records?filter=" + url.QueryEscape(`conversation="`+ConvAB+`" && (created<"2100-01-01" || id<"z")`) + "&sort=-created,-id&expand=author",
			`"name":"Bob Baker"`},
		{Alice, "messages/records?filter=" + url.QueryEscape(`conversation="`+ConvAB+`" && (conversation.title ~ "Alice" && author.name:lower ~ "bob")`), `"text":"hi alice"`},
		{Alice, "members/records?sort=-conversation.lastMessageAt&expand=conversation.lastMessage.author&filter=" + url.QueryEscape(`user="`+Alice+`"`),
			`"text":"hi alice"`},
		{Alice, "members/records?filter=" + url.QueryEscape(`conversation="`+ConvAB+`" && user.name ~ "Bob"`) + "&expand=user", `"name":"Bob Baker"`},
		{Alice, "users/records?filter=" + url.QueryEscape(`name~"a" && id!="`+Alice+`"`) + "&sort=name", `"name":"Bob Baker"`},
		{"superuser", "users/records?sort=email&filter=" + url.QueryEscape(`members_via_user.conversation.title ?~ "Carol"`), `"name":"Carol Chen"`},
	} {
		token := f.Superuser
		if c.who != "superuser" {
			token = f.Tokens[c.who]
		}
		status, body := get(t, seeded, token, "/api/collections/"+c.path)
		if status != 200 || !strings.Contains(body, c.want) {
			t.Fatalf("%s: %d %s", c.path, status, body)
		}
	}
}

// One page holds at most MaxPerPage records; the response says so, which is
// how the JS SDK's getFullList knows to page on.
func TestPerPageIsCapped(t *testing.T) {
	seeded, _, _ := twoWorlds(t)
	list := "/api/collections/messages/records?perPage=1000&filter=" + url.QueryEscape(`conversation="`+ConvAB+`"`)
	status, body := get(t, seeded, Load(t).Tokens[Alice], list)
	if status != 200 || !strings.Contains(body, `"perPage":100,`) {
		t.Fatalf("%d %s", status, body)
	}
	status, body = get(t, seeded, Load(t).Superuser, "/api/collections/messages/records?perPage=1000")
	if status != 200 || !strings.Contains(body, `"perPage":1000,`) {
		t.Fatalf("superuser: %d %s", status, body)
	}
}

// The batch API runs its requests without the router: their queries are
// held to the same list.
func TestBatchRequestsAreChecked(t *testing.T) {
	f := Load(t)
	app := f.NewApp(t)
	hooks.MustRegister(app, hooks.Config{})
	settings := app.Settings()
	settings.Batch.Enabled = true
	settings.Batch.MaxRequests = 10
	if err := app.Save(settings); err != nil {
		t.Fatal(err)
	}
	s := f.Serve(t, app)
	status, body := s.Do(t, Alice, "POST", "/api/batch", map[string]any{"requests": []map[string]any{
		{"method": "POST", "url": "/api/collections/messages/records", "body": map[string]any{"conversation": ConvAB, "text": "fine"}},
		{"method": "POST", "url": "/api/collections/messages/records?expand=author.members_via_user.conversation",
			"body": map[string]any{"conversation": ConvAB, "text": "expanding"}},
	}})
	if status != 400 || !strings.Contains(string(body), `"requests":{"1":{"expand":{"code":"validation_not_allowed"`) {
		t.Fatalf("%d %s", status, body)
	}
	if n, _ := app.CountRecords("messages"); n != 3 {
		t.Fatalf("%d messages: the refused batch kept something", n)
	}
}

// PocketBase's realtime runs a subscription's filter for every change of
// its collection: the options of a subscription are held to the list.
func TestRealtimeSubscriptionsAreChecked(t *testing.T) {
	f := Load(t)
	app := f.NewApp(t)
	hooks.MustRegister(app, hooks.Config{})
	s := f.Serve(t, app)

	res, err := http.Get(s.URL + "/api/realtime")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var clientID string
	for sc := bufio.NewScanner(res.Body); sc.Scan() && clientID == ""; {
		if data, ok := strings.CutPrefix(sc.Text(), "data:"); ok {
			var connect struct{ ClientId string }
			if err := json.Unmarshal([]byte(data), &connect); err != nil {
				t.Fatal(err)
			}
			clientID = connect.ClientId
		}
	}
	subscribe := func(topic string, options map[string]any) (int, string) {
		opts, _ := json.Marshal(map[string]any{"query": options})
		status, body := s.Do(t, Alice, "POST", "/api/realtime", map[string]any{
			"clientId": clientID, "subscriptions": []string{topic + "?options=" + url.QueryEscape(string(opts))},
		})
		return status, string(body)
	}
	for _, c := range []struct {
		topic   string
		options map[string]any
		named   string
	}{
		{"users/*", map[string]any{"filter": `members_via_user.conversation.title >= "C"`}, "members_via_user.conversation.title"},
		{"messages/*", map[string]any{"filter": `conversation.members_via_conversation.user != ""`}, "conversation.members_via_conversation.user"},
		{"conversations/" + ConvAB, map[string]any{"expand": "members_via_conversation"}, "members_via_conversation"},
	} {
		status, body := subscribe(c.topic, c.options)
		if status != 400 || !strings.Contains(body, "validation_not_allowed") || !strings.Contains(body, c.named) {
			t.Fatalf("%s %v: %d %s", c.topic, c.options, status, body)
		}
	}
	if status, body := subscribe("messages/*", map[string]any{"filter": `conversation="` + ConvAB + `"`, "expand": "author"}); status != 204 {
		t.Fatalf("an allowed subscription: %d %s", status, body)
	}
}

// A collection of the app's own may lead into the chat's: a path through
// it is held to the list of the collection it enters.
func TestPathsFromAnAppsOwnCollection(t *testing.T) {
	f := Load(t)
	app := f.NewApp(t)
	hooks.MustRegister(app, hooks.Config{})
	users, _ := app.FindCollectionByNameOrId("users")
	messages, _ := app.FindCollectionByNameOrId("messages")
	notes := core.NewBaseCollection("notes")
	notes.ListRule = types.Pointer(`@request.auth.id != ""`)
	notes.Fields.Add(&core.TextField{Name: "body"})
	notes.Fields.Add(&core.RelationField{Name: "owner", CollectionId: users.Id, MaxSelect: 1})
	notes.Fields.Add(&core.RelationField{Name: "about", CollectionId: messages.Id, MaxSelect: 1})
	if err := app.Save(notes); err != nil {
		t.Fatal(err)
	}
	note := core.NewRecord(notes)
	note.Set("body", "note")
	note.Set("owner", Carol)
	note.Set("about", MsgCD1)
	if err := app.Save(note); err != nil {
		t.Fatal(err)
	}
	h := Handler(t, app)
	token := f.Tokens[Alice]
	for _, c := range []struct {
		query  string
		status int
		want   string
	}{
		{"filter=" + url.QueryEscape(`owner.members_via_user.conversation.title >= "C"`), 400, "it reaches users.members_via_user.conversation.title"},
		{"filter=" + url.QueryEscape(`owner.email ~ "car"`), 400, "owner.email"},
		{"filter=" + url.QueryEscape(`about.text ~ "secret"`), 400, "it leads into messages"},
		{"sort=owner.email", 400, "owner.email"},
		{"expand=owner.members_via_user.conversation", 400, "owner.members_via_user.conversation"},
		{"filter=" + url.QueryEscape(`owner.name = "Carol Chen" && body != ""`) + "&sort=@random&expand=owner", 200, `"name":"Carol Chen"`},
	} {
		status, body := get(t, h, token, "/api/collections/notes/records?"+c.query)
		if status != c.status || !strings.Contains(body, c.want) {
			t.Fatalf("%s: %d %s", c.query, status, body)
		}
	}
}

// Every route of a collection is held to the list, not only the records
// routes: an auth response's expand is one more way in.
func TestAuthRoutesAreChecked(t *testing.T) {
	f := Load(t)
	app := f.NewApp(t)
	hooks.MustRegister(app, hooks.Config{})
	s := f.Serve(t, app)
	status, body := s.Do(t, Alice, "POST", "/api/collections/users/auth-refresh?expand=members_via_user.conversation", nil)
	if status != 400 || !strings.Contains(string(body), `"expand":{"code":"validation_not_allowed"`) {
		t.Fatalf("%d %s", status, body)
	}
	status, body = s.Do(t, "", "POST", "/api/collections/users/auth-with-password?expand=messages_via_author",
		map[string]string{"identity": Email(Carol), "password": Password})
	if status != 400 || strings.Contains(string(body), "secret of carol") {
		t.Fatalf("%d %s", status, body)
	}
	if status, body := s.Do(t, Alice, "POST", "/api/collections/users/auth-refresh", nil); status != 200 {
		t.Fatalf("a plain refresh: %d %s", status, body)
	}
}

// Only the records list must name its conversation: a file of a message,
// served by another route of the same collection, is no list.
func TestOnlyListsMustNameTheirConversation(t *testing.T) {
	seeded, _, _ := twoWorlds(t)
	status, body := get(t, seeded, Load(t).Tokens[Alice], "/api/files/messages/"+MsgAB1+"/nothing.png")
	if status == 400 || strings.Contains(body, "validation_list_unbounded") {
		t.Fatalf("a file request was held to the list rule: %d %s", status, body)
	}
	status, body = get(t, seeded, Load(t).Tokens[Alice], "/api/collections/messages/records/"+MsgAB1)
	if status != 200 || !strings.Contains(body, "hello bob") {
		t.Fatalf("a view: %d %s", status, body)
	}
}
