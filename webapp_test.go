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

	ann.do(chromedp.Navigate(srv.URL), chromedp.WaitVisible(chromedp.ID("signin-email")))
	ann.screenshot("signin")
	ann.signUp(srv.URL, "Ann Avery", "ann@example.com")
	ben.signUp(srv.URL, "Ben Brooks", "ben@example.com")
	carol.signIn(srv.URL, chattest.Email(chattest.Carol))

	// Ann starts a conversation with Ben, picked by name.
	ann.do(
		chromedp.Click(chromedp.ID("new-conversation")),
		chromedp.SendKeys(chromedp.ID("new-conv-title"), "Lunch"),
		chromedp.SendKeys(chromedp.ID("user-search"), "Ben"),
		chromedp.WaitVisible(chromedp.CSS("#user-results button")),
		chromedp.Click(chromedp.CSS("#user-results button")),
		chromedp.WaitVisible(chromedp.CSS("#picked button")),
	)
	ann.screenshot("new-conversation")
	ann.do(chromedp.Click(chromedp.ID("create-conversation")), chromedp.WaitVisible(chromedp.ID("composer-text")))

	// It reaches Ben live; he opens it.
	ben.waitFor("the conversation showing", `document.querySelector("#conversations button")?.textContent.includes("Lunch")`, appear)
	ben.do(chromedp.Click(chromedp.CSS("#conversations button")), chromedp.WaitVisible(chromedp.ID("composer-text")))

	ann.send("Hello Ben")
	ben.sees("Hello Ben")
	// Shift+Enter is a new line; Enter sends.
	ben.do(
		chromedp.SendKeys(chromedp.ID("composer-text"), "Hi Ann!"),
		chromedp.KeyEvent(kb.Enter, chromedp.KeyModifiers(chromedp.ModifierShift)),
		chromedp.SendKeys(chromedp.ID("composer-text"), "Noon?\n"),
	)
	ann.sees("Hi Ann!\nNoon?")

	// Markup in a message is text, on both sides.
	for _, evil := range []string{`<script>window.__xss=1</script>`, `<img src=x onerror="window.__xss=2">`} {
		ann.send(evil)
		ben.sees(evil)
	}
	for _, p := range []*person{ann, ben} {
		if got := p.eval(`String(window.__xss) + document.querySelectorAll("#messages img, #messages script").length`); got != "undefined0" {
			t.Fatalf("%s: markup in a message ran or rendered: %s", p.name, got)
		}
	}

	// An image attachment shows as a preview on the other side (protected
	// files: the app fetches a file token).
	img := filepath.Join(t.TempDir(), "dot.png")
	if err := os.WriteFile(img, tinyPNG(t), 0o644); err != nil {
		t.Fatal(err)
	}
	ann.do(chromedp.SetUploadFiles(chromedp.ID("composer-files"), []string{img}))
	ann.waitFor("the file in the composer", `document.getElementById("attachment-list").textContent.includes("dot.png")`, appear)
	ann.send("a picture")
	ben.sees("a picture")
	ben.waitFor("the image preview", `[...document.querySelectorAll("#messages .msg-files img")].some(i => i.complete && i.naturalWidth > 0)`, 5*time.Second)

	// Typing shows on the other side (after the once-a-second limit has
	// passed since Ben last typed).
	time.Sleep(1100 * time.Millisecond)
	ben.do(chromedp.SendKeys(chromedp.ID("composer-text"), "typing"))
	ann.waitFor("the typing indicator", `document.getElementById("typing").textContent.includes("Ben Brooks is typing")`, appear)
	ben.eval(`document.getElementById("composer-text").value = ""`)
	ann.screenshot("conversation")

	// Carol, an outsider, sees none of it.
	time.Sleep(200 * time.Millisecond) // let anything misdelivered arrive; not a measure
	if got := carol.eval(`String(document.getElementById("conversations").textContent.includes("Lunch") || document.body.innerText.includes("Hello Ben"))`); got != "false" {
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
	ben.waitFor("going live again", `document.getElementById("conn-state").dataset.state === "live"`, 10*time.Second)
	got := ben.eval(fmt.Sprintf(`JSON.stringify(%s.filter(t => t.startsWith("while you were away")))`, texts))
	want := `["while you were away 0","while you were away 1","while you were away 2","while you were away 3","while you were away 4"]`
	if got != want {
		t.Fatalf("after the resume Ben has %s, want %s", got, want)
	}

	// Ann edits and deletes her own message; Ben sees both.
	ann.do(
		chromedp.Click(chromedp.CSS(`#messages li.mine .more`)),
		chromedp.Click(chromedp.CSS(`#msg-menu .edit`)),
		chromedp.WaitVisible(chromedp.CSS(`#messages .edit-text`)),
	)
	ann.eval(`document.querySelector("#messages .edit-text").value = ""`)
	ann.do(chromedp.SendKeys(chromedp.CSS(`#messages .edit-text`), "Hello Ben (edited)\n"))
	ben.sees("Hello Ben (edited)")

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
	ann.waitFor("the failed send", `!!document.querySelector("#messages .msg.failed .retry")`, appear)
	if got := ann.eval(`document.querySelector("#messages .msg.failed .msg-status").textContent`); !strings.Contains(got, "Can't reach the server") {
		t.Fatalf("the failure says %q", got)
	}
	ann.do(chromedp.Click(chromedp.CSS("#messages .msg.failed .retry")))
	ben.sees("retry me")
	ann.sees("retry me")
	for _, p := range []*person{ann, ben} {
		p.waitFor("no failed or pending message", `!document.querySelector("#messages .msg.failed, #messages .msg.pending")`, appear)
		if n := p.eval(fmt.Sprintf(`String(%s.filter(t => t === "retry me").length)`, texts)); n != "1" {
			t.Fatalf("%s: %q shows %s times", p.name, "retry me", n)
		}
	}
	if n, _ := srv.App.CountRecords("messages", dbx.HashExp{"text": "retry me"}); n != 1 {
		t.Fatalf("%d copies of the retried message stored", n)
	}

	// People: Ann renames and adds Carol; Carol gets the conversation; Ann,
	// the owner, removes her again; then Ben leaves.
	ann.do(
		chromedp.Click(chromedp.ID("conv-settings")),
		chromedp.WaitVisible(chromedp.ID("rename-input")),
	)
	ann.eval(`document.getElementById("rename-input").value = ""`)
	ann.do(
		chromedp.SendKeys(chromedp.ID("rename-input"), "Lunch on Friday"),
		chromedp.Click(chromedp.ID("rename-save")),
		chromedp.SendKeys(chromedp.ID("add-search"), "Carol"),
		chromedp.WaitVisible(chromedp.CSS("#add-results button")),
		chromedp.Click(chromedp.CSS("#add-results button")),
	)
	ben.waitFor("the new title", `document.getElementById("conv-title").textContent === "Lunch on Friday"`, appear)
	carol.waitFor("the conversation she was added to", `document.getElementById("conversations").textContent.includes("Lunch on Friday")`, appear)
	ann.waitFor("Carol in the list of people", `document.getElementById("members-list").textContent.includes("Carol Chen")`, appear)
	ann.do(chromedp.Click(chromedp.CSS(`#members-list button[aria-label="Remove Carol Chen"]`)))
	carol.waitFor("the conversation gone", `!document.getElementById("conversations").textContent.includes("Lunch")`, appear)
	ann.do(chromedp.Click(chromedp.ID("people-close")))

	ben.do(chromedp.Evaluate[chromedp.Void](`window.confirm = () => true`), chromedp.Click(chromedp.ID("conv-settings")), chromedp.Click(chromedp.ID("leave")))
	ben.waitFor("the conversation gone", `!document.getElementById("conversations").textContent.includes("Lunch")`, appear)
	ann.waitFor("Ben gone from the people", `!document.getElementById("conv-people").textContent.includes("Ben")`, appear)

	// Older messages load on scroll-up, 50 at a time.
	conv, err := srv.App.FindFirstRecordByData("conversations", "title", "Lunch on Friday")
	if err != nil {
		t.Fatal(err)
	}
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
	ann.do(chromedp.Reload())
	ann.waitFor("the list", `!!document.querySelector("#conversations button")`, 10*time.Second)
	ann.do(chromedp.Click(chromedp.CSS("#conversations button")))
	ann.waitFor("the latest 50, in order", fmt.Sprintf(`JSON.stringify(%s) === JSON.stringify(Array.from({length: 50}, (_, i) => "history " + String(i + 10).padStart(2, "0")))`, texts), 5*time.Second)
	ann.eval(`(document.getElementById("messages-scroll").scrollTop = 0, "")`)
	ann.waitFor("older messages", fmt.Sprintf(`%s.length > 50`, texts), 5*time.Second)

	// A reload keeps the session and shows the conversation list, newest first.
	ann.do(chromedp.Reload())
	ann.waitFor("the list after a reload", `document.querySelector("#conversations button")?.textContent.includes("Lunch on Friday")`, 10*time.Second)

	// The phone layout: the list, then the conversation.
	ann.do(chromedp.EmulateViewport(375, 740))
	ann.screenshot("phone-list")
	if w := ann.eval(`String(document.documentElement.scrollWidth)`); w != "375" {
		t.Fatalf("the list is %spx wide on a 375px screen", w)
	}
	ann.do(chromedp.Click(chromedp.CSS("#conversations button")), chromedp.WaitVisible(chromedp.ID("composer-text")))
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
	ann.do(chromedp.Reload())
	ann.waitFor("the title as text", fmt.Sprintf(`document.getElementById("conversations").textContent.includes(%q)`, evilTitle), 10*time.Second)
	ann.do(chromedp.Click(chromedp.CSS("#conversations button")))
	ann.waitFor("the header", fmt.Sprintf(`document.getElementById("conv-title").textContent === %q`, evilTitle), appear)
	if got := ann.eval(`document.getElementById("me-name").textContent`); got != evilName {
		t.Fatalf("the name shows as %q", got)
	}
	if got := ann.eval(`String(window.__xss) + document.querySelectorAll("header img, header b, #conversations img, .conv-head img").length`); got != "undefined0" {
		t.Fatalf("markup in a title or a name ran or rendered: %s", got)
	}
}
