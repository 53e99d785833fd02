package cluster_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/pbchat/pbchat/internal/chattest"
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
