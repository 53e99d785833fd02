package realtime_test

import (
	"crypto/rand"
	"encoding/binary"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/realtime"
)

// maskedFrame is a client text frame as it goes on the wire.
func maskedFrame(payload string) []byte {
	b := []byte{0x81}
	switch n := len(payload); {
	case n < 126:
		b = append(b, 0x80|byte(n))
	default:
		b = append(b, 0x80|126)
		b = binary.BigEndian.AppendUint16(b, uint16(n))
	}
	var key [4]byte
	rand.Read(key[:])
	b = append(b, key[:]...)
	for i := range len(payload) {
		b = append(b, payload[i]^key[i%4])
	}
	return b
}

// An idle socket waits in the epoll set without a reader: what its client
// sends must still be read whole, however it arrives.
func TestIdleSocketsReadEveryFrameHoweverItArrives(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	c, _ := e.connect(t, Alice, "")
	raw := c.ws.UnderlyingConn()

	// two frames in one write: both read, though the second arrived with
	// the first (nothing may wait unseen in a buffer)
	two := append(maskedFrame(`{"type":"nope-1"}`), maskedFrame(`{"type":"nope-2"}`)...)
	if _, err := raw.Write(two); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`unknown frame type "nope-1"`, `unknown frame type "nope-2"`} {
		if f := c.expect("error"); f.Error != want {
			t.Fatalf("got %q, want %q", f.Error, want)
		}
	}

	// a frame in pieces, a byte at a time: read once whole
	one := maskedFrame(`{"type":"nope-3"}`)
	for i := range one {
		raw.Write(one[i : i+1])
		time.Sleep(2 * time.Millisecond)
	}
	if f := c.expect("error"); f.Error != `unknown frame type "nope-3"` {
		t.Fatalf("got %q", f.Error)
	}

	// a ping is answered with its payload
	pong := make(chan string, 1)
	c.ws.SetPongHandler(func(s string) error { pong <- s; return nil })
	if err := c.ws.WriteControl(websocket.PingMessage, []byte("are you there"), time.Now().Add(time.Second)); err != nil {
		t.Fatal(err)
	}
	select {
	case s := <-pong:
		if s != "are you there" {
			t.Fatalf("pong %q", s)
		}
	case <-time.After(wait):
		t.Fatal("no pong")
	}

	// and the socket still gets its events, and typing works
	post(t, e.App, ConvAB, Bob, "still here?")
	c.expect("message.created")
}

// A client that begins a frame and never finishes it holds one of the
// few idle-socket workers until the frame's deadline (10 s), never the
// others' delivery.
func TestAHalfFrameHoldsUpNobodyElse(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	c, _ := e.connect(t, Alice, "")
	other, _ := e.connect(t, Bob, "")
	frame := maskedFrame(`{"type":"typing","conversation":"x"}`)
	c.ws.UnderlyingConn().Write(frame[:5])
	// the others are served meanwhile
	post(t, e.App, ConvAB, Alice, "hello")
	other.expect("message.created")
}
