package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	. "github.com/pbchat/pbchat/internal/chattest"
)

// msgWith is a JS expression for the message item whose text is text.
func msgWith(text string) string {
	return fmt.Sprintf(`__screen.all().find((li) => li.classList.contains("msg") && li.querySelector(".msg-text")?.textContent === %q)`, text)
}

// Two people use what a chat is expected to have: who is online, replies,
// reactions and who reacted, mentions, search.
func TestChatFeatures(t *testing.T) {
	srv, alice, bob := aliceAndBob(t)

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
	// from one person: Bob wrote nothing that starts so
	bob.do(chromedp.SetValue(role("combobox", "From"), Bob))
	bob.eval(`(__screen.find("combobox", "From").dispatchEvent(new Event("change")), "")`)
	bob.shows("status", "Nothing found.")
	bob.do(chromedp.SetValue(role("combobox", "From"), ""))
	bob.eval(`(__screen.find("combobox", "From").dispatchEvent(new Event("change")), "")`)
	bob.shows("status", "1 message found")
	bob.clickOn(roleIn("list", "Messages found", "button", "~hello bob"), "the result")
	bob.waitFor("the message marked", msgWith("hello bob")+`?.classList.contains("flash")`, appear)

	// Ctrl+K: the quick switcher finds a conversation by its title.
	bob.do(chromedp.KeyEvent("k", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
	bob.typeInto("textbox", "Messages, conversations and people", "alice")
	bob.clickOn(roleIn("list", "Conversations found", "button", "Alice & Bob"), "the conversation found")
	bob.waitFor("the switcher gone, the conversation open", `!__screen.find("dialog", "Search") && `+openTitle+` === "Alice & Bob"`, appear)

	// A pasted image shows in the composer, can be removed, and is sent
	// with the message; the other side opens it large and goes by keys.
	paste := `(() => {
		const c = document.createElement("canvas"); c.width = 30; c.height = 20;
		const g = c.getContext("2d"); g.fillStyle = "#3060c0"; g.fillRect(0, 0, 30, 20);
		return new Promise((ok) => c.toBlob((b) => {
			const dt = new DataTransfer(); dt.items.add(new File([b], "pasted.png", { type: "image/png" }));
			__screen.find("textbox", "Message").dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, composed: true, cancelable: true }));
			ok("");
		}));
	})()`
	for range 2 {
		if _, err := chromedp.Run(bob.ctx, chromedp.Evaluate[string](paste, chromedp.EvalAwaitPromise)); err != nil {
			t.Fatal(err)
		}
	}
	bob.waitFor("two pasted images, previewed", `__screen.find("list", "Files to send")?.querySelectorAll("img").length === 2`, appear)
	bob.clickOn(roleIn("list", "Files to send", "button", "Remove pasted.png"), "Remove")
	bob.waitFor("one left", `__screen.find("list", "Files to send")?.querySelectorAll("li").length === 1`, appear)
	// a file dropped on the composer joins them, and goes again
	bob.eval(`(() => {
		const dt = new DataTransfer(); dt.items.add(new File(["notes"], "dropped.txt", { type: "text/plain" }));
		const area = __screen.find("textbox", "Message");
		for (const type of ["dragover", "drop"]) area.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, composed: true, cancelable: true }));
		return "";
	})()`)
	bob.waitFor("the dropped file", `__screen.textOf("list", "Files to send").includes("dropped.txt")`, appear)
	bob.clickOn(roleIn("list", "Files to send", "button", "Remove dropped.txt"), "Remove")
	bob.waitFor("one left again", `__screen.find("list", "Files to send")?.querySelectorAll("li").length === 1`, appear)
	bob.send("pasted")
	alice.sees("pasted")
	// told to a screen reader, politely
	alice.shows("status", "Bob Baker: pasted")
	alice.waitFor("the picture shown", msgWith("pasted")+`?.querySelector(".msg-files img")?.naturalWidth > 0`, appear)
	alice.clickOn(chromedp.JSPath(msgWith("pasted")+`?.querySelector(".msg-files a")`), "the picture")
	alice.shows("dialog", "pasted.png")
	alice.waitFor("the picture, large", `__screen.find("dialog", "pasted.png").querySelector("img").naturalWidth === 30`, appear)
	alice.typeInto("button", "Close", kb.Escape)
	alice.waitFor("the lightbox closed", `!__screen.find("dialog", "pasted.png")`, appear)

	// Muted for an hour reads back as until when.
	alice.press("button", "People & settings")
	alice.do(chromedp.SetValue(role("combobox", "Notifications"), "1"))
	alice.eval(`(__screen.find("combobox", "Notifications").dispatchEvent(new Event("change")), "")`)
	alice.waitFor("muted for an hour, read back", `__screen.find("combobox", "Notifications").selectedOptions[0].textContent.startsWith("Muted until ")`, appear)
	alice.press("button", "Close")

	// A message the server refuses says why in words, offers no Retry that
	// can only fail, and Edit gives the text back to change.
	srv.App.OnRecordCreateRequest("messages").BindFunc(func(e *core.RecordRequestEvent) error {
		if strings.Contains(e.Record.GetString("text"), "forbidden") {
			return apis.NewBadRequestError("Failed to create record.", validation.Errors{"text": validation.NewError("validation_blocked_words", "Your message has words that aren't allowed here: forbidden.")})
		}
		return e.Next()
	})
	alice.send("a forbidden word")
	alice.shows("alert", "~doesn't allow")
	if alice.eval(`String(!!__screen.find("button", "Retry"))`) != "false" {
		t.Fatal("a Retry that can only fail")
	}
	alice.press("button", "Edit")
	alice.waitFor("the text back to change", `__screen.find("textbox", "Message").value === "a forbidden word"`, appear)

	// Bob goes: Alice sees when he was last seen.
	bob.do(chromedp.Navigate("about:blank"))
	alice.waitFor("Bob offline", openPeople+`.includes("last seen")`, 5*time.Second)

	if got := alice.eval(`String(window.__xss)`); got != "undefined" || strings.Contains(got, "xss") {
		t.Fatal(got)
	}
}
