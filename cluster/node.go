package cluster

import (
	"encoding/json"
	"log/slog"
	"sync"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/pbchat/pbchat/realtime"
)

// Presence bookkeeping across nodes.
const (
	// presenceFullEvery is how often a node tells every user it has
	// sockets for, so that a node that missed a change is set right.
	presenceFullEvery = 20 * time.Second

	// presenceExpiry is how long a node's users count as online without
	// word from it: a node that crashed takes its users offline after it.
	presenceExpiry = 3 * presenceFullEvery
)

// node is what every process with sockets shares with the others, the
// primary and each edge alike: typing frames and presence.
type node struct {
	name    string
	hub     *realtime.Hub
	nc      *nats.Conn
	subject string
	log     *slog.Logger

	mu     sync.Mutex
	others map[string]*remoteNode // by node name
	stop   chan struct{}
}

type remoteNode struct {
	users map[string]bool
	heard time.Time
}

func newNode(name string, hub *realtime.Hub, nc *nats.Conn, subject string, log *slog.Logger) *node {
	return &node{name: name, hub: hub, nc: nc, subject: subject, log: log,
		others: map[string]*remoteNode{}, stop: make(chan struct{})}
}

// start relays this node's typing and presence to the others, and theirs
// to this node's sockets.
func (n *node) start() error {
	n.hub.OnTyping().BindFunc(func(e *realtime.TypingEvent) error {
		n.publish(subjectTyping, typingMessage{Node: n.name, User: e.User, Conversation: e.Conversation})
		return e.Next()
	})
	n.hub.OnPresence().BindFunc(func(e *realtime.PresenceEvent) error {
		n.publish(subjectPresence, presenceMessage{Node: n.name, Users: []string{e.User}, Online: e.Online})
		return e.Next()
	})
	if _, err := n.nc.Subscribe(n.subject+subjectTyping, func(m *nats.Msg) {
		var t typingMessage
		if json.Unmarshal(m.Data, &t) == nil && t.Node != n.name {
			n.hub.RelayTyping(t.User, t.Conversation)
		}
	}); err != nil {
		return err
	}
	if _, err := n.nc.Subscribe(n.subject+subjectPresence, func(m *nats.Msg) {
		var p presenceMessage
		if json.Unmarshal(m.Data, &p) == nil && p.Node != n.name {
			n.heard(p)
			if p.Hello {
				n.publish(subjectPresence, presenceMessage{Node: n.name, Users: n.hub.Online(), Full: true})
			}
		}
	}); err != nil {
		return err
	}
	go n.keepTelling()
	return nil
}

func (n *node) close() {
	close(n.stop)
}

func (n *node) publish(subject string, v any) {
	b, err := json.Marshal(v)
	if err == nil {
		err = n.nc.Publish(n.subject+subject, b)
	}
	if err != nil {
		n.log.Warn("chat: cluster: publish "+subject, slog.String("error", err.Error()))
	}
}

// heard applies another node's presence message.
func (n *node) heard(p presenceMessage) {
	n.mu.Lock()
	other := n.others[p.Node]
	if other == nil {
		other = &remoteNode{users: map[string]bool{}}
		n.others[p.Node] = other
	}
	other.heard = time.Now()
	var changed []string
	if p.Full {
		now := make(map[string]bool, len(p.Users))
		for _, id := range p.Users {
			now[id] = true
			if !other.users[id] {
				changed = append(changed, id)
			}
		}
		for id := range other.users {
			if !now[id] {
				changed = append(changed, id)
			}
		}
		other.users = now
	} else {
		for _, id := range p.Users {
			if other.users[id] != p.Online {
				changed = append(changed, id)
			}
			if p.Online {
				other.users[id] = true
			} else {
				delete(other.users, id)
			}
		}
	}
	n.mu.Unlock()
	n.tellHub(changed)
}

// tellHub hands the hub the remote presence of users, as the union of
// every other node's.
func (n *node) tellHub(users []string) {
	for _, id := range users {
		n.hub.SetRemotePresence(id, n.onlineElsewhere(id))
	}
}

func (n *node) onlineElsewhere(user string) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, other := range n.others {
		if other.users[user] {
			return true
		}
	}
	return false
}

// keepTelling sends this node's full presence now and then, and forgets
// the nodes that went silent.
func (n *node) keepTelling() {
	t := time.NewTicker(presenceFullEvery)
	defer t.Stop()
	n.publish(subjectPresence, presenceMessage{Node: n.name, Users: n.hub.Online(), Full: true, Hello: true})
	for {
		select {
		case <-n.stop:
			return
		case <-t.C:
		}
		n.publish(subjectPresence, presenceMessage{Node: n.name, Users: n.hub.Online(), Full: true})
		n.mu.Lock()
		var gone []string
		for name, other := range n.others {
			if time.Since(other.heard) > presenceExpiry {
				for id := range other.users {
					gone = append(gone, id)
				}
				delete(n.others, name)
			}
		}
		n.mu.Unlock()
		n.tellHub(gone)
	}
}
