//go:build faults

package faults

import (
	"encoding/json"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// got is one event frame a listener received.
type got struct {
	seq          int64
	typ          string
	conversation string
	record       string
}

// listener is one person's socket, kept open as chat-client.js keeps it:
// after any drop it reconnects (to the next of urls) and resumes from the
// last cursor. Everything it receives is kept, for the oracle.
type listener struct {
	t     *testing.T
	who   person
	urls  []string
	pin   bool // stay on urls[0]
	start int64

	mu       sync.Mutex
	events   []got
	cursor   string
	started  bool
	closed   int // the close code that ended it, if the server did
	resyncs  int
	stopping atomic.Bool
	done     chan struct{}
	ws       *websocket.Conn
}

func listen(t *testing.T, who person, urls ...string) *listener {
	return running(&listener{t: t, who: who, urls: urls, done: make(chan struct{})})
}

// listenPinned is a listener that stays on url, whatever happens.
func listenPinned(t *testing.T, who person, url string) *listener {
	return running(&listener{t: t, who: who, urls: []string{url}, pin: true, done: make(chan struct{})})
}

func running(l *listener) *listener {
	t, who := l.t, l.who
	go l.run()
	waitUntil(t, who.name+"'s first ready", 30*time.Second, func() bool {
		l.mu.Lock()
		defer l.mu.Unlock()
		return l.started
	})
	return l
}

func (l *listener) run() {
	defer close(l.done)
	for attempt := 0; !l.stopping.Load(); attempt++ {
		url := l.urls[0]
		if !l.pin {
			url = l.urls[attempt%len(l.urls)]
		}
		if code := l.session(url); code == 4401 {
			l.mu.Lock()
			l.closed = code
			l.mu.Unlock()
			return
		}
		if !l.stopping.Load() {
			time.Sleep(time.Duration(50+attempt%5*40) * time.Millisecond)
		}
	}
}

// session is one socket's life; it returns the close code the server
// sent, if any.
func (l *listener) session(url string) int {
	ws, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(url, "http")+"/api/chat/ws", nil)
	if err != nil {
		return 0
	}
	l.mu.Lock()
	l.ws = ws
	auth := map[string]string{"type": "auth", "token": l.who.token}
	if l.cursor != "" {
		auth["since"] = l.cursor
	}
	l.mu.Unlock()
	defer ws.Close()
	if ws.WriteJSON(auth) != nil {
		return 0
	}
	for {
		_, data, err := ws.ReadMessage()
		if err != nil {
			var ce *websocket.CloseError
			if ok := asClose(err, &ce); ok {
				return ce.Code
			}
			return 0
		}
		var f struct {
			Type, Conversation, Cursor string
			Record                     struct{ ID string }
		}
		if json.Unmarshal(data, &f) != nil {
			continue
		}
		l.mu.Lock()
		switch f.Type {
		case "ready":
			if !l.started {
				l.started = true
				l.start, _ = strconv.ParseInt(f.Cursor, 10, 64)
				l.cursor = f.Cursor
			}
		case "resync":
			l.resyncs++
		default:
			if f.Cursor != "" {
				seq, _ := strconv.ParseInt(f.Cursor, 10, 64)
				l.events = append(l.events, got{seq: seq, typ: f.Type, conversation: f.Conversation, record: f.Record.ID})
				l.cursor = f.Cursor
			}
		}
		l.mu.Unlock()
	}
}

func asClose(err error, ce **websocket.CloseError) bool {
	c, ok := err.(*websocket.CloseError)
	if ok {
		*ce = c
	}
	return ok
}

// drop cuts the current socket, as a network does; the listener comes back.
func (l *listener) drop() {
	l.mu.Lock()
	if l.ws != nil {
		l.ws.UnderlyingConn().Close()
	}
	l.mu.Unlock()
}

func (l *listener) stop() {
	l.stopping.Store(true)
	l.drop()
	<-l.done
}

// back starts a stopped listener again from where it was: a person whose
// device slept.
func (l *listener) back() {
	l.stopping.Store(false)
	l.done = make(chan struct{})
	go l.run()
}

func (l *listener) snapshot() ([]got, int64, int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]got(nil), l.events...), l.start, l.closed
}

func (l *listener) has(typ, record string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, e := range l.events {
		if e.typ == typ && e.record == record {
			return true
		}
	}
	return false
}

// poster sends messages with ids it chooses, retrying each with the same
// id until the server answers: a send is acknowledged once, stored once.
type poster struct {
	a      api
	mu     sync.Mutex
	acked  map[string]string // id → conversation
	tries  atomic.Int64
	failed atomic.Int64
}

func newPoster(a api) *poster { return &poster{a: a, acked: map[string]string{}} }

// post sends text to conv as who until it is acknowledged (or d passes,
// which fails the test) and returns the message's id.
func (p *poster) post(t *testing.T, who person, conv, text string, d time.Duration) string {
	id := newID()
	deadline := time.Now().Add(d)
	for {
		p.tries.Add(1)
		st, err := p.a.do("POST", "/api/collections/messages/records", who.token,
			map[string]any{"id": id, "conversation": conv, "text": text}, nil)
		if err == nil {
			p.mu.Lock()
			p.acked[id] = conv
			p.mu.Unlock()
			return id
		}
		if st == 400 || st == 403 || st == 404 {
			t.Errorf("post %s as %s: %v", id, who.name, err)
			return ""
		}
		p.failed.Add(1)
		if time.Now().After(deadline) {
			t.Errorf("post %s as %s: no answer within %s: %v", id, who.name, d, err)
			return ""
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (p *poster) ids() map[string]string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make(map[string]string, len(p.acked))
	for k, v := range p.acked {
		out[k] = v
	}
	return out
}
