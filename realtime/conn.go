package realtime

import (
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// conn is one client's socket. One goroutine reads it for its whole life.
// Writes go through a bounded queue drained by a writer goroutine that runs
// only while there is something to send, so an idle socket costs no
// goroutine but its reader (see BENCHMARKS.md for what that buys).
type conn struct {
	hub *Hub
	ws  *websocket.Conn

	// frames is the socket under ws when it can wait in the hub's epoll
	// set once idle (nil for TLS); pollID and fd are its registration.
	frames *frameConn
	pollID uint32
	fd     int
	idle   atomic.Bool // in the epoll set: no goroutine reads it
	ended  sync.Once

	// set once authenticated, before the conn is registered
	user     string
	tokenKey string
	expires  time.Time

	// snapshot is who of its user's people was online at registration,
	// told after ready; nil after that
	snapshot []presenceFrame

	mu      sync.Mutex
	queue   []*websocket.PreparedMessage
	writing bool // a writer goroutine is draining queue
	held    bool // replay in progress: queue, but don't write yet
	closing bool // closeFrame is queued: nothing more goes in
	closed  bool

	// what the writer closes with when it reaches closeFrame
	closeCode   int
	closeReason string
}

// closeFrame is a marker in the queue: the writer sends a close (closeCode,
// closeReason) for it, after the frames before it, so that a client that
// is slow but alive, or whose token was revoked, reads all it was sent up
// to that point, then the close.
var closeFrame = &websocket.PreparedMessage{}

func newConn(h *Hub, ws *websocket.Conn, frames *frameConn) *conn {
	c := &conn{hub: h, ws: ws, held: true, frames: frames}
	if frames != nil {
		frames.pong = func(payload []byte) {
			ws.WriteControl(websocket.PongMessage, payload, time.Now().Add(closeWait))
		}
	}
	return c
}

// enqueue queues a frame without ever blocking. A socket whose queue is
// full is closed with CloseSlow: its client resumes from its last cursor.
func (c *conn) enqueue(m *websocket.PreparedMessage) bool {
	c.mu.Lock()
	if c.closed || c.closing {
		c.mu.Unlock()
		return false
	}
	if len(c.queue) >= c.hub.config.SendBuffer {
		c.hub.stats.closedSlow.Add(1)
		c.queue = c.queue[:0]
		c.closeLocked(CloseSlow, "too far behind: resume from your last cursor")
		return false
	}
	c.queue = append(c.queue, m)
	c.startLocked()
	return true
}

// closeAfterQueue closes the socket with code once what is queued so far
// has been written; nothing queued later goes out.
func (c *conn) closeAfterQueue(code int, reason string) {
	c.mu.Lock()
	if c.closed || c.closing {
		c.mu.Unlock()
		return
	}
	c.closeLocked(code, reason)
}

// closeLocked queues closeFrame and unlocks c.mu, which the caller holds.
func (c *conn) closeLocked(code int, reason string) {
	c.closing = true
	c.closeCode, c.closeReason = code, reason
	c.queue = append(c.queue, closeFrame)
	c.startLocked()
}

// startLocked unlocks c.mu, which the caller holds, and starts the writer
// if none is draining the queue and no replay holds it.
func (c *conn) startLocked() {
	start := !c.writing && !c.held
	if start {
		c.writing = true
	}
	c.mu.Unlock()
	if start {
		go c.writeLoop()
	}
}

// release ends the hold set while a replay is written, and starts the
// writer for what queued up meanwhile.
func (c *conn) release() {
	c.mu.Lock()
	c.held = false
	start := !c.closed && !c.writing && len(c.queue) > 0
	if start {
		c.writing = true
	}
	c.mu.Unlock()
	if start {
		go c.writeLoop()
	}
}

func (c *conn) writeLoop() {
	for {
		c.mu.Lock()
		batch := c.queue
		c.queue = nil
		if len(batch) == 0 || c.closed {
			c.writing = false
			c.mu.Unlock()
			return
		}
		c.mu.Unlock()

		for _, m := range batch {
			if err := c.write(m); err != nil {
				c.abort()
				return
			}
		}
	}
}

// write sends one frame. Only the writer goroutine calls it, or the reader
// while the conn is held (replay), never both at once.
func (c *conn) write(m *websocket.PreparedMessage) error {
	deadline := time.Now().Add(writeWait)
	if m == closeFrame {
		c.mu.Lock()
		code, reason := c.closeCode, c.closeReason
		c.mu.Unlock()
		c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), deadline)
		return fmt.Errorf("closed with %d", code)
	}
	c.ws.SetWriteDeadline(deadline)
	if err := c.ws.WritePreparedMessage(m); err != nil {
		return err
	}
	c.hub.stats.frames.Add(1)
	return nil
}

// ping sends a ping beside the writer (gorilla allows WriteControl
// concurrently with it). A socket that can't take it in time is stalled:
// its read deadline, or its full queue, closes it.
func (c *conn) ping() {
	c.ws.WriteControl(websocket.PingMessage, nil, time.Now().Add(closeWait))
}

// pending reports whether frames still wait to be written.
func (c *conn) pending() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return !c.closed && (c.writing || len(c.queue) > 0)
}

// closeWith sends a close frame with code and reason, then closes the
// socket; its reader then unregisters it. Safe from any goroutine: gorilla
// allows WriteControl and Close beside the writer.
func (c *conn) closeWith(code int, reason string) {
	c.mu.Lock()
	c.closed = true
	c.queue = nil
	c.mu.Unlock()
	err := c.ws.WriteControl(websocket.CloseMessage,
		websocket.FormatCloseMessage(code, reason), time.Now().Add(closeWait))
	if err != nil && !errors.Is(err, websocket.ErrCloseSent) {
		c.hub.log.Debug("chat: close frame not sent",
			slog.String("user", c.user), slog.Int("code", code), slog.String("error", err.Error()))
	}
	c.ws.Close()
	c.endIdle()
}

// abort drops a socket whose write failed.
func (c *conn) abort() {
	c.mu.Lock()
	c.closed = true
	c.queue = nil
	c.writing = false
	c.mu.Unlock()
	c.ws.Close()
	c.endIdle()
}

// endIdle takes a socket that waits in the epoll set out of it and out of
// the hub: no reader goroutine will notice it closed. Once.
func (c *conn) endIdle() {
	if !c.idle.Load() {
		return
	}
	c.ended.Do(func() {
		c.hub.poller.forget(c)
		c.ws.Close()
		c.hub.unregister(c)
	})
}

// run authenticates the socket, registers it and replays what it missed,
// then hands it to a fresh goroutine that reads it for the rest of its life.
// Authentication and replay query the database through deep call stacks;
// the goroutine that did them ends, so that an idle socket keeps only a
// small stack (see BENCHMARKS.md).
func (c *conn) run(headerToken, headerSince string) {
	live := false
	defer func() {
		if !live {
			c.ws.Close()
			c.hub.unregister(c)
		}
	}()

	c.ws.SetReadLimit(maxFrameSize)
	token, since := headerToken, headerSince
	if token == "" {
		c.ws.SetReadDeadline(time.Now().Add(c.hub.authWait))
		_, data, err := c.ws.ReadMessage()
		if err != nil {
			if errors.Is(err, websocket.ErrReadLimit) {
				return // gorilla has already sent 1009
			}
			c.closeWith(CloseUnauthorized, "no auth frame within 10s")
			return
		}
		f, err := decodeFrame(data)
		if err != nil || f.Type != frameAuth {
			c.closeWith(CloseUnauthorized, "the first frame must be {\"type\":\"auth\",\"token\":\"…\"}")
			return
		}
		token, since = f.Token, f.Since
	}

	reason, err := c.hub.authenticate(c, token)
	if err != nil {
		c.hub.log.Error("chat: authenticate: " + err.Error())
		c.closeWith(websocket.CloseTryAgainLater, "can't check the token now; try again")
		return
	}
	if reason != "" {
		c.closeWith(CloseUnauthorized, reason)
		return
	}
	if !c.hub.reached(since) {
		c.closeWith(websocket.CloseTryAgainLater, "this server is behind your cursor; try again")
		return
	}
	liveFrom, ok, err := c.hub.register(c)
	if err != nil {
		c.hub.log.Error("chat: read blocks: " + err.Error())
		c.closeWith(websocket.CloseTryAgainLater, "can't read your blocks now; try again")
		return
	}
	if !ok {
		c.closeWith(CloseTooManySockets, "too many open sockets for this user")
		return
	}
	// Checked again now that it is registered: a revocation that committed
	// between the first check and the registration is behind liveFrom, and
	// would never reach this socket. One that commits later comes live.
	if reason, err := c.hub.recheck(c, token); err != nil || reason != "" {
		if err != nil {
			c.closeWith(websocket.CloseTryAgainLater, "can't check the token now; try again")
		} else {
			c.closeWith(CloseUnauthorized, reason)
		}
		return
	}
	if c.hub.stopping.Load() { // registered after Stop looked: close it here
		c.closeWith(websocket.CloseGoingAway, "server shutting down")
		return
	}
	if err := c.hub.catchUp(c, since, liveFrom); err != nil {
		c.abort()
		return
	}
	c.release()

	live = true
	if c.frames != nil && c.hub.poller != nil && c.hub.poller.prepare(c) == nil {
		// idle from here: the socket waits in the epoll set, and this
		// goroutine, with its stack, ends
		c.ws.SetReadDeadline(time.Time{})
		c.frames.heard.Store(time.Now().UnixNano())
		c.idle.Store(true)
		if err := c.hub.poller.watch(c); err == nil {
			return
		}
		c.idle.Store(false) // closed meanwhile, or no epoll: read it here
	}
	pongWait := 2 * c.hub.config.PingInterval
	c.ws.SetReadDeadline(time.Now().Add(pongWait))
	c.ws.SetPongHandler(func(string) error {
		return c.ws.SetReadDeadline(time.Now().Add(pongWait))
	})
	c.hub.running.Add(1)
	go c.readLoop(pongWait)
}

// readIdle reads what made an idle socket readable: a ping or pong, which
// frameConn answers, or a message, which gorilla reads whole. A frame once
// begun must come in within frameWait. It reports whether the socket goes
// back to waiting.
func (c *conn) readIdle() bool {
	c.ws.SetReadDeadline(time.Now().Add(frameWait))
	forGorilla, err := c.frames.readControl()
	if err != nil {
		return false
	}
	if forGorilla {
		_, data, err := c.ws.ReadMessage()
		if err != nil {
			return false
		}
		c.handle(data)
	}
	c.ws.SetReadDeadline(time.Time{})
	return true
}

// silent reports whether an idle socket has sent nothing, not even a pong,
// for longer than wait: its peer is gone.
func (c *conn) silent(now time.Time, wait time.Duration) bool {
	return c.idle.Load() && now.Sub(time.Unix(0, c.frames.heard.Load())) > wait
}

// readLoop reads typing frames until the socket closes.
func (c *conn) readLoop(pongWait time.Duration) {
	defer c.hub.running.Done()
	defer c.hub.unregister(c)
	defer c.ws.Close()
	for {
		_, data, err := c.ws.ReadMessage()
		if err != nil {
			return
		}
		c.ws.SetReadDeadline(time.Now().Add(pongWait))
		c.handle(data)
	}
}

// handle acts on a frame from a live socket.
func (c *conn) handle(data []byte) {
	f, err := decodeFrame(data)
	switch {
	case err != nil:
		c.sendError(err.Error())
	case f.Type == frameTyping:
		c.hub.typing(c.user, f.Conversation)
	default:
		c.sendError("already authenticated")
	}
}

func (c *conn) sendError(msg string) {
	if m, err := encode(errorFrame{Type: frameError, Error: msg}); err == nil {
		c.enqueue(m)
	}
}
