package hooks_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/pbchat/pbchat/hooks"
	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/journal"
)

func TestReplies(t *testing.T) {
	reply := func(to, text, extra string) string {
		return `{"conversation":"` + ConvAB + `","text":"` + text + `","replyTo":"` + to + `"` + extra + `}`
	}
	for _, s := range []scenario{
		{name: "a reply quotes the message it answers", who: Bob, method: "POST", url: messagesURL,
			body: reply(MsgAB1, "yes!", ""), status: 200,
			expect: []string{`"replyTo":"` + MsgAB1 + `"`, `"authorName":"Alice Archer"`, `"text":"hello bob"`},
			check: func(t testing.TB, app *tests.TestApp, sent []journal.Event) {
				expectEvents(t, sent, journal.MessageCreated)
				var m struct{ Reply hooks.Quote }
				if err := json.Unmarshal(sent[0].Payload, &m); err != nil || m.Reply.ID != MsgAB1 || m.Reply.Text != "hello bob" {
					t.Fatalf("event %s (%v)", sent[0].Payload, err)
				}
			}},
		{name: "a reply into another conversation is refused, saying nothing of it", who: Alice, method: "POST", url: messagesURL,
			body: reply(MsgCD1, "gotcha", ""), status: 400,
			expect: []string{`"replyTo":{"code":"validation_reply_elsewhere"`}, exclude: []string{"secret"}, check: unchanged("messages", 3)},
		{name: "as is one to a message that doesn't exist", who: Alice, method: "POST", url: messagesURL,
			body: reply("nosuchmsg000000", "?", ""), status: 400,
			expect: []string{`"replyTo":{"code":"validation_reply_elsewhere"`}, check: unchanged("messages", 3)},
		{name: "the quote is the server's", who: Bob, method: "POST", url: messagesURL,
			body: reply(MsgAB1, "forged", `,"reply":{"id":"`+MsgAB1+`","text":"I never said that"}`), status: 400,
			expect: []string{`"reply":{"code":"validation_server_set"`}, check: unchanged("messages", 3)},
		{name: "what a message replies to never changes", who: Alice, method: "PATCH", url: messagesURL + "/" + MsgAB1,
			body: `{"replyTo":"` + MsgAB2 + `"}`, status: 400, expect: []string{`"replyTo":{"code":"validation_immutable"`}},
	} {
		s.run(t)
	}
}

// An edit of the message replied to shows in its replies' quotes; its
// deletion takes its text out of them, and says so.
func TestQuotesFollowTheOriginal(t *testing.T) {
	s, rec := serve(t)
	r := must(t, s, Bob, "POST", messagesURL, map[string]any{"conversation": ConvAB, "text": "re", "replyTo": MsgAB1})
	quote := func() hooks.Quote {
		t.Helper()
		var q hooks.Quote
		b, _ := json.Marshal(must(t, s, Bob, "GET", messagesURL+"/"+r["id"].(string), nil)["reply"])
		if err := json.Unmarshal(b, &q); err != nil {
			t.Fatal(err)
		}
		return q
	}
	must(t, s, Alice, "PATCH", messagesURL+"/"+MsgAB1, map[string]any{"text": "hello bob, edited"})
	if q := quote(); q.Text != "hello bob, edited" || q.Deleted {
		t.Fatalf("after the edit: %+v", q)
	}
	must204(t, s, Alice, "DELETE", messagesURL+"/"+MsgAB1)
	q := quote()
	if !q.Deleted || q.Text != "" || q.ID != MsgAB1 {
		t.Fatalf("after the deletion: %+v", q)
	}
	got := must(t, s, Bob, "GET", messagesURL+"/"+r["id"].(string), nil)
	if b, _ := json.Marshal(got); got["replyTo"] != "" || strings.Contains(string(b), "hello bob") {
		t.Fatalf("the reply keeps the deleted message: %v", got)
	}
	// one event per change of the original, none for its replies
	expectEvents(t, rec.Events(), journal.MessageCreated, journal.MessageUpdated, journal.MessageDeleted)
}
