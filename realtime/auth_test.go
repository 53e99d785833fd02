package realtime_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"

	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/realtime"
)

func TestAuthFailuresClose4401AndSayNothingElse(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	e.hub.SetAuthWait(300 * time.Millisecond)

	alice, err := e.App.FindRecordById("users", Alice)
	if err != nil {
		t.Fatal(err)
	}
	// NewJWT sets exp to now plus the duration: a negative one has expired.
	expired, err := security.NewJWT(map[string]any{
		"id": Alice, "type": "auth", "collectionId": alice.Collection().Id, "refreshable": true,
	}, alice.TokenKey()+alice.Collection().AuthToken.Secret, -time.Minute)
	if err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name   string
		frames []any
		reason string
	}{
		{"no auth frame in time", nil, "no auth frame"},
		{"a first frame that isn't auth", []any{map[string]string{"type": "typing", "conversation": ConvAB}}, "first frame must be"},
		{"malformed JSON", []any{"{nope"}, "first frame must be"},
		{"an empty token", []any{map[string]string{"type": "auth", "token": ""}}, "first frame must be"},
		{"an invalid token", []any{map[string]string{"type": "auth", "token": "abc.def.ghi"}}, "invalid or expired token"},
		{"an expired token", []any{map[string]string{"type": "auth", "token": expired}}, "invalid or expired token"},
		{"a superuser token", []any{map[string]string{"type": "auth", "token": e.Fixture.Superuser}}, "not a users token"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := e.open(t, nil)
			for _, f := range tc.frames {
				if s, ok := f.(string); ok {
					c.ws.WriteMessage(1, []byte(s))
				} else {
					c.send(f)
				}
			}
			f := c.next()
			if f.Type != "close" || f.closeCode != realtime.CloseUnauthorized || !strings.Contains(f.closeText, tc.reason) {
				t.Fatalf("got %+v, want close %d with %q and nothing before it", f, realtime.CloseUnauthorized, tc.reason)
			}
		})
	}

	t.Run("a bad Authorization header", func(t *testing.T) {
		c := e.open(t, http.Header{"Authorization": {"Bearer nope"}})
		f := c.next()
		if f.Type != "close" || f.closeCode != realtime.CloseUnauthorized {
			t.Fatalf("got %+v", f)
		}
	})
}

func TestAuthByHeader(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	for _, prefix := range []string{"", "Bearer "} {
		c := e.open(t, http.Header{"Authorization": {prefix + e.Fixture.Tokens[Bob]}})
		if f := c.expect("ready"); f.User != Bob {
			t.Fatalf("ready %+v", f)
		}
	}
}

func TestTokenRevocationClosesSockets(t *testing.T) {
	e := newEnv(t, realtime.Config{})

	t.Run("password change", func(t *testing.T) {
		alice, _ := e.connect(t, Alice, "")
		bob, _ := e.connect(t, Bob, "")
		u, _ := e.App.FindRecordById("users", Alice)
		u.SetPassword("another-password-1")
		if err := e.App.Save(u); err != nil {
			t.Fatal(err)
		}
		alice.expectClose(realtime.CloseUnauthorized)
		// Bob is untouched: he still gets events.
		post(t, e.App, ConvAB, Bob, "still here")
		bob.expectMessage("still here")
	})

	t.Run("a change that keeps the token valid", func(t *testing.T) {
		dave, _ := e.connect(t, Dave, "")
		u, _ := e.App.FindRecordById("users", Dave)
		u.Set("name", "David")
		if err := e.App.Save(u); err != nil {
			t.Fatal(err)
		}
		post(t, e.App, ConvCD, Dave, "renamed")
		dave.expectMessage("renamed")
	})

	t.Run("user deleted", func(t *testing.T) {
		bob, _ := e.connect(t, Bob, "")
		u, _ := e.App.FindRecordById("users", Bob)
		if err := e.App.Delete(u); err != nil {
			t.Fatal(err)
		}
		bob.expectClose(realtime.CloseUnauthorized)
	})

	t.Run("collection secret changed", func(t *testing.T) {
		carol, _ := e.connect(t, Carol, "")
		dave, _ := e.connect(t, Dave, "")
		users, _ := e.App.FindCollectionByNameOrId("users")
		users.AuthToken.Secret = security.RandomString(50)
		if err := e.App.Save(users); err != nil {
			t.Fatal(err)
		}
		carol.expectClose(realtime.CloseUnauthorized)
		dave.expectClose(realtime.CloseUnauthorized)
	})
}

func TestExpiredTokenClosesOpenSocket(t *testing.T) {
	e := newEnv(t, realtime.Config{PingInterval: 50 * time.Millisecond})
	alice, _ := e.App.FindRecordById("users", Alice)
	// the token's expiry is in whole seconds: one of 1 s may have a tenth
	// of a second left when made, less than a loaded machine takes to
	// authenticate; 3 s leave at least 2
	token, err := alice.NewStaticAuthToken(3 * time.Second)
	if err != nil {
		t.Fatal(err)
	}
	c := e.open(t, nil)
	c.send(map[string]string{"type": "auth", "token": token})
	c.expect("ready")
	c.expectClose(realtime.CloseUnauthorized)
}

func TestOriginCheck(t *testing.T) {
	e := newEnv(t, realtime.Config{AllowedOrigins: []string{"https://app.example.com"}})
	host := strings.TrimPrefix(e.URL, "http://")
	for _, tc := range []struct {
		origin string
		ok     bool
	}{
		{"", true},
		{"http://" + host, true},
		{"https://app.example.com", true},
		{"https://evil.example.com", false},
		{"null", false},
	} {
		h := http.Header{}
		if tc.origin != "" {
			h.Set("Origin", tc.origin)
		}
		ws, res, err := e.dial(t, h)
		if tc.ok {
			if err != nil {
				t.Fatalf("origin %q refused: %v", tc.origin, err)
			}
			ws.Close()
			continue
		}
		if err == nil || res == nil || res.StatusCode != http.StatusForbidden {
			t.Fatalf("origin %q: err %v, response %v; want 403 before the upgrade", tc.origin, err, res)
		}
	}
}

func TestSocketsPerUserAreCapped(t *testing.T) {
	e := newEnv(t, realtime.Config{MaxSocketsPerUser: 2})
	e.connect(t, Alice, "")
	e.connect(t, Alice, "")
	c := e.open(t, nil)
	c.send(map[string]string{"type": "auth", "token": e.Fixture.Tokens[Alice]})
	c.expectClose(realtime.CloseTooManySockets)
	// Others are not affected.
	e.connect(t, Bob, "")
}

func TestTokenOfAnotherAuthCollectionIsRefused(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	staff := core.NewAuthCollection("staff")
	if err := e.App.Save(staff); err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(staff)
	r.SetEmail("staff@example.com")
	r.SetPassword(Password)
	if err := e.App.Save(r); err != nil {
		t.Fatal(err)
	}
	token, err := r.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	c := e.open(t, nil)
	c.send(map[string]string{"type": "auth", "token": token})
	f := c.next()
	if f.Type != "close" || f.closeCode != realtime.CloseUnauthorized || !strings.Contains(f.closeText, "not a users token") {
		t.Fatalf("%+v", f)
	}
}
