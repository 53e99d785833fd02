package hooks_test

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/pocketbase/dbx"

	"github.com/pbchat/pbchat/hooks"
	. "github.com/pbchat/pbchat/internal/chattest"
)

// Two people have at most one direct conversation (untitled, just the two
// of them): asking for another, from either side, is told where it is. A
// titled one, or one of three, is a group, and any number may exist.
func TestOneDirectConversationPerPair(t *testing.T) {
	s, _ := serve(t)
	create := func(who string, body map[string]any) (int, map[string]any) {
		st, b := s.Do(t, who, "POST", conversationsURL, body)
		var out map[string]any
		json.Unmarshal(b, &out)
		return st, out
	}
	st, first := create(Alice, map[string]any{"members": []string{Carol}})
	if st != 200 {
		t.Fatalf("the first: %d %v", st, first)
	}
	for _, who := range []struct{ from, to string }{{Alice, Carol}, {Carol, Alice}} {
		st, out := create(who.from, map[string]any{"members": []string{who.to}})
		err, _ := out["data"].(map[string]any)["members"].(map[string]any)
		if st != 400 || err["code"] != "validation_conversation_exists" || err["params"].(map[string]any)["id"] != first["id"] {
			t.Fatalf("%s again with %s: %d %v", who.from, who.to, st, out)
		}
	}
	if st, out := create(Alice, map[string]any{"members": []string{Carol}, "title": "Plans"}); st != 200 {
		t.Fatalf("a titled one: %d %v", st, out)
	}
	if st, out := create(Alice, map[string]any{"members": []string{Carol, Dave}}); st != 200 {
		t.Fatalf("a group of three: %d %v", st, out)
	}

	// at once, from both sides: one is made
	var wg sync.WaitGroup
	codes := make([]int, 2)
	for i, pair := range [][2]string{{Bob, Dave}, {Dave, Bob}} {
		wg.Go(func() { codes[i], _ = create(pair[0], map[string]any{"members": []string{pair[1]}}) })
	}
	wg.Wait()
	n, err := s.App.CountRecords("conversations", dbx.NewExp(`title = '' AND id IN (SELECT conversation FROM members WHERE user = {:b})
		AND id IN (SELECT conversation FROM members WHERE user = {:d})`, dbx.Params{"b": Bob, "d": Dave}))
	if err != nil || n != 1 || !slices.Contains(codes, 200) || !slices.Contains(codes, 400) {
		t.Fatalf("%d direct conversations of Bob and Dave (%v), answers %v", n, err, codes)
	}
}

// A conversation holds at most Config.MaxMembers (--chatMaxMembers): more
// at the start, or one more later, is a 400 and nothing is saved.
func TestMaxMembersHolds(t *testing.T) {
	f := Load(t)
	app := f.NewApp(t)
	hooks.MustRegister(app, hooks.Config{MaxMembers: 3})
	s := f.Serve(t, app)
	st, b := s.Do(t, Alice, "POST", conversationsURL, map[string]any{"title": "Four", "members": []string{Bob, Carol, Dave}})
	if st != 400 || !strings.Contains(string(b), "validation_too_many_members") || !strings.Contains(string(b), "at most 3 members") {
		t.Fatalf("four at the start: %d %s", st, b)
	}
	st, b = s.Do(t, Alice, "POST", conversationsURL, map[string]any{"title": "Three", "members": []string{Bob, Carol}})
	if st != 200 {
		t.Fatalf("three: %d %s", st, b)
	}
	var conv struct{ ID string }
	json.Unmarshal(b, &conv)
	st, b = s.Do(t, Alice, "POST", membersURL, map[string]any{"conversation": conv.ID, "user": Dave})
	if st != 400 || !strings.Contains(string(b), "validation_too_many_members") {
		t.Fatalf("a fourth: %d %s", st, b)
	}
	if n, _ := app.CountRecords("members", dbx.HashExp{"conversation": conv.ID}); n != 3 {
		t.Fatalf("%d members", n)
	}
}
