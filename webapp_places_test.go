package main

import (
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	. "github.com/pbchat/pbchat/internal/chattest"
)

// offline cuts p's network (and tells the page, as the browser does), or
// gives it back.
func (p *person) offline(off bool) {
	p.t.Helper()
	if _, err := chromedp.Call(p.ctx, network.Enable, network.EnableParams{}); err != nil {
		p.t.Fatal(err)
	}
	rule := network.EmulateNetworkConditionsByRuleParams{EmulateOfflineServiceWorker: &off, MatchedNetworkConditions: []*network.Conditions{{Offline: off, DownloadThroughput: -1, UploadThroughput: -1}}}
	if _, err := chromedp.Call(p.ctx, network.EmulateNetworkConditionsByRule, rule); err != nil {
		p.t.Fatal(err)
	}
	if _, err := chromedp.Call(p.ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: off, DownloadThroughput: -1, UploadThroughput: -1}); err != nil {
		p.t.Fatal(err)
	}
}

// Alice comes back to 61 unread messages: the conversation opens at the
// first of them, under a divider. Each conversation has an address: Back
// and Forward move between them, a reload keeps the one open, a link
// opens it, and a link to one that isn't hers says so. Offline, what she
// sends waits, and goes by itself, once, when the network is back.
func TestPlacesInTheApp(t *testing.T) {
	root := browser(t)
	srv, _ := serveWebApp(t)
	if st, b := srv.Do(t, Alice, "POST", "/api/collections/conversations/records", map[string]any{"title": "Plans", "members": []string{Carol}}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	msgs, err := srv.App.FindCollectionByNameOrId("messages")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 60 {
		m := core.NewRecord(msgs)
		m.Set("conversation", ConvAB)
		m.Set("author", Bob)
		m.Set("text", fmt.Sprintf("unread %02d", i))
		if err := srv.App.Save(m); err != nil {
			t.Fatal(err)
		}
	}

	alice := newPerson(t, root, "Alice")
	alice.signIn(srv.URL, Email(Alice))
	alice.waitFor("61 unread on the row", `__screen.find("button", "~Alice & Bob")?.innerText.includes("61")`, appear)
	alice.open("Alice & Bob")
	// the divider on screen, and after it the first message she hasn't read
	alice.waitFor("the unread divider on screen", `(() => {
		const d = __screen.all().find((e) => e.classList.contains("divider"));
		const box = __screen.find("region", "Messages")?.getBoundingClientRect();
		if (!d || !box) return false;
		const r = d.getBoundingClientRect();
		return d.textContent === "New messages" && r.top >= box.top - 1 && r.bottom <= box.bottom + 1 &&
			d.nextElementSibling?.querySelector(".msg-text")?.textContent === "hi alice";
	})()`, appear)
	alice.screenshot("unread")
	if got := alice.eval(`location.hash`); got != "#conversation="+ConvAB {
		t.Fatalf("the address of the open conversation: %q", got)
	}
	// read to the end: the count goes
	alice.eval(`(() => { const s = __screen.find("region", "Messages"); s.scrollTop = s.scrollHeight; return ""; })()`)
	alice.waitFor("nothing unread once read to the end", `!/\d+ unread/.test(__screen.nameOf(__screen.find("button", "~Alice & Bob")))`, appear)

	// the place read to stays with its conversation
	alice.eval(`(() => { const s = __screen.find("region", "Messages"); s.scrollTop = 300; return ""; })()`)
	alice.open("Plans")
	alice.open("Alice & Bob")
	alice.waitFor("the place she had read to", `Math.abs(__screen.find("region", "Messages").scrollTop - 300) < 30`, appear)

	// Back and Forward, a reload, a link
	alice.open("Plans")
	alice.eval(`history.back(), ""`)
	alice.waitFor("Back: Alice & Bob again", openTitle+` === "Alice & Bob"`, appear)
	alice.eval(`history.forward(), ""`)
	alice.waitFor("Forward: Plans again", openTitle+` === "Plans"`, appear)
	alice.do(chromedp.Reload())
	alice.waitFor("Plans after a reload", openTitle+` === "Plans"`, appear)
	alice.do(chromedp.Navigate(srv.URL + "/#conversation=" + ConvAB))
	alice.waitFor("a link opens its conversation", openTitle+` === "Alice & Bob"`, appear)
	alice.do(chromedp.Navigate(srv.URL + "/#conversation=" + ConvCD))
	alice.waitFor("a link to someone else's conversation says so", `__screen.all().some((e) => e.textContent.startsWith("That conversation isn’t here"))`, appear)
	if got := alice.eval(`String(__screen.all().some((e) => e.textContent.includes("secret of carol")))`); got != "false" {
		t.Fatal("Carol's conversation showed")
	}

	// offline: a send waits; back online, it goes once
	alice.open("Alice & Bob")
	alice.offline(true)
	alice.waitFor("offline", `!!__screen.find("status", "Offline")`, appear)
	alice.send("sent while offline")
	alice.waitFor("the send waiting", `__screen.all().some((e) => e.classList.contains("failed") && e.textContent.includes("Waiting for the connection"))`, appear)
	alice.offline(false)
	alice.goesLive()
	alice.sees("sent while offline")
	alice.waitFor("nothing waiting", `!__screen.all().some((e) => e.matches(".msg.failed, .msg.pending"))`, appear)
	if n, _ := srv.App.CountRecords("messages", dbx.HashExp{"text": "sent while offline"}); n != 1 {
		t.Fatalf("stored %d times", n)
	}
}

// keptKeys is a JS promise of what the device keeps (IndexedDB), as JSON keys.
const keptKeys = `new Promise((ok) => { const r = indexedDB.open("pbchat-cache"); r.onsuccess = () => { const q = r.result.transaction("entries").objectStore("entries").getAllKeys(); q.onsuccess = () => ok(JSON.stringify(q.result)); }; r.onerror = () => ok("[]"); })`

// Bob has used the app: offline, a reload still opens it (the service
// worker keeps the app shell), with his inbox and the conversation he had
// open as this device kept them, saying it is offline; back online, it
// goes live. Signing out forgets what the device kept.
func TestTheAppOffline(t *testing.T) {
	root := browser(t)
	srv, _ := serveWebApp(t)
	bob := newPerson(t, root, "Bob")
	bob.signIn(srv.URL, Email(Bob))
	bob.open("Alice & Bob")
	bob.sees("hello bob")
	bob.waitFor("the page in the worker's hands", `!!navigator.serviceWorker.controller`, appear)
	kept := keptKeys
	bob.waitFor("the inbox and the conversation kept", `(async () => { const k = await `+kept+`; window.__kept = k; return k; })() && (window.__kept || "").includes("inbox") && window.__kept.includes("conversation:`+ConvAB+`")`, appear)

	bob.offline(true)
	bob.do(chromedp.Reload())
	bob.shows("button", "~Alice & Bob")
	bob.sees("hello bob")
	bob.waitFor("saying so", `!!__screen.find("status", "Offline") || !!__screen.find("status", "Reconnecting…")`, appear)
	bob.screenshot("offline")
	bob.offline(false)
	bob.goesLive()
	if st, b := srv.Do(t, Alice, "POST", "/api/collections/messages/records", map[string]any{"conversation": ConvAB, "text": "back again"}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	bob.sees("back again")

	bob.press("button", "Sign out")
	bob.shows("textbox", "Email")
	bob.waitFor("nothing kept once signed out", `(async () => { window.__kept = await `+kept+`; })() && window.__kept === "[]"`, appear)
}
