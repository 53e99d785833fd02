package realtime

import (
	"log/slog"
	"runtime/debug"
	"slices"
	"time"

	"github.com/gorilla/websocket"

	"github.com/pbchat/pbchat/hooks"
	"github.com/pbchat/pbchat/journal"
)

// deliver fans one event out. It never panics: a bad record or a failing
// hook is logged and the sender goes on with the next event.
func (h *Hub) deliver(ev *journal.Event) {
	defer func() {
		if r := recover(); r != nil {
			h.stats.panics.Add(1)
			h.log.Error("chat: delivery panicked",
				slog.Int64("seq", ev.Seq), slog.Any("panic", r), slog.String("stack", string(debug.Stack())))
			h.mu.Lock()
			h.delivered = max(h.delivered, ev.Seq)
			h.mu.Unlock()
		}
	}()

	switch ev.Type {
	case journal.TokenRevoked:
		h.revoke(ev)
		return
	case journal.BlockCreated, journal.BlockDeleted:
		h.blockChanged(ev)
		return
	case journal.ReportCreated:
		h.reportMade(ev)
		return
	}
	var members []string
	if user, personal := journal.PersonalUser(ev.Conversation); personal {
		members = []string{user}
	} else {
		h.members.apply(ev)
		switch ev.Type {
		case journal.ConversationCreated, journal.ConversationRemoved:
			// their recipients are in the event
		default:
			var err error
			if members, err = h.members.of(ev.Conversation, ev.Seq); err != nil {
				h.log.Error("chat: " + err.Error())
			}
		}
	}

	send := h.triggerDeliver(ev, "")
	receipts := len(members) <= h.config.ReceiptMembers
	// Encoded once per kind of frame; most events have one kind, which
	// every recipient but the first finds without a map lookup.
	frames := map[frameKey]*websocket.PreparedMessage{}
	var lastKey frameKey
	var last *websocket.PreparedMessage
	frame := func(k frameKey) *websocket.PreparedMessage {
		if last != nil && k == lastKey {
			return last
		}
		if m, ok := frames[k]; ok {
			lastKey, last = k, m
			return m
		}
		m, err := encodeEvent(ev, k)
		if err != nil {
			h.log.Error("chat: " + err.Error())
		}
		frames[k] = m
		lastKey, last = k, m
		return m
	}

	if h.onSent.Length() > 0 {
		// after the lock below is released: another node's wait is no
		// reason to hold this one's sockets
		defer h.sent(ev, send)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.delivered = ev.Seq
	if !send {
		return
	}
	h.stats.events.Add(1)
	owner := recordOwner(ev)
	to := func(id string, s stance) {
		if h.users[id] == nil {
			return
		}
		if k := frameFor(ev, owner, id, s, receipts, h.tiesOf(id)); k.typ != "" {
			h.sendTo(id, frame(k))
		}
	}
	// The people an event adds or removes, then the members as of the
	// event (they exclude whom it removed).
	for _, id := range ev.Added {
		to(id, joining)
	}
	for _, id := range ev.Removed {
		to(id, leaving)
	}
	for _, id := range members {
		if len(ev.Added) > 0 && slices.Contains(ev.Added, id) {
			continue
		}
		to(id, inside)
	}
	if ev.Type == journal.MessageCreated && h.onMissed.Length() > 0 {
		h.missed(ev, members)
	}
}

// frameKey is one frame an event is encoded as: its type, the fields of a
// member record its recipient sees, and what of a message is withheld
// from them (they block its author, or the quoted one).
type frameKey struct {
	typ           string
	view          hooks.MemberView
	withheld      string // why the message is withheld: "" for not
	quoteWithheld bool
}

// stance is where a recipient stands to an event's conversation.
type stance uint8

const (
	outside stance = iota // not a member once the event committed
	inside                // a member before and after it
	joining               // the event added them
	leaving               // the event removed them
)

// stanceOf is where user stands to ev, given whether they are a member
// once it committed.
func stanceOf(ev *journal.Event, user string, member bool) stance {
	switch {
	case slices.Contains(ev.Added, user):
		return joining
	case slices.Contains(ev.Removed, user):
		return leaving
	case member:
		return inside
	}
	return outside
}

// frameFor decides what one recipient gets of an event: the frame, or one
// of type "" for nothing. owner is whose member record the event carries;
// receipts says whether the conversation is small enough for read
// receipts; t are the recipient's blocks. The live fan-out and a resume
// both ask it, so that a resumed stream is the one a socket that never
// dropped got.
func frameFor(ev *journal.Event, owner, user string, s stance, receipts bool, t *ties) frameKey {
	switch {
	case s == joining:
		// the person added gets the conversation; the others, who they are
		return frameKey{typ: journal.ConversationCreated}
	case s == leaving:
		return frameKey{typ: journal.ConversationRemoved}
	case s == outside, ev.Type == journal.ConversationCreated, ev.Type == journal.ConversationRemoved:
		return frameKey{}
	}
	// two people one of whom blocks the other see no receipts of each other
	receipts = receipts && !t.tied(owner)
	switch ev.Type {
	case journal.MemberCreated, journal.MemberDeleted, journal.MemberUpdated:
		return frameKey{typ: ev.Type, view: hooks.MemberViewOf(owner, user, receipts)}
	case journal.MemberRead:
		if user == owner || receipts {
			return frameKey{typ: journal.MemberRead}
		}
		return frameKey{}
	}
	reason, quote := withholding(ev, t)
	return frameKey{typ: ev.Type, withheld: reason, quoteWithheld: quote} // messages, reactions, a renamed conversation
}

// sent fires OnSent for a live event that has fanned out.
func (h *Hub) sent(ev *journal.Event, send bool) {
	if err := h.onSent.Trigger(&SentEvent{ChatEvent: ev, Stopped: !send}); err != nil {
		h.log.Error("chat: OnSent hook failed", slog.Int64("seq", ev.Seq), slog.String("error", err.Error()))
	}
}

// missed fires OnMissed with the members who have no socket open, here or
// on another node. h.mu is held: the handlers only queue work.
func (h *Hub) missed(ev *journal.Event, members []string) {
	var away []string
	for _, id := range members {
		if h.users[id] == nil && !h.presence.elsewhere(id) {
			away = append(away, id)
		}
	}
	if len(away) == 0 {
		return
	}
	if err := h.onMissed.Trigger(&MissedEvent{ChatEvent: ev, Users: away}); err != nil {
		h.log.Error("chat: OnMissed hook failed", slog.Int64("seq", ev.Seq), slog.String("error", err.Error()))
	}
}

// sendTo queues m for every socket of user id. h.mu must be held (read
// or write).
func (h *Hub) sendTo(id string, m *websocket.PreparedMessage) {
	u := h.users[id]
	if u == nil || m == nil {
		return
	}
	for _, c := range u.conns {
		c.enqueue(m)
	}
}

// triggerDeliver runs the OnDeliver hook and reports whether the event goes
// on to its recipients.
func (h *Hub) triggerDeliver(ev *journal.Event, recipient string) bool {
	if ev.Type == journal.TokenRevoked {
		return true // no client's frame: no hook sees it, none may stop it
	}
	var send bool
	e := &DeliverEvent{App: h.app, ChatEvent: ev, User: recipient}
	err := h.onDeliver.Trigger(e, func(e *DeliverEvent) error {
		send = true
		return nil
	})
	if err != nil {
		h.log.Error("chat: OnDeliver hook failed", slog.Int64("seq", ev.Seq), slog.String("error", err.Error()))
		return false
	}
	return send
}

// typing relays a typing frame to the other connected members, at most
// once a second per user and conversation; from a non-member it is dropped
// without a word.
func (h *Hub) typing(from, conv string) {
	h.mu.Lock()
	u := h.users[from]
	if u == nil {
		h.mu.Unlock()
		return
	}
	now := time.Now()
	if now.Sub(u.typingAt[conv]) < typingInterval {
		h.mu.Unlock()
		return
	}
	if u.typingAt == nil {
		u.typingAt = map[string]time.Time{}
	}
	for k, at := range u.typingAt {
		if now.Sub(at) >= typingInterval {
			delete(u.typingAt, k)
		}
	}
	u.typingAt[conv] = now
	h.mu.Unlock()

	ids, err := h.members.peek(conv)
	if err != nil || !isMember(ids, from) {
		return
	}
	h.relayTyping(from, conv, ids)
	if h.onTyping.Length() > 0 {
		if err := h.onTyping.Trigger(&TypingEvent{User: from, Conversation: conv}); err != nil {
			h.log.Error("chat: OnTyping hook failed", slog.String("error", err.Error()))
		}
	}
}
