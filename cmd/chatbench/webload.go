package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// watch is put in every page before its scripts: it notes when a row of
// the inbox naming the demo's group first shows (wherever the app draws
// it, shadow roots or not), and when each message text first shows.
const watch = `(() => {
const all = (root, out = []) => { for (const el of root.querySelectorAll("*")) { out.push(el); if (el.shadowRoot) all(el.shadowRoot, out); } return out; };
window.__seen = {};
const tick = () => {
	for (const el of all(document)) {
		if (!window.__shownAt && el.textContent.trim() === "Welcome to pbchat" && el.closest("button") && el.checkVisibility()) window.__shownAt = performance.now();
		if (el.classList.contains("msg-text")) window.__seen[el.textContent] ??= Date.now();
	}
};
setInterval(tick, 2);
window.__sent = {};
addEventListener("keydown", (e) => { if (e.key === "Enter" && !e.shiftKey) { const t = e.composedPath()[0]; if (t.value) window.__sent[t.value.trim()] = Date.now(); } }, true);
})()`

// traffic counts what a page downloads from the network (not from its
// cache or its service worker).
type traffic struct {
	mu       sync.Mutex
	bytes    int64
	requests int
	network  map[network.RequestID]bool
}

func (t *traffic) listen(ctx context.Context) {
	chromedp.Listen(ctx, func(ev any) {
		t.mu.Lock()
		defer t.mu.Unlock()
		switch e := ev.(type) {
		case *network.EventResponseReceived:
			if !e.Response.FromDiskCache && !e.Response.FromServiceWorker && !e.Response.FromPrefetchCache && e.Type != network.ResourceTypeWebSocket {
				t.network[e.RequestID] = true
				t.requests++
			}
		case *network.EventLoadingFinished:
			if t.network[e.RequestID] {
				t.bytes += int64(e.EncodedDataLength)
			}
		}
	})
}

func (t *traffic) reset() {
	t.mu.Lock()
	t.bytes, t.requests, t.network = 0, 0, map[network.RequestID]bool{}
	t.mu.Unlock()
}

type pageLoad struct {
	ms       float64
	bytes    int64
	requests int
}

// signedIn opens a fresh browser context (nothing cached) signed in as a,
// as the SDK (and the old app) keep a session.
func signedIn(browser context.Context, base string, a webAuth) (context.Context, context.CancelFunc, error) {
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	session, _ := json.Marshal(map[string]any{"token": a.Token, "record": a.Record})
	old, _ := json.Marshal(map[string]any{"token": a.Token, "user": a.Record})
	err := chromedp.Do(ctx, chromedp.Navigate(base+"/favicon.svg"))
	if err == nil {
		_, err = chromedp.Run(ctx, chromedp.Evaluate[bool](fmt.Sprintf(`localStorage.setItem("pocketbase_auth", %q), localStorage.setItem("pbchat.session", %q), true`, session, old)))
	}
	if err == nil {
		_, err = chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: watch})
	}
	if err != nil {
		cancel()
		return nil, nil, err
	}
	return ctx, cancel, nil
}

// loads measures one cold load and the warm one after it.
func loads(browser context.Context, base string, a webAuth) (cold, warm pageLoad, err error) {
	ctx, cancel, err := signedIn(browser, base, a)
	if err != nil {
		return cold, warm, err
	}
	defer cancel()
	t := &traffic{}
	t.reset()
	t.listen(ctx)
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		return cold, warm, err
	}
	slow := network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: []*network.Conditions{{Latency: 150, DownloadThroughput: 200_000, UploadThroughput: 200_000}}}
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, slow); err != nil {
		return cold, warm, err
	}
	one := func() (pageLoad, error) {
		t.reset()
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/")); err != nil {
			return pageLoad{}, err
		}
		wait, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		ms, err := chromedp.Run(wait, chromedp.Poll[float64](`window.__shownAt || 0`, chromedp.WithPollingInterval(10*time.Millisecond)))
		if err != nil {
			return pageLoad{}, fmt.Errorf("the inbox never showed: %w", err)
		}
		time.Sleep(2 * time.Second) // what loads after the inbox counts too; the worker installs, the device keeps the inbox
		t.mu.Lock()
		defer t.mu.Unlock()
		return pageLoad{ms: ms, bytes: t.bytes, requests: t.requests}, nil
	}
	if cold, err = one(); err != nil {
		return cold, warm, err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/favicon.svg")); err != nil {
		return cold, warm, err
	}
	warm, err = one()
	return cold, warm, err
}

// sendTimes has Alice send messages to Bob, both unthrottled, and gives
// each one's time from her Enter to the text on his screen, in ms.
func sendTimes(browser context.Context, srv *webServer, n int) ([]float64, error) {
	a, err := srv.signIn("alice@example.com")
	if err != nil {
		return nil, err
	}
	b, err := srv.signIn("bob@example.com")
	if err != nil {
		return nil, err
	}
	conv, err := srv.direct(a)
	if err != nil {
		return nil, err
	}
	alice, cancelA, err := signedIn(browser, srv.url, a)
	if err != nil {
		return nil, err
	}
	defer cancelA()
	bob, cancelB, err := signedIn(browser, srv.url, b)
	if err != nil {
		return nil, err
	}
	defer cancelB()
	composer := `(() => { const all = (r, o = []) => { for (const e of r.querySelectorAll("*")) { o.push(e); if (e.shadowRoot) all(e.shadowRoot, o); } return o; };
		return all(document).find((e) => e.localName === "textarea" && (e.id === "composer-text" || e.getAttribute("aria-label") === "Message")) || null; })()`
	for _, ctx := range []context.Context{alice, bob} {
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.url+"/#conversation="+conv), chromedp.WaitVisible(chromedp.JSPath(composer))); err != nil {
			return nil, err
		}
	}
	time.Sleep(time.Second) // both live
	var out []float64
	for i := range n {
		text := fmt.Sprintf("ping %d %d", i, time.Now().UnixNano())
		if err := chromedp.Do(alice, chromedp.SendKeys(chromedp.JSPath(composer), text)); err != nil {
			return nil, err
		}
		for _, typ := range []input.DispatchKeyEventType{input.DispatchKeyEventTypeKeyDown, input.DispatchKeyEventTypeKeyUp} {
			e := input.DispatchKeyEventParams{Type: typ, Key: "Enter", Code: "Enter", WindowsVirtualKeyCode: 13, NativeVirtualKeyCode: 13}
			if typ == input.DispatchKeyEventTypeKeyDown {
				e.Text, e.UnmodifiedText = "\r", "\r"
			}
			if _, err := chromedp.Call(alice, input.DispatchKeyEvent, e); err != nil {
				return nil, err
			}
		}
		wait, cancel := context.WithTimeout(bob, 10*time.Second)
		seen, err := chromedp.Run(wait, chromedp.Poll[float64](fmt.Sprintf(`window.__seen[%q] || 0`, text), chromedp.WithPollingInterval(5*time.Millisecond)))
		cancel()
		if err != nil {
			return nil, fmt.Errorf("%q never reached Bob's screen: %w", text, err)
		}
		sent, err := chromedp.Run(alice, chromedp.Evaluate[float64](fmt.Sprintf(`window.__sent[%q] || 0`, text)))
		if err != nil || sent == 0 {
			return nil, fmt.Errorf("Alice's Enter for %q went unnoticed: %v", text, err)
		}
		out = append(out, seen-sent)
		time.Sleep(150 * time.Millisecond)
	}
	return out, nil
}

// webServer is pbchat on demo data (pbchat seed), in production mode.
type webServer struct {
	*server
	api *api
}

func startSeeded(bin string) (*webServer, error) {
	dir, err := os.MkdirTemp("", "chatbench-web-")
	if err != nil {
		return nil, err
	}
	if out, err := exec.Command(bin, "seed", "--dir="+dir).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("seed: %v: %s", err, out)
	}
	s, err := startServer(bin, dir, "--dev=false")
	if err != nil {
		return nil, err
	}
	s.tmp = dir
	return &webServer{server: s, api: newAPI(s.url, 4)}, nil
}

// webAuth is a signed-in demo person: their token and record, as the SDK keeps them.
type webAuth struct {
	Token  string          `json:"token"`
	Record json.RawMessage `json:"record"`
}

func (s *webServer) signIn(email string) (webAuth, error) {
	var a webAuth
	err := s.api.do(context.Background(), "POST", "/api/collections/users/auth-with-password", "", map[string]string{"identity": email, "password": "pbchat-demo"}, &a)
	return a, err
}

// direct is the id of the demo's conversation of Alice and Bob alone.
func (s *webServer) direct(a webAuth) (string, error) {
	var list struct{ Items []struct{ ID string } }
	if err := s.api.do(context.Background(), "GET", `/api/collections/conversations/records?perPage=50&filter=title=""`, a.Token, nil, &list); err != nil {
		return "", err
	}
	if len(list.Items) == 0 {
		return "", fmt.Errorf("no direct conversation of Alice's")
	}
	return list.Items[0].ID, nil
}
