package ratelimit_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"sync"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/pbchat/pbchat/hooks"
	"github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/migrations"
	"github.com/pbchat/pbchat/ratelimit"
)

func TestMain(m *testing.M) { chattest.Main(m) }

func serve(t *testing.T) *chattest.Server {
	t.Helper()
	f := chattest.Load(t)
	app := f.NewApp(t)
	hooks.MustRegister(app, hooks.Config{})
	ratelimit.MustRegister(app)
	settings := app.Settings()
	settings.Batch.Enabled = true
	if err := app.Save(settings); err != nil {
		t.Fatal(err)
	}
	return f.Serve(t, app)
}

// flood posts n messages to ConvAB as who, all at once, and returns how
// many of each status came back.
func flood(t *testing.T, s *chattest.Server, who string, n int) map[int]int {
	t.Helper()
	var mu sync.Mutex
	statuses := map[int]int{}
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			body, _ := json.Marshal(map[string]string{"conversation": chattest.ConvAB, "text": "flood"})
			req, _ := http.NewRequest(http.MethodPost, s.URL+"/api/collections/messages/records", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			for k, v := range s.Fixture.Auth(who) {
				req.Header.Set(k, v)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			res.Body.Close()
			mu.Lock()
			statuses[res.StatusCode]++
			mu.Unlock()
		})
	}
	wg.Wait()
	return statuses
}

func count(t *testing.T, s *chattest.Server, who string) int {
	t.Helper()
	n, err := s.App.CountRecords("messages", dbxAuthor(who))
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

func limit() core.RateLimitRule { return migrations.ChatRateLimits[0] }

func TestAFloodGets429AndNothingPastTheLimitIsSaved(t *testing.T) {
	s := serve(t)
	before := count(t, s, chattest.Alice)
	n := limit().MaxRequests
	got := flood(t, s, chattest.Alice, n+15)
	if got[http.StatusOK] != n || got[http.StatusTooManyRequests] != 15 {
		t.Fatalf("statuses %v, want %d × 200 and 15 × 429", got, n)
	}
	if saved := count(t, s, chattest.Alice) - before; saved != n {
		t.Fatalf("%d messages saved, want %d", saved, n)
	}

	// the limit is Alice's, not her conversation's nor her address's
	if got := flood(t, s, chattest.Bob, 3); got[http.StatusOK] != 3 {
		t.Fatalf("Bob: %v, want 3 × 200", got)
	}
	// a batch that runs into the limit saves none of its messages
	requests := []map[string]any{}
	for range 2 {
		requests = append(requests, map[string]any{"method": "POST", "url": "/api/collections/messages/records",
			"body": map[string]string{"conversation": chattest.ConvAB, "text": "in a batch"}})
	}
	status, body := s.Do(t, chattest.Alice, http.MethodPost, "/api/batch", map[string]any{"requests": requests})
	if status < 400 || !bytes.Contains(body, []byte("too fast")) {
		t.Fatalf("batch over the limit: %d %s", status, body)
	}
	if saved := count(t, s, chattest.Alice) - before; saved != n {
		t.Fatalf("%d messages saved after the batch, want %d", saved, n)
	}
	// superusers are not limited, as in PocketBase
	status, body = s.Do(t, "superuser", http.MethodPost, "/api/collections/messages/records",
		map[string]string{"conversation": chattest.ConvAB, "author": chattest.Alice, "text": "from the admin UI"})
	if status != http.StatusOK {
		t.Fatalf("superuser: %d %s", status, body)
	}
}

func TestTheRulesAreTheAdminsSettings(t *testing.T) {
	s := serve(t)
	settings := s.App.Settings()
	for i := range settings.RateLimits.Rules {
		if settings.RateLimits.Rules[i].Label == "chat:message" {
			settings.RateLimits.Rules[i].MaxRequests = 2
		}
	}
	if err := s.App.Save(settings); err != nil {
		t.Fatal(err)
	}
	if got := flood(t, s, chattest.Alice, 5); got[http.StatusOK] != 2 {
		t.Fatalf("with 2 allowed: %v", got)
	}
	settings.RateLimits.Enabled = false
	if err := s.App.Save(settings); err != nil {
		t.Fatal(err)
	}
	if got := flood(t, s, chattest.Alice, 5); got[http.StatusOK] != 5 {
		t.Fatalf("with rate limiting off: %v", got)
	}
	settings.RateLimits.Enabled = true
	settings.RateLimits.ExcludedIPs = []string{"127.0.0.0/8"}
	if err := s.App.Save(settings); err != nil {
		t.Fatal(err)
	}
	if got := flood(t, s, chattest.Alice, 5); got[http.StatusOK] != 5 {
		t.Fatalf("from an excluded address: %v", got)
	}
}

func dbxAuthor(who string) dbx.Expression { return dbx.HashExp{"author": who} }

// Renames reach every member, and people added each cost a member event:
// both are counted per user, a new conversation's members included. One
// request that lists more people than the rule allows is refused whole.
func TestRenamesAndPeopleAddedAreBounded(t *testing.T) {
	s := serve(t)
	settings := s.App.Settings()
	for i, r := range settings.RateLimits.Rules {
		if r.Label == "chat:member" {
			settings.RateLimits.Rules[i].MaxRequests = 3
		}
	}
	if err := s.App.Save(settings); err != nil {
		t.Fatal(err)
	}

	var rename core.RateLimitRule
	for _, r := range migrations.ChatRateLimits {
		if r.Label == "chat:rename" {
			rename = r
		}
	}
	for i := range rename.MaxRequests + 1 {
		st, b := s.Do(t, chattest.Alice, "PATCH", "/api/collections/conversations/records/"+chattest.ConvAB, map[string]any{"title": "Title " + string(rune('A'+i))})
		if want := map[bool]int{true: 429, false: 200}[i == rename.MaxRequests]; st != want {
			t.Fatalf("rename %d: %d %s", i+1, st, b)
		}
	}
	// a change that isn't a rename is not counted
	if st, b := s.Do(t, chattest.Alice, "PATCH", "/api/collections/conversations/records/"+chattest.ConvAB, map[string]any{"title": "Title " + string(rune('A'+rename.MaxRequests-1))}); st != 200 {
		t.Fatalf("the same title again: %d %s", st, b)
	}

	many := make([]string, 4)
	for i := range many {
		many[i] = "nobody00000000" + string(rune('0'+i))
	}
	st, b := s.Do(t, chattest.Alice, "POST", "/api/collections/conversations/records", map[string]any{"title": "Crowd", "members": many})
	if st != 429 || !bytes.Contains(b, []byte("At most 3 at once")) {
		t.Fatalf("4 people in one request, over a limit of 3: %d %s", st, b)
	}
	st, b = s.Do(t, chattest.Alice, "POST", "/api/collections/conversations/records", map[string]any{"title": "Pair", "members": []string{chattest.Bob, chattest.Carol}})
	if st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	var conv struct{ ID string }
	json.Unmarshal(b, &conv)
	if st, b := s.Do(t, chattest.Alice, "POST", "/api/collections/members/records", map[string]any{"conversation": conv.ID, "user": chattest.Dave}); st != 200 {
		t.Fatalf("the third person: %d %s", st, b)
	}
	if st, _ := s.Do(t, chattest.Bob, "POST", "/api/collections/members/records", map[string]any{"conversation": chattest.ConvAB, "user": chattest.Carol}); st != 200 {
		t.Fatalf("Bob's own budget: %d", st)
	}
	if st, b := s.Do(t, chattest.Alice, "POST", "/api/collections/members/records", map[string]any{"conversation": chattest.ConvAB, "user": chattest.Dave}); st != 429 {
		t.Fatalf("the fourth person: %d %s", st, b)
	}
	if n, _ := s.App.CountRecords("members", dbx.HashExp{"conversation": chattest.ConvAB, "user": chattest.Dave}); n != 0 {
		t.Fatal("the refused addition was saved")
	}
	// an invitation is a person added, as far as the budget goes
	if st, b := s.Do(t, chattest.Alice, "POST", "/api/collections/invitations/records", map[string]any{"conversation": chattest.ConvAB, "invitee": chattest.Dave}); st != 429 {
		t.Fatalf("an invitation past the limit: %d %s", st, b)
	}
}
