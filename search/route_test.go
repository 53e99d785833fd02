package search_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/pbchat/pbchat/hooks"
	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/search"
)

func TestMain(m *testing.M) { Main(m) }

type result struct {
	TotalItems int `json:"totalItems"`
	Items      []struct {
		ID         string   `json:"id"`
		Text       string   `json:"text"`
		Snippet    string   `json:"snippet"`
		Highlights [][2]int `json:"highlights"`
		Expand     struct {
			Author struct{ Name, Email string }
		}
	}
}

func serve(t testing.TB) *Server {
	f := Load(t)
	app := f.NewApp(t)
	hooks.MustRegister(app, hooks.Config{})
	return f.Serve(t, app)
}

func find(t *testing.T, s *Server, who, q string, extra ...string) (int, result, string) {
	t.Helper()
	path := search.Path + "?q=" + url.QueryEscape(q) + strings.Join(extra, "")
	status, body := s.Do(t, who, "GET", path, nil)
	var r result
	if status == 200 {
		if err := json.Unmarshal(body, &r); err != nil {
			t.Fatal(err)
		}
	}
	return status, r, string(body)
}

func TestSearchFindsWordsPrefixesPhrasesAndAccents(t *testing.T) {
	s := serve(t)
	for _, text := range []string{"Déploiement du serveur demain", "the deploy went fine", "a café on Main Street"} {
		if status, body := s.Do(t, Alice, "POST", "/api/collections/messages/records", map[string]any{"conversation": ConvAB, "text": text}); status != 200 {
			t.Fatalf("%d %s", status, body)
		}
	}
	for q, want := range map[string][]string{
		"deploy":               {"the deploy went fine"},
		"deploy*":              {"the deploy went fine"},
		"deploiement":          {"Déploiement du serveur demain"},
		"dépl*":                {"the deploy went fine", "Déploiement du serveur demain"}, // accents folded, newest first
		`"main street" cafe`:   {"a café on Main Street"},
		`"street main"`:        nil,
		"hello":                {"hello bob"},
		"NEAR(deploy fine)":    nil, // not FTS5 syntax: words
		"text:deploy":          nil,
		"deploy OR café":       nil, // every word is required
		"^deploy AND went NOT": nil,
		"zzz*":                 nil, // a prefix of no word
	} {
		status, r, body := find(t, s, Bob, q)
		if status != 200 {
			t.Fatalf("%q: %d %s", q, status, body)
		}
		var got []string
		for _, it := range r.Items {
			got = append(got, it.Text)
		}
		if strings.Join(got, "|") != strings.Join(want, "|") || r.TotalItems != len(want) {
			t.Fatalf("%q found %q (total %d), want %q", q, got, r.TotalItems, want)
		}
	}
	// the newest first, a snippet with where the match is, the author without an email
	_, r, _ := find(t, s, Bob, "serveur")
	it := r.Items[0]
	h := it.Highlights[0]
	if it.Expand.Author.Name != "Alice Archer" || it.Expand.Author.Email != "" || len(it.Highlights) != 1 ||
		string([]rune(it.Snippet)[h[0]:h[1]]) != "serveur" {
		t.Fatalf("hit %+v", it)
	}
}

// Nothing of a conversation the reader is not in, or has left, is found or
// counted; naming one finds nothing.
func TestSearchNeverCrossesConversations(t *testing.T) {
	s := serve(t)
	if _, r, _ := find(t, s, Alice, "secret"); r.TotalItems != 0 || len(r.Items) != 0 {
		t.Fatalf("Alice found Carol's secret: %+v", r)
	}
	if _, r, _ := find(t, s, Alice, "secret", "&conversation="+ConvCD); r.TotalItems != 0 {
		t.Fatalf("naming Carol's conversation: %+v", r)
	}
	if _, r, _ := find(t, s, Carol, "secret"); r.TotalItems != 1 {
		t.Fatalf("Carol's own: %+v", r)
	}
	if _, r, _ := find(t, s, Bob, "hello", "&conversation="+ConvAB); r.TotalItems != 1 {
		t.Fatalf("in one's own conversation: %+v", r)
	}
	// from one person: theirs only, and never more than the reader may read
	if status, body := s.Do(t, Bob, "POST", "/api/collections/messages/records", map[string]any{"conversation": ConvAB, "text": "hello again"}); status != 200 {
		t.Fatalf("%d %s", status, body)
	}
	if _, r, _ := find(t, s, Bob, "hello", "&author="+Alice); r.TotalItems != 1 || len(r.Items) != 1 || r.Items[0].Text != "hello bob" {
		t.Fatalf("from Alice: %+v", r)
	}
	if _, r, _ := find(t, s, Bob, "hello", "&author="+Bob); r.TotalItems != 1 || r.Items[0].Text != "hello again" {
		t.Fatalf("from Bob: %+v", r)
	}
	if _, r, _ := find(t, s, Alice, "secret", "&author="+Carol); r.TotalItems != 0 || len(r.Items) != 0 {
		t.Fatalf("from Carol, to Alice: %+v", r)
	}
	if status, body := s.Do(t, Bob, "DELETE", "/api/collections/members/records/"+MemABBob, nil); status != 204 {
		t.Fatalf("leave: %d %s", status, body)
	}
	if _, r, _ := find(t, s, Bob, "hello"); r.TotalItems != 0 {
		t.Fatalf("after leaving: %+v", r)
	}
	if status, _, _ := find(t, s, "", "hello"); status != 401 {
		t.Fatalf("a guest: %d", status)
	}
}

// The index follows edits and deletes, in their transactions.
func TestSearchFollowsEditsAndDeletes(t *testing.T) {
	s := serve(t)
	s.Do(t, Alice, "PATCH", "/api/collections/messages/records/"+MsgAB1, map[string]any{"text": "goodbye bob"})
	if _, r, _ := find(t, s, Bob, "hello"); r.TotalItems != 0 {
		t.Fatalf("the old text is still found: %+v", r)
	}
	if _, r, _ := find(t, s, Bob, "goodbye"); r.TotalItems != 1 {
		t.Fatalf("the new text isn't: %+v", r)
	}
	s.Do(t, Alice, "DELETE", "/api/collections/messages/records/"+MsgAB1, nil)
	if _, r, _ := find(t, s, Bob, "goodbye"); r.TotalItems != 0 {
		t.Fatalf("a deleted message is found: %+v", r)
	}
	s.Do(t, Carol, "DELETE", "/api/collections/conversations/records/"+ConvCD, nil)
	var n int
	if err := s.App.DB().NewQuery("SELECT COUNT(*) FROM " + search.Table + " WHERE " + search.Table + " MATCH '\"" + ConvCD + "·secret\"'").Row(&n); err != nil || n != 0 {
		t.Fatalf("a deleted conversation's message is in the index: %d %v", n, err)
	}
	// and the index is sound
	if _, err := s.App.DB().NewQuery("INSERT INTO " + search.Table + " (" + search.Table + ", rank) VALUES ('integrity-check', 1)").Execute(); err != nil {
		t.Fatalf("integrity: %v", err)
	}
}

func TestBadSearchesAreClear400s(t *testing.T) {
	s := serve(t)
	for q, says := range map[string]string{
		"":                          "Type a word",
		"   ":                       "Type a word",
		"!!! ???":                   "Type a word",
		`"unclosed phrase`:          "not closed",
		strings.Repeat("word ", 41): "at most 200 characters",
		strings.Repeat("w ", 21):    "at most 20 words",
	} {
		status, _, body := find(t, s, Bob, q)
		if status != 400 || !strings.Contains(body, says) || !strings.Contains(body, `"q":{"code":"validation_bad_search"`) {
			t.Fatalf("%q: %d %s", q, status, body)
		}
	}
}

// What a search answers depends only on the reader's conversations: words
// anywhere else, however common, change neither what a prefix finds nor
// how many. (The old index expanded a prefix into the 64 most common words
// of the whole index: someone could learn whether a word existed in a
// conversation they are not in by watching their own results change.)
func TestSearchDependsOnlyOnWhatTheReaderMayRead(t *testing.T) {
	s := serve(t)
	var words []string
	for i := range 63 {
		words = append(words, fmt.Sprintf("g%02d", i))
	}
	postAs(t, s, Alice, ConvAB, strings.Join(words, " "))
	postAs(t, s, Alice, ConvAB, "g63")
	ask := func() string {
		status, r, body := find(t, s, Bob, "G*", "&conversation="+ConvAB)
		if status != 200 {
			t.Fatalf("%d %s", status, body)
		}
		var got []string
		for _, it := range r.Items {
			got = append(got, it.Text)
		}
		return fmt.Sprintf("%d %q", r.TotalItems, got)
	}
	before := ask()
	if want := fmt.Sprintf("2 [%q %q]", "g63", strings.Join(words, " ")); before != want {
		t.Fatalf("found %s, want %s", before, want)
	}
	// Carol's conversation fills with other g-words, more common than Bob's
	for i := range 30 {
		postAs(t, s, Carol, ConvCD, fmt.Sprintf("gsecret%d gcode%d gzz", i%3, i%5))
	}
	if after := ask(); after != before {
		t.Fatalf("Bob's answer changed with Carol's words: %s, then %s", before, after)
	}
	if _, r, _ := find(t, s, Bob, "gsecret*"); r.TotalItems != 0 {
		t.Fatalf("Bob found Carol's words: %+v", r)
	}
}

// Ordinary queries are never a 500: words beside prefixes, prefixes beside
// phrases, anything FTS5 would read as syntax.
func TestSearchQueriesPeopleTypeWork(t *testing.T) {
	s := serve(t)
	postAs(t, s, Alice, ConvAB, "deploy planning for the café, don't forget")
	for _, q := range []string{"dep* pla*", "deploy pla*", `dep* "the café"`, "don't", "don't*", "planning* deploy*",
		`"for the" caf*`, "DEPLOY PLANNING", "dep*  *  pla*", "(deploy)", "deploy AND planning", `NEAR(deploy planning)`} {
		status, r, body := find(t, s, Bob, q)
		if status != 200 {
			t.Fatalf("%q: %d %s", q, status, body)
		}
		if strings.ContainsAny(q, "(") || strings.Contains(q, "AND") {
			continue // words that aren't in the message: nothing, but no error
		}
		if r.TotalItems != 1 || len(r.Items) != 1 || len(r.Items[0].Highlights) == 0 {
			t.Fatalf("%q: %s", q, body)
		}
	}
}

// No query is a 500, whatever it holds: the query builder against the
// real FTS5 index.
func FuzzSearchQuery(f *testing.F) {
	for _, q := range []string{"dep* pla*", `"a b"*`, `"`, `""`, "*", "a**", `x" "y`, "NEAR(a b)", "col:word", "^a", "a -b", "日本*", "ǅ̈*", "\x00", "a\u00b7b"} {
		f.Add(q)
	}
	s := serve(f)
	postAs(f, s, Alice, ConvAB, "deploy planning for the café, don't forget 日本語")
	f.Fuzz(func(t *testing.T, q string) {
		path := search.Path + "?q=" + url.QueryEscape(q)
		status, body := s.Do(t, Bob, "GET", path, nil)
		if status != 200 && status != 400 {
			t.Fatalf("%q: %d %s", q, status, body)
		}
	})
}

func postAs(t testing.TB, s *Server, who, conv, text string) {
	t.Helper()
	if status, body := s.Do(t, who, "POST", "/api/collections/messages/records", map[string]any{"conversation": conv, "text": text}); status != 200 {
		t.Fatalf("post: %d %s", status, body)
	}
}
