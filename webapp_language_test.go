package main

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	. "github.com/pbchat/pbchat/internal/chattest"
)

// A browser that prefers German gets the app in German: its words, its
// dates, its errors.
func TestTheBrowsersLanguage(t *testing.T) {
	root := browser(t)
	srv, _ := serveWebApp(t)
	bob := newPerson(t, root, "Bob (Deutsch)")
	if _, err := chromedp.Call(bob.ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{
		UserAgent: bob.eval(`navigator.userAgent`), AcceptLanguage: "de-DE,de;q=0.9,en;q=0.5",
	}); err != nil {
		t.Fatal(err)
	}
	bob.do(chromedp.Navigate(srv.URL))
	bob.typeInto("textbox", "E-Mail", Email(Bob))
	bob.typeInto("textbox", "Passwort", "not the password")
	bob.clickOn(roleIn("tabpanel", "Anmelden", "button", "Anmelden"), "Anmelden")
	bob.shows("alert", "E-Mail-Adresse oder Passwort falsch.")
	bob.setValue("textbox", "Passwort", Password)
	bob.clickOn(roleIn("tabpanel", "Anmelden", "button", "Anmelden"), "Anmelden")
	bob.waitFor("live, in German", `!!__screen.find("status", "Live")`, appear)
	bob.shows("heading", "Unterhaltungen")
	bob.clickOn(roleIn("navigation", "Unterhaltungen", "button", "~Alice & Bob"), "Alice & Bob")
	bob.shows("textbox", "Nachricht")
	bob.shows("button", "Personen & Einstellungen")
	bob.waitFor("the day in German", `__screen.all().some((e) => e.classList.contains("day") && e.textContent === "Heute")`, appear)
}
