package realtime

import (
	"encoding/json"
	"log/slog"

	"github.com/pocketbase/pocketbase/tools/hook"

	"github.com/pbchat/pbchat/journal"
)

// What a hub offers to run it on more than one process (package cluster):
// a hub without a database (an edge), hooks for what a node must tell the
// others, and ways to act on what they tell it.

// SentEvent is fired after a live event has fanned out, on the sender's
// goroutine, in commit order: with the record as the OnDeliver handlers
// left it, and Stopped if one of them stopped it.
type SentEvent struct {
	hook.Event
	ChatEvent *journal.Event
	Stopped   bool
}

// TypingEvent is fired when a local socket's typing frame has been relayed
// (it passed the once-a-second throttle and its user is a member).
type TypingEvent struct {
	hook.Event
	User         string
	Conversation string
}

// PresenceEvent is fired when a user's first socket here opens (Online)
// or their last one here closes.
type PresenceEvent struct {
	hook.Event
	User   string
	Online bool
}

// OnPresence returns the hook fired when a user comes online or goes
// offline on this node.
func (h *Hub) OnPresence() *hook.Hook[*PresenceEvent] {
	return h.onPresence
}

// RunDeliverHooks runs the OnDeliver handlers on ev as a delivery would
// (live for user "", else a replay to user) and reports whether ev goes
// out: for a primary that hands events to edges, which run none.
func (h *Hub) RunDeliverHooks(ev *journal.Event, user string) bool {
	return h.triggerDeliver(ev, user)
}

// OnSent returns the hook fired after each live event fans out.
func (h *Hub) OnSent() *hook.Hook[*SentEvent] {
	return h.onSent
}

// OnTyping returns the hook fired for each typing frame relayed.
func (h *Hub) OnTyping() *hook.Hook[*TypingEvent] {
	return h.onTyping
}

// NewEdge returns a hub without a database: it reads through store, and
// gets its events from Send (and store.Read for any it missed). It runs no
// OnDeliver handlers of its own: its events come as the primary's handlers
// left them. Serve it with ServeHTTP; Start and Stop it.
func NewEdge(store Store, log *slog.Logger, config Config) *Hub {
	return newHub(nil, store, log, config)
}

// Start starts the sender (MustRegister does it with the server). Events
// committed before it reached no socket, so it begins after the journal's
// last one.
func (h *Hub) Start() error {
	return h.start()
}

// Relay sends a typing frame from another node to the local sockets of the
// conversation's other members.
func (h *Hub) RelayTyping(from, conv string) {
	ids, err := h.members.peek(conv)
	if err != nil || !isMember(ids, from) {
		return
	}
	h.relayTyping(from, conv, ids)
}

// SetRemotePresence records that user is online, or not, on other nodes:
// presence is the union of every node's sockets.
func (h *Hub) SetRemotePresence(user string, online bool) {
	h.presence.setRemote(user, online)
}

// revoke closes, with CloseUnauthorized, the sockets whose tokens a
// TokenRevoked event ends, in its place in commit order: each gets what
// was queued for it before, then the close, and nothing committed after
// the revocation.
func (h *Hub) revoke(ev *journal.Event) {
	var r journal.Revoked
	if err := json.Unmarshal(ev.Payload, &r); err != nil {
		h.log.Error("chat: a revocation that isn't JSON", slog.Int64("seq", ev.Seq), slog.String("error", err.Error()))
	}
	if h.onSent.Length() > 0 {
		defer h.sent(ev, true)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.delivered = ev.Seq
	for id, u := range h.users {
		if r.User != "" && id != r.User {
			continue
		}
		for _, c := range u.conns {
			if r.User == "" || r.TokenKey == "" || c.tokenKey != r.TokenKey {
				c.closeAfterQueue(CloseUnauthorized, r.Reason)
			}
		}
	}
}

// Store returns what the hub reads through: a primary answers its edges
// from it, so that what they ask and what it notices (a new token secret)
// are one.
func (h *Hub) Store() Store {
	return h.store
}

// Online returns the users with a socket open here.
func (h *Hub) Online() []string {
	h.mu.RLock()
	defer h.mu.RUnlock()
	ids := make([]string, 0, len(h.users))
	for id := range h.users {
		ids = append(ids, id)
	}
	return ids
}

// localPresence fires OnPresence.
func (h *Hub) localPresence(user string, online bool) {
	if h.onPresence.Length() == 0 {
		return
	}
	if err := h.onPresence.Trigger(&PresenceEvent{User: user, Online: online}); err != nil {
		h.log.Error("chat: OnPresence hook failed", slog.String("error", err.Error()))
	}
}

// relayTyping sends from's typing frame to the local sockets of ids.
func (h *Hub) relayTyping(from, conv string, ids []string) {
	m, err := encode(typingFrame{Type: frameTyping, Conversation: conv, User: from})
	if err != nil {
		return
	}
	h.mu.RLock()
	defer h.mu.RUnlock()
	for _, id := range ids {
		if id != from && !h.tiesOf(id).tied(from) {
			h.sendTo(id, m)
		}
	}
}
