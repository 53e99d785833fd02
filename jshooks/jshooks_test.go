package jshooks_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/pbchat/pbchat/hooks"
	"github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/journal"
	"github.com/pbchat/pbchat/jshooks"
	"github.com/pbchat/pbchat/realtime"
)

func TestMain(m *testing.M) { chattest.Main(m) }

// wait bounds how long a test waits for something that should happen.
const wait = 10 * time.Second

// script exercises everything pbchat adds to JS: $chat from a route, and
// onChatDeliver changing one event and stopping another.
const script = `
routerAdd("POST", "/api/test/notify", (e) => {
  $chat.notify([e.auth.id], "ping", { from: "js" });
  return e.json(200, $chat.stats());
}, $apis.requireAuth());

routerAdd("GET", "/api/test/blocks/{other}", (e) => {
  return e.json(200, { blocks: $chat.blocks(e.auth.id, e.request.pathValue("other")) });
}, $apis.requireAuth());

routerAdd("POST", "/api/test/remove/{id}", (e) => {
  $chat.removeMessage(e.request.pathValue("id"), "from a hook");
  return e.noContent(204);
}, $apis.requireSuperuserAuth());

routerAdd("POST", "/api/test/disconnect", (e) => {
  $chat.disconnect(e.auth.id);
  return e.noContent(204);
}, $apis.requireAuth());

onChatDeliver((e) => {
  if (e.chatEvent.type === "message.created") {
    const data = e.data();
    if (data.text === "hush") return; // stopped: nobody gets it
    data.text = data.text.toUpperCase();
    e.setData(data);
  }
  e.next();
});
`

type env struct {
	*chattest.Server
	hub *realtime.Hub
}

func newEnv(t *testing.T, js string) *env {
	t.Helper()
	f := chattest.Load(t)
	app := f.NewApp(t)
	hub := realtime.MustRegister(app, realtime.Config{})
	hooks.MustRegister(app, hooks.Config{Sender: hub})
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "test.pb.js"), []byte(js), 0o644); err != nil {
		t.Fatal(err)
	}
	jshooks.MustRegister(app, hub, jshooks.Config{HooksDir: dir, HooksPool: 2})
	return &env{Server: f.Serve(t, app), hub: hub}
}

type frame struct {
	Type   string          `json:"type"`
	Record json.RawMessage `json:"record"`
	Data   json.RawMessage `json:"data"`
	code   int
}

// connect opens an authenticated socket as who and returns its frames
// after ready.
func (e *env) connect(t *testing.T, who string) <-chan frame {
	t.Helper()
	ws, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(e.URL, "http")+realtime.SocketPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ws.Close() })
	if err := ws.WriteJSON(map[string]string{"type": "auth", "token": e.Fixture.Tokens[who]}); err != nil {
		t.Fatal(err)
	}
	frames := make(chan frame, 100)
	ready := make(chan struct{})
	go func() {
		defer close(frames)
		for {
			var f frame
			_, data, err := ws.ReadMessage()
			if err != nil {
				var ce *websocket.CloseError
				if errors.As(err, &ce) {
					frames <- frame{Type: "close", code: ce.Code}
				}
				return
			}
			json.Unmarshal(data, &f)
			switch f.Type {
			case "ready":
				close(ready)
			case "presence":
			default:
				frames <- f
			}
		}
	}()
	select {
	case <-ready:
	case <-time.After(wait):
		t.Fatal("no ready")
	}
	return frames
}

func next(t *testing.T, frames <-chan frame) frame {
	t.Helper()
	select {
	case f := <-frames:
		return f
	case <-time.After(wait):
		t.Fatal("no frame came")
	}
	return frame{}
}

func (e *env) post(t *testing.T, who, text string) {
	t.Helper()
	status, body := e.Do(t, who, http.MethodPost, "/api/collections/messages/records",
		map[string]any{"conversation": chattest.ConvAB, "text": text})
	if status != http.StatusOK {
		t.Fatalf("post %q: %d %s", text, status, body)
	}
}

func TestOnChatDeliverChangesAndStopsEvents(t *testing.T) {
	e := newEnv(t, script)
	bob := e.connect(t, chattest.Bob)

	e.post(t, chattest.Alice, "hello")
	e.post(t, chattest.Alice, "hush")
	e.post(t, chattest.Alice, "after")
	for _, want := range []string{"HELLO", "AFTER"} {
		f := next(t, bob)
		var r struct{ Text string }
		json.Unmarshal(f.Record, &r)
		if f.Type != journal.MessageCreated || r.Text != want {
			t.Fatalf("got %s %q, want message.created %q", f.Type, r.Text, want)
		}
	}
	// stored as written: the hook changes deliveries only
	status, body := e.Do(t, chattest.Bob, http.MethodGet,
		"/api/collections/messages/records?filter=(conversation='"+chattest.ConvAB+"')&sort=-created&perPage=3", nil)
	if status != http.StatusOK || !strings.Contains(string(body), `"text":"hush"`) || !strings.Contains(string(body), `"text":"hello"`) {
		t.Fatalf("REST: %d %s", status, body)
	}
}

func TestChatFromJS(t *testing.T) {
	e := newEnv(t, script)
	bob := e.connect(t, chattest.Bob)

	status, body := e.Do(t, chattest.Bob, http.MethodPost, "/api/test/notify", nil)
	var stats realtime.Stats
	if err := json.Unmarshal(body, &stats); status != http.StatusOK || err != nil {
		t.Fatalf("notify: %d %s", status, body)
	}
	if stats.Sockets != 1 || stats.Users != 1 {
		t.Fatalf("stats from JS: %+v, want Bob's one socket", stats)
	}
	if f := next(t, bob); f.Type != "ping" || string(f.Data) != `{"from":"js"}` {
		t.Fatalf("got %s %s, want the ping from JS", f.Type, f.Data)
	}

	if status, body := e.Do(t, chattest.Bob, http.MethodPost, "/api/test/disconnect", nil); status != http.StatusNoContent {
		t.Fatalf("disconnect: %d %s", status, body)
	}
	if f := next(t, bob); f.Type != "close" || f.code != websocket.CloseGoingAway {
		t.Fatalf("got %s %d, want a close with 1001", f.Type, f.code)
	}

	if status, body := e.Do(t, chattest.Bob, http.MethodPost, "/api/collections/blocks/records",
		map[string]string{"blocker": chattest.Bob, "blocked": chattest.Alice}); status != http.StatusOK {
		t.Fatalf("block: %d %s", status, body)
	}
	if status, body := e.Do(t, "superuser", http.MethodPost, "/api/test/remove/"+chattest.MsgAB1, nil); status != http.StatusNoContent {
		t.Fatalf("$chat.removeMessage: %d %s", status, body)
	}
	if status, body := e.Do(t, chattest.Alice, http.MethodGet, "/api/collections/messages/records/"+chattest.MsgAB1, nil); status != http.StatusOK ||
		!strings.Contains(string(body), `"removed":true`) || strings.Contains(string(body), "hello bob") {
		t.Fatalf("after $chat.removeMessage: %d %s", status, body)
	}
	for _, c := range []struct{ who, other, want string }{
		{chattest.Bob, chattest.Alice, `{"blocks":true}`},
		{chattest.Alice, chattest.Bob, `{"blocks":false}`},
		{chattest.Bob, chattest.Carol, `{"blocks":false}`},
	} {
		if status, body := e.Do(t, c.who, http.MethodGet, "/api/test/blocks/"+c.other, nil); status != http.StatusOK ||
			strings.TrimSpace(string(body)) != c.want {
			t.Errorf("$chat.blocks(%s, %s): %d %s, want %s", c.who, c.other, status, body, c.want)
		}
	}
}

// A hook file that doesn't run stops the app from starting, with the
// file's name, rather than serving without the hook its owner relies on.
func TestBrokenHookFileFailsLoudly(t *testing.T) {
	f := chattest.Load(t)
	app := f.NewApp(t)
	hub := realtime.New(app, realtime.Config{})
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "broken.pb.js"), []byte("onChatDeliver((e) => { e.next() }); nope("), 0o644)
	defer func() {
		r := recover()
		if r == nil || !strings.Contains(errString(r), "broken.pb.js") {
			t.Fatalf("recovered %v, want a panic naming broken.pb.js", r)
		}
	}()
	jshooks.MustRegister(app, hub, jshooks.Config{HooksDir: dir})
}

func errString(v any) string {
	if err, ok := v.(error); ok {
		return err.Error()
	}
	s, _ := v.(string)
	return s
}
