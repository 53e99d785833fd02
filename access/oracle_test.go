package access_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ganigeorgiev/fexpr"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/pbchat/pbchat/hooks"
	. "github.com/pbchat/pbchat/internal/chattest"
)

func TestMain(m *testing.M) { Main(m) }

// The attacker is Alice: she sees ConvAB (with Bob), its messages, the user
// directory and Bob's email. Everything else of the seeded data is private
// to her: ConvCD, its message, who is in it, and Carol's and Dave's emails.
const attacker = Alice

// twoWorlds returns the seeded app's router twice: as seeded, and with
// every piece of data the attacker may not see changed. Whatever the
// attacker asks, both must answer the same, or the answer tells her
// something about what changed.
func twoWorlds(t testing.TB) (seeded, changed http.Handler, app *tests.TestApp) {
	f := Load(t)
	app = f.NewApp(t)
	other := f.NewApp(t)
	for _, a := range []*tests.TestApp{app, other} {
		hooks.MustRegister(a, hooks.Config{})
		quiet(t, a)
	}
	for _, q := range []struct {
		sql    string
		params dbx.Params
	}{
		{"UPDATE conversations SET title='zz other title', lastMessageAt='2027-06-01 00:00:00.000Z', created='2027-06-01 00:00:00.000Z', updated='2027-06-01 00:00:00.000Z' WHERE id={:id}",
			dbx.Params{"id": ConvCD}},
		{"INSERT INTO members (id, conversation, user, role, lastReadAt, created, updated) VALUES ('memcdbob0000000', {:c}, {:u}, 'member', '2027-06-01 00:00:00.000Z', '2027-06-01 00:00:00.000Z', '2027-06-01 00:00:00.000Z')",
			dbx.Params{"c": ConvCD, "u": Bob}},
		{"UPDATE members SET role='member', lastReadAt='2027-06-02 00:00:00.000Z' WHERE id={:id}", dbx.Params{"id": MemCDCarol}},
		{"UPDATE messages SET text='zz nothing here', created='2027-06-01 00:00:00.000Z', updated='2027-06-01 00:00:00.000Z' WHERE id={:id}",
			dbx.Params{"id": MsgCD1}},
		{"UPDATE users SET email='zz-carol@example.org' WHERE id={:id}", dbx.Params{"id": Carol}},
		{"UPDATE users SET email='aa-dave@example.net' WHERE id={:id}", dbx.Params{"id": Dave}},
	} {
		if _, err := other.DB().NewQuery(q.sql).Bind(q.params).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	return Handler(t, app), Handler(t, other), app
}

var requests atomic.Uint32

// quiet turns off the request log, which would write a row per probe.
func quiet(t testing.TB, app *tests.TestApp) {
	settings := app.Settings()
	settings.Logs.MaxDays = 0
	if err := app.Save(settings); err != nil {
		t.Fatal(err)
	}
}

func get(t testing.TB, h http.Handler, token, path string) (int, string) {
	t.Helper()
	req := httptest.NewRequest("GET", path, nil)
	req.Header.Set("Authorization", token)
	// PocketBase slows down an address whose filters keep finding nothing
	// (a timing defence); each probe comes from its own address so that
	// the matrix runs at full speed.
	n := requests.Add(1)
	req.RemoteAddr = fmt.Sprintf("10.%d.%d.%d:1234", n>>16&255, n>>8&255, n&255)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

// Every comparison operator of PocketBase's filter language.
var operators = []fexpr.SignOp{
	fexpr.SignEq, fexpr.SignNeq, fexpr.SignLike, fexpr.SignNlike,
	fexpr.SignLt, fexpr.SignLte, fexpr.SignGt, fexpr.SignGte,
	fexpr.SignAnyEq, fexpr.SignAnyNeq, fexpr.SignAnyLike, fexpr.SignAnyNlike,
	fexpr.SignAnyLt, fexpr.SignAnyLte, fexpr.SignAnyGt, fexpr.SignAnyGte,
}

// Guesses on both sides of the private values, and equal to or inside them.
var guesses = []string{"Carol & Dave", "secret", Email(Carol), "M", "2026-01-01 00:00:00.000Z", Bob}

// paths lists every identifier a client could write from coll, generated
// from the schema: each field, and through every relation and
// back-relation up to hops deep, each field of what it reaches.
func paths(t testing.TB, app core.App, coll *core.Collection, hops int) []string {
	all, err := app.FindAllCollections()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(c *core.Collection, prefix string, depth int)
	walk = func(c *core.Collection, prefix string, depth int) {
		for _, f := range c.Fields {
			out = append(out, prefix+f.GetName())
		}
		if depth == hops {
			return
		}
		for _, f := range c.Fields {
			if rel, ok := f.(*core.RelationField); ok {
				target, err := app.FindCachedCollectionByNameOrId(rel.CollectionId)
				if err != nil {
					t.Fatal(err)
				}
				walk(target, prefix+f.GetName()+".", depth+1)
			}
		}
		for _, other := range all {
			for _, f := range other.Fields {
				if rel, ok := f.(*core.RelationField); ok && rel.CollectionId == c.Id {
					walk(other, prefix+other.Name+"_via_"+f.GetName()+".", depth+1)
				}
			}
		}
	}
	walk(coll, "", 0)
	return out
}

// identifiers is what a client could write in a filter or sort on coll:
// its paths (three relations deep, with each modifier one deep), and the
// same through @request.auth and @collection.
func identifiers(t testing.TB, app core.App, coll *core.Collection) []string {
	ids := paths(t, app, coll, 3)
	for _, p := range paths(t, app, coll, 1) {
		for _, m := range []string{":lower", ":length", ":each"} {
			ids = append(ids, p+m)
		}
	}
	users, _ := app.FindCachedCollectionByNameOrId("users")
	for _, p := range paths(t, app, users, 2) {
		ids = append(ids, "@request.auth."+p)
	}
	for _, name := range []string{"users", "conversations", "members", "messages"} {
		c, _ := app.FindCachedCollectionByNameOrId(name)
		for _, p := range paths(t, app, c, 1) {
			ids = append(ids, "@collection."+name+"."+p)
		}
	}
	return ids
}

// An oracle test per comparison operator over every path a client could
// write: each is refused with a 400 that names it, or answers the same
// whatever the data the attacker can't see.
func TestNoFilterOracle(t *testing.T) {
	skipUnderRace(t)
	seeded, changed, app := twoWorlds(t)
	token := Load(t).Tokens[attacker]
	var refused, answered int
	for _, name := range []string{"users", "conversations", "members", "messages"} {
		coll, _ := app.FindCachedCollectionByNameOrId(name)
		for _, ident := range identifiers(t, app, coll) {
			for _, op := range operators {
				probe := func(guess string) string {
					filter := pin(name) + ident + " " + string(op) + " " + quote(guess)
					return "/api/collections/" + name + "/records?perPage=100&filter=" + url.QueryEscape(filter)
				}
				status, body := get(t, seeded, token, probe(guesses[0]))
				if status == 400 && strings.Contains(body, `"validation_not_allowed"`) {
					if !strings.Contains(body, strings.ReplaceAll(ident, `"`, `\"`)) {
						t.Fatalf("%s %s %s: refused without naming it: %s", name, ident, op, body)
					}
					refused++
					continue
				}
				for _, guess := range guesses {
					s1, b1 := get(t, seeded, token, probe(guess))
					s2, b2 := get(t, changed, token, probe(guess))
					if s1 != s2 || b1 != b2 {
						t.Fatalf("oracle: on %s, %s %s %q answers differently with other private data:\n%d %s\n%d %s",
							name, ident, op, guess, s1, b1, s2, b2)
					}
					answered++
				}
			}
		}
	}
	t.Logf("%d filters refused, %d answered the same in both worlds", refused, answered)
}

// The sort oracle: ordering two users (or any two records) by a path
// answers the same whatever the private data.
func TestNoSortOracle(t *testing.T) {
	skipUnderRace(t)
	seeded, changed, app := twoWorlds(t)
	token := Load(t).Tokens[attacker]
	for _, c := range []struct{ name, filter string }{
		{"users", `id="` + Carol + `"||id="` + Bob + `"||id="` + Dave + `"`},
		{"conversations", ""},
		{"members", strings.TrimSuffix(pin("members"), " && ")},
		{"messages", strings.TrimSuffix(pin("messages"), " && ")},
	} {
		coll, _ := app.FindCachedCollectionByNameOrId(c.name)
		for _, ident := range append(identifiers(t, app, coll), "@random", "@rowid") {
			for _, dir := range []string{"", "-"} {
				path := "/api/collections/" + c.name + "/records?sort=" + url.QueryEscape(dir+ident) + "&filter=" + url.QueryEscape(c.filter)
				s1, b1 := get(t, seeded, token, path)
				if s1 == 400 && strings.Contains(b1, `"sort":{"code":"validation_not_allowed"`) {
					continue
				}
				s2, b2 := get(t, changed, token, path)
				if s1 != s2 || b1 != b2 {
					t.Fatalf("sort oracle: %s sorted by %s%s answers differently with other private data:\n%d %s\n%d %s",
						c.name, dir, ident, s1, b1, s2, b2)
				}
			}
		}
	}
}

// skipUnderRace skips the oracle matrices in a -race run: they send their
// tens of thousands of requests one at a time, so the race detector has
// nothing to find and makes them 15 times slower. make test runs them in
// a run of their own without it (test-oracles).
func skipUnderRace(t *testing.T) {
	if raceEnabled {
		t.Skip("run without -race: make test-oracles")
	}
}

// pin is what a list of the collection must start with (a list of members
// or messages must name its conversation): the attacker's own conversation,
// so that the probe ranges over everything she may see.
func pin(collection string) string {
	if collection == "members" || collection == "messages" {
		return `conversation="` + ConvAB + `" && `
	}
	return ""
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }
