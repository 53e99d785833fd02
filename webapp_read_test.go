package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	. "github.com/pbchat/pbchat/internal/chattest"
)

// unreadOf is a JS expression for the unread badge of the conversation
// titled "Alice & Bob" ("" when there is none).
const unreadOf = `(__screen.find("button", "~Alice & Bob")?.querySelector(".unread")?.textContent ?? "")`

// The web app opens with one request for the inbox (and one for the
// invitations waiting); unread counts come
// from the server and agree across two browsers of one person; a read in
// one clears the other's badge, and shows as "Seen" to the author.
func TestReadStateAcrossDevices(t *testing.T) {
	root := browser(t)
	srv, _ := serveWebApp(t)
	laptop := newPerson(t, root, "Bob's laptop")
	phone := newPerson(t, root, "Bob's phone")
	alice := newPerson(t, root, "Alice")
	for _, p := range []*person{laptop, phone} {
		p.signIn(srv.URL, Email(Bob))
	}
	alice.signIn(srv.URL, Email(Alice))

	for _, p := range []*person{laptop, phone} {
		p.waitFor("Alice's seeded message unread", unreadOf+` === "1"`, appear)
	}
	// One request made the list: the inbox, with each conversation's last
	// message and unread count (signing in and the session aside); one
	// more brought the invitations waiting above it.
	calls := laptop.eval(`JSON.stringify(performance.getEntriesByType("resource").map(e => e.name)
		.filter(u => u.includes("/api/collections/") && !u.includes("/auth-")))`)
	if strings.Count(calls, "/api/") != 2 || !strings.Contains(calls, "/api/collections/conversations/records") ||
		!strings.Contains(calls, "/api/collections/invitations/records") {
		t.Fatalf("opening the app made these requests: %s", calls)
	}
	if got := laptop.eval(`__screen.find("button", "~Alice & Bob")?.querySelector(".preview")?.textContent ?? ""`); !strings.Contains(got, "hi alice") {
		t.Fatalf("the preview reads %q", got)
	}

	// Alice writes; both of Bob's browsers count it.
	alice.open("Alice & Bob")
	alice.send("are you there?")
	for _, p := range []*person{laptop, phone} {
		p.waitFor("two unread", unreadOf+` === "2"`, appear)
	}

	// Bob reads on his laptop: the phone's badge clears too, and Alice
	// sees that he has.
	laptop.open("Alice & Bob")
	laptop.sees("are you there?")
	laptop.waitFor("the badge gone", unreadOf+` === ""`, appear)
	phone.waitFor("the badge gone on the other device", unreadOf+` === ""`, appear)
	alice.waitFor(`"Seen" under her message`, msgWith("are you there?")+`?.querySelector(".receipt")?.textContent === "Seen"`, appear)

	// A reload counts from the server: nothing unread.
	phone.do(chromedp.Reload())
	phone.waitFor("the list after a reload", `!!__screen.find("button", "~Alice & Bob")`, appear)
	if got := phone.eval(unreadOf); got != "" {
		t.Fatalf("after a reload the phone shows %q unread (from what it kept, or the server)", got)
	}
	phone.goesLive()
	if got := phone.eval(unreadOf); got != "" {
		t.Fatalf("after a reload, live, the phone shows %q unread", got)
	}

	// Her next message is not seen until Bob's open conversation shows it.
	alice.send("lunch?")
	laptop.sees("lunch?")
	alice.waitFor(`"Seen" under the new message`, msgWith("lunch?")+`?.querySelector(".receipt")?.textContent === "Seen"`, appear)
	if got := alice.eval(msgWith("are you there?") + `?.querySelector(".receipt") ? "still" : "moved"`); got != "moved" {
		t.Fatal(`"Seen" stayed under the older message too`)
	}
}
