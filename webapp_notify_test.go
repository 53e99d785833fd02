package main

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/serviceworker"
	"github.com/chromedp/chromedp"

	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/push"
)

// spyNotifications records every desktop notification the page makes.
const spyNotifications = `(() => {
	window.__notes = [];
	window.Notification = new Proxy(window.Notification, {
		construct(target, args) { window.__notes.push({ title: args[0], ...args[1] }); return new target(...args); },
	});
	return "";
})()`

// setHidden makes the page look hidden (or shown) to the app, as a
// background tab is.
func setHidden(hidden bool) string {
	state := "visible"
	if hidden {
		state = "hidden"
	}
	return `(() => { Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "` + state + `" });
		document.dispatchEvent(new Event("visibilitychange")); return ""; })()`
}

// The title counts what is unread; with notifications allowed, a message
// arriving while the tab is hidden makes one per conversation, and a
// muted conversation makes none and leaves the count.
func TestTabNotifications(t *testing.T) {
	root := browser(t)
	srv, _ := serveWebApp(t)
	bob := newPerson(t, root, "Bob")
	bob.signIn(srv.URL, Email(Bob))
	bob.waitFor("the unread count in the title", `document.title === "(1) pbchat"`, appear)

	// The permission flow: asked from a visible control, granted by the browser.
	bob.press("button", "Settings")
	bob.shows("button", "Allow notifications")
	_, err := chromedp.CallBrowser(bob.ctx, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
		Permission:       &cdpbrowser.PermissionDescriptor{Name: "notifications"},
		Setting:          cdpbrowser.PermissionSettingGranted,
		Origin:           srv.URL,
		BrowserContextID: chromedp.FromContext(bob.ctx).BrowserContextID,
	})
	if err != nil {
		t.Fatal(err)
	}
	bob.press("button", "Allow notifications")
	bob.waitFor("notifications on", `__screen.find("checkbox", "Desktop notifications while pbchat is in the background")?.checked && Notification.permission === "granted"`, appear)
	bob.screenshot("settings")
	bob.press("button", "Close")

	bob.eval(spyNotifications)
	bob.eval(setHidden(true))
	if st, b := srv.Do(t, Alice, "POST", "/api/collections/messages/records", map[string]any{"conversation": ConvAB, "text": "are you there?"}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	bob.waitFor("a notification", `window.__notes.length === 1`, appear)
	got := bob.eval(`JSON.stringify(window.__notes[0])`)
	for _, want := range []string{`"title":"Alice Archer in Alice & Bob"`, `"body":"are you there?"`, `"tag":"` + ConvAB + `"`} {
		if !strings.Contains(got, want) {
			t.Fatalf("the notification %s lacks %s", got, want)
		}
	}
	bob.waitFor("two unread in the title", `document.title === "(2) pbchat"`, appear)

	// Muted: no notification, and the title leaves it out.
	bob.eval(setHidden(false))
	bob.open("Alice & Bob")
	bob.press("button", "People & settings")
	bob.do(chromedp.SetValue(role("combobox", "Notifications"), "forever"))
	bob.eval(`(__screen.find("combobox", "Notifications").dispatchEvent(new Event("change")), "")`)
	bob.waitFor("muted", `!!__screen.find("button", "~muted")`, appear)
	bob.press("button", "Close")
	bob.eval(setHidden(true))
	if st, b := srv.Do(t, Alice, "POST", "/api/collections/messages/records", map[string]any{"conversation": ConvAB, "text": "still there?"}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	bob.sees("still there?")
	if n := bob.eval(`String(window.__notes.length)`); n != "1" || bob.eval(`document.title`) != "pbchat" {
		t.Fatalf("muted: %s notifications, title %q", n, bob.eval(`document.title`))
	}

	// Blocked: nothing from Carol, in a conversation Bob hasn't muted
	if st, b := srv.Do(t, Carol, "POST", "/api/collections/members/records", map[string]any{"conversation": ConvCD, "user": Bob}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	if st, b := srv.Do(t, Bob, "POST", "/api/collections/blocks/records", map[string]any{"blocker": Bob, "blocked": Carol}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	bob.waitFor("Carol & Dave in the inbox", `__screen.textOf("navigation", "Conversations").includes("Carol & Dave")`, appear)
	if st, b := srv.Do(t, Carol, "POST", "/api/collections/messages/records", map[string]any{"conversation": ConvCD, "text": "from the blocked"}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	if st, b := srv.Do(t, Dave, "POST", "/api/collections/messages/records", map[string]any{"conversation": ConvCD, "text": "from dave"}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	bob.waitFor("dave's notification", `window.__notes.length === 2`, appear)
	if got := bob.eval(`JSON.stringify(window.__notes)`); strings.Contains(got, "blocked") || !strings.Contains(got, "from dave") {
		t.Fatalf("notifications with Carol blocked: %s", got)
	}
}

// The service worker registers, shows a push as a notification of its
// conversation, and a later push of the same conversation replaces it.
func TestServiceWorkerShowsPushes(t *testing.T) {
	root := browser(t)
	srv, _ := serveWebApp(t)
	bob := newPerson(t, root, "Bob")

	var mu sync.Mutex
	var registration serviceworker.RegistrationID
	chromedp.Listen(bob.ctx, func(ev any) {
		if e, ok := ev.(*serviceworker.EventWorkerRegistrationUpdated); ok {
			mu.Lock()
			defer mu.Unlock()
			for _, r := range e.Registrations {
				if !r.IsDeleted && strings.HasPrefix(r.ScopeURL, srv.URL) {
					registration = r.RegistrationID
				}
			}
		}
	})
	if _, err := chromedp.Call(bob.ctx, serviceworker.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.CallBrowser(bob.ctx, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
		Permission:       &cdpbrowser.PermissionDescriptor{Name: "notifications"},
		Setting:          cdpbrowser.PermissionSettingGranted,
		Origin:           srv.URL,
		BrowserContextID: chromedp.FromContext(bob.ctx).BrowserContextID,
	}); err != nil {
		t.Fatal(err)
	}
	bob.signIn(srv.URL, Email(Bob))
	bob.waitFor("the service worker", `(() => { navigator.serviceWorker.ready.then(() => window.__sw = true); return !!window.__sw; })()`, 5*time.Second)
	deadline := time.Now().Add(5 * time.Second)
	for {
		mu.Lock()
		id := registration
		mu.Unlock()
		if id != "" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no service worker registration reported")
		}
		time.Sleep(20 * time.Millisecond)
	}

	deliver := func(body string) {
		t.Helper()
		data, _ := json.Marshal(push.Payload{Type: "message", Conversation: ConvAB, Title: "Alice Archer in Alice & Bob", Body: body, URL: "/#conversation=" + ConvAB})
		mu.Lock()
		id := registration
		mu.Unlock()
		if _, err := chromedp.Call(bob.ctx, serviceworker.DeliverPushMessage, serviceworker.DeliverPushMessageParams{
			Origin: srv.URL, RegistrationID: id, Data: string(data),
		}); err != nil {
			t.Fatal(err)
		}
	}
	shown := `(() => { navigator.serviceWorker.ready.then(r => r.getNotifications()).then(ns => window.__shown = JSON.stringify(ns.map(n => [n.title, n.body, n.tag]))); return window.__shown || "[]"; })()`
	// A worker just activated may miss a push delivered while it starts:
	// deliver again, a few times, until the first shows.
	for try := 0; ; try++ {
		deliver("first")
		ok, _ := chromedp.Run(bob.ctx, chromedp.Poll[bool](shown+`.includes("first")`, chromedp.WithPollingTimeout(3*time.Second)))
		if ok {
			break
		}
		if try == 3 {
			t.Fatal("no notification for a push delivered four times")
		}
	}
	deliver("second")
	bob.waitFor("the one notification of the conversation, replaced", shown+` === JSON.stringify([["Alice Archer in Alice & Bob", "second", "`+ConvAB+`"]])`, 5*time.Second)
}
