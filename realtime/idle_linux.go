package realtime

import (
	"errors"
	"net"
	"sync"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// poller keeps idle sockets in an epoll set instead of in a goroutine
// each: a socket costs its memory and nothing more until its client sends
// a frame, when a worker reads it and puts it back. Only a frameConn over
// a plain TCP socket can wait here (see frameConn).
type poller struct {
	epfd    int
	work    chan *conn
	mu      sync.Mutex
	conns   map[uint32]*conn // by the id its epoll registration carries
	next    atomic.Uint32
	closed  atomic.Bool
	workers sync.WaitGroup
}

// idleWorkers is how many goroutines read the frames of idle sockets.
const idleWorkers = 4

func newPoller() (*poller, error) {
	epfd, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		return nil, err
	}
	p := &poller{epfd: epfd, work: make(chan *conn, 1024), conns: map[uint32]*conn{}}
	for range idleWorkers {
		p.workers.Go(p.serve)
	}
	go p.wait()
	return p, nil
}

// fd returns the socket's file descriptor, or false when it has none to
// wait on.
func socketFD(c net.Conn) (int, bool) {
	tcp, ok := c.(*net.TCPConn)
	if !ok {
		return 0, false
	}
	raw, err := tcp.SyscallConn()
	if err != nil {
		return 0, false
	}
	fd := -1
	if raw.Control(func(v uintptr) { fd = int(v) }) != nil || fd < 0 {
		return 0, false
	}
	return fd, true
}

// prepare gives c what its registration needs, before c is shared: the
// caller then marks it idle (an atomic store, which publishes these to
// whoever sees it idle) and calls watch.
func (p *poller) prepare(c *conn) error {
	fd, ok := socketFD(c.frames.Conn)
	if !ok {
		return errors.New("no file descriptor")
	}
	c.fd, c.pollID = fd, p.next.Add(1)
	return nil
}

// watch puts c's socket in the set, to be read when its client sends.
func (p *poller) watch(c *conn) error {
	p.mu.Lock()
	p.conns[c.pollID] = c
	p.mu.Unlock()
	if err := p.arm(c, unix.EPOLL_CTL_ADD); err != nil {
		p.mu.Lock()
		delete(p.conns, c.pollID)
		p.mu.Unlock()
		return err
	}
	return nil
}

// rearm waits for c's next frame (the registration is one-shot: one
// worker at a time reads a socket).
func (p *poller) rearm(c *conn) error {
	return p.arm(c, unix.EPOLL_CTL_MOD)
}

func (p *poller) arm(c *conn, op int) error {
	ev := unix.EpollEvent{Events: unix.EPOLLIN | unix.EPOLLRDHUP | unix.EPOLLONESHOT, Fd: int32(c.pollID)}
	return unix.EpollCtl(p.epfd, op, c.fd, &ev)
}

// forget takes c out of the set, before its socket is closed: an event
// for a closed descriptor, reused by another socket, finds no conn.
func (p *poller) forget(c *conn) {
	p.mu.Lock()
	_, ok := p.conns[c.pollID]
	delete(p.conns, c.pollID)
	p.mu.Unlock()
	if ok {
		unix.EpollCtl(p.epfd, unix.EPOLL_CTL_DEL, c.fd, nil)
	}
}

func (p *poller) wait() {
	events := make([]unix.EpollEvent, 256)
	for !p.closed.Load() {
		n, err := unix.EpollWait(p.epfd, events, 1000)
		if err != nil {
			if errors.Is(err, unix.EINTR) {
				continue
			}
			return
		}
		for _, ev := range events[:n] {
			p.mu.Lock()
			c := p.conns[uint32(ev.Fd)]
			p.mu.Unlock()
			if c != nil {
				p.work <- c
			}
		}
	}
	close(p.work)
}

func (p *poller) serve() {
	for c := range p.work {
		if c.readIdle() {
			if err := p.rearm(c); err == nil {
				continue
			}
		}
		c.endIdle()
	}
}

// close stops the poller; the sockets still in it are the hub's to close.
func (p *poller) close() {
	if p != nil && p.closed.CompareAndSwap(false, true) {
		p.workers.Wait()
		unix.Close(p.epfd)
	}
}
