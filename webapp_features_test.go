package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Two people use what a chat is expected to have: who is online, replies,
// reactions, mentions, search.
func TestChatFeatures(t *testing.T) {
	_, alice, bob := aliceAndBob(t)

	// Presence: each sees the other online.
	alice.waitFor("Bob online", `document.getElementById("conv-people").textContent.includes("online")`, appear)

	// Reply: Bob answers Alice's message; Alice sees the quote, and it leads back.
	bob.do(
		chromedp.Click(chromedp.CSS(`#messages li.msg:not(.mine) .more`)),
		chromedp.Click(chromedp.CSS(`#msg-menu .reply`)),
		chromedp.WaitVisible(chromedp.ID("reply-bar")),
	)
	bob.send("replying to you")
	alice.waitFor("the quote", `[...document.querySelectorAll("#messages li")].some(li =>
		li.querySelector(".msg-text")?.textContent === "replying to you" && li.querySelector(".quote")?.textContent.includes("hello bob"))`, appear)

	// React: Alice reacts to Bob's reply; both see the chip, hers pressed.
	alice.do(
		chromedp.Click(chromedp.CSS(`#messages li.msg:not(.mine):last-of-type .more`)),
		chromedp.Click(chromedp.CSS(`#msg-menu .menu-reactions button`)),
	)
	chip := `document.querySelector("#messages li.msg:last-of-type .chip")`
	alice.waitFor("her reaction", chip+`?.getAttribute("aria-pressed") === "true" && `+chip+`.textContent === "👍 1"`, appear)
	bob.waitFor("Alice's reaction", chip+`?.textContent === "👍 1" && `+chip+`.getAttribute("aria-pressed") === "false"`, appear)

	// Mention: Alice completes @Bo to Bob's name; Bob's copy is marked.
	alice.do(chromedp.SendKeys(chromedp.ID("composer-text"), "@Bo"))
	alice.waitFor("the suggestion", `document.querySelector("#mention-list button")?.textContent === "Bob Baker"`, appear)
	alice.do(chromedp.Click(chromedp.CSS(`#mention-list button`)), chromedp.SendKeys(chromedp.ID("composer-text"), "look at this\n"))
	bob.waitFor("the mention", `document.querySelector("#messages li.mentions-me .msg-text")?.textContent === "@Bob Baker look at this"`, appear)

	bob.screenshot("features")

	// Search: Bob finds Alice's first message and jumps to it.
	bob.do(
		chromedp.Click(chromedp.ID("open-search")),
		chromedp.SendKeys(chromedp.ID("search-input"), "hello"),
	)
	bob.waitFor("a result", `document.querySelector("#search-results mark")?.textContent.toLowerCase() === "hello"`, appear)
	bob.screenshot("search")
	bob.do(chromedp.Click(chromedp.CSS(`#search-results button`)))
	bob.waitFor("the message marked", `!!document.querySelector("#messages li.flash")`, appear)

	// Bob goes: Alice sees when he was last seen.
	bob.do(chromedp.Navigate("about:blank"))
	alice.waitFor("Bob offline", `document.getElementById("conv-people").textContent.includes("last seen")`, 5*time.Second)

	if got := alice.eval(`String(window.__xss)`); got != "undefined" || strings.Contains(got, "xss") {
		t.Fatal(got)
	}
}
