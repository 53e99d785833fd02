package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// tally is what the clients of one run received, checked against what was
// posted: every post must reach each member of its conversation once, and
// nobody else.
type tally struct {
	posts   []post
	members func(conv int) []int // user indices
	convOf  func(user int) []int // the conversations a user is in

	seen      []bitset // per user: the posts received
	lat       [][]time.Duration
	received  atomic.Int64
	dups      atomic.Int64
	misdeliv  atomic.Int64
	strays    atomic.Int64 // frames that named no post of this run
	lastRecv  atomic.Int64 // unix nanos
	firstPost atomic.Int64
}

type post struct {
	conv  int
	start atomic.Int64 // unix nanos, set just before the POST
}

type bitset []uint64

func (b bitset) testAndSet(i int) bool {
	w, m := i/64, uint64(1)<<(i%64)
	old := b[w]&m != 0
	b[w] |= m
	return old
}

func newTally(users, posts int, convOf func(int) []int, members func(int) []int) *tally {
	t := &tally{posts: make([]post, posts), members: members, convOf: convOf,
		seen: make([]bitset, users), lat: make([][]time.Duration, users)}
	for i := range t.seen {
		t.seen[i] = make(bitset, posts/64+1)
	}
	return t
}

var textMark = []byte(`"text":"b:`)

// receive records that user got the frame data, which is one client's
// only reader, so the user's own slices need no lock.
func (t *tally) receive(user int, data []byte, at time.Time) {
	i := bytes.Index(data, textMark)
	if i < 0 {
		t.strays.Add(1)
		return
	}
	rest := data[i+len(textMark):]
	j := bytes.IndexByte(rest, '"')
	n, err := strconv.Atoi(string(rest[:max(j, 0)]))
	if j < 0 || err != nil || n < 0 || n >= len(t.posts) {
		t.strays.Add(1)
		return
	}
	p := &t.posts[n]
	member := false
	for _, c := range t.convOf(user) {
		if c == p.conv {
			member = true
		}
	}
	if !member {
		t.misdeliv.Add(1)
		return
	}
	if t.seen[user].testAndSet(n) {
		t.dups.Add(1)
		return
	}
	t.lat[user] = append(t.lat[user], at.Sub(time.Unix(0, p.start.Load())))
	t.received.Add(1)
	t.lastRecv.Store(at.UnixNano())
}

// client is one connected user of either transport.
type client interface {
	close()
}

// wsClient is a websocket client of /api/chat/ws.
type wsClient struct{ ws *websocket.Conn }

func (c *wsClient) close() { c.ws.Close() }

var dialer = websocket.Dialer{HandshakeTimeout: 30 * time.Second, ReadBufferSize: 4096}

// dialWS connects and authenticates; frames go to onFrame until close.
func dialWS(base string, u user, onFrame func([]byte)) (*wsClient, error) {
	ws, _, err := dialer.Dial("ws"+strings.TrimPrefix(base, "http")+"/api/chat/ws", nil)
	if err != nil {
		return nil, err
	}
	if err := ws.WriteJSON(map[string]string{"type": "auth", "token": u.Token}); err != nil {
		ws.Close()
		return nil, err
	}
	ws.SetReadDeadline(time.Now().Add(30 * time.Second))
	_, data, err := ws.ReadMessage()
	if err != nil || !bytes.Contains(data, []byte(`"ready"`)) {
		ws.Close()
		return nil, fmt.Errorf("no ready: %v %s", err, data)
	}
	ws.SetReadDeadline(time.Time{})
	go func() {
		for {
			_, data, err := ws.ReadMessage()
			if err != nil {
				return
			}
			if onFrame != nil && bytes.HasPrefix(data, []byte(`{"type":"message.created"`)) {
				onFrame(data)
			}
		}
	}()
	return &wsClient{ws: ws}, nil
}

// sseClient is a client of PocketBase's own realtime, subscribed to
// messages with the user's auth, as the JS SDK's subscribe("*") does.
type sseClient struct{ cancel context.CancelFunc }

func (c *sseClient) close() { c.cancel() }

var sseHTTP = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}

func dialSSE(base string, u user, onEvent func([]byte)) (*sseClient, error) {
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/api/realtime", nil)
	res, err := sseHTTP.Do(req)
	if err != nil {
		cancel()
		return nil, err
	}
	r := bufio.NewReaderSize(res.Body, 4096)
	var event string
	var clientID string
	// PB_CONNECT first
	for clientID == "" {
		line, err := r.ReadBytes('\n')
		if err != nil {
			cancel()
			return nil, fmt.Errorf("sse connect: %w", err)
		}
		if bytes.HasPrefix(line, []byte("data:")) {
			var c struct{ ClientID string }
			json.Unmarshal(bytes.TrimSpace(line[5:]), &c)
			clientID = c.ClientID
		}
	}
	sub, _ := json.Marshal(map[string]any{"clientId": clientID, "subscriptions": []string{"messages"}})
	preq, _ := http.NewRequest("POST", base+"/api/realtime", bytes.NewReader(sub))
	preq.Header.Set("Content-Type", "application/json")
	preq.Header.Set("Authorization", u.Token)
	pres, err := sseHTTP.Do(preq)
	if err != nil {
		cancel()
		return nil, err
	}
	pres.Body.Close()
	if pres.StatusCode != 204 {
		cancel()
		return nil, fmt.Errorf("sse subscribe: %d", pres.StatusCode)
	}
	go func() {
		defer res.Body.Close()
		for {
			line, err := r.ReadBytes('\n')
			if err != nil {
				return
			}
			switch {
			case bytes.HasPrefix(line, []byte("event:")):
				event = string(bytes.TrimSpace(line[6:]))
			case bytes.HasPrefix(line, []byte("data:")) && event == "messages":
				if onEvent != nil && bytes.Contains(line, []byte(`"action":"create"`)) {
					onEvent(line)
				}
			}
		}
	}()
	return &sseClient{cancel: cancel}, nil
}

// connectAll connects users [0, n) over the transport, 32 at a time.
// connectAll connects n users, spread over bases (the edges, or the one
// server).
func connectAll(transport string, bases []string, users []user, n int, onFrame func(user int, data []byte), bar *progress) ([]client, error) {
	clients := make([]client, n)
	var mu sync.Mutex
	bar.start(fmt.Sprintf("connect %d %s clients", n, transport), n)
	defer bar.finish()
	err := parallel(n, 32, func(i int) error {
		var f func([]byte)
		if onFrame != nil {
			f = func(data []byte) { onFrame(i, data) }
		}
		var c client
		var err error
		if transport == "websocket" {
			c, err = dialWS(bases[i%len(bases)], users[i], f)
		} else {
			c, err = dialSSE(bases[0], users[i], f)
		}
		if err != nil {
			return fmt.Errorf("client %d: %w", i, err)
		}
		mu.Lock()
		clients[i] = c
		mu.Unlock()
		bar.add(1)
		return nil
	})
	return clients, err
}

func closeAll(clients []client) {
	for _, c := range clients {
		if c != nil {
			c.close()
		}
	}
}
