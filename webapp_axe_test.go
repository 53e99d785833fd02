package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// axeScript is axe-core, as npm ci installs it.
func axeScript(t *testing.T) string {
	b, err := os.ReadFile("node_modules/axe-core/axe.min.js")
	if err != nil {
		t.Fatalf("axe-core (npm ci): %v", err)
	}
	return string(b)
}

// axe checks the page p shows with axe-core, into the elements' shadow
// roots, and fails on every serious or critical violation, naming where.
func (p *person) axe(script, screen string) {
	p.t.Helper()
	p.eval(`(() => { if (!window.axe) { (0, eval)(` + jsString(script) + `); } return ""; })()`)
	out, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`axe.run(document, { resultTypes: ["violations"] }).then((r) => JSON.stringify(
		r.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
			.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 4).map((n) => [n.target.join(" > "), n.failureSummary]) }))))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		p.t.Fatalf("%s: axe on %s: %v", p.name, screen, err)
	}
	var found []struct {
		ID, Impact, Help string
		Nodes            [][2]string
	}
	if err := json.Unmarshal([]byte(out), &found); err != nil {
		p.t.Fatalf("axe: %v: %s", err, out)
	}
	for _, v := range found {
		var where []string
		for _, n := range v.Nodes {
			where = append(where, n[0]+" ("+strings.ReplaceAll(n[1], "\n", " ")+")")
		}
		p.t.Errorf("%s: %s on %s: %s: %s", v.Impact, v.ID, screen, v.Help, strings.Join(where, "; "))
	}
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// Every screen of the app, light and dark, wide and on a phone: axe-core
// finds no serious or critical violation.
func TestAccessibility(t *testing.T) {
	script := axeScript(t)
	root := browser(t)
	srv, _ := serveWebApp(t)
	for _, scheme := range []string{"light", "dark"} {
		p := newPerson(t, root, "Bob ("+scheme+")")
		if _, err := chromedp.Call(p.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}); err != nil {
			t.Fatal(err)
		}
		p.do(chromedp.Navigate(srv.URL))
		p.shows("textbox", "Email")
		if scheme == "light" {
			// the check itself: a nameless button inside a shadow root is found
			p.eval(`(() => { const d = document.createElement("div"); d.id = "axe-probe"; d.attachShadow({ mode: "open" }).innerHTML = "<button></button>"; document.body.append(d); return ""; })()`)
			p.eval(`(() => { if (!window.axe) { (0, eval)(` + jsString(script) + `); } return ""; })()`)
			found, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`axe.run(document, { runOnly: ["button-name"] }).then((r) => JSON.stringify(r.violations.map((v) => v.id)))`, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			if found != `["button-name"]` {
				t.Fatalf("axe doesn't see into shadow roots: %s", found)
			}
			p.eval(`(document.getElementById("axe-probe").remove(), "")`)
		}
		p.axe(script, scheme+" sign-in")
		p.press("tab", "Sign up")
		p.axe(script, scheme+" sign-up")
		p.signIn(srv.URL, "bob@example.com")
		p.shows("navigation", "Conversations")
		p.axe(script, scheme+" inbox")
		p.open("Alice & Bob")
		p.sees("hello bob")
		p.axe(script, scheme+" conversation")
		if scheme == "dark" {
			p.screenshot("dark")
		}
		p.clickOn(chromedp.JSPath(msgWith("hello bob")+`?.querySelector(".more")`), "the actions of hello bob")
		p.shows("menu", "Message actions")
		p.axe(script, scheme+" message menu")
		p.typeInto("menuitem", "Reply", "\x1b")
		for _, d := range []struct{ open, dialog, close string }{
			{"New", "New conversation", "Cancel"},
			{"People & settings", "People & settings", "Close"},
			{"Search", "Search", "Close"},
			{"Settings", "Settings", "Close"},
			{"Your profile: Bob Baker", "Your profile", "Cancel"},
		} {
			p.press("button", d.open)
			p.shows("dialog", d.dialog)
			p.axe(script, scheme+" "+d.dialog+" dialog")
			p.clickOn(roleIn("dialog", d.dialog, "button", d.close), d.close)
		}
		p.do(chromedp.EmulateViewport(375, 740))
		p.shows("button", "Back to conversations")
		p.axe(script, scheme+" phone conversation")
		p.press("button", "Back to conversations")
		p.shows("heading", "Conversations")
		p.axe(script, scheme+" phone inbox")
		p.screenshot("phone-" + scheme)
	}
}
