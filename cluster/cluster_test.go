package cluster_test

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/metrics"
	"github.com/pbchat/pbchat/realtime"
)

const (
	Alice  = chattest.Alice
	Bob    = chattest.Bob
	Carol  = chattest.Carol
	ConvAB = chattest.ConvAB
)

// An event posted on the primary reaches the members' sockets on every
// edge, and nobody else's.
func TestEdgesDeliverToMembersOnly(t *testing.T) {
	w := newWorld(t, 2)
	tokens := w.primary.Fixture.Tokens
	bob, _, err := dial(t, w.edges[0], tokens[Bob], "")
	if err != nil {
		t.Fatal(err)
	}
	alice, _, err := dial(t, w.edges[1], tokens[Alice], "")
	if err != nil {
		t.Fatal(err)
	}
	carol, _, err := dial(t, w.edges[1], tokens[Carol], "")
	if err != nil {
		t.Fatal(err)
	}
	id := w.post(t, Alice, ConvAB, "hello across edges")
	for _, c := range []*socket{bob, alice} {
		if f := c.next(t, "message.created"); f.recordID() != id {
			t.Fatalf("got %s", f.Record)
		}
	}
	carol.none(t, 300*time.Millisecond, "message.created")
}

// The internal routes answer the holders of the secret only.
func TestInternalRoutesNeedTheSecret(t *testing.T) {
	w := newWorld(t, 0)
	for _, auth := range []string{"", "Bearer wrong-secret-wrong-secret", w.primary.Fixture.Tokens[Alice], w.primary.Fixture.Superuser} {
		req, _ := http.NewRequest(http.MethodGet, w.primary.URL+"/api/chat/internal/members?conversation="+ConvAB+"&seq=999999", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound {
			t.Fatalf("with %q: %d, want 404", auth, res.StatusCode)
		}
	}
	req, _ := http.NewRequest(http.MethodGet, w.primary.URL+"/api/chat/internal/members?conversation="+ConvAB+"&seq=999999", nil)
	req.Header.Set("Authorization", "Bearer "+secret)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("with the secret: %d", res.StatusCode)
	}
}

// Typing and presence cross edges, to co-members only.
func TestTypingAndPresenceCrossEdges(t *testing.T) {
	w := newWorld(t, 2)
	tokens := w.primary.Fixture.Tokens
	alice, _, err := dial(t, w.edges[0], tokens[Alice], "")
	if err != nil {
		t.Fatal(err)
	}
	carol, _, err := dial(t, w.edges[0], tokens[Carol], "")
	if err != nil {
		t.Fatal(err)
	}
	// Bob comes online on the other edge: Alice, who shares a conversation
	// with him, learns it; Carol doesn't
	bob, _, err := dial(t, w.edges[1], tokens[Bob], "")
	if err != nil {
		t.Fatal(err)
	}
	if f := alice.next(t, "presence"); f.User != Bob || !f.Online {
		t.Fatalf("alice: %+v", f)
	}
	bob.ws.WriteJSON(map[string]string{"type": "typing", "conversation": ConvAB})
	if f := alice.next(t, "typing"); f.User != Bob || f.Conversation != ConvAB {
		t.Fatalf("alice: %+v", f)
	}
	// typing into a conversation Carol is in, from someone who isn't: dropped
	bob.ws.WriteJSON(map[string]string{"type": "typing", "conversation": chattest.ConvCD})
	carol.none(t, 300*time.Millisecond, "typing", "presence")

	// Bob also on the primary's own sockets, then gone from the edge: still
	// online; gone from both: offline, with when
	onPrimary, err := w.dialPrimary(t, tokens[Bob])
	if err != nil {
		t.Fatal(err)
	}
	bob.ws.Close()
	alice.none(t, 300*time.Millisecond, "presence")
	onPrimary.ws.Close()
	if f := alice.next(t, "presence"); f.User != Bob || f.Online {
		t.Fatalf("alice: %+v, want Bob offline", f)
	}
}

// Someone connected to an edge is not away: no push or digest for them.
func TestMembersOnEdgesAreNotAway(t *testing.T) {
	w := newWorld(t, 1)
	missed := make(chan []string, 10)
	w.hub.OnMissed().BindFunc(func(e *realtime.MissedEvent) error {
		missed <- e.Users
		return e.Next()
	})
	if _, _, err := dial(t, w.edges[0], w.primary.Fixture.Tokens[Bob], ""); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(wait)
	for online, _ := w.hub.AwaySince(Bob); !online; online, _ = w.hub.AwaySince(Bob) {
		if time.Now().After(deadline) {
			t.Fatal("the primary never learned that Bob is online on the edge")
		}
		time.Sleep(5 * time.Millisecond)
	}
	w.post(t, Alice, ConvAB, "are you there?")
	select {
	case away := <-missed:
		if slices.Contains(away, Bob) {
			t.Fatalf("away: %v, with Bob online on an edge", away)
		}
	case <-time.After(wait):
		t.Fatal("OnMissed never fired (Alice has no socket)")
	}
}

// NATS and the primary gone for a while, as in their restarts: edges keep
// their sockets, and once both are back every socket gets what was
// committed meanwhile, once, in order.
func TestEdgesKeepSocketsAndCatchUpAfterAnOutage(t *testing.T) {
	w := newWorld(t, 0)
	down := w.primaryBehindASwitch()
	edge := w.startEdge("edge-behind-a-proxy")
	bob, _, err := dial(t, edge, w.primary.Fixture.Tokens[Bob], "")
	if err != nil {
		t.Fatal(err)
	}
	first := w.post(t, Alice, ConvAB, "before")
	if f := bob.next(t, "message.created"); f.recordID() != first {
		t.Fatalf("got %s", f.Record)
	}

	down.Store(true)
	w.nats.Shutdown()
	w.nats.WaitForShutdown()
	var ids []string
	for i := range 5 {
		ids = append(ids, w.post(t, Alice, ConvAB, fmt.Sprintf("during %d", i)))
	}
	bob.none(t, 1500*time.Millisecond, "message.created", "close")
	w.startNATS()
	down.Store(false)
	for _, id := range ids {
		f := bob.next(t, "message.created", "close")
		if f.Type == "close" {
			t.Fatalf("the edge closed Bob's socket (%d) instead of keeping it", f.code)
		}
		if f.recordID() != id {
			t.Fatalf("got %s, want %s", f.recordID(), id)
		}
	}
	last := w.post(t, Alice, ConvAB, "after")
	if f := bob.next(t, "message.created"); f.recordID() != last {
		t.Fatalf("got %s after the outage", f.recordID())
	}
}

// A node that starts asks the others whom they have: someone online
// elsewhere is online to the people who connect to it at once, not after
// the next full list (20 s).
func TestANewEdgeLearnsWhoIsOnline(t *testing.T) {
	w := newWorld(t, 1)
	if _, _, err := dial(t, w.edges[0], w.primary.Fixture.Tokens[Bob], ""); err != nil {
		t.Fatal(err)
	}
	late := w.startEdge("late")
	deadline := time.Now().Add(5 * time.Second) // well within the 20 s of the full lists
	for online, _ := late.edge.Hub().AwaySince(Bob); !online; online, _ = late.edge.Hub().AwaySince(Bob) {
		if time.Now().After(deadline) {
			t.Fatal("the new edge did not learn that Bob is online elsewhere")
		}
		time.Sleep(10 * time.Millisecond)
	}
	alice, _, err := dial(t, late, w.primary.Fixture.Tokens[Alice], "")
	if err != nil {
		t.Fatal(err)
	}
	if f := alice.next(t, "presence"); f.User != Bob || !f.Online {
		t.Fatalf("alice on the new edge: %+v", f)
	}
}

// An edge's metrics count its own sockets, and its deliveries' latency.
func TestEdgeMetrics(t *testing.T) {
	w := newWorld(t, 1)
	reg := metrics.NewRegistry(metrics.Sources{Hub: w.edges[0].edge.Hub()})
	bob, _, err := dial(t, w.edges[0], w.primary.Fixture.Tokens[Bob], "")
	if err != nil {
		t.Fatal(err)
	}
	w.post(t, Alice, ConvAB, "counted")
	bob.next(t, "message.created")
	values := map[string]float64{}
	families, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range families {
		for _, m := range f.GetMetric() {
			switch {
			case m.GetGauge() != nil:
				values[f.GetName()] = m.GetGauge().GetValue()
			case m.GetHistogram() != nil:
				values[f.GetName()] = float64(m.GetHistogram().GetSampleCount())
			}
		}
	}
	if values["pbchat_sockets"] != 1 || values["pbchat_delivery_latency_seconds"] < 1 {
		t.Fatalf("edge metrics: sockets %v, latency samples %v", values["pbchat_sockets"], values["pbchat_delivery_latency_seconds"])
	}
}

// A new token secret for users closes every socket on every edge; a later
// change of the collection that keeps the secret closes nothing.
func TestANewTokenSecretClosesSocketsOnEdges(t *testing.T) {
	w := newWorld(t, 2)
	app := w.primary.App
	bob, _, err := dial(t, w.edges[0], w.primary.Fixture.Tokens[Bob], "")
	if err != nil {
		t.Fatal(err)
	}
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		t.Fatal(err)
	}
	users.AuthToken.Secret = "a-brand-new-secret-of-fifty-characters-or-so-00000"
	if err := app.Save(users); err != nil {
		t.Fatal(err)
	}
	if f := bob.next(t, "close"); f.code != realtime.CloseUnauthorized {
		t.Fatalf("closed with %d, want %d", f.code, realtime.CloseUnauthorized)
	}

	token, err := mustRecord(t, app, Alice).NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	alice, _, err := dial(t, w.edges[1], token, "")
	if err != nil {
		t.Fatal(err)
	}
	users, _ = app.FindCollectionByNameOrId("users")
	users.AuthToken.Duration++ // not the secret
	if err := app.Save(users); err != nil {
		t.Fatal(err)
	}
	alice.none(t, 500*time.Millisecond, "close")
}

func mustRecord(t *testing.T, app core.App, id string) *core.Record {
	t.Helper()
	r, err := app.FindRecordById("users", id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// A member removed while their socket was away resumes on an edge: they
// get what was said before the removal, then the removal, and nothing
// after it, as on the primary.
func TestALeaverResumesOnAnEdgeUpToTheLeave(t *testing.T) {
	w := newWorld(t, 2)
	tokens := w.primary.Fixture.Tokens
	bob, _, err := dial(t, w.edges[0], tokens[Bob], "")
	if err != nil {
		t.Fatal(err)
	}
	w.post(t, Alice, ConvAB, "before")
	cursor := bob.next(t, "message.created").Cursor
	bob.ws.Close()

	before := w.post(t, Alice, ConvAB, "said before the removal")
	if st, b := w.primary.Do(t, Alice, http.MethodDelete, "/api/collections/members/records/"+chattest.MemABBob, nil); st != 204 {
		t.Fatalf("remove bob: %d %s", st, b)
	}
	w.post(t, Alice, ConvAB, "said after the removal")

	_, replayed, err := dial(t, w.edges[1], tokens[Bob], cursor)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range replayed {
		got = append(got, f.Type)
	}
	if len(replayed) != 2 || replayed[0].recordID() != before || replayed[1].Type != "conversation.removed" {
		t.Fatalf("replayed %v", got)
	}
}

// A password changes while NATS is down; the primary is then unreachable
// while NATS comes back, and returns after. The revocation, in the journal
// with everything else, reaches the edge when it catches up: Bob's old
// socket closes, and nothing committed after the change reaches it, while
// Carol's socket on the same edge gets what was said meanwhile.
func TestARevocationSurvivesAnOutageOfNATSAndThePrimary(t *testing.T) {
	w := newWorld(t, 0)
	down := w.primaryBehindASwitch()
	edge := w.startEdge("edge-through-an-outage")
	tokens := w.primary.Fixture.Tokens
	bob, _, err := dial(t, edge, tokens[Bob], "")
	if err != nil {
		t.Fatal(err)
	}
	alice, _, err := dial(t, edge, tokens[Alice], "")
	if err != nil {
		t.Fatal(err)
	}
	w.post(t, Alice, ConvAB, "before")
	bob.next(t, "message.created")
	alice.next(t, "message.created")

	w.nats.Shutdown()
	w.nats.WaitForShutdown()
	bobRecord := mustRecord(t, w.primary.App, Bob)
	bobRecord.SetPassword("a-new-password-1234")
	if err := w.primary.App.Save(bobRecord); err != nil {
		t.Fatal(err)
	}
	down.Store(true) // the primary goes; NATS comes back before it
	w.startNATS()
	time.Sleep(1500 * time.Millisecond) // the edge tries, and can't check
	down.Store(false)
	after := w.post(t, Alice, ConvAB, "after the password change")

	if f := bob.next(t, "close", "message.created"); f.Type != "close" || f.code != realtime.CloseUnauthorized {
		t.Fatalf("Bob's old socket got %s (%d, %s) instead of closing", f.Type, f.code, f.Record)
	}
	if f := alice.next(t, "message.created", "close"); f.Type != "message.created" || f.recordID() != after {
		t.Fatalf("Alice got %s %s", f.Type, f.Record)
	}
	// and the old token can't come back
	if _, _, err := dial(t, edge, tokens[Bob], ""); err == nil {
		t.Fatal("Bob's old token opened a socket")
	}
}
