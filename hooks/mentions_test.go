package hooks_test

import (
	"testing"

	"github.com/pbchat/pbchat/hooks"
	. "github.com/pbchat/pbchat/internal/chattest"
)

// Mentions name members only; a mentioned member's records count the
// unread ones, until they read past them; edits and deletes keep the count.
func TestMentions(t *testing.T) {
	s, _ := serve(t)
	m := must(t, s, Alice, "POST", messagesURL, map[string]any{
		"conversation": ConvAB, "text": "@Bob and @Carol, look", "mentions": []string{Bob, Carol, Bob, "nobody000000000"},
	})
	if got := m["mentions"].([]any); len(got) != 1 || got[0] != Bob {
		t.Fatalf("mentions %v: only members, once", got)
	}
	mentions := func(who, member string) float64 {
		t.Helper()
		return must(t, s, who, "GET", membersURL+"/"+member, nil)["mentions"].(float64)
	}
	if n := mentions(Bob, MemABBob); n != 1 {
		t.Fatalf("Bob's unread mentions %v", n)
	}
	if c := must(t, s, Bob, "GET", conversationsURL+"/"+ConvAB, nil); c["mentions"] != 1.0 {
		t.Fatalf("the conversation as Bob lists it: %v", c["mentions"])
	}
	if n := mentions(Alice, MemABAlice); n != 0 {
		t.Fatalf("Alice's own mention of nobody: %v", n)
	}

	// an edit that drops the mention drops the count; one that adds it back, adds it
	must(t, s, Alice, "PATCH", messagesURL+"/"+m["id"].(string), map[string]any{"mentions": []string{}})
	if n := mentions(Bob, MemABBob); n != 0 {
		t.Fatalf("after the edit: %v", n)
	}
	must(t, s, Alice, "PATCH", messagesURL+"/"+m["id"].(string), map[string]any{"mentions": []string{Bob}})
	if n := mentions(Bob, MemABBob); n != 1 {
		t.Fatalf("after the second edit: %v", n)
	}
	// reading past it clears it
	must(t, s, Bob, "PATCH", membersURL+"/"+MemABBob, map[string]any{"lastReadAt": m["created"]})
	if n := mentions(Bob, MemABBob); n != 0 {
		t.Fatalf("after reading: %v", n)
	}
	// a deleted message leaves no index rows behind
	must204(t, s, Alice, "DELETE", messagesURL+"/"+m["id"].(string))
	if n := mentionRows(t, s); n != 0 {
		t.Fatalf("%d mention rows outlived their message", n)
	}
	// nor does a deleted conversation
	must(t, s, Alice, "POST", messagesURL, map[string]any{"conversation": ConvAB, "text": "@Bob", "mentions": []string{Bob}})
	if n := mentionRows(t, s); n != 1 {
		t.Fatalf("%d mention rows for one mention", n)
	}
	must204(t, s, Alice, "DELETE", conversationsURL+"/"+ConvAB)
	if n := mentionRows(t, s); n != 0 {
		t.Fatalf("%d mention rows outlived their conversation", n)
	}
}

func mentionRows(t *testing.T, s *Server) int {
	t.Helper()
	var n int
	if err := s.App.DB().NewQuery("SELECT COUNT(*) FROM " + hooks.MentionsTable).Row(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
