//go:build !linux

package realtime

import "errors"

// poller: without epoll, every socket keeps a reader goroutine.
type poller struct{}

func newPoller() (*poller, error)       { return nil, errors.New("no epoll here") }
func (p *poller) prepare(c *conn) error { return errors.New("no epoll here") }
func (p *poller) watch(c *conn) error   { return errors.New("no epoll here") }
func (p *poller) forget(c *conn)        {}
func (p *poller) close()                {}
