package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/pbchat/pbchat/hooks"
	"github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/push"
	"github.com/pbchat/pbchat/realtime"
)

// The browser tests' people: each in a Chromium context of their own.

// appear bounds how long something may take to show: a timeout for a
// hang, not a measure of speed (that is make bench's), long enough for a
// 2-core machine running the race detector beside Chromium.
const appear = 10 * time.Second

// browser starts Debian's Chromium, headless, with a fresh profile. Without
// Chromium the test is skipped on a developer's machine, and fails in CI.
func browser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is not installed; .ci/run installs it with apt-get")
		}
		t.Skip("SKIPPED: no chromium on this machine (apt-get install chromium); the browser tests did not run")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.WindowSize(1200, 800),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// person is one user in a browser context of their own: separate cookies
// and storage, as two people on two machines.
type person struct {
	t    *testing.T
	name string
	ctx  context.Context
}

func newPerson(t *testing.T, root context.Context, name string) *person {
	ctx, cancel := chromedp.NewContext(root, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	// The first action opens the tab and binds it to the context it gets:
	// give it one without a timeout, so the tab outlives each step's.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("%s: open a tab: %v", name, err)
	}
	p := &person{t: t, name: name, ctx: ctx}
	p.installScreen()
	return p
}

func (p *person) do(steps ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		p.t.Fatalf("%s: %v", p.name, err)
	}
}

// waitFor polls a JavaScript condition in p's page for up to d. It asks
// from Go, each time afresh, rather than through chromedp.Poll, whose
// execution context is gone once a page comes back from the back/forward
// cache.
func (p *person) waitFor(what, cond string, d time.Duration) {
	p.t.Helper()
	deadline := time.Now().Add(d)
	var err error
	for {
		ctx, cancel := context.WithTimeout(p.ctx, 5*time.Second)
		var ok bool
		ok, err = chromedp.Run(ctx, chromedp.Evaluate[bool](`Boolean(`+cond+`)`))
		cancel()
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			break
		}
		time.Sleep(25 * time.Millisecond)
	}
	if err == nil {
		err = errors.New("still false")
	}
	p.t.Fatalf("%s: %s did not happen within %s: %v", p.name, what, d, err)
}

func (p *person) eval(expr string) string {
	p.t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](expr))
	if err != nil {
		p.t.Fatalf("%s: %s: %v", p.name, expr, err)
	}
	return v
}

// screenshot saves the page as docs/<name>.png when PBCHAT_SCREENSHOTS is
// set (make screenshots), so that a test run leaves the tree alone.
func (p *person) screenshot(name string) {
	dir := os.Getenv("PBCHAT_SCREENSHOTS")
	if dir == "" {
		return
	}
	shot, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), shot, 0o644); err != nil {
		p.t.Fatal(err)
	}
}

func (p *person) signUp(base, name, email string) {
	p.do(chromedp.Navigate(base))
	p.press("tab", "Sign up")
	p.typeInto("textbox", "Name", name)
	p.typeInto("textbox", "Email", email)
	p.typeInto("textbox", "Password", chattest.Password)
	p.press("button", "Create account")
	p.goesLive()
}

func (p *person) signIn(base, email string) {
	p.do(chromedp.Navigate(base))
	p.typeInto("textbox", "Email", email)
	p.typeInto("textbox", "Password", chattest.Password)
	p.clickOn(roleIn("tabpanel", "Sign in", "button", "Sign in"), "Sign in")
	p.goesLive()
}

// goesLive waits for the connection's status to say Live.
func (p *person) goesLive() {
	p.t.Helper()
	p.waitFor("going live", `!!__screen.find("status", "Live")`, appear)
}

func (p *person) send(text string) {
	p.t.Helper()
	p.typeInto("textbox", "Message", text+"\n")
}

// texts is a JS expression for the texts of the open conversation's
// messages, as sent (not those on their way or failed).
const texts = `__screen.texts()`

func (p *person) sees(text string) {
	p.t.Helper()
	p.waitFor(fmt.Sprintf("%q showing", text), fmt.Sprintf(`%s.includes(%q)`, texts, text), appear)
}

func serveWebApp(t *testing.T) (*chattest.Server, *realtime.Hub) {
	t.Helper()
	return serveWebAppFor(t)
}

// serveWebAppFor is serveWebApp whose websocket also takes pages of the
// given origins (a host app embedding the chat's elements).
func serveWebAppFor(t *testing.T, origins ...string) (*chattest.Server, *realtime.Hub) {
	t.Helper()
	f := chattest.Load(t)
	app := f.NewApp(t)
	hub := realtime.MustRegister(app, realtime.Config{PresenceInterval: 200 * time.Millisecond, AllowedOrigins: origins})
	hooks.MustRegister(app, hooks.Config{Sender: hub})
	push.MustRegister(app, hub, push.Config{})
	public, err := fs.Sub(embedded, "pb_public")
	if err != nil {
		t.Fatal(err)
	}
	serveStatic(app, public, true)
	return f.Serve(t, app), hub
}

// tinyPNG is a small red PNG.
func tinyPNG(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 24, 16))
	for x := range 24 {
		for y := range 16 {
			img.Set(x, y, color.RGBA{200, 40, 40, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestMain(m *testing.M) { chattest.Main(m) }

// aliceAndBob signs the seeded Alice and Bob in, each in a browser of
// their own, with their conversation open.
func aliceAndBob(t *testing.T) (*chattest.Server, *person, *person) {
	t.Helper()
	root := browser(t)
	srv, _ := serveWebApp(t)
	alice := newPerson(t, root, "Alice")
	bob := newPerson(t, root, "Bob")
	alice.signIn(srv.URL, chattest.Email(chattest.Alice))
	bob.signIn(srv.URL, chattest.Email(chattest.Bob))
	for _, p := range []*person{alice, bob} {
		p.open("Alice & Bob")
		p.sees("hello bob")
	}
	return srv, alice, bob
}
