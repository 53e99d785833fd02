package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// screenJS is what the browser tests find things with, as a person does:
// by role and visible name, through the elements' shadow roots (as
// testing-library's getByRole does in one document). It is put in every
// page before the page's own scripts.
const screenJS = `(() => {
const all = (root = document) => {
	const out = [];
	const walk = (node) => {
		for (const el of node.querySelectorAll("*")) {
			out.push(el);
			if (el.shadowRoot) walk(el.shadowRoot);
		}
	};
	walk(root);
	return out;
};
const implicit = (el) => {
	const tag = el.localName, type = (el.getAttribute("type") || "text").toLowerCase();
	if (tag === "button") return "button";
	if (tag === "a" && el.hasAttribute("href")) return "link";
	if (tag === "textarea") return "textbox";
	if (tag === "input") return { checkbox: "checkbox", radio: "radio", search: "searchbox", file: "file", submit: "button", button: "button" }[type] || "textbox";
	if (tag === "select") return "combobox";
	if (/^h[1-6]$/.test(tag)) return "heading";
	if (tag === "ul" || tag === "ol") return "list";
	return { li: "listitem", dialog: "dialog", nav: "navigation", main: "main", option: "option", img: "img", form: "form", section: el.hasAttribute("aria-label") ? "region" : "" }[tag] || "";
};
const roleOf = (el) => el.getAttribute("role") || implicit(el);
const text = (el) => {
	let s = "";
	for (const n of (el.shadowRoot || el).childNodes) {
		if (n.nodeType === 3) s += n.textContent;
		else if (n.nodeType === 1 && n.getAttribute("aria-hidden") !== "true" && n.localName !== "style") s += " " + text(n) + " ";
	}
	if (el.localName === "slot") for (const n of el.assignedNodes()) s += n.nodeType === 3 ? n.textContent : " " + text(n) + " ";
	return s;
};
const squash = (s) => s.replace(/\s+/g, " ").trim();
const nameOf = (el) => {
	if (el.hasAttribute("aria-label")) return squash(el.getAttribute("aria-label"));
	const root = el.getRootNode();
	if (el.hasAttribute("aria-labelledby")) return squash(el.getAttribute("aria-labelledby").split(/\s+/).map((id) => root.getElementById(id)?.textContent || "").join(" "));
	if (/^(input|textarea|select)$/.test(el.localName)) {
		const label = el.closest("label") || (el.id && root.querySelector("label[for='" + el.id + "']"));
		if (label) {
			const copy = label.cloneNode(true);
			copy.querySelectorAll("input, textarea, select").forEach((c) => c.remove());
			return squash(copy.textContent);
		}
		return squash(el.getAttribute("placeholder") || el.getAttribute("title") || "");
	}
	if (el.localName === "img") return squash(el.getAttribute("alt") || "");
	return squash(text(el)) || squash(el.getAttribute("title") || "");
};
const shown = (el) => el.checkVisibility ? el.checkVisibility() : !!el.getClientRects().length;
const matches = (el, role, name) => {
	if (roleOf(el) !== role && !(role === "textbox" && roleOf(el) === "searchbox")) return false;
	if (name === undefined || name === null) return true;
	const n = nameOf(el);
	return name.startsWith("~") ? n.includes(name.slice(1)) : n === name;
};
window.__screen = {
	all, nameOf, roleOf,
	// every element shown of role whose name is name ("~part" for a name containing part), in within
	findAll: (role, name, within) => all(within || document).filter((el) => shown(el) && matches(el, role, name)),
	find: (role, name, within) => window.__screen.findAll(role, name, within)[0] || null,
	// the texts of the messages shown in the open conversation
	texts: () => all().filter((el) => el.classList.contains("msg-text") && shown(el) && !el.closest(".pending, .failed")).map((el) => el.textContent),
	// what a region named name says, as it reads
	textOf: (role, name) => { const el = window.__screen.find(role, name); return el ? squash(el.innerText || text(el)) : ""; },
};
})()`

// within puts the screen's functions in each page p opens.
func (p *person) installScreen() {
	// what goes wrong in the page goes into the test's log
	chromedp.Listen(p.ctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventExceptionThrown:
			d := e.ExceptionDetails
			desc := d.Text
			if d.Exception != nil {
				desc += " " + d.Exception.Description
			}
			p.t.Logf("%s: page error at %s:%d: %s", p.name, d.URL, d.LineNumber, desc)
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError {
				var args []string
				for _, a := range e.Args {
					args = append(args, string(a.Value)+a.Description)
				}
				p.t.Logf("%s: console.error: %s", p.name, strings.Join(args, " "))
			}
		}
	})
	if _, err := chromedp.Call(p.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: screenJS}); err != nil {
		p.t.Fatalf("%s: %v", p.name, err)
	}
}

// role finds the element a person knows by its role and name: "button",
// "Send"; a name starting with ~ is a part of the name.
func role(r, name string) chromedp.JSPath {
	return chromedp.JSPath(fmt.Sprintf(`__screen.find(%q, %q)`, r, name))
}

// roleIn is role within the first element of role outer named outerName.
func roleIn(outer, outerName, r, name string) chromedp.JSPath {
	return chromedp.JSPath(fmt.Sprintf(`(() => { const w = __screen.find(%q, %q); return w && __screen.find(%q, %q, w.shadowRoot || w); })()`, outer, outerName, r, name))
}

// press clicks what a person knows by role and name.
func (p *person) press(r, name string) {
	p.t.Helper()
	p.clickOn(role(r, name), r+" "+name)
}

// clickOn clicks sel; the app may draw it again between finding a node
// and clicking it, so a node gone meanwhile is found again.
func (p *person) clickOn(sel chromedp.JSPath, what string) {
	p.t.Helper()
	for try := 0; ; try++ {
		ctx, cancel := context.WithTimeout(p.ctx, 20*time.Second)
		_, err := chromedp.Run(ctx, chromedp.Click(sel))
		cancel()
		if err == nil {
			return
		}
		if try == 4 || !strings.Contains(err.Error(), "node") {
			p.t.Fatalf("%s: click %s: %v", p.name, what, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// typeInto types into the field a person knows by role and name; a
// final "\n" is the Enter key.
func (p *person) typeInto(r, name, text string) {
	p.t.Helper()
	enter := strings.HasSuffix(text, "\n")
	p.do(chromedp.SendKeys(role(r, name), strings.TrimSuffix(text, "\n")))
	if enter {
		p.enter()
	}
}

// enter presses Enter where the caret is, as a keyboard does: one key
// down whose default (a new line) the page may prevent. (chromedp's
// SendKeys sends the new line as a char event of its own, which a page
// can't prevent and a keyboard never sends.)
func (p *person) enter() {
	p.t.Helper()
	down := &input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: "Enter", Code: "Enter", WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13, Text: "\r", UnmodifiedText: "\r"}
	up := &input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyUp, Key: "Enter", Code: "Enter", WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13}
	for _, e := range []*input.DispatchKeyEventParams{down, up} {
		if _, err := chromedp.Call(p.ctx, input.DispatchKeyEvent, *e); err != nil {
			p.t.Fatalf("%s: Enter: %v", p.name, err)
		}
	}
}

// setValue replaces what a field holds, as select-all and typing do.
func (p *person) setValue(r, name, text string) {
	p.t.Helper()
	p.eval(fmt.Sprintf(`(() => { const el = __screen.find(%q, %q); el.value = ""; el.dispatchEvent(new Event("input", {bubbles: true, composed: true})); return ""; })()`, r, name))
	p.typeInto(r, name, text)
}

// shows waits until an element of role and name is on p's screen.
func (p *person) shows(r, name string) {
	p.t.Helper()
	p.waitFor(fmt.Sprintf("%s %q showing", r, name), fmt.Sprintf(`!!__screen.find(%q, %q)`, r, name), appear)
}

// row is the inbox's row that names title.
func row(title string) chromedp.JSPath {
	return roleIn("navigation", "Conversations", "button", "~"+title)
}

// openTitle is a JS expression for the title of the open conversation.
const openTitle = `(__screen.all().find((e) => e.localName === "pbchat-conversation")?.shadowRoot.querySelector("h2")?.textContent ?? "")`

// openPeople is a JS expression for the line under the open conversation's
// title: who is in it, and whether they are online.
const openPeople = `(__screen.all().find((e) => e.localName === "pbchat-conversation")?.shadowRoot.querySelector("header p")?.textContent ?? "")`

// open opens the conversation whose row names title, as a person does:
// clicks it, and clicks again if the list was drawn anew under the pointer
// (a press and a release on two different nodes make no click).
func (p *person) open(title string) {
	p.t.Helper()
	shown := fmt.Sprintf(`%s.includes(%q) && !!__screen.find("textbox", "Message")`, openTitle, title)
	for try := 0; ; try++ {
		p.clickOn(row(title), "the row of "+title)
		ok, _ := chromedp.Run(p.ctx, chromedp.Poll[bool](shown, chromedp.WithPollingTimeout(3*time.Second)))
		if ok {
			return
		}
		if try == 2 {
			p.waitFor(title+" open", shown, appear)
			return
		}
	}
}
