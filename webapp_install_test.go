package main

import (
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Chromium finds the web app installable (a manifest, an icon, a start
// URL), as phones and desktops install WhatsApp Web or Element.
func TestWebAppIsInstallable(t *testing.T) {
	root := browser(t)
	srv, _ := serveWebApp(t)
	// a tab of the browser's own profile: its other contexts are
	// incognito, where nothing installs
	ctx, cancel := chromedp.NewContext(root)
	t.Cleanup(cancel)
	p := &person{t: t, name: "a visitor", ctx: ctx}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatal(err)
	}
	p.installScreen()
	p.do(chromedp.Navigate(srv.URL))
	p.shows("textbox", "Email")
	res, err := chromedp.Call(ctx, page.GetInstallabilityErrors, cdp.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.InstallabilityErrors {
		t.Errorf("not installable: %s %v", e.ErrorID, e.ErrorArguments)
	}
}
