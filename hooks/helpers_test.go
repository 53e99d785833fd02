package hooks_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/pbchat/pbchat/hooks"
	"github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/journal"
)

// scenario is an API case on a fresh seeded app with the chat hooks and an
// in-memory Sender; check inspects the app and what was sent afterwards.
type scenario struct {
	name    string
	who     string // a seeded user id, "superuser", or "" for a guest
	method  string
	url     string
	body    string
	headers map[string]string

	status  int
	expect  []string
	exclude []string
	check   func(t testing.TB, app *tests.TestApp, sent []journal.Event)
}

func (s scenario) run(t *testing.T) {
	f := chattest.Load(t)
	rec := &chattest.Recorder{}
	headers := map[string]string{}
	for k, v := range f.Auth(s.who) {
		headers[k] = v
	}
	for k, v := range s.headers {
		headers[k] = v
	}
	if s.body != "" && headers["Content-Type"] == "" {
		headers["Content-Type"] = "application/json"
	}
	var body *strings.Reader
	if s.body != "" {
		body = strings.NewReader(s.body)
	}
	sc := tests.ApiScenario{
		Name:               s.name,
		Method:             s.method,
		URL:                s.url,
		Headers:            headers,
		ExpectedStatus:     s.status,
		ExpectedContent:    s.expect,
		NotExpectedContent: s.exclude,
		TestAppFactory: func(t testing.TB) *tests.TestApp {
			app := f.NewApp(t)
			hooks.MustRegister(app, hooks.Config{Sender: rec})
			return app
		},
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, res *http.Response) {
			if s.check != nil {
				s.check(t, app, rec.Events())
			}
		},
	}
	if body != nil {
		sc.Body = body
	}
	if len(sc.ExpectedContent) == 0 && len(sc.NotExpectedContent) == 0 && s.status != 204 {
		t.Fatalf("%s: assert something about the body", s.name)
	}
	sc.Test(t)
}

func count(t testing.TB, app core.App, collection string, filter string, params dbx.Params) int {
	t.Helper()
	n, err := app.CountRecords(collection, dbx.NewExp(filter, params))
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

func record(t testing.TB, app core.App, collection, id string) *core.Record {
	t.Helper()
	r, err := app.FindRecordById(collection, id)
	if err != nil {
		t.Fatalf("find %s/%s: %v", collection, id, err)
	}
	return r
}

func expectEvents(t testing.TB, sent []journal.Event, types ...string) {
	t.Helper()
	got := make([]string, len(sent))
	for i, ev := range sent {
		got[i] = ev.Type
	}
	if strings.Join(got, ",") != strings.Join(types, ",") {
		t.Fatalf("sent events %v, want %v", got, types)
	}
}

func unchanged(collection string, total int) func(testing.TB, *tests.TestApp, []journal.Event) {
	return func(t testing.TB, app *tests.TestApp, sent []journal.Event) {
		if n := count(t, app, collection, "1=1", nil); n != total {
			t.Fatalf("%s: %d records, want %d", collection, n, total)
		}
		expectEvents(t, sent)
	}
}

// nothingNew checks that a refused create left no conversation, member or
// event behind.
func nothingNew(t testing.TB, app *tests.TestApp, sent []journal.Event) {
	t.Helper()
	unchanged("conversations", 2)(t, app, sent)
	unchanged("members", 4)(t, app, sent)
}

// expectMembers checks a conversation's members, as "user:role".
func expectMembers(t testing.TB, app core.App, conv string, want ...string) {
	t.Helper()
	ms, err := app.FindAllRecords("members", dbx.HashExp{"conversation": conv})
	if err != nil {
		t.Fatal(err)
	}
	got := make([]string, len(ms))
	for i, m := range ms {
		got[i] = m.GetString("user") + ":" + m.GetString("role")
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("members of %s: %v, want %v", conv, got, want)
	}
}

func decode(t testing.TB, body []byte) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	return v
}
