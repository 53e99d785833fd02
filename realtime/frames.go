package realtime

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"net/http"
	"sync/atomic"
	"time"
)

// frameConn is a socket as gorilla reads it: it hands gorilla one frame at
// a time and never a byte of the next, so that once gorilla has read a
// frame nothing waits in its buffer, and the kernel's readiness of the
// socket tells whether another has come. That lets an idle socket wait in
// an epoll set instead of in a goroutine of its own (idle_linux.go). It
// answers pings and takes pongs itself, between frames, so that gorilla is
// only asked to read when a message (or a close) has begun.
type frameConn struct {
	net.Conn

	hdr       [14]byte
	hdrN      int   // header bytes of the current frame
	hdrOff    int   // of those, handed to gorilla
	remaining int64 // payload bytes of the current frame not yet handed

	heard atomic.Int64 // unix nanos of the last frame from the client
	pong  func(payload []byte)
}

// Read implements net.Conn for gorilla's reader.
func (f *frameConn) Read(p []byte) (int, error) {
	if f.hdrOff < f.hdrN {
		n := copy(p, f.hdr[f.hdrOff:f.hdrN])
		f.hdrOff += n
		return n, nil
	}
	if f.remaining == 0 {
		// gorilla wants another frame: the first ones (authentication, in
		// a goroutine that waits for them), or the rest of a message
		if _, err := f.nextHeader(); err != nil {
			return 0, err
		}
		return f.Read(p)
	}
	if int64(len(p)) > f.remaining {
		p = p[:f.remaining]
	}
	n, err := f.Conn.Read(p)
	f.remaining -= int64(n)
	return n, err
}

var errControlTooLong = errors.New("websocket: a control frame over 125 bytes")

// nextHeader reads the next frame's header from the socket.
func (f *frameConn) nextHeader() (opcode byte, err error) {
	if _, err := io.ReadFull(f.Conn, f.hdr[:2]); err != nil {
		return 0, err
	}
	n := 2
	length := int64(f.hdr[1] & 0x7f)
	switch length {
	case 126:
		if _, err := io.ReadFull(f.Conn, f.hdr[2:4]); err != nil {
			return 0, err
		}
		length, n = int64(binary.BigEndian.Uint16(f.hdr[2:4])), 4
	case 127:
		if _, err := io.ReadFull(f.Conn, f.hdr[2:10]); err != nil {
			return 0, err
		}
		length, n = int64(binary.BigEndian.Uint64(f.hdr[2:10])), 10
	}
	if f.hdr[1]&0x80 != 0 { // masked, as every client frame must be
		if _, err := io.ReadFull(f.Conn, f.hdr[n:n+4]); err != nil {
			return 0, err
		}
		n += 4
	}
	if length < 0 {
		return 0, errors.New("websocket: bad frame length")
	}
	f.hdrN, f.hdrOff, f.remaining = n, 0, length
	f.heard.Store(time.Now().UnixNano())
	return f.hdr[0] & 0x0f, nil
}

// Opcodes of the control frames frameConn answers itself.
const (
	opPing = 0x9
	opPong = 0xA
)

// readControl reads the header of the frame that made the socket readable
// and, if it is a ping or a pong, the frame whole, and answers it; it
// reports whether gorilla must read the rest (a message, or a close).
func (f *frameConn) readControl() (forGorilla bool, err error) {
	op, err := f.nextHeader()
	if err != nil {
		return false, err
	}
	if op != opPing && op != opPong {
		return true, nil
	}
	if f.remaining > 125 {
		return false, errControlTooLong
	}
	var payload [125]byte
	p := payload[:f.remaining]
	if _, err := io.ReadFull(f.Conn, p); err != nil {
		return false, err
	}
	if f.hdrN >= 6 { // unmask
		key := f.hdr[f.hdrN-4 : f.hdrN]
		for i := range p {
			p[i] ^= key[i%4]
		}
	}
	f.hdrN, f.hdrOff, f.remaining = 0, 0, 0
	if op == opPing && f.pong != nil {
		f.pong(p)
	}
	return false, nil
}

// frameHijacker hands gorilla's upgrader the socket wrapped in a frameConn.
type frameHijacker struct {
	http.ResponseWriter
	conn *frameConn
}

func (h *frameHijacker) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, brw, err := http.NewResponseController(h.ResponseWriter).Hijack()
	if err != nil {
		return nil, nil, err
	}
	if _, ok := conn.(*net.TCPConn); !ok {
		// TLS (serve --https) buffers records of its own: readiness of
		// the socket says nothing of them. Such sockets keep a reader
		// goroutine; frameConn hands gorilla the bytes as they come.
		return conn, brw, nil
	}
	h.conn = &frameConn{Conn: conn}
	h.conn.heard.Store(time.Now().UnixNano())
	return h.conn, brw, nil
}
