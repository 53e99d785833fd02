package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/pocketbase/dbx"

	. "github.com/pbchat/pbchat/internal/chattest"
)

// reactApp is a React app of a host, with CSS of its own as careless as
// many apps have, that drops <pbchat-app> into its page.
const reactApp = `import { createRoot } from "react-dom/client";
import { useState } from "react";

function App() {
  const [opened, setOpened] = useState("");
  return (
    <div className="shell">
      <h2 className="host-title">My React app</h2>
      <p id="opened">{opened}</p>
      <pbchat-app ref={(el) => el && !el.__wired && (el.__wired = el.addEventListener("pbchat-open", (e) => setOpened(e.detail.conversation)) || true)} />
    </div>
  );
}

createRoot(document.getElementById("root")).render(<App />);
`

const reactPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>React host</title>
<style>
  button { background: rgb(255, 0, 0) !important; font-size: 30px; }
  h2 { color: rgb(0, 128, 0); }
  textarea { display: none; }
  .shell { height: 700px; display: flex; flex-direction: column; }
  pbchat-app { flex: 1; }
</style>
<script type="module" src="%s/pbchat-elements.js"></script>
</head><body><div id="root"></div><script type="module" src="/app.js"></script></body></html>`

// A React app, built by esbuild, on an origin of its own, embeds
// <pbchat-app> (which finds its server from the script's origin): Bob
// signs in through it and chats. The host's CSS doesn't reach into the
// chat, and the chat's doesn't reach out.
func TestChatInAReactApp(t *testing.T) {
	root := browser(t)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "app.jsx"), []byte(reactApp), 0o644); err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	build := exec.Command(filepath.Join(wd, "node_modules/.bin/esbuild"), filepath.Join(dir, "app.jsx"), "--bundle", "--format=esm",
		"--jsx=automatic", "--define:process.env.NODE_ENV=\"production\"", "--outfile="+filepath.Join(dir, "app.js"))
	build.Env = append(os.Environ(), "NODE_PATH="+filepath.Join(wd, "node_modules"))
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("esbuild the React app (npm ci): %v\n%s", err, out)
	}
	var chatURL string
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/app.js" {
			http.ServeFile(w, r, filepath.Join(dir, "app.js"))
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, reactPage, chatURL)
	}))
	t.Cleanup(host.Close)
	srv, _ := serveWebAppFor(t, host.URL)
	chatURL = srv.URL

	bob := newPerson(t, root, "Bob")
	bob.signIn(host.URL, Email(Bob))
	bob.open("Alice & Bob")
	bob.waitFor("the host heard which", fmt.Sprintf(`document.getElementById("opened").textContent === %q`, ConvAB), appear)
	bob.send("from a React app")
	bob.sees("from a React app")
	if n, _ := srv.App.CountRecords("messages", dbx.HashExp{"conversation": ConvAB, "author": Bob, "text": "from a React app"}); n != 1 {
		t.Fatalf("stored %d times", n)
	}
	// styles stay on their side
	if got := bob.eval(`getComputedStyle(__screen.find("button", "Send")).backgroundColor`); got == "rgb(255, 0, 0)" {
		t.Fatal("the host's button style reached into the chat")
	}
	if got := bob.eval(`getComputedStyle(__screen.find("textbox", "Message")).display`); got == "none" {
		t.Fatal("the host's textarea style hid the composer")
	}
	if got := bob.eval(`getComputedStyle(document.querySelector(".host-title")).color`); got != "rgb(0, 128, 0)" {
		t.Fatalf("the chat's styles reached the host's heading: %s", got)
	}
	bob.screenshot("host-page")
}
