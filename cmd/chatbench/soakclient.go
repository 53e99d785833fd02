package main

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// soakClient is one user's socket, reconnecting and resuming from its
// last cursor until stopped.
type soakClient struct {
	idx   int
	user  user
	url   func() string
	slow  atomic.Bool
	stats *soakCounters

	mu       sync.Mutex
	ws       *websocket.Conn
	cursor   string
	received []int64      // seqs of message.created, in arrival order
	gen      atomic.Int64 // bumped to ask for a fresh connection
	ready    chan int64   // the gen of each connection that got ready
	stop     atomic.Bool
	done     chan struct{}
}

type soakCounters struct {
	drops, slowCloses, reconnects, deliveries, resyncs atomic.Int64
}

func (c *soakClient) run() {
	defer close(c.done)
	first := true
	for !c.stop.Load() {
		if !first {
			c.stats.reconnects.Add(1)
			time.Sleep(time.Duration(rand.IntN(500)) * time.Millisecond)
		}
		first = false
		gen := c.gen.Load()
		ws, _, err := dialer.Dial(c.url(), nil)
		if err != nil {
			time.Sleep(200 * time.Millisecond)
			continue
		}
		c.mu.Lock()
		c.ws = ws
		since := c.cursor
		c.mu.Unlock()
		auth := map[string]string{"type": "auth", "token": c.user.Token}
		if since != "" {
			auth["since"] = since
		}
		if err := ws.WriteJSON(auth); err != nil {
			ws.Close()
			continue
		}
		c.read(ws, gen)
		ws.Close()
	}
}

var (
	typeMark   = []byte(`{"type":"`)
	cursorMark = []byte(`"cursor":"`)
)

func (c *soakClient) read(ws *websocket.Conn, gen int64) {
	for {
		_, data, err := ws.ReadMessage()
		if err != nil {
			var ce *websocket.CloseError
			if errors.As(err, &ce) && ce.Code == 4008 {
				c.stats.slowCloses.Add(1)
			}
			return
		}
		if c.slow.Load() {
			time.Sleep(200 * time.Millisecond)
		}
		// Every frame with a cursor moves the resume point; ready's too.
		cur, hasCursor := cursorOf(data)
		c.mu.Lock()
		if hasCursor {
			c.cursor = cur
		}
		if bytes.HasPrefix(data, []byte(`{"type":"message.created"`)) {
			seq, _ := strconv.ParseInt(cur, 10, 64)
			c.received = append(c.received, seq)
			c.stats.deliveries.Add(1)
		}
		c.mu.Unlock()
		switch {
		case bytes.HasPrefix(data, []byte(`{"type":"ready"`)):
			select { // keep only the latest: this reader is the only sender
			case <-c.ready:
			default:
			}
			c.ready <- gen
		case bytes.HasPrefix(data, []byte(`{"type":"resync"`)):
			// more than the resume limit was missed; a real client reloads
			// over REST, this one counts what it misses as lost
			c.stats.resyncs.Add(1)
		}
	}
}

// cursorOf finds a frame's cursor without decoding all of it.
func cursorOf(data []byte) (string, bool) {
	i := bytes.Index(data, cursorMark)
	if i < 0 {
		return "", false
	}
	rest := data[i+len(cursorMark):]
	j := bytes.IndexByte(rest, '"')
	if j < 0 {
		return "", false
	}
	return string(rest[:j]), true
}

// drop closes the socket abruptly, as a network failure would.
func (c *soakClient) drop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.ws != nil {
		c.ws.NetConn().Close()
	}
}
