package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/pocketbase/pocketbase/core"

	. "github.com/pbchat/pbchat/internal/chattest"
)

// Alice comes back from a long time away: 300 unread messages in one
// conversation, 55 more conversations than a page. The inbox pages in as
// she scrolls; the conversation opens at the first unread, six pages
// back, and "Jump to first unread" takes her there again from further on. Two pictures of one message go
// one to the other in the lightbox by keys.
func TestLongHistories(t *testing.T) {
	root := browser(t)
	srv, _ := serveWebApp(t)
	app := srv.App
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	convs, err := app.FindCollectionByNameOrId("conversations")
	must(err)
	for i := range 55 { // with Alice & Bob, 56: a page and more
		c := core.NewRecord(convs)
		c.Set("title", fmt.Sprintf("Old room %02d", i))
		c.Set("createdBy", Alice)
		c.Set("lastMessageAt", fmt.Sprintf("2024-01-%02d 10:00:00.000Z", 1+i%28))
		must(app.Save(c)) // its creator becomes its owner, as on REST
	}
	msgs, err := app.FindCollectionByNameOrId("messages")
	must(err)
	for i := range 300 {
		m := core.NewRecord(msgs)
		m.Set("conversation", ConvAB)
		m.Set("author", Bob)
		m.Set("text", fmt.Sprintf("while away %03d", i))
		must(app.Save(m))
	}

	alice := newPerson(t, root, "Alice")
	alice.signIn(srv.URL, Email(Alice))
	rows := `__screen.findAll("button", undefined, __screen.find("navigation", "Conversations")).length`
	alice.waitFor("the first page of the inbox", rows+` === 50`, appear)
	alice.eval(`(() => { const n = __screen.find("navigation", "Conversations"); n.scrollTop = n.scrollHeight; return ""; })()`)
	alice.waitFor("the rest as she scrolls", rows+` === 56`, appear)

	alice.open("Alice & Bob")
	divider := `(() => {
		const d = __screen.all().find((e) => e.classList.contains("divider"));
		const box = __screen.find("region", "Messages").getBoundingClientRect();
		const r = d?.getBoundingClientRect();
		return !!d && r.top >= box.top - 1 && r.bottom <= box.bottom + 1 && d.nextElementSibling?.querySelector(".msg-text")?.textContent === "hi alice";
	})()`
	alice.waitFor("the conversation open at the first of 301 unread, six pages back", divider, appear)
	// reading on, short of the end: a way back to where the new ones began
	alice.eval(`(() => { const s = __screen.find("region", "Messages"); s.scrollTop = s.scrollHeight / 2; return ""; })()`)
	alice.press("button", "Jump to first unread")
	alice.waitFor("back at the divider", divider, appear)

	// two pictures in one message, through the lightbox by keys
	dir := t.TempDir()
	var files []string
	for _, name := range []string{"first.png", "second.png"} {
		p := filepath.Join(dir, name)
		must(os.WriteFile(p, tinyPNG(t), 0o644))
		files = append(files, p)
	}
	alice.do(chromedp.SetUploadFiles(role("file", "Attach files"), files))
	alice.waitFor("both in the composer", `__screen.find("list", "Files to send")?.querySelectorAll("li").length === 2`, appear)
	alice.send("two pictures")
	alice.waitFor("both shown", msgWith("two pictures")+`?.querySelectorAll(".msg-files img").length === 2 && [...`+msgWith("two pictures")+`.querySelectorAll(".msg-files img")].every((i) => i.naturalWidth > 0)`, appear)
	alice.clickOn(chromedp.JSPath(msgWith("two pictures")+`.querySelector(".msg-files a")`), "the first picture")
	alice.shows("dialog", "first.png")
	alice.typeInto("button", "Next", kb.ArrowRight)
	alice.shows("dialog", "second.png")
	alice.typeInto("button", "Previous", kb.ArrowLeft)
	alice.shows("dialog", "first.png")
}
