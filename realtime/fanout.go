package realtime

import (
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/gorilla/websocket"

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

	h.members.apply(ev)
	var members []string
	switch ev.Type {
	case journal.ConversationCreated, journal.ConversationRemoved:
		// their recipients are in the event
	default:
		var err error
		if members, err = h.members.of(ev.Conversation, ev.Seq); err != nil {
			h.log.Error("chat: " + err.Error())
		}
	}

	send := h.triggerDeliver(ev, "")
	frames := map[string]*websocket.PreparedMessage{}
	frame := func(typ string) *websocket.PreparedMessage {
		if m, ok := frames[typ]; ok {
			return m
		}
		m, err := encodeEvent(ev, typ)
		if err != nil {
			h.log.Error("chat: " + err.Error())
		}
		frames[typ] = m
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
	switch ev.Type {
	case journal.ConversationCreated:
		h.sendToAll(ev.Added, "", journal.ConversationCreated, frame)
	case journal.ConversationRemoved:
		h.sendToAll(ev.Removed, "", journal.ConversationRemoved, frame)
	case journal.MemberCreated:
		// the person added gets the conversation; the others, who they are
		h.sendToAll(ev.Added, "", journal.ConversationCreated, frame)
		h.sendToAll(members, one(ev.Added), journal.MemberCreated, frame)
	case journal.MemberDeleted:
		h.sendToAll(ev.Removed, "", journal.ConversationRemoved, frame)
		h.sendToAll(members, "", journal.MemberDeleted, frame)
	case journal.MemberRead:
		reader := readerOf(ev)
		h.sendTo(reader, frame(journal.MemberRead))
		if len(members) <= h.config.ReceiptMembers {
			h.sendToAll(members, reader, journal.MemberRead, frame)
		}
	default: // messages, a renamed conversation, a member's new role
		h.sendToAll(members, "", ev.Type, frame)
		if ev.Type == journal.MessageCreated && h.onMissed.Length() > 0 {
			h.missed(ev, members)
		}
	}
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

// one returns the only id of ids, or "".
func one(ids []string) string {
	if len(ids) == 1 {
		return ids[0]
	}
	return ""
}

// sendToAll sends the frame of type typ to every connected user of ids but
// except, encoding it only if someone is connected. h.mu must be held.
func (h *Hub) sendToAll(ids []string, except, typ string, frame func(string) *websocket.PreparedMessage) {
	var m *websocket.PreparedMessage
	for _, id := range ids {
		if h.users[id] == nil || id == except {
			continue
		}
		if m == nil {
			if m = frame(typ); m == nil {
				return
			}
		}
		h.sendTo(id, m)
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
