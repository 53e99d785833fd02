package access_test

import (
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/pbchat/pbchat/hooks"
	. "github.com/pbchat/pbchat/internal/chattest"
)

// What one signed-in user can make the server answer stays bounded, on a
// grown conversation (smaller than chatbench -bounds uses, to stay quick):
// a page holds at most 100 records, and nothing expands a conversation's
// members, per message or down a chain. Another user is answered
// meanwhile.
func TestOneRequestStaysBounded(t *testing.T) {
	f := Load(t)
	app := f.NewApp(t)
	quiet(t, app)
	hooks.MustRegister(app, hooks.Config{})
	people := AddUsers(t, app, "big", 300)
	conv := AddConversation(t, app, people)
	messages, _ := app.FindCachedCollectionByNameOrId("messages")
	text := strings.Repeat("0123456789", 999)
	err := app.RunInTransaction(func(tx core.App) error {
		for i := range 120 {
			m := core.NewRecord(messages)
			m.Set("conversation", conv)
			m.Set("author", people[i%len(people)].ID)
			m.Set("text", fmt.Sprint(i, text))
			if err := tx.Save(m); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	h := Handler(t, app)
	member := people[1].Token
	list := "/api/collections/messages/records?"

	const pageOfTexts = 100 * (10_001 + 600) // 100 messages, their fields and authors
	for _, c := range []struct {
		name, query string
		status      int
		max         int
	}{
		{"a page of 1,000 asked, 100 served", "perPage=1000&expand=author&filter=" + url.QueryEscape(`conversation="`+conv+`"`), 200, pageOfTexts},
		{"every member, per message", "perPage=20&expand=conversation.members_via_conversation", 400, 1024},
		{"a deep expand chain", "perPage=5&expand=author.messages_via_author.conversation.members_via_conversation", 400, 1024},
		{"a back-relation expand from the author", "perPage=5&expand=author.messages_via_author", 400, 1024},
	} {
		status, body := get(t, h, member, list+c.query)
		if status != c.status || len(body) > c.max {
			t.Errorf("%s: status %d, %d bytes (want %d, at most %d): %.300s", c.name, status, len(body), c.status, c.max, body)
		}
	}

	// Four heavy asks at once, and Alice meanwhile.
	var wg sync.WaitGroup
	sizes := make([]int, 4)
	for i := range sizes {
		wg.Go(func() {
			_, body := get(t, h, member, list+"perPage=1000&expand=author.messages_via_author.conversation.members_via_conversation,conversation.members_via_conversation")
			sizes[i] = len(body)
		})
	}
	status, body := get(t, h, f.Tokens[Alice], list+"filter="+url.QueryEscape(`conversation="`+ConvAB+`"`))
	wg.Wait()
	if status != 200 || !strings.Contains(body, "hello bob") {
		t.Fatalf("Alice, meanwhile: %d %s", status, body)
	}
	for i, n := range sizes {
		if n > 1024 {
			t.Fatalf("heavy ask %d answered %d bytes", i, n)
		}
	}
}
