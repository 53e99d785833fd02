package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	. "github.com/pbchat/pbchat/internal/chattest"
)

// byText is an XPath to the elements of tag whose visible text is text,
// as a person finds a button: by what it says.
func byText(tag, text string) string {
	return `//` + tag + `[normalize-space(.)="` + text + `"]`
}

// row is an XPath to the conversation list's row that names title.
func row(title string) string {
	return `//ul[@id="conversations"]//button[contains(., "` + title + `")]`
}

// open opens the conversation whose row names title, as a person does:
// clicks it, and clicks again if the list was drawn anew under the pointer
// (a press and a release on two different nodes make no click).
func (p *person) open(title string) {
	p.t.Helper()
	shown := fmt.Sprintf(`document.getElementById("conv-title").textContent.includes(%q)`, title)
	for try := 0; ; try++ {
		p.click(row(title))
		ok, _ := chromedp.Run(p.ctx, chromedp.Poll[bool](shown, chromedp.WithPollingTimeout(3*time.Second)))
		if ok {
			return
		}
		if try == 2 {
			p.waitFor(title+" open", shown, appear)
			return
		}
	}
}

// Alice writes to Carol, looks at another conversation and comes back:
// what she wrote stays in Carol's conversation and is never sent to the
// other. Asking again for a conversation with Carol opens the one they
// have. A mention that arrives while she reads elsewhere marks its row at
// once, and nothing on her page reads "null".
func TestDraftsStayInTheirConversation(t *testing.T) {
	root := browser(t)
	srv, _ := serveWebApp(t)
	alice := newPerson(t, root, "Alice")
	alice.signIn(srv.URL, Email(Alice))

	startWithCarol := func() {
		alice.do(
			chromedp.Click(byText("button", "New")),
			chromedp.SendKeys(`//input[@id="user-search"]`, "Carol"),
			chromedp.Click(`//ul[@aria-label="People found"]//button[contains(., "Carol")]`),
			chromedp.Click(byText("button", "Start conversation")),
			chromedp.WaitVisible(`//textarea[@id="composer-text"]`),
		)
	}
	startWithCarol()
	alice.waitFor("the conversation with Carol open", `document.getElementById("conv-title").textContent.includes("Carol")`, appear)
	rows := `document.querySelectorAll("#conversations button").length`
	before := alice.eval(`String(` + rows + `)`)

	alice.do(chromedp.SendKeys(`//textarea[@id="composer-text"]`, "for carol only"))
	alice.open("Alice & Bob")
	alice.waitFor("an empty composer", `document.getElementById("composer-text").value === ""`, appear)
	alice.send("") // Enter on nothing sends nothing
	alice.send("hi bob")
	alice.sees("hi bob")
	if got := alice.eval(`JSON.stringify(` + texts + `)`); strings.Contains(got, "for carol only") {
		t.Fatalf("Carol's draft reached Bob's conversation: %s", got)
	}

	alice.open("Carol")
	alice.waitFor("her draft back", `document.getElementById("composer-text").value === "for carol only"`, appear)

	// a conversation with Carol again: the one they have
	startWithCarol()
	alice.waitFor("the same conversation", `document.getElementById("composer-text").value === "for carol only"`, appear)
	if after := alice.eval(`String(` + rows + `)`); after != before {
		t.Fatalf("a second conversation with Carol: %s rows, then %s", before, after)
	}

	// Bob mentions Alice in their conversation while she is in Carol's
	if st, b := srv.Do(t, Bob, "POST", "/api/collections/messages/records", map[string]any{
		"conversation": ConvAB, "text": "@Alice Archer look", "mentions": []string{Alice}}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	alice.waitFor("the @ on Bob's row", `[...document.querySelectorAll("#conversations button")].some(b =>
		b.textContent.includes("Alice & Bob") && b.querySelector(".mention-badge"))`, appear)

	// the message menu and the people dialog
	alice.open("Alice & Bob")
	alice.sees("@Alice Archer look")

	// an edit half typed survives a message arriving meanwhile
	alice.do(
		chromedp.Click(`//li[contains(@class, "mine")][.//p[.="hi bob"]]//button[contains(@class, "more")]`),
		chromedp.Click(byText("button", "Edit")),
		chromedp.WaitVisible(`//textarea[@aria-label="Edit message"]`),
	)
	alice.eval(`document.querySelector("textarea[aria-label='Edit message']").value = "", "cleared"`)
	alice.do(chromedp.SendKeys(`//textarea[@aria-label="Edit message"]`, "hi bob, "))
	if st, b := srv.Do(t, Bob, "POST", "/api/collections/messages/records", map[string]any{"conversation": ConvAB, "text": "meanwhile"}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	alice.sees("meanwhile")
	alice.do(chromedp.SendKeys(`//textarea[@aria-label="Edit message"]`, "and welcome\n"))
	alice.sees("hi bob, and welcome")

	alice.do(chromedp.Click(chromedp.CSS(`#messages li.msg .more`)))
	alice.waitFor("the menu", `!document.getElementById("msg-menu").hidden`, appear)
	if got := alice.eval(`document.getElementById("msg-menu").innerText`); strings.Contains(got, "null") {
		t.Fatalf("the message menu: %q", got)
	}
	alice.do(chromedp.KeyEvent("\x1b"), chromedp.Click(byText("button", "People & settings")))
	alice.waitFor("the people", `document.getElementById("members-list").children.length > 0`, appear)
	if got := alice.eval(`document.getElementById("people-dialog").innerText`); strings.Contains(got, "null") {
		t.Fatalf("the people dialog: %q", got)
	}
}
