package realtime_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/pocketbase/pocketbase/core"

	"github.com/pbchat/pbchat/hooks"
	"github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/journal"
	"github.com/pbchat/pbchat/realtime"
)

func TestMain(m *testing.M) { chattest.Main(m) }

// wait bounds how long a test waits for something that should happen; it
// is a timeout for a hang, not a measure of speed.
const wait = 10 * time.Second

// env is a served, seeded app with the hooks and a hub.
type env struct {
	*chattest.Server
	hub *realtime.Hub
}

func newEnv(t *testing.T, config realtime.Config) *env {
	t.Helper()
	f := chattest.Load(t)
	app := f.NewApp(t)
	hub := realtime.MustRegister(app, config)
	hooks.MustRegister(app, hooks.Config{Sender: hub, ReceiptMembers: config.ReceiptMembers})
	return &env{Server: f.Serve(t, app), hub: hub}
}

func registerHooks(app core.App, hub *realtime.Hub) {
	hooks.MustRegister(app, hooks.Config{Sender: hub})
}

func (e *env) wsURL() string {
	return "ws" + strings.TrimPrefix(e.URL, "http") + realtime.SocketPath
}

// settle waits until the sender has delivered all the journal holds.
func (e *env) settle(t testing.TB) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		_, last, err := journal.Bounds(e.App)
		if err != nil {
			t.Fatal(err)
		}
		if e.hub.Stats().LastSeq >= last {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the sender is stuck at %d of %d", e.hub.Stats().LastSeq, last)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// frame is any server frame.
type frame struct {
	Type         string          `json:"type"`
	Conversation string          `json:"conversation"`
	Record       json.RawMessage `json:"record"`
	Cursor       string          `json:"cursor"`
	User         string          `json:"user"`
	LastReadAt   string          `json:"lastReadAt"`
	Online       bool            `json:"online"`
	LastSeen     string          `json:"lastSeen"`
	Error        string          `json:"error"`
	Data         json.RawMessage `json:"data"`

	closeCode int
	closeText string
}

func (f frame) text() string {
	var r struct{ Text string }
	json.Unmarshal(f.Record, &r)
	return r.Text
}

func (f frame) recordID() string {
	var r struct{ ID string }
	json.Unmarshal(f.Record, &r)
	return r.ID
}

// client is a websocket client whose frames a background reader collects.
// Presence frames, which arrive whenever a co-member connects, go to
// their own channel, so that the tests of other frames see none of them.
type client struct {
	t        testing.TB
	ws       *websocket.Conn
	frames   chan frame
	presence chan frame
}

func (e *env) dial(t testing.TB, header http.Header) (*websocket.Conn, *http.Response, error) {
	t.Helper()
	d := websocket.Dialer{HandshakeTimeout: wait}
	ws, res, err := d.Dial(e.wsURL(), header)
	if err == nil {
		t.Cleanup(func() { ws.Close() })
	}
	return ws, res, err
}

// open dials and starts reading, without authenticating.
func (e *env) open(t testing.TB, header http.Header) *client {
	t.Helper()
	ws, _, err := e.dial(t, header)
	if err != nil {
		t.Fatalf("dial: %v", err)
	}
	c := &client{t: t, ws: ws, frames: make(chan frame, 100_000), presence: make(chan frame, 100_000)}
	go c.read()
	return c
}

func (c *client) read() {
	defer close(c.frames)
	for {
		_, data, err := c.ws.ReadMessage()
		if err != nil {
			var ce *websocket.CloseError
			if errors.As(err, &ce) {
				c.frames <- frame{Type: "close", closeCode: ce.Code, closeText: ce.Text}
			} else {
				c.frames <- frame{Type: "close", closeCode: websocket.CloseAbnormalClosure, closeText: err.Error()}
			}
			return
		}
		var f frame
		if err := json.Unmarshal(data, &f); err != nil {
			c.t.Errorf("a frame that isn't JSON: %q", data)
		}
		if f.Type == "presence" {
			c.presence <- f
			continue
		}
		c.frames <- f
	}
}

// connect opens a socket as who, authenticates with the auth frame (and
// since, if given) and reads up to ready; it returns the client and what
// came before ready.
func (e *env) connect(t testing.TB, who, since string) (*client, []frame) {
	t.Helper()
	if since != "" {
		e.settle(t) // so that what the test posted before comes in the replay
	}
	c := e.open(t, nil)
	c.send(map[string]string{"type": "auth", "token": e.Fixture.Tokens[who], "since": since})
	var before []frame
	for {
		f := c.next()
		if f.Type == "ready" {
			if f.User != who {
				t.Fatalf("ready for %q, want %q", f.User, who)
			}
			return c, before
		}
		if f.Type == "close" {
			t.Fatalf("closed before ready: %d %s", f.closeCode, f.closeText)
		}
		before = append(before, f)
	}
}

func (c *client) send(v any) {
	c.t.Helper()
	if err := c.ws.WriteJSON(v); err != nil {
		c.t.Fatalf("send: %v", err)
	}
}

// next returns the next frame, failing the test if none comes.
func (c *client) next() frame {
	c.t.Helper()
	select {
	case f, ok := <-c.frames:
		if !ok {
			c.t.Fatal("the socket is closed")
		}
		return f
	case <-time.After(wait):
		c.t.Fatal("no frame came")
	}
	return frame{}
}

// expect returns the next frame, which must be of type typ.
func (c *client) expect(typ string) frame {
	c.t.Helper()
	f := c.next()
	if f.Type != typ {
		c.t.Fatalf("got %s frame (%+v), want %s", f.Type, f, typ)
	}
	return f
}

// expectMessage returns the next frame, which must be message.created
// with the given text.
func (c *client) expectMessage(text string) frame {
	c.t.Helper()
	f := c.expect("message.created")
	if f.text() != text {
		c.t.Fatalf("got message %q (%+v), want %q", f.text(), f, text)
	}
	return f
}

// expectClose reads frames up to the close, which must carry code.
func (c *client) expectClose(code int) frame {
	c.t.Helper()
	for {
		f := c.next()
		if f.Type == "close" {
			if f.closeCode != code {
				c.t.Fatalf("closed with %d %q, want %d", f.closeCode, f.closeText, code)
			}
			return f
		}
	}
}

// post saves a message as author, through the same hooks as the REST API.
func post(t testing.TB, app core.App, conv, author, text string) *core.Record {
	t.Helper()
	col, err := app.FindCachedCollectionByNameOrId("messages")
	if err != nil {
		t.Fatal(err)
	}
	m := core.NewRecord(col)
	m.Set("conversation", conv)
	m.Set("author", author)
	m.Set("text", text)
	if err := app.Save(m); err != nil {
		t.Fatalf("post: %v", err)
	}
	return m
}

// addMember has who add user to conv over REST and returns the member id.
func (e *env) addMember(t testing.TB, who, conv, user string) string {
	t.Helper()
	st, b := e.Do(t, who, "POST", "/api/collections/members/records", map[string]any{"conversation": conv, "user": user})
	if st != 200 {
		t.Fatalf("add %s to %s: %d %s", user, conv, st, b)
	}
	var m struct{ ID string }
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m.ID
}

// removeMember has who delete a member record over REST.
func (e *env) removeMember(t testing.TB, who, member string) {
	t.Helper()
	if st, b := e.Do(t, who, "DELETE", "/api/collections/members/records/"+member, nil); st != 204 {
		t.Fatalf("remove %s: %d %s", member, st, b)
	}
}
