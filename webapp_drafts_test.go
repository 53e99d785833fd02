package main

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	. "github.com/pbchat/pbchat/internal/chattest"
)

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
		alice.press("button", "New")
		alice.typeInto("textbox", "Add people by name", "Carol")
		alice.clickOn(roleIn("list", "People found", "button", "~Carol"), "Carol")
		alice.press("button", "Start conversation")
		alice.shows("textbox", "Message")
	}
	composer := `__screen.find("textbox", "Message")?.value`
	startWithCarol()
	alice.waitFor("the conversation with Carol open", openTitle+`.includes("Carol")`, appear)
	rows := `__screen.findAll("button", undefined, __screen.find("navigation", "Conversations")).length`
	before := alice.eval(`String(` + rows + `)`)

	alice.typeInto("textbox", "Message", "for carol only")
	alice.open("Alice & Bob")
	alice.waitFor("an empty composer", composer+` === ""`, appear)
	alice.send("") // Enter on nothing sends nothing
	alice.send("hi bob")
	alice.sees("hi bob")
	if got := alice.eval(`JSON.stringify(` + texts + `)`); strings.Contains(got, "for carol only") {
		t.Fatalf("Carol's draft reached Bob's conversation: %s", got)
	}

	alice.open("Carol")
	alice.waitFor("her draft back", composer+` === "for carol only"`, appear)

	// a conversation with Carol again: the one they have
	startWithCarol()
	alice.waitFor("the same conversation", composer+` === "for carol only"`, appear)
	if after := alice.eval(`String(` + rows + `)`); after != before {
		t.Fatalf("a second conversation with Carol: %s rows, then %s", before, after)
	}

	// the draft, and the conversation open, survive a reload
	alice.do(chromedp.Reload())
	alice.waitFor("Carol's conversation open again after a reload", openTitle+`.includes("Carol")`, appear)
	alice.waitFor("her draft after a reload", composer+` === "for carol only"`, appear)

	// Bob mentions Alice in their conversation while she is in Carol's
	if st, b := srv.Do(t, Bob, "POST", "/api/collections/messages/records", map[string]any{
		"conversation": ConvAB, "text": "@Alice Archer look", "mentions": []string{Alice}}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	alice.waitFor("the @ on Bob's row", `!!__screen.find("button", "~mentions you")?.innerText.includes("Alice & Bob")`, appear)

	// the message menu and the people dialog
	alice.open("Alice & Bob")
	alice.sees("@Alice Archer look")

	// an edit half typed survives a message arriving meanwhile
	alice.clickOn(chromedp.JSPath(msgWith("hi bob")+`?.querySelector(".more")`), "the actions of hi bob")
	alice.press("menuitem", "Edit")
	alice.setValue("textbox", "Edit message", "hi bob, ")
	if st, b := srv.Do(t, Bob, "POST", "/api/collections/messages/records", map[string]any{"conversation": ConvAB, "text": "meanwhile"}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	alice.sees("meanwhile")
	alice.typeInto("textbox", "Edit message", "and welcome\n")
	alice.sees("hi bob, and welcome")
	alice.waitFor("an empty composer after sending", composer+` === ""`, appear)

	// ArrowUp in the empty composer edits her last message; Escape leaves it as it was
	alice.typeInto("textbox", "Message", kb.ArrowUp)
	alice.shows("textbox", "Edit message")
	alice.typeInto("textbox", "Edit message", kb.Escape)
	alice.waitFor("the edit closed", `!__screen.find("textbox", "Edit message")`, appear)

	alice.clickOn(chromedp.JSPath(msgWith("meanwhile")+`?.querySelector(".more")`), "the actions of meanwhile")
	alice.shows("menu", "Message actions")
	if got := alice.eval(`__screen.textOf("menu", "Message actions")`); strings.Contains(got, "null") {
		t.Fatalf("the message menu: %q", got)
	}
	alice.typeInto("menuitem", "Reply", kb.Escape)
	alice.waitFor("the menu closed", `!__screen.find("menu", "Message actions")`, appear)
	alice.press("button", "People & settings")
	alice.shows("list", "Members")
	if got := alice.eval(`__screen.textOf("dialog", "People & settings")`); strings.Contains(got, "null") || !strings.Contains(got, "Bob Baker") {
		t.Fatalf("the people dialog: %q", got)
	}
}
