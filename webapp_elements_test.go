package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/pocketbase/dbx"

	. "github.com/pbchat/pbchat/internal/chattest"
)

// hostPage is a page of another app, on another origin, that signs in with
// the official PocketBase SDK and drops the chat's inbox element in.
const hostPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Host app</title></head>
<body><main><h1>My app</h1><p id="badge">0</p></main>
<script type="module">
import PocketBase from "/pocketbase.es.mjs";
import "%[1]s/pbchat-elements.js";
const pb = new PocketBase("%[1]s");
window.pb = pb;
await pb.collection("users").authWithPassword("%[2]s", "%[3]s");
const inbox = document.createElement("pbchat-inbox");
const conversation = document.createElement("pbchat-conversation");
inbox.addEventListener("pbchat-open", (e) => {
  window.opened = e.detail.conversation;
  conversation.conversation = e.detail.conversation;
});
inbox.addEventListener("pbchat-unread", (e) => { document.getElementById("badge").textContent = e.detail.total; });
inbox.pb = conversation.pb = pb;
document.querySelector("main").append(inbox, conversation);
</script></body></html>`

// A host app on its own origin, signed in with the PocketBase SDK, embeds
// <pbchat-inbox> and <pbchat-conversation>, and Bob there chats with Alice
// in pbchat's own app: the inbox shows the person's
// conversations with their unread count, follows new messages live, tells
// the host the unread total and which conversation was picked; the
// conversation shows it, sends, receives live, reads (the count clears
// everywhere) and keeps a draft across a reload; both empty when the host
// signs out.
func TestChatElementsInAHostPage(t *testing.T) {
	root := browser(t)
	var chatURL string
	sdk, err := os.ReadFile("node_modules/pocketbase/dist/pocketbase.es.mjs")
	if err != nil {
		t.Fatalf("the PocketBase SDK (npm ci): %v", err)
	}
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/pocketbase.es.mjs" {
			w.Header().Set("Content-Type", "text/javascript")
			w.Write(sdk)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, hostPage, chatURL, Email(Bob), Password)
	}))
	t.Cleanup(host.Close)
	srv, _ := serveWebAppFor(t, host.URL)
	chatURL = srv.URL

	bob := newPerson(t, root, "Bob")
	bob.do(chromedp.Navigate(host.URL))
	// what a person sees: the rows of the inbox, by their visible text
	rows := `__screen.findAll("button", undefined, __screen.find("navigation", "Conversations") ?? document.createElement("i")).map(b => __screen.nameOf(b))`
	bob.waitFor("his conversation with its unread count", rows+`.some(t => t.startsWith("Alice & Bob") && t.includes("1 unread"))`, appear)
	bob.waitFor("the host's badge", `document.getElementById("badge").textContent === "1"`, appear)

	if st, b := srv.Do(t, Alice, "POST", "/api/collections/messages/records", map[string]any{"conversation": ConvAB, "text": "fresh news"}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	bob.waitFor("the new message in the row", rows+`.some(t => t.includes("Alice Archer: fresh news") && t.includes("2 unread"))`, appear)
	bob.waitFor("the host's badge counting it", `document.getElementById("badge").textContent === "2"`, appear)

	bob.clickOn(row("Alice & Bob"), "Alice & Bob")
	bob.waitFor("the host told which", fmt.Sprintf(`window.opened === %q`, ConvAB), appear)
	if got := bob.eval(`document.querySelector("pbchat-inbox").shadowRoot.querySelector("button[aria-current=true]")?.innerText ?? ""`); !strings.Contains(got, "Alice & Bob") {
		t.Fatalf("the picked row isn't marked: %q", got)
	}

	// the conversation, opened by the pick
	// the messages shown as sent (a send on its way shows "Sending…" apart)
	messages := texts
	bob.waitFor("the conversation's messages", messages+`.includes("fresh news")`, appear)
	bob.waitFor("reading it clears the count", rows+`.some(t => t.startsWith("Alice & Bob") && !t.includes("unread"))`, appear)
	bob.waitFor("… and the host's badge", `document.getElementById("badge").textContent === "0"`, appear)
	bob.typeInto("textbox", "Message", "hello from the host\n")
	bob.waitFor("his message", messages+`.includes("hello from the host")`, appear)
	if n, _ := srv.App.CountRecords("messages", dbx.HashExp{"conversation": ConvAB, "author": Bob, "text": "hello from the host"}); n != 1 {
		t.Fatalf("stored %d times", n)
	}
	// Alice, in pbchat's own app, sees it and answers; Bob's host page shows it live
	alice := newPerson(t, root, "Alice")
	alice.signIn(srv.URL, Email(Alice))
	alice.open("Alice & Bob")
	alice.sees("hello from the host")
	alice.send("a reply")
	bob.waitFor("Alice's reply, live", messages+`.at(-1) === "a reply"`, appear)

	// a draft survives a reload
	bob.typeInto("textbox", "Message", "half a thought")
	draft := bob.eval(`__screen.find("textbox", "Message").value`)
	if !strings.HasSuffix(draft, "half a thought") {
		t.Fatalf("the draft typed: %q", draft)
	}
	bob.do(chromedp.Reload())
	bob.waitFor("the inbox again", rows+`.length > 0`, appear)
	bob.clickOn(row("Alice & Bob"), "Alice & Bob")
	bob.waitFor("the draft back", fmt.Sprintf(`__screen.find("textbox", "Message")?.value === %q`, draft), appear)

	bob.eval(`window.pb.authStore.clear(), "signed out"`)
	bob.waitFor("an empty inbox once signed out", rows+`.length === 0`, appear)
	bob.waitFor("an empty conversation once signed out", `!__screen.find("textbox", "Message")`, appear)
}
