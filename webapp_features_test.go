package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// msgWith is a JS expression for the message item whose text is text.
func msgWith(text string) string {
	return fmt.Sprintf(`__screen.all().find((li) => li.classList.contains("msg") && li.querySelector(".msg-text")?.textContent === %q)`, text)
}

// Two people use what a chat is expected to have: who is online, replies,
// reactions and who reacted, mentions, search.
func TestChatFeatures(t *testing.T) {
	_, alice, bob := aliceAndBob(t)

	// Presence: each sees the other online.
	alice.waitFor("Bob online", openPeople+`.includes("online")`, appear)

	// Reply: Bob answers Alice's message; Alice sees the quote, and it leads back.
	bob.press("button", "Actions for the message by Alice Archer")
	bob.press("menuitem", "Reply")
	bob.shows("button", "Cancel the reply")
	bob.send("replying to you")
	alice.waitFor("the quote", msgWith("replying to you")+`?.querySelector(".quote")?.textContent.includes("hello bob")`, appear)

	// React: Alice reacts to Bob's reply; both see the chip, hers pressed.
	alice.clickOn(chromedp.JSPath(`[...`+msgWith("replying to you")+`.querySelectorAll("button")].find((b) => b.classList.contains("more"))`), "the reply's actions")
	alice.press("menuitem", "React with 👍")
	chip := msgWith("replying to you") + `?.querySelector(".chip")`
	alice.waitFor("her reaction", chip+`?.getAttribute("aria-pressed") === "true" && `+chip+`.textContent.trim() === "👍 1"`, appear)
	bob.waitFor("Alice's reaction", chip+`?.textContent.trim() === "👍 1" && `+chip+`.getAttribute("aria-pressed") === "false"`, appear)
	// who reacted, on pointing at the chip
	bob.eval(`(` + chip + `.dispatchEvent(new MouseEvent("mouseenter")), "")`)
	bob.waitFor("who reacted", chip+`.title === "Alice Archer"`, appear)

	// Any emoji, from the picker, searched by name.
	alice.clickOn(chromedp.JSPath(msgWith("replying to you")+`?.querySelector(".more")`), "the reply's actions")
	alice.press("menuitem", "More reactions…")
	alice.typeInto("combobox", "Search", "rocket")
	alice.clickOn(role("option", "~rocket"), "the rocket")
	bob.waitFor("the rocket", msgWith("replying to you")+`?.querySelector(".reactions")?.textContent.includes("🚀 1")`, appear)

	// Mention: Alice completes @Bo to Bob's name; Bob's copy is marked.
	alice.typeInto("textbox", "Message", "@Bo")
	alice.shows("option", "Bob Baker")
	alice.press("option", "Bob Baker")
	alice.typeInto("textbox", "Message", "look at this\n")
	bob.waitFor("the mention", msgWith("@Bob Baker look at this")+`?.classList.contains("mentions-me")`, appear)

	bob.screenshot("features")

	// Search: Bob finds Alice's first message by a prefix and jumps to it.
	bob.press("button", "Search")
	bob.typeInto("textbox", "Messages, conversations and people", "hel")
	bob.waitFor("a result", `__screen.find("list", "Messages found")?.querySelector("mark")?.textContent.toLowerCase() === "hello"`, appear)
	bob.screenshot("search")
	bob.clickOn(roleIn("list", "Messages found", "button", "~hello bob"), "the result")
	bob.waitFor("the message marked", msgWith("hello bob")+`?.classList.contains("flash")`, appear)

	// Bob goes: Alice sees when he was last seen.
	bob.do(chromedp.Navigate("about:blank"))
	alice.waitFor("Bob offline", openPeople+`.includes("last seen")`, 5*time.Second)

	if got := alice.eval(`String(window.__xss)`); got != "undefined" || strings.Contains(got, "xss") {
		t.Fatal(got)
	}
}
