package cluster_test

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/nats-io/nats-server/v2/server"

	"github.com/pbchat/pbchat/cluster"
	"github.com/pbchat/pbchat/hooks"
	"github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/realtime"
)

func TestMain(m *testing.M) { chattest.Main(m) }

// wait bounds how long a test waits for something that should happen.
const wait = 15 * time.Second

const secret = "a-shared-secret-of-the-test"

// world is a primary with an in-process NATS and its edges.
type world struct {
	t       *testing.T
	primary *chattest.Server
	hub     *realtime.Hub
	nats    *server.Server
	natsURL string
	port    int
	edges   []*edgeServer

	mu     sync.Mutex
	killed map[*edgeServer]bool

	// primaryForEdges is the URL edges ask (default: the primary's own)
	primaryForEdges string
}

type edgeServer struct {
	*httptest.Server
	edge *cluster.Edge
}

func newWorld(t *testing.T, edges int) *world {
	t.Helper()
	w := &world{t: t, killed: map[*edgeServer]bool{}}
	w.startNATS()
	f := chattest.Load(t)
	app := f.NewApp(t)
	w.hub = realtime.MustRegister(app, realtime.Config{})
	hooks.MustRegister(app, hooks.Config{Sender: w.hub})
	cluster.MustRegister(app, w.hub, cluster.Config{NATS: w.natsURL, Secret: secret, Node: "primary"})
	w.primary = f.Serve(t, app)
	for i := range edges {
		w.edges = append(w.edges, w.startEdge("edge"+strconv.Itoa(i)))
	}
	return w
}

func (w *world) startNATS() {
	w.t.Helper()
	opts := &server.Options{Host: "127.0.0.1", Port: -1, NoLog: true, NoSigs: true}
	if w.port != 0 {
		opts.Port = w.port // a restart: the same address, as a real one would be
	}
	ns, err := server.NewServer(opts)
	if err != nil {
		w.t.Fatal(err)
	}
	go ns.Start()
	if !ns.ReadyForConnections(wait) {
		w.t.Fatal("NATS did not start")
	}
	w.nats = ns
	w.natsURL = ns.ClientURL()
	addr := ns.Addr().String()
	w.port, _ = strconv.Atoi(addr[strings.LastIndex(addr, ":")+1:])
	w.t.Cleanup(ns.Shutdown)
}

// restartNATS stops NATS and starts it again on the same port.
func (w *world) restartNATS() {
	w.nats.Shutdown()
	w.nats.WaitForShutdown()
	w.startNATS()
}

func (w *world) startEdge(name string) *edgeServer {
	w.t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	e, err := cluster.NewEdge(cluster.EdgeConfig{
		Config:  cluster.Config{NATS: w.natsURL, Secret: secret, Node: name},
		Primary: cmp.Or(w.primaryForEdges, w.primary.URL),
	}, log)
	if err != nil {
		w.t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), wait)
	defer cancel()
	if err := e.Start(ctx); err != nil {
		w.t.Fatal(err)
	}
	s := &edgeServer{Server: httptest.NewServer(e.Handler()), edge: e}
	w.t.Cleanup(func() { s.kill() })
	return s
}

// kill stops an edge as a crash would look to its clients: every socket
// goes.
func (s *edgeServer) kill() {
	s.Server.CloseClientConnections()
	s.Server.Close()
	s.edge.Stop()
}

// dialPrimary opens a socket on the primary itself, which is a node too.
func (w *world) dialPrimary(t *testing.T, token string) (*socket, error) {
	s, _, err := dial(t, &edgeServer{Server: w.primary.Server}, token, "")
	return s, err
}

func (s *edgeServer) wsURL() string {
	return "ws" + strings.TrimPrefix(s.URL, "http") + realtime.SocketPath
}

// frame is any server frame.
type frame struct {
	Type         string          `json:"type"`
	Conversation string          `json:"conversation"`
	Record       json.RawMessage `json:"record"`
	Cursor       string          `json:"cursor"`
	User         string          `json:"user"`
	Online       bool            `json:"online"`
	code         int
}

func (f frame) recordID() string {
	var r struct{ ID string }
	json.Unmarshal(f.Record, &r)
	return r.ID
}

// socket is one websocket to an edge, its frames read in the background.
type socket struct {
	ws     *websocket.Conn
	frames chan frame
}

// dial opens an authenticated socket with token on s (resuming after
// since, if given) and returns it once ready, with what came before ready.
func dial(t *testing.T, s *edgeServer, token, since string) (*socket, []frame, error) {
	ws, _, err := websocket.DefaultDialer.Dial(s.wsURL(), nil)
	if err != nil {
		return nil, nil, err
	}
	auth := map[string]string{"type": "auth", "token": token}
	if since != "" {
		auth["since"] = since
	}
	if err := ws.WriteJSON(auth); err != nil {
		ws.Close()
		return nil, nil, err
	}
	c := &socket{ws: ws, frames: make(chan frame, 10_000)}
	go c.read()
	var before []frame
	for {
		select {
		case f, ok := <-c.frames:
			if !ok || f.Type == "close" {
				return nil, nil, &closedError{f.code}
			}
			if f.Type == "ready" {
				return c, before, nil
			}
			before = append(before, f)
		case <-time.After(wait):
			ws.Close()
			return nil, nil, errors.New("no ready")
		}
	}
}

// closedError is a socket closed before ready, with its close code.
type closedError struct{ code int }

func (e *closedError) Error() string { return "closed before ready: " + strconv.Itoa(e.code) }

func (c *socket) read() {
	defer close(c.frames)
	for {
		_, data, err := c.ws.ReadMessage()
		if err != nil {
			var ce *websocket.CloseError
			if errors.As(err, &ce) {
				c.frames <- frame{Type: "close", code: ce.Code}
			} else {
				c.frames <- frame{Type: "close", code: websocket.CloseAbnormalClosure}
			}
			return
		}
		var f frame
		json.Unmarshal(data, &f)
		c.frames <- f
	}
}

// next returns the next frame of one of types, skipping others.
func (c *socket) next(t *testing.T, types ...string) frame {
	t.Helper()
	deadline := time.After(wait)
	for {
		select {
		case f, ok := <-c.frames:
			if !ok {
				t.Fatal("the socket is closed")
			}
			for _, typ := range types {
				if f.Type == typ {
					return f
				}
			}
		case <-deadline:
			t.Fatalf("no %v frame came", types)
		}
	}
}

// none fails if a frame of one of types comes within d.
func (c *socket) none(t *testing.T, d time.Duration, types ...string) {
	t.Helper()
	deadline := time.After(d)
	for {
		select {
		case f, ok := <-c.frames:
			if !ok {
				return
			}
			for _, typ := range types {
				if f.Type == typ {
					t.Fatalf("unexpected %s frame: %+v", f.Type, f)
				}
			}
		case <-deadline:
			return
		}
	}
}

func (w *world) post(t *testing.T, who, conv, text string) string {
	t.Helper()
	status, body := w.primary.Do(t, who, http.MethodPost, "/api/collections/messages/records",
		map[string]string{"conversation": conv, "text": text})
	if status != http.StatusOK {
		t.Fatalf("post: %d %s", status, body)
	}
	var r struct{ ID string }
	json.Unmarshal(body, &r)
	return r.ID
}

// primaryBehindASwitch puts the primary, as edges started from now on see
// it, behind a proxy that answers 502 while the switch is on: the primary
// down, for the edges, while the test goes on using it.
func (w *world) primaryBehindASwitch() *atomic.Bool {
	var down atomic.Bool
	target, _ := url.Parse(w.primary.URL)
	proxy := httputil.NewSingleHostReverseProxy(target)
	front := httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if down.Load() {
			http.Error(rw, "primary down", http.StatusBadGateway)
			return
		}
		proxy.ServeHTTP(rw, r)
	}))
	w.t.Cleanup(front.Close)
	w.primaryForEdges = front.URL
	return &down
}
