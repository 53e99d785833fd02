// Package cluster runs the chat's sockets on more than one process: edge
// nodes hold the websockets and receive each committed event through NATS,
// while the primary (the PocketBase server, with its database) publishes
// them and answers the edges' questions (whose token is this, who is in
// this conversation, what did this socket miss) on internal routes that
// only a shared secret opens.
//
// The guarantees of the single node hold on every edge: events are
// numbered in commit order by the primary's journal, so an edge that sees
// a gap (a lost NATS message, a disconnect) reads the missing ones from the
// primary before going on; a resume on any edge replays from the primary's
// journal; membership, revocations, typing and presence follow the same
// paths. Without a NATS URL nothing here runs.
package cluster

import (
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/pbchat/pbchat/journal"
)

// NATS subjects, under Config.Subject (default "pbchat").
const (
	subjectEvents   = ".events"   // primary → all: each committed event, in commit order
	subjectTyping   = ".typing"   // any → all: a relayed typing frame
	subjectPresence = ".presence" // any → all: who has sockets where
)

// Internal routes of the primary, for edges only.
const (
	pathAuth    = "/api/chat/internal/auth"
	pathBounds  = "/api/chat/internal/bounds"
	pathEvents  = "/api/chat/internal/events"
	pathMembers = "/api/chat/internal/members"
	pathReplay  = "/api/chat/internal/replay"
	pathPeers   = "/api/chat/internal/peers"
	pathHidden  = "/api/chat/internal/hidden"
	pathTies    = "/api/chat/internal/ties"
)

// wireEvent is an event as the primary publishes it: as its OnDeliver
// handlers left it, and whether one of them stopped it (an edge delivers
// it to nobody, but applies its membership change).
type wireEvent struct {
	journal.Event
	Stopped bool `json:",omitempty"`
}

type typingMessage struct {
	Node         string `json:"node"`
	User         string `json:"user"`
	Conversation string `json:"conversation"`
}

// presenceMessage is a node's change (Users with Online), or, with Full,
// every user it has sockets for, sent now and then so that a node that
// missed changes, or another that went away, is set right.
type presenceMessage struct {
	Node   string   `json:"node"`
	Users  []string `json:"users"`
	Online bool     `json:"online"`
	Full   bool     `json:"full,omitempty"`
	Hello  bool     `json:"hello,omitempty"` // a node that just started: the others answer with their full lists
}

// authorized reports whether r carries the shared secret.
func authorized(r *http.Request, secret string) bool {
	got := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	return secret != "" && subtle.ConstantTimeCompare([]byte(got), []byte(secret)) == 1
}
