package hooks_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/dbx"

	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/journal"
)

const batchURL = "/api/batch"

// serveWithBatch is serve with PocketBase's batch API switched on, as an
// app that uses it has it.
func serveWithBatch(t *testing.T) (*Server, *Recorder) {
	s, rec := serve(t)
	settings := s.App.Settings()
	settings.Batch.Enabled = true
	settings.Batch.MaxRequests = 20
	if err := s.App.Save(settings); err != nil {
		t.Fatal(err)
	}
	return s, rec
}

type batchRequest struct {
	Method string         `json:"method"`
	URL    string         `json:"url"`
	Body   map[string]any `json:"body,omitempty"`
}

func batch(reqs ...batchRequest) map[string]any {
	return map[string]any{"requests": reqs}
}

// A batch is one transaction: when any request in it is refused, nothing of
// it is kept, even when an earlier request is a send with a client-chosen
// id (whose retry handling must not mistake the later failure for a retry).
func TestBatchWithAnIdempotentSendIsAllOrNothing(t *testing.T) {
	const id = "batchattack0001"
	send := batchRequest{"POST", messagesURL, map[string]any{"id": id, "conversation": ConvAB, "text": "smuggled"}}
	for _, c := range []struct {
		name string
		who  string
		reqs []batchRequest
		want string // in the error body
	}{
		{"a send beside a post to someone else's conversation", Bob, []batchRequest{
			send,
			{"POST", messagesURL, map[string]any{"conversation": ConvCD, "text": "let me in"}},
		}, `"requests":{"1":`},
		{"a send, an allowed rename, a refused change of createdBy", Alice, []batchRequest{
			send,
			{"PATCH", conversationsURL + "/" + ConvAB, map[string]any{"title": "renamed by a failed batch"}},
			{"PATCH", conversationsURL + "/" + ConvAB, map[string]any{"createdBy": Bob}},
		}, `"requests":{"2":`},
		{"the same id twice in one batch", Bob, []batchRequest{
			send,
			{"POST", messagesURL, map[string]any{"id": id, "conversation": ConvAB, "text": "smuggled"}},
		}, `"requests":{"1":`},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, rec := serveWithBatch(t)
			status, body := s.Do(t, c.who, "POST", batchURL, batch(c.reqs...))
			if status != 400 || !strings.Contains(string(body), c.want) {
				t.Fatalf("status %d, want 400 naming the failed request %s: %s", status, c.want, body)
			}
			if n := count(t, s.App, "messages", "id={:id}", dbx.Params{"id": id}); n != 0 {
				t.Fatalf("the failed batch kept its send (%d stored)", n)
			}
			if got := record(t, s.App, "conversations", ConvAB).GetString("title"); got != "Alice & Bob" {
				t.Fatalf("the failed batch kept a rename: %q", got)
			}
			if n := count(t, s.App, "messages", "1=1", nil); n != 3 {
				t.Fatalf("%d messages, want the 3 seeded", n)
			}
			expectEvents(t, rec.Events())
		})
	}
}

// What a batch may still do: retry a send that an earlier request stored,
// and commit whole when every request in it passes.
func TestBatchRetriesAnEarlierSend(t *testing.T) {
	s, rec := serveWithBatch(t)
	const id = "batchretry00001"
	msg := map[string]any{"id": id, "conversation": ConvAB, "text": "sent once"}
	must(t, s, Bob, "POST", messagesURL, msg)
	status, body := s.Do(t, Bob, "POST", batchURL, batch(
		batchRequest{"POST", messagesURL, msg},
		batchRequest{"POST", messagesURL, map[string]any{"conversation": ConvAB, "text": "and another"}},
	))
	if status != 200 || !strings.Contains(string(body), "sent once") || !strings.Contains(string(body), "and another") {
		t.Fatalf("%d %s", status, body)
	}
	if n := count(t, s.App, "messages", "id={:id}", dbx.Params{"id": id}); n != 1 {
		t.Fatalf("%d stored", n)
	}
	expectEvents(t, rec.Events(), journal.MessageCreated, journal.MessageCreated)
}

// Someone removed from a conversation can't read their old message back by
// re-sending its id, to a conversation they are still in or to the old one.
func TestRemovedMemberCantReadTheirMessageByRetrying(t *testing.T) {
	s, _ := serve(t)
	const id = "removedretry001"
	must(t, s, Bob, "POST", messagesURL, map[string]any{"id": id, "conversation": ConvAB, "text": "launch code 4711"})
	convBC := must(t, s, Bob, "POST", conversationsURL, map[string]any{"members": []string{Carol}})["id"].(string)
	if status, body := s.Do(t, Alice, "DELETE", membersURL+"/"+MemABBob, nil); status != 204 {
		t.Fatalf("remove Bob: %d %s", status, body)
	}

	for _, conv := range []string{convBC, ConvAB} {
		status, body := s.Do(t, Bob, "POST", messagesURL, map[string]any{"id": id, "conversation": conv, "text": "?"})
		if status != 400 {
			t.Fatalf("retry into %s: status %d: %s", conv, status, body)
		}
		for _, secret := range []string{"launch code", ConvAB + `"`, "4711"} {
			if strings.Contains(string(body), secret) {
				t.Fatalf("retry into %s revealed %q: %s", conv, secret, body)
			}
		}
	}
	// and the message is untouched
	if got := record(t, s.App, "messages", id).GetString("text"); got != "launch code 4711" {
		t.Fatalf("text %q", got)
	}
}

// A retry is the same send: the same id into another conversation is
// another message, and its id is taken.
func TestRetryIntoAnotherConversationIsRefused(t *testing.T) {
	s, _ := serve(t)
	const id = "otherconvretry1"
	must(t, s, Alice, "POST", messagesURL, map[string]any{"id": id, "conversation": ConvAB, "text": "for bob"})
	convAC := must(t, s, Alice, "POST", conversationsURL, map[string]any{"members": []string{Carol}})["id"].(string)
	status, body := s.Do(t, Alice, "POST", messagesURL, map[string]any{"id": id, "conversation": convAC, "text": "for carol"})
	if status != 400 || !strings.Contains(string(body), `"id":{"code":"validation_id_taken"`) || strings.Contains(string(body), "for bob") {
		t.Fatalf("%d %s", status, body)
	}
}

// must sends a request that must succeed and returns its JSON body.
func must(t *testing.T, s *Server, who, method, path string, body any) map[string]any {
	t.Helper()
	status, b := s.Do(t, who, method, path, body)
	if status != 200 {
		t.Fatalf("%s %s: %d %s", method, path, status, b)
	}
	return decode(t, b)
}
