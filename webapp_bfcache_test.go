package main

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Bob follows a link away and comes back with Back: Chromium keeps his page
// in the back/forward cache, where its socket can't live. Alice sees him go
// offline within seconds, and online again when he is back; what she said
// meanwhile shows on his page once each, in order.
func TestBackForwardCache(t *testing.T) {
	srv, alice, bob := aliceAndBob(t)
	people := openPeople
	alice.waitFor("Bob online", people+`.includes("online")`, appear)

	// a mark that only the same page, restored from the cache, still has
	bob.eval(`String(window.__sameDocument = true)`)
	bob.do(chromedp.Navigate(srv.URL + "/favicon.svg"))
	alice.waitFor("Bob offline", people+`.includes("last seen")`, 5*time.Second)

	var sent []string
	for i := range 3 {
		text := fmt.Sprintf("while you were away %d", i)
		alice.send(text)
		alice.sees(text)
		sent = append(sent, text)
	}

	// as a person presses Back (chromedp's NavigateBack waits for a load
	// event, which a page restored from the cache doesn't fire)
	bob.eval(`history.back(), "back"`)
	got := ""
	for deadline := time.Now().Add(appear); time.Now().Before(deadline) && got != "true"; time.Sleep(50 * time.Millisecond) {
		// the page's execution context changes as it comes back: ask again
		got, _ = chromedp.Run(bob.ctx, chromedp.Evaluate[string](`location.pathname === "/" ? String(window.__sameDocument) : "away"`))
	}
	if got != "true" {
		t.Fatalf("Bob's page was loaded again, not restored from the back/forward cache (%s): this test checks the cache", got)
	}
	alice.waitFor("Bob online again", people+`.includes("online") && !`+people+`.includes("last seen")`, 5*time.Second)
	bob.waitFor("what Alice said meanwhile", fmt.Sprintf(`%s.filter(t => t.startsWith("while you were away")).join("|") === %q`,
		texts, sent[0]+"|"+sent[1]+"|"+sent[2]), appear)
	// and nothing twice after a moment more
	time.Sleep(500 * time.Millisecond)
	bob.waitFor("each once", fmt.Sprintf(`%s.filter(t => t.startsWith("while you were away")).length === 3`, texts), appear)

	// Bob's tab is frozen (as Chromium freezes a background tab), and
	// thawed: the same, through the freeze and resume events.
	freeze := func(state page.SetWebLifecycleStateState) {
		if _, err := chromedp.Call(bob.ctx, page.SetWebLifecycleState, page.SetWebLifecycleStateParams{State: state}); err != nil {
			t.Fatalf("Bob's tab %s: %v", state, err)
		}
	}
	freeze(page.SetWebLifecycleStateStateFrozen)
	alice.waitFor("Bob offline while his tab is frozen", people+`.includes("last seen")`, 5*time.Second)
	alice.send("while your tab slept")
	alice.sees("while your tab slept")
	freeze(page.SetWebLifecycleStateStateActive)
	alice.waitFor("Bob online after his tab thawed", people+`.includes("online") && !`+people+`.includes("last seen")`, 5*time.Second)
	bob.sees("while your tab slept")
}
