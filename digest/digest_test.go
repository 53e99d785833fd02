package digest_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/pbchat/pbchat/digest"
	"github.com/pbchat/pbchat/hooks"
	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/realtime"
)

func TestMain(m *testing.M) { Main(m) }

type env struct {
	*Server
	app *tests.TestApp
	hub *realtime.Hub
	svc *digest.Service
	t0  time.Time
}

func newEnv(t *testing.T) *env {
	f := Load(t)
	app := f.NewApp(t)
	hub := realtime.MustRegister(app, realtime.Config{})
	hooks.MustRegister(app, hooks.Config{Sender: hub})
	svc := digest.MustRegister(app, hub, digest.Config{Interval: time.Hour}) // the test runs it
	return &env{Server: f.Serve(t, app), app: app, hub: hub, svc: svc, t0: time.Now().UTC()}
}

func (e *env) post(t *testing.T, who, conv, text string) {
	if st, b := e.Do(t, who, "POST", "/api/collections/messages/records", map[string]any{"conversation": conv, "text": text}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
}

func (e *env) run(t *testing.T, after time.Duration) int {
	t.Helper()
	before := e.app.TestMailer.TotalSend()
	if err := e.svc.RunOnce(e.t0.Add(after)); err != nil {
		t.Fatal(err)
	}
	return e.app.TestMailer.TotalSend() - before
}

func TestDigestAfterBeingAwayOncePerHour(t *testing.T) {
	e := newEnv(t)
	e.post(t, Alice, ConvAB, "lunch tomorrow?")
	if n := e.run(t, time.Minute); n != 0 {
		t.Fatalf("%d digests a minute after: Bob may still read it", n)
	}
	if n := e.run(t, 16*time.Minute); n != 1 {
		t.Fatalf("%d digests after 16 minutes away, want Bob's", n)
	}
	m := e.app.TestMailer.LastMessage()
	if m.To[0].Address != Email(Bob) || !strings.Contains(m.Subject, "Alice & Bob") || !strings.Contains(m.HTML, "lunch tomorrow?") ||
		!strings.Contains(m.HTML, "Alice Archer") || !strings.Contains(m.Text, "#conversation="+ConvAB) {
		t.Fatalf("the digest: %+v", m)
	}
	// once per conversation per hour
	e.post(t, Alice, ConvAB, "still there?")
	if n := e.run(t, 40*time.Minute); n != 0 {
		t.Fatalf("%d digests within the hour", n)
	}
	if n := e.run(t, 80*time.Minute); n != 1 {
		t.Fatalf("%d digests an hour later, still unread", n)
	}
	// read meanwhile: nothing more
	e.post(t, Alice, ConvAB, "never mind")
	if st, b := e.Do(t, Bob, "PATCH", "/api/collections/members/records/"+MemABBob, map[string]any{"lastReadAt": "2100-01-01 00:00:00.000Z"}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	if n := e.run(t, 3*time.Hour); n != 0 {
		t.Fatalf("%d digests of what was read", n)
	}
}

// Nobody connected gets one: Alice, the author, gets none of her own;
// Carol, no member, none; a muted member none.
func TestDigestGoesToMembersAwayAndUnmuted(t *testing.T) {
	e := newEnv(t)
	if st, b := e.Do(t, Dave, "PATCH", "/api/collections/members/records/"+MemCDDave, map[string]any{"muted": true}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	e.post(t, Alice, ConvAB, "for Bob")
	e.post(t, Carol, ConvCD, "for Dave, muted")
	if n := e.run(t, 16*time.Minute); n != 1 || e.app.TestMailer.LastMessage().To[0].Address != Email(Bob) {
		t.Fatalf("%d digests: %+v", n, e.app.TestMailer.Messages())
	}
}

// A restart repeats nothing and forgets nothing.
func TestDigestAcrossARestart(t *testing.T) {
	e := newEnv(t)
	e.post(t, Alice, ConvAB, "before the restart")
	e.run(t, time.Minute) // noted, not yet due
	restarted := digest.MustRegister(e.app, e.hub, digest.Config{})
	before := e.app.TestMailer.TotalSend()
	if err := restarted.RunOnce(e.t0.Add(16 * time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := restarted.RunOnce(e.t0.Add(17 * time.Minute)); err != nil {
		t.Fatal(err)
	}
	if n := e.app.TestMailer.TotalSend() - before; n != 1 {
		t.Fatalf("%d digests across the restart, want exactly 1", n)
	}
	if n := e.run(t, 18*time.Minute); n != 0 {
		t.Fatalf("the first instance sent %d more", n)
	}
}

// The link in a digest turns digests off without signing in; a forged one
// doesn't.
func TestUnsubscribe(t *testing.T) {
	e := newEnv(t)
	e.post(t, Alice, ConvAB, "hello")
	e.run(t, 16*time.Minute)
	link := regexp.MustCompile(`Stop these emails: (\S+)`).FindStringSubmatch(e.app.TestMailer.LastMessage().Text)
	if link == nil {
		t.Fatal("no link")
	}
	u, _ := url.Parse(link[1])
	for name, change := range map[string]func(url.Values){
		"another user's":   func(q url.Values) { q.Set("user", Carol) },
		"a longer life":    func(q url.Values) { q.Set("exp", "99999999999") },
		"an expired one's": func(q url.Values) { q.Set("exp", "1000") },
		"no expiry":        func(q url.Values) { q.Del("exp") },
	} {
		forged := u.Query()
		change(forged)
		if st, _ := e.Do(t, "", "GET", digest.UnsubscribePath+"?"+forged.Encode(), nil); st != 400 {
			t.Fatalf("%s link: %d", name, st)
		}
	}
	// a new password ends every link sent before it
	bob, _ := e.app.FindRecordById("users", Bob)
	key := bob.TokenKey()
	bob.RefreshTokenKey()
	if err := e.app.Save(bob); err != nil {
		t.Fatal(err)
	}
	if st, _ := e.Do(t, "", "GET", digest.UnsubscribePath+"?"+u.RawQuery, nil); st != 400 {
		t.Fatalf("a link from before a new password: %d", st)
	}
	bob.Set("tokenKey", key)
	if err := e.app.Save(bob); err != nil {
		t.Fatal(err)
	}
	if st, b := e.Do(t, "", "GET", digest.UnsubscribePath+"?"+u.RawQuery, nil); st != 200 || !strings.Contains(string(b), "get email digests any more") {
		t.Fatalf("the link: %d %s", st, b)
	}
	e.post(t, Alice, ConvAB, "and again")
	if n := e.run(t, 3*time.Hour); n != 0 {
		t.Fatalf("%d digests after unsubscribing", n)
	}
}

// A digest tells nothing of what someone its reader blocks wrote: no mail
// for that alone, and none of their lines in one owed for others.
func TestDigestLeavesOutBlockedPeople(t *testing.T) {
	e := newEnv(t)
	if st, b := e.Do(t, Bob, "POST", "/api/collections/blocks/records", map[string]any{"blocker": Bob, "blocked": Alice}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	e.post(t, Alice, ConvAB, "from the blocked")
	if n := e.run(t, 16*time.Minute); n != 0 {
		t.Fatalf("%d digests of a blocked person's message: %+v", n, e.app.TestMailer.Messages())
	}
	e.addBob(t)
	e.post(t, Carol, ConvCD, "from carol")
	e.post(t, Alice, ConvAB, "blocked again")
	if n := e.run(t, 2*time.Hour); n != 2 { // Bob's, and Dave's
		t.Fatalf("%d digests", n)
	}
	bobs := 0
	for _, m := range e.app.TestMailer.Messages() {
		if m.To[0].Address != Email(Bob) {
			continue
		}
		bobs++
		if !strings.Contains(m.HTML, "from carol") || strings.Contains(m.HTML, "blocked") || strings.Contains(m.Subject, "Alice") {
			t.Fatalf("bob's digest: %+v", m)
		}
	}
	if bobs != 1 {
		t.Fatalf("%d digests for bob", bobs)
	}
}

// addBob has Carol add Bob to her conversation with Dave.
func (e *env) addBob(t *testing.T) {
	t.Helper()
	if st, b := e.Do(t, Carol, "POST", "/api/collections/members/records", map[string]any{"conversation": ConvCD, "user": Bob}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
}
