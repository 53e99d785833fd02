package main

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/pbchat/pbchat/hooks"
	"github.com/pbchat/pbchat/internal/chattest"
)

// withheldShown is a JS expression: how many messages of the open
// conversation show as a blocked person's.
const withheldShown = `String(__screen.all().filter((e) => e.classList.contains("withheld")).length)`

// Two people new here, strangers to each other, as a person uses the app:
// Ann's new conversation with Ben reaches him as an invitation; he
// declines it and blocks her, and nothing of hers reaches him after (her
// next attempt looks to her as the first did); he unblocks her from his
// settings, her invitation comes back, he accepts; in the conversation he
// blocks her from her message's menu: her messages collapse (shown on
// request), her typing no longer shows; he reports one; then he says
// nobody may add him.
func TestSafetyBetweenStrangers(t *testing.T) {
	root := browser(t)
	srv, _ := serveWebApp(t)
	ann := newPerson(t, root, "Ann")
	ben := newPerson(t, root, "Ben")
	ann.signUp(srv.URL, "Ann Avery", "ann@example.com")
	ben.signUp(srv.URL, "Ben Brooks", "ben@example.com")

	startWithBen := func() {
		ann.press("button", "New")
		ann.waitFor("the dialog open", `!!__screen.find("dialog", "New conversation")?.open`, appear)
		ann.do(chromedp.SendKeys(roleIn("dialog", "New conversation", "textbox", "Add people by name"), "Ben"))
		ann.clickOn(roleIn("list", "People found", "button", "Ben Brooks"), "Ben Brooks")
		ann.press("button", "Start conversation")
		ann.waitFor("the dialog closed", `!__screen.find("dialog", "New conversation")?.open`, appear)
		ann.shows("textbox", "Message")
	}
	startWithBen()
	ben.waitFor("the invitation", `__screen.textOf("region", "Invitations").includes("Ann Avery wants to talk with you")`, appear)
	ben.screenshot("invitation")
	ben.press("button", "Decline and block")
	ben.waitFor("the invitation gone", `!__screen.find("region", "Invitations")`, appear)

	// Ann is never told: her second try makes a conversation as the first
	// did, and neither it nor what she says there reaches Ben
	startWithBen()
	ann.send("are you there?")
	time.Sleep(300 * time.Millisecond) // let anything misdelivered arrive; not a measure
	if got := ben.eval(`String(!!__screen.find("region", "Invitations") || __screen.textOf("navigation", "Conversations").includes("Ann"))`); got != "false" {
		t.Fatal("ben, who blocked ann, was told of her")
	}

	// Ben unblocks her in his settings: her invitation comes back
	ben.press("button", "Settings")
	ben.waitFor("ann among the people he blocks", `__screen.textOf("list", "People you block").includes("Ann Avery")`, appear)
	ben.press("button", "Unblock Ann Avery")
	ben.waitFor("nobody blocked", `!__screen.find("list", "People you block")`, appear)
	ben.press("button", "Close")
	ben.waitFor("the invitation back", `__screen.textOf("region", "Invitations").includes("Ann Avery wants to talk with you")`, appear)
	ben.press("button", "Accept")
	ben.sees("are you there?")
	ann.waitFor("Ben in the conversation", openPeople+`.includes("Ben Brooks")`, appear)
	ben.send("hi Ann")
	ann.sees("hi Ann")

	// Ben blocks Ann from her message's menu
	ben.clickOn(chromedp.JSPath(msgWith("are you there?")+`?.querySelector(".more")`), "the actions of are you there?")
	ben.press("menuitem", "Block Ann Avery")
	ben.press("button", "Block") // in the app's own dialog
	ben.waitFor("her message collapsed", withheldShown+` === "1" && !`+texts+`.includes("are you there?")`, appear)
	ann.send("can you see this?")
	ben.waitFor("her new message collapsed too", withheldShown+` === "2"`, appear)
	ben.screenshot("blocked")
	// typing: Ann's no longer shows for Ben
	time.Sleep(1100 * time.Millisecond)
	ann.typeInto("textbox", "Message", "typing")
	time.Sleep(500 * time.Millisecond) // a typing frame would have come by now; not a measure
	if got := ben.eval(`String(__screen.all().some((e) => e.classList.contains("typing") && e.textContent.includes("Ann")))`); got != "false" {
		t.Fatal("ben sees ann typing")
	}
	ann.setValue("textbox", "Message", "")
	// shown on request
	ben.clickOn(chromedp.JSPath(`__screen.findAll("button", "Show").at(-1)`), "Show")
	ben.sees("can you see this?")

	// he reports it: hidden for him as reported; the report is the superusers'
	ben.clickOn(chromedp.JSPath(msgWith("can you see this?")+`?.querySelector(".more")`), "the actions of can you see this?")
	ben.press("menuitem", "Report…")
	ben.eval(`(() => { const s = __screen.find("combobox", "Why?"); s.value = "harassment"; return ""; })()`)
	ben.typeInto("textbox", "Anything to add (optional)", "she keeps writing")
	ben.press("button", "Report")
	ben.waitFor("the message hidden as reported", `__screen.all().some((e) => e.classList.contains("withheld") && e.textContent.includes("A message you reported")) && !`+texts+`.includes("can you see this?")`, appear)
	report, err := srv.App.FindFirstRecordByData("reports", "text", "can you see this?")
	if err != nil || report.GetString("reason") != "harassment" || report.GetString("details") != "she keeps writing" {
		t.Fatalf("the report: %v %v", report, err)
	}
	ann.sees("can you see this?") // whole for her

	// a superuser removes Ann's first message: both see that a moderator did
	first, err := srv.App.FindFirstRecordByData("messages", "text", "are you there?")
	if err != nil {
		t.Fatal(err)
	}
	if err := hooks.RemoveMessage(srv.App, first.Id, "test", "abuse"); err != nil {
		t.Fatal(err)
	}
	for _, p := range []*person{ann, ben} {
		p.waitFor("the removal", `__screen.all().some((e) => e.classList.contains("withheld") && e.textContent.includes("Removed by a moderator"))`, appear)
	}
	if got := ann.eval(`String(` + texts + `.includes("are you there?"))`); got != "false" {
		t.Fatal("ann still sees what a moderator removed")
	}

	// nobody may add him now (his choice, saved)
	ben.press("button", "Settings")
	ben.eval(`(() => { const s = __screen.find("combobox", "Who can add me to conversations"); s.value = "nobody"; s.dispatchEvent(new Event("change", { bubbles: true })); return ""; })()`)
	ben.press("button", "Close")
	benUser, err := srv.App.FindAuthRecordByEmail("users", "ben@example.com")
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(appear)
	for benUser.GetString("whoCanAdd") != "nobody" {
		if time.Now().After(deadline) {
			t.Fatalf("ben's setting is %q", benUser.GetString("whoCanAdd"))
		}
		time.Sleep(50 * time.Millisecond)
		benUser, _ = srv.App.FindAuthRecordByEmail("users", "ben@example.com")
	}

	// Ann is suspended: her app signs her out, and signing in says why
	annUser, err := srv.App.FindAuthRecordByEmail("users", "ann@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if err := hooks.Suspend(srv.App, annUser.Id, "test", "spam"); err != nil {
		t.Fatal(err)
	}
	ann.shows("textbox", "Email")
	ann.typeInto("textbox", "Email", "ann@example.com")
	ann.typeInto("textbox", "Password", chattest.Password)
	ann.clickOn(roleIn("tabpanel", "Sign in", "button", "Sign in"), "Sign in")
	ann.waitFor("the suspension in words", `__screen.textOf("alert", "~suspended").includes("This account is suspended.")`, appear)
}

// An owner makes an invite link in People & settings; someone new opens
// it, sees where it leads, and joins; once revoked, it says it doesn't
// work.
func TestJoinByLink(t *testing.T) {
	root := browser(t)
	srv, _ := serveWebApp(t)
	carol := newPerson(t, root, "Carol")
	ann := newPerson(t, root, "Ann")
	ben := newPerson(t, root, "Ben")
	carol.signIn(srv.URL, chattest.Email(chattest.Carol))
	ann.signUp(srv.URL, "Ann Avery", "ann@example.com")
	ben.signUp(srv.URL, "Ben Brooks", "ben@example.com")

	carol.open("Carol & Dave")
	carol.press("button", "People & settings")
	carol.press("button", "Make a link")
	carol.waitFor("the link", `__screen.textOf("status", "~#join=").includes("#join=")`, appear)
	url := carol.eval(`__screen.textOf("status", "~#join=").match(/\S*#join=[A-Za-z0-9_-]+/)[0]`)
	if !strings.HasPrefix(url, srv.URL+"/#join=") {
		t.Fatalf("the link %q", url)
	}
	carol.waitFor("the link listed", `__screen.textOf("list", "Invite links").includes("Used 0 of 25 times")`, appear)
	carol.screenshot("invite-link")

	ann.do(chromedp.Navigate(url))
	ann.waitFor("where it leads", `__screen.textOf("region", "Invite link").includes("Join “Carol & Dave”?")`, appear)
	ann.press("button", "Join")
	ann.waitFor("the conversation open", openTitle+` === "Carol & Dave"`, appear)
	ann.sees("secret of carol")
	carol.waitFor("one use", `__screen.textOf("list", "Invite links").includes("Used 1 of 25 times")`, 2*appear)

	// how long the conversation keeps its messages: its owner's to choose
	carol.eval(`(() => { const s = __screen.find("combobox", "Keep messages for"); s.value = "30"; s.dispatchEvent(new Event("change", { bubbles: true })); return ""; })()`)
	deadline := time.Now().Add(appear)
	for {
		c, err := srv.App.FindRecordById("conversations", chattest.ConvCD)
		if err == nil && c.GetInt("retentionDays") == 30 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the retention chosen wasn't saved")
		}
		time.Sleep(50 * time.Millisecond)
	}

	carol.press("button", "Revoke")
	carol.waitFor("no link left", `!__screen.find("list", "Invite links")`, appear)
	ben.do(chromedp.Navigate(url))
	ben.waitFor("the link refused in words", `__screen.textOf("alert", "~doesn't work").includes("This invite link doesn't work")`, appear)
}
