package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/pbchat/pbchat/internal/chattest"
)

func TestWebApp(t *testing.T) {
	root := browser(t)
	srv, hub := serveWebApp(t)
	ann := newPerson(t, root, "Ann")
	ben := newPerson(t, root, "Ben")
	carol := newPerson(t, root, "Carol")

	ann.do(chromedp.Navigate(srv.URL))
	ann.shows("textbox", "Email")
	ann.screenshot("signin")
	ann.signUp(srv.URL, "Ann Avery", "ann@example.com")
	ben.signUp(srv.URL, "Ben Brooks", "ben@example.com")
	carol.signIn(srv.URL, chattest.Email(chattest.Carol))

	// Ann starts a conversation with Ben, picked by name.
	ann.press("button", "New")
	ann.typeInto("textbox", "Title (optional)", "Lunch")
	ann.typeInto("textbox", "Add people by name", "Ben")
	ann.clickOn(roleIn("list", "People found", "button", "Ben Brooks"), "Ben Brooks")
	ann.shows("button", "Remove Ben Brooks")
	ann.screenshot("new-conversation")
	ann.press("button", "Start conversation")
	ann.shows("textbox", "Message")

	// Ben, new here and a stranger to Ann, is invited rather than added
	// (the default): the invitation reaches him live; he accepts, and it
	// opens.
	ben.waitFor("the invitation", `__screen.textOf("region", "Invitations").includes("Ann Avery invited you to Lunch")`, appear)
	ben.press("button", "Accept")
	ben.waitFor("Lunch open", openTitle+` === "Lunch" && !!__screen.find("textbox", "Message")`, appear)
	ben.waitFor("the invitation gone", `!__screen.find("region", "Invitations")`, appear)

	ann.send("Hello Ben")
	ben.sees("Hello Ben")
	// Shift+Enter is a new line; Enter sends.
	ben.do(
		chromedp.SendKeys(role("textbox", "Message"), "Hi Ann!"),
		chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierShift)),
	)
	ben.typeInto("textbox", "Message", "Noon?\n")
	ann.sees("Hi Ann!\nNoon?")

	// Markup in a message is text, on both sides.
	for _, evil := range []string{`<script>window.__xss=1</script>`, `<img src=x onerror="window.__xss=2">`} {
		ann.send(evil)
		ben.sees(evil)
	}
	for _, p := range []*person{ann, ben} {
		if got := p.eval(`String(window.__xss) + __screen.all().filter((e) => e.closest?.(".msg-text") && /^(img|script)$/.test(e.localName)).length`); got != "undefined0" {
			t.Fatalf("%s: markup in a message ran or rendered: %s", p.name, got)
		}
	}

	// An image attachment shows as a preview on the other side (protected
	// files: the app fetches a file token).
	img := filepath.Join(t.TempDir(), "dot.png")
	if err := os.WriteFile(img, tinyPNG(t), 0o644); err != nil {
		t.Fatal(err)
	}
	ann.do(chromedp.SetUploadFiles(role("file", "Attach files"), []string{img}))
	ann.waitFor("the file in the composer, with its picture", `[...(__screen.find("list", "Files to send")?.querySelectorAll("img") ?? [])].some(i => i.complete && i.naturalWidth > 0) && __screen.textOf("list", "Files to send").includes("dot.png")`, appear)
	ann.send("a picture")
	ben.sees("a picture")
	ben.waitFor("the image preview", `__screen.findAll("img", "~dot.png").some(i => i.complete && i.naturalWidth > 0)`, 5*time.Second)

	// Typing shows on the other side (after the once-a-second limit has
	// passed since Ben last typed).
	time.Sleep(1100 * time.Millisecond)
	ben.typeInto("textbox", "Message", "typing")
	ann.waitFor("the typing indicator", `__screen.all().some((e) => e.classList.contains("typing") && e.textContent.includes("Ben Brooks is typing"))`, appear)
	ben.setValue("textbox", "Message", "")
	ann.screenshot("conversation")

	// Carol, an outsider, sees none of it.
	time.Sleep(200 * time.Millisecond) // let anything misdelivered arrive; not a measure
	if got := carol.eval(`String(__screen.textOf("navigation", "Conversations").includes("Lunch") || __screen.all().some((e) => e.textContent.includes("Hello Ben")))`); got != "false" {
		t.Fatal("carol sees Ann and Ben's conversation")
	}

	// The server drops Ben's socket; Ann posts while he is away; he
	// reconnects, resumes, and sees each message once, in order.
	benUser, err := srv.App.FindAuthRecordByEmail("users", "ben@example.com")
	if err != nil {
		t.Fatal(err)
	}
	hub.Disconnect(benUser.Id)
	for i := range 5 {
		ann.send(fmt.Sprintf("while you were away %d", i))
	}
	ben.waitFor("the missed messages", fmt.Sprintf(`%s.filter(t => t.startsWith("while you were away")).length === 5`, texts), 10*time.Second)
	ben.goesLive()
	got := ben.eval(fmt.Sprintf(`JSON.stringify(%s.filter(t => t.startsWith("while you were away")))`, texts))
	want := `["while you were away 0","while you were away 1","while you were away 2","while you were away 3","while you were away 4"]`
	if got != want {
		t.Fatalf("after the resume Ben has %s, want %s", got, want)
	}

	// Ann edits and deletes her own message; Ben sees both.
	ann.clickOn(chromedp.JSPath(msgWith("Hello Ben")+`?.querySelector(".more")`), "the actions of Hello Ben")
	ann.press("menuitem", "Edit")
	ann.setValue("textbox", "Edit message", "Hello Ben (edited)\n")
	ben.sees("Hello Ben (edited)")
	ben.waitFor("marked edited", msgWith("Hello Ben (edited)")+`?.querySelector(".edited")?.textContent === "edited"`, appear)
	// "edited" shows what it said before
	ben.clickOn(chromedp.JSPath(msgWith("Hello Ben (edited)")+`?.querySelector(".edited")`), "edited")
	ben.waitFor("the earlier version", `__screen.textOf("list", "Earlier versions").includes("Hello Ben")`, appear)
	ben.press("button", "Close")

	// Ben pins it: both see it pinned in the header, live; Ann opens the pins
	ben.clickOn(chromedp.JSPath(msgWith("Hello Ben (edited)")+`?.querySelector(".more")`), "the actions of Hello Ben (edited)")
	ben.press("menuitem", "Pin")
	ann.waitFor("the pin, live", `!!__screen.find("button", "~1 pinned")`, appear)
	ann.press("button", "~1 pinned")
	ann.waitFor("the pinned message listed", `__screen.textOf("list", "Pinned messages").includes("Hello Ben (edited)")`, appear)
	ann.clickOn(roleIn("list", "Pinned messages", "button", "Hello Ben (edited)"), "the pinned message")
	ann.waitFor("the pins closed", `!__screen.find("list", "Pinned messages")`, appear)

	// A send whose request never left is shown as failed, and Retry sends
	// it; one whose response was lost is stored once all the same.
	ann.eval(`(() => {
		const real = window.fetch;
		let mode = "before";
		window.fetch = async (url, opts) => {
			const posting = opts?.method === "POST" && String(url).includes("/collections/messages/records");
			if (posting && mode === "before") { mode = "after"; throw new TypeError("network down"); }
			const res = await real(url, opts);
			if (posting && mode === "after") { mode = "off"; throw new TypeError("response lost"); }
			return res;
		};
		return "";
	})()`)
	ann.send("retry me")
	ann.shows("button", "Retry")
	if got := ann.eval(`__screen.find("alert", "~Retry")?.textContent ?? ""`); !strings.Contains(got, "Can't reach the server") {
		t.Fatalf("the failure says %q", got)
	}
	ann.press("button", "Retry")
	ben.sees("retry me")
	ann.sees("retry me")
	for _, p := range []*person{ann, ben} {
		p.waitFor("no failed or pending message", `!__screen.all().some((e) => e.matches(".msg.failed, .msg.pending"))`, appear)
		if n := p.eval(fmt.Sprintf(`String(%s.filter(t => t === "retry me").length)`, texts)); n != "1" {
			t.Fatalf("%s: %q shows %s times", p.name, "retry me", n)
		}
	}
	if n, _ := srv.App.CountRecords("messages", dbx.HashExp{"text": "retry me"}); n != 1 {
		t.Fatalf("%d copies of the retried message stored", n)
	}

	// People: Ann renames and adds Carol; Carol gets the conversation; Ann,
	// the owner, removes her again; then Ben leaves.
	ann.press("button", "People & settings")
	ann.setValue("textbox", "Title", "Lunch on Friday")
	ann.press("button", "Rename")
	ann.typeInto("textbox", "Add people by name", "Carol")
	ann.press("button", "Add Carol Chen")
	ben.waitFor("the new title", openTitle+` === "Lunch on Friday"`, appear)
	ben.waitFor("a note of it", `__screen.all().filter((e) => e.classList.contains("note")).map((e) => e.textContent)`+`.includes("Renamed to “Lunch on Friday”")`, appear)
	carol.waitFor("the conversation she was added to", `__screen.textOf("navigation", "Conversations").includes("Lunch on Friday")`, appear)
	ann.waitFor("Carol in the list of people", `__screen.textOf("list", "Members").includes("Carol Chen")`, appear)
	ann.press("button", "Remove Carol Chen")
	carol.waitFor("the conversation gone", `!__screen.textOf("navigation", "Conversations").includes("Lunch")`, appear)
	ann.press("button", "Close")
	// a message after the notes (renamed, joined, left) stays under the day it is in: one "Today"
	ann.send("after the rename")
	ben.sees("after the rename")
	if n := ben.eval(`String(__screen.all().filter((e) => e.classList.contains("day")).length)`); n != "1" {
		t.Fatalf("%s day separators for one day", n)
	}

	lunch, err := srv.App.FindFirstRecordByData("conversations", "title", "Lunch on Friday")
	if err != nil {
		t.Fatal(err)
	}
	ben.waitFor("the conversation kept on his device", `(async () => { window.__kept = await `+keptKeys+`; })() && (window.__kept || "").includes("`+lunch.Id+`")`, appear)
	ben.press("button", "People & settings")
	ben.press("button", "Leave conversation")
	ben.press("button", "Leave") // in the app's own dialog, not the browser's
	ben.waitFor("the conversation gone", `!__screen.textOf("navigation", "Conversations").includes("Lunch")`, appear)
	ann.waitFor("Ben gone from the people", `!`+openPeople+`.includes("Ben")`, appear)

	// Older messages load on scroll-up, 50 at a time.
	conv, err := srv.App.FindFirstRecordByData("conversations", "title", "Lunch on Friday")
	if err != nil {
		t.Fatal(err)
	}
	// what Ben's device kept of the conversation went with him
	ben.waitFor("nothing kept of the conversation he left", `(async () => { window.__kept = await `+keptKeys+`; })() && window.__kept !== undefined && !window.__kept.includes("`+lunch.Id+`")`, appear)
	annUser, err := srv.App.FindAuthRecordByEmail("users", "ann@example.com")
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := srv.App.FindCollectionByNameOrId("messages")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 60 {
		m := core.NewRecord(msgs)
		m.Set("conversation", conv.Id)
		m.Set("author", annUser.Id)
		m.Set("text", fmt.Sprintf("history %02d", i))
		if err := srv.App.Save(m); err != nil {
			t.Fatal(err)
		}
	}
	ann.do(chromedp.Navigate(srv.URL))
	ann.open("Lunch on Friday")
	ann.waitFor("the latest 50, in order", fmt.Sprintf(`JSON.stringify(%s) === JSON.stringify(Array.from({length: 50}, (_, i) => "history " + String(i + 10).padStart(2, "0")))`, texts), 5*time.Second)
	ann.eval(`(__screen.find("region", "Messages").scrollTop = 0, "")`)
	ann.waitFor("older messages", fmt.Sprintf(`%s.length > 50`, texts), 5*time.Second)

	// A reload keeps the session and shows the conversation list, newest first.
	ann.do(chromedp.Reload())
	ann.waitFor("the conversation after a reload", openTitle+` === "Lunch on Friday"`, appear)
	ann.waitFor("the list after a reload", `__screen.textOf("navigation", "Conversations").includes("Lunch on Friday")`, appear)

	// The phone layout: the list, then the conversation.
	ann.do(chromedp.EmulateViewport(375, 740))
	ann.press("button", "Back to conversations")
	ann.shows("heading", "Conversations")
	ann.screenshot("phone-list")
	if w := ann.eval(`String(document.documentElement.scrollWidth)`); w != "375" {
		t.Fatalf("the list is %spx wide on a 375px screen", w)
	}
	ann.open("Lunch on Friday")
	if n := ann.eval(`String(__screen.findAll("heading").length)`); n != "1" {
		t.Fatalf("%s headings on a phone with a conversation open (one header): %s", n, ann.eval(`__screen.findAll("heading").map((h) => h.textContent).join(" | ")`))
	}
	ann.screenshot("phone")
	if w := ann.eval(`String(document.documentElement.scrollWidth)`); w != "375" {
		t.Fatalf("the page is %spx wide on a 375px screen", w)
	}

	// Markup in a title and in a name is text too.
	const evilTitle = `<img src=x onerror="window.__xss=3">Friday`
	const evilName = `<b onmouseover="window.__xss=4">Ann</b>`
	annUser.Set("name", evilName)
	if err := srv.App.Save(annUser); err != nil {
		t.Fatal(err)
	}
	conv.Set("title", evilTitle)
	if err := srv.App.Save(conv); err != nil {
		t.Fatal(err)
	}
	ann.do(chromedp.EmulateViewport(1200, 800), chromedp.Reload())
	ann.waitFor("the title as text", fmt.Sprintf(`__screen.textOf("navigation", "Conversations").includes(%q)`, evilTitle), appear)
	ann.waitFor("the header", fmt.Sprintf(`%s === %q`, openTitle, evilTitle), appear)
	ann.waitFor("the name as text", fmt.Sprintf(`!!__screen.find("button", %q)`, "Your profile: "+evilName), appear)
	if got := ann.eval(`String(window.__xss) + __screen.all().filter((e) => e.localName === "b" || (e.localName === "img" && e.getAttribute("src") === "x")).length`); got != "undefined0" {
		t.Fatalf("markup in a title or a name ran or rendered: %s", got)
	}
}
