// Package realtime is the chat's websocket sender: a long-running,
// lifecycle-bound service that keeps every signed-in user's sockets and
// pushes each committed chat event to every socket of each participant, in
// commit order, with resume from a cursor so that nothing is lost.
//
// Register it, and hand its Hub to the hooks as their Sender:
//
//	hub := realtime.MustRegister(app, realtime.Config{})
//	hooks.MustRegister(app, hooks.Config{Sender: hub})
//
// The wire protocol is described in docs/websocket.md.
package realtime

import (
	"encoding/json/v2"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"github.com/pbchat/pbchat/hooks"
)

// Routes.
const (
	SocketPath = "/api/chat/ws"
	StatsPath  = "/api/chat/stats"
)

// MustRegister creates a Hub for app, serves it at SocketPath and StatsPath,
// starts it with the server (OnServe) and stops it with the app
// (OnTerminate). It panics on error.
func MustRegister(app core.App, config Config) *Hub {
	h, err := Register(app, config)
	if err != nil {
		panic(err)
	}
	return h
}

// Register is MustRegister returning its error.
func Register(app core.App, config Config) (*Hub, error) {
	h := New(app, config)

	app.OnServe().BindFunc(func(e *core.ServeEvent) error {
		if err := h.start(); err != nil {
			return err
		}
		e.Router.GET(SocketPath, apis.WrapStdHandler(h))
		e.Router.GET(StatsPath, func(e *core.RequestEvent) error {
			return e.JSON(http.StatusOK, h.Stats())
		}).Bind(apis.RequireSuperuserAuth())
		return e.Next()
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		h.Stop()
		return e.Next()
	})

	// A revocation (a new password or email, a deleted user, a new token
	// secret) comes through the journal as journal.TokenRevoked, in commit
	// order, and closes its sockets there (Hub.revoke).
	app.OnRecordAfterUpdateSuccess(hooks.Users).BindFunc(func(e *core.RecordEvent) error {
		h.presence.refresh(e.Record.Id) // presenceHidden may have changed
		return e.Next()
	})

	return h, nil
}

// upgrader: small read buffers, since clients send only small frames, and
// pooled write buffers held only while a frame is written.
var upgrader = websocket.Upgrader{
	ReadBufferSize:   256,
	WriteBufferSize:  4096,
	WriteBufferPool:  &sync.Pool{},
	HandshakeTimeout: 10 * time.Second,
	// Origins are checked before Upgrade, with a JSON 403.
	CheckOrigin: func(*http.Request) bool { return true },
}

// ServeHTTP serves the socket route: it upgrades the request and hands
// the socket to a fresh reader goroutine; the handler returns, so that
// net/http's connection goroutine and its stack go away after the hijack.
func (h *Hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.stopping.Load() {
		writeError(w, http.StatusServiceUnavailable, "The server is shutting down.")
		return
	}
	if !h.originAllowed(r) {
		writeError(w, http.StatusForbidden, "Websocket connections from this origin are not allowed.")
		return
	}
	hj := &frameHijacker{ResponseWriter: w}
	ws, err := upgrader.Upgrade(hj, r, nil)
	if err != nil {
		return // the upgrader has answered
	}
	c := newConn(h, ws, hj.conn)
	token := strings.TrimSpace(r.Header.Get("Authorization"))
	token = strings.TrimSpace(strings.TrimPrefix(token, "Bearer "))
	h.running.Add(1)
	go func() {
		defer h.running.Done()
		c.run(token, r.URL.Query().Get("since"))
	}()
}

// writeError answers as PocketBase's API errors read.
func writeError(w http.ResponseWriter, status int, message string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	b, _ := json.Marshal(map[string]any{"status": status, "message": message, "data": map[string]any{}})
	w.Write(b)
}

// originAllowed lets through requests without an Origin (non-browser
// clients), from the server's own origin, and from the configured ones.
func (h *Hub) originAllowed(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	if slices.Contains(h.config.AllowedOrigins, "*") {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false
	}
	if strings.EqualFold(u.Host, r.Host) {
		return true
	}
	for _, allowed := range h.config.AllowedOrigins {
		if strings.EqualFold(strings.TrimRight(allowed, "/"), origin) {
			return true
		}
	}
	return false
}

// authenticate checks a users auth token and fills c's identity; a
// non-empty reason refuses the token (4401); an error is the store's, and
// the client should come back later.
func (h *Hub) authenticate(c *conn, token string) (reason string, err error) {
	id, err := h.store.Authenticate(token)
	if err != nil {
		if reason, ok := isRefusal(err); ok {
			return reason, nil
		}
		return "", err
	}
	c.user, c.tokenKey, c.expires = id.User, id.TokenKey, id.Expires
	return "", nil
}

// recheck checks c's token again once c is registered, changing nothing of
// c (the keepalive may read it now): a non-empty reason refuses it.
func (h *Hub) recheck(c *conn, token string) (reason string, err error) {
	id, err := h.store.Authenticate(token)
	if err != nil {
		if reason, ok := isRefusal(err); ok {
			return reason, nil
		}
		return "", err
	}
	if id.User != c.user || id.TokenKey != c.tokenKey {
		return "token revoked: sign in again", nil
	}
	return "", nil
}

// Stop delivers what is queued (for at most five seconds), then closes
// every socket with 1001. The app calls it on terminate.
func (h *Hub) Stop() {
	if !h.stopping.CompareAndSwap(false, true) || h.cancel == nil {
		return
	}
	deadline := time.Now().Add(shutdownWait)
	h.cancel()
	select {
	case <-h.done:
	case <-time.After(time.Until(deadline)):
	}
	h.presence.stop() // everyone is going: nobody is told so
	defer h.poller.close()
	all := h.conns(func(string) bool { return true })
	for _, c := range all {
		for c.pending() && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
	}
	var wg sync.WaitGroup
	for _, c := range all {
		wg.Go(func() { c.closeWith(websocket.CloseGoingAway, "server shutting down") })
	}
	wg.Wait()
	// Sockets still authenticating or replaying query the database: the
	// app may close it once they are done.
	finished := make(chan struct{})
	go func() { h.running.Wait(); close(finished) }()
	select {
	case <-finished:
	case <-time.After(shutdownWait):
	}
	h.log.Debug("chat: realtime stopped", slog.Int("sockets", len(all)))
}
