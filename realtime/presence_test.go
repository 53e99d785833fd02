package realtime_test

import (
	"strings"
	"testing"
	"time"

	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/realtime"
)

// nextPresence returns the next presence frame, or fails after d.
func (c *client) nextPresence(d time.Duration) frame {
	c.t.Helper()
	select {
	case f := <-c.presence:
		return f
	case <-time.After(d):
		c.t.Fatal("no presence frame came")
	}
	return frame{}
}

// noPresence checks that no presence frame comes within d: a wait for
// something that must not happen, not a measure of speed.
func (c *client) noPresence(d time.Duration) {
	c.t.Helper()
	select {
	case f := <-c.presence:
		c.t.Fatalf("unexpected presence %+v", f)
	case <-time.After(d):
	}
}

func TestPresenceReachesCoMembersOnly(t *testing.T) {
	e := newEnv(t, realtime.Config{PresenceInterval: 50 * time.Millisecond})
	alice, _ := e.connect(t, Alice, "")
	carol, _ := e.connect(t, Carol, "")
	bob, _ := e.connect(t, Bob, "")
	if f := alice.nextPresence(wait); f.User != Bob || !f.Online {
		t.Fatalf("alice got %+v", f)
	}
	// after ready, a newcomer learns who of their people is online
	alice2, _ := e.connect(t, Alice, "")
	if f := alice2.nextPresence(wait); f.User != Bob || !f.Online {
		t.Fatalf("the snapshot: %+v", f)
	}
	bob.ws.Close()
	f := alice.nextPresence(wait)
	if f.User != Bob || f.Online || f.LastSeen == "" {
		t.Fatalf("bob going offline: %+v", f)
	}
	carol.noPresence(200 * time.Millisecond) // Carol shares nothing with Bob
}

// A connection that drops and comes back within the interval tells
// nobody anything.
func TestPresenceDoesNotFlap(t *testing.T) {
	const interval = 3 * time.Second
	e := newEnv(t, realtime.Config{PresenceInterval: interval})
	alice, _ := e.connect(t, Alice, "")
	bob, _ := e.connect(t, Bob, "")
	alice.nextPresence(wait) // online
	start := time.Now()
	for range 3 {
		bob.ws.Close()
		bob, _ = e.connect(t, Bob, "")
	}
	if time.Since(start) > interval/2 {
		t.Fatalf("the reconnects took %s, too long to prove anything about an interval of %s", time.Since(start), interval)
	}
	alice.noPresence(interval + 500*time.Millisecond)
}

// Someone who hides their presence is offline to everyone.
func TestHiddenPresence(t *testing.T) {
	e := newEnv(t, realtime.Config{PresenceInterval: 50 * time.Millisecond})
	alice, _ := e.connect(t, Alice, "")
	e.connect(t, Bob, "")
	alice.nextPresence(wait)
	if st, b := e.Do(t, Bob, "PATCH", "/api/collections/users/records/"+Bob, map[string]any{"presenceHidden": true}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	if f := alice.nextPresence(wait); f.User != Bob || f.Online || f.LastSeen != "" {
		t.Fatalf("bob hiding: %+v", f)
	}
	alice2, _ := e.connect(t, Alice, "")
	alice2.noPresence(200 * time.Millisecond)
	// and the setting is Bob's to see
	if _, b := e.Do(t, Alice, "GET", "/api/collections/users/records/"+Bob, nil); string(b) == "" || contains(b, "presenceHidden") {
		t.Fatalf("Alice sees Bob's setting: %s", b)
	}
	if _, b := e.Do(t, Bob, "GET", "/api/collections/users/records/"+Bob, nil); !contains(b, `"presenceHidden":true`) {
		t.Fatalf("Bob doesn't see his own setting: %s", b)
	}
}

func contains(b []byte, s string) bool { return strings.Contains(string(b), s) }

// Presence is shared in conversations of up to PresenceMembers: in a
// larger one each connect would cost the whole membership.
func TestPresenceStopsAtLargeConversations(t *testing.T) {
	e := newEnv(t, realtime.Config{PresenceInterval: 50 * time.Millisecond, PresenceMembers: 1})
	alice, _ := e.connect(t, Alice, "")
	e.connect(t, Bob, "")
	alice.noPresence(300 * time.Millisecond)
}
