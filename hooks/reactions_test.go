package hooks_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/journal"
)

const reactionsURL = "/api/collections/reactions/records"

func TestReactions(t *testing.T) {
	react := func(msg, emoji string) string { return `{"message":"` + msg + `","emoji":"` + emoji + `"}` }
	for _, s := range []scenario{
		{name: "a member reacts, as themselves", who: Bob, method: "POST", url: reactionsURL,
			body: react(MsgAB1, "👍"), status: 200, expect: []string{`"user":"` + Bob + `"`, `"emoji":"👍"`},
			check: func(t testing.TB, app *tests.TestApp, sent []journal.Event) {
				expectEvents(t, sent, journal.ReactionCreated)
				if sent[0].Conversation != ConvAB {
					t.Fatalf("event %+v", sent[0])
				}
			}},
		{name: "a forged user is refused", who: Bob, method: "POST", url: reactionsURL,
			body: `{"message":"` + MsgAB1 + `","emoji":"👍","user":"` + Alice + `"}`, status: 400,
			expect: []string{`"user":{"code":"validation_server_set"`}, check: unchanged("reactions", 0)},
		{name: "one emoji, not text", who: Bob, method: "POST", url: reactionsURL,
			body: react(MsgAB1, "lol"), status: 400, expect: []string{`"emoji":{"code":"validation_not_emoji"`}, check: unchanged("reactions", 0)},
		{name: "nor two", who: Bob, method: "POST", url: reactionsURL,
			body: react(MsgAB1, "👍👍"), status: 400, expect: []string{`"emoji":{"code":"validation_not_emoji"`}, check: unchanged("reactions", 0)},
		{name: "an outsider can't react", who: Carol, method: "POST", url: reactionsURL,
			body: react(MsgAB1, "👀"), status: 400, expect: []string{`"status":400`}, exclude: []string{"hello bob"}, check: unchanged("reactions", 0)},
		{name: "a guest can't either", method: "POST", url: reactionsURL,
			body: react(MsgAB1, "👀"), status: 400, expect: []string{`"status":400`}, check: unchanged("reactions", 0)},
		{name: "reactions are listed by message", who: Carol, method: "GET",
			url: reactionsURL + "?filter=" + q(`message="`+MsgAB1+`"`), status: 200, expect: []string{`"totalItems":0`}},
		{name: "not all at once", who: Bob, method: "GET", url: reactionsURL, status: 400,
			expect: []string{`"filter":{"code":"validation_list_unbounded"`}},
		{name: "a page of messages carries its reactions, and no extra request is needed", who: Alice, method: "GET",
			url: messagesURL + "?filter=" + q(`conversation="`+ConvAB+`"`), status: 200, expect: []string{`"reactions":[]`}},
	} {
		s.run(t)
	}
}

// Counts per emoji, whether the reader reacted, and who may take one back.
func TestReactionSummaryAndRemoval(t *testing.T) {
	s, rec := serve(t)
	mine := must(t, s, Bob, "POST", reactionsURL, map[string]any{"message": MsgAB1, "emoji": "👍"})
	must(t, s, Alice, "POST", reactionsURL, map[string]any{"message": MsgAB1, "emoji": "👍"})
	must(t, s, Alice, "POST", reactionsURL, map[string]any{"message": MsgAB1, "emoji": "🎉"})
	if status, body := s.Do(t, Bob, "POST", reactionsURL, map[string]any{"message": MsgAB1, "emoji": "👍"}); status != 400 {
		t.Fatalf("the same reaction twice: %d %s", status, body)
	}
	got := must(t, s, Bob, "GET", messagesURL+"/"+MsgAB1, nil)["reactions"].([]any)
	if len(got) != 2 || got[0].(map[string]any)["emoji"] != "👍" || got[0].(map[string]any)["count"] != 2.0 ||
		got[0].(map[string]any)["mine"] != true || got[1].(map[string]any)["mine"] != false {
		t.Fatalf("Bob's view of the reactions: %v", got)
	}
	// only the reactor takes it back
	if status, _ := s.Do(t, Alice, "DELETE", reactionsURL+"/"+mine["id"].(string), nil); status != 404 {
		t.Fatalf("Alice removed Bob's reaction: %d", status)
	}
	must204(t, s, Bob, "DELETE", reactionsURL+"/"+mine["id"].(string))
	// a message's reactions go with it, and tell nothing of their own
	must204(t, s, Alice, "DELETE", messagesURL+"/"+MsgAB1)
	if n := count(t, s.App, "reactions", "1=1", nil); n != 0 {
		t.Fatalf("%d reactions outlived their message", n)
	}
	expectEvents(t, rec.Events(), journal.ReactionCreated, journal.ReactionCreated, journal.ReactionCreated,
		journal.ReactionDeleted, journal.MessageDeleted)
}
