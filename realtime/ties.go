package realtime

import (
	"encoding/json"
	"log/slog"
	"slices"

	"github.com/pbchat/pbchat/hooks"
	"github.com/pbchat/pbchat/journal"
)

// ties are a connected user's blocks, both ways, and reports: whom they
// block (whose messages reach them withheld), who blocks them, and the
// messages they reported (withheld from them too). Between two people tied
// either way, neither's presence, typing or read receipts reach the other.
// The hub loads them when a user's first socket registers and keeps them
// current from the journal's block and report events, in commit order, so
// that a frame decided after a block committed honours it.
type ties struct {
	blocks    []string
	blockedBy []string
	reported  []string
}

func (t *ties) reporting(message string) bool {
	return t != nil && slices.Contains(t.reported, message)
}

func (t *ties) blocking(id string) bool { return t != nil && slices.Contains(t.blocks, id) }

func (t *ties) tied(id string) bool {
	return t != nil && (slices.Contains(t.blocks, id) || slices.Contains(t.blockedBy, id))
}

// loadTies reads user's ties, and the ties epoch they were read at: add
// refuses them if a block event was delivered meanwhile.
func (h *Hub) loadTies(user string) (*ties, uint64, error) {
	h.mu.RLock()
	epoch := h.tiesEpoch
	h.mu.RUnlock()
	t, err := h.store.Ties(user)
	if err != nil {
		return nil, 0, err
	}
	return &ties{blocks: t.Blocks, blockedBy: t.BlockedBy, reported: t.Reported}, epoch, nil
}

// blockRecord is what the hub reads of a block event's payload.
type blockRecord struct {
	Blocker string `json:"blocker"`
	Blocked string `json:"blocked"`
}

// blockChanged applies a block made or lifted, in its place in commit
// order: the ties of both people, if connected here, change before any
// later event is decided on; the blocker's sockets get the event; and each
// of the two is told the other is offline (a block) or, if so, online
// again (a lift).
func (h *Hub) blockChanged(ev *journal.Event) {
	var b blockRecord
	if err := json.Unmarshal(ev.Payload, &b); err != nil {
		h.log.Error("chat: a block event that isn't JSON", slog.Int64("seq", ev.Seq), slog.String("error", err.Error()))
	}
	made := ev.Type == journal.BlockCreated
	h.tiesChanged(ev, b.Blocker, func() {
		h.retie(b.Blocker, func(t *ties) { t.blocks = toggle(t.blocks, b.Blocked, made) })
		h.retie(b.Blocked, func(t *ties) { t.blockedBy = toggle(t.blockedBy, b.Blocker, made) })
	})
	h.presence.retell(b.Blocker, b.Blocked, made)
}

// reportMade withholds, from now on, the message a user reported from
// their sockets, in its place in commit order, and tells their devices.
func (h *Hub) reportMade(ev *journal.Event) {
	var r struct {
		Reporter string `json:"reporter"`
		Message  string `json:"message"`
	}
	if err := json.Unmarshal(ev.Payload, &r); err != nil {
		h.log.Error("chat: a report event that isn't JSON", slog.Int64("seq", ev.Seq), slog.String("error", err.Error()))
	}
	h.tiesChanged(ev, r.Reporter, func() {
		h.retie(r.Reporter, func(t *ties) { t.reported = toggle(t.reported, r.Message, true) })
	})
}

// tiesChanged delivers a personal event that changes ties: change runs
// under the hub's lock with the event's seq, so that nothing later is
// decided on the old ties and a socket registering meanwhile reloads
// them; the event goes to user's sockets unless an OnDeliver handler
// stops it, and OnSent hears of it, as of any event.
func (h *Hub) tiesChanged(ev *journal.Event, user string, change func()) {
	m, err := encodeEvent(ev, frameKey{typ: ev.Type})
	if err != nil {
		h.log.Error("chat: " + err.Error())
	}
	send := h.triggerDeliver(ev, "")
	if h.onSent.Length() > 0 {
		defer h.sent(ev, send)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	h.delivered = ev.Seq
	h.tiesEpoch++
	change()
	if send {
		h.sendTo(user, m)
	}
}

// retie changes the ties of user, if connected here, by change: on a copy,
// never in place, as a replay reads them unlocked. h.mu must be held.
func (h *Hub) retie(user string, change func(*ties)) {
	if u := h.users[user]; u != nil && u.ties != nil {
		t := *u.ties
		change(&t)
		u.ties = &t
	}
}

// toggle returns ids with id in or out, as a new slice.
func toggle(ids []string, id string, in bool) []string {
	ids = slices.DeleteFunc(slices.Clone(ids), func(s string) bool { return s == id })
	if in {
		ids = append(ids, id)
	}
	return ids
}

// withholding returns what a message event's frame withholds from a
// recipient with ties t, and why: the message (its author is blocked, or
// they reported it) or its quote.
func withholding(ev *journal.Event, t *ties) (reason string, quote bool) {
	if t == nil || (len(t.blocks) == 0 && len(t.reported) == 0) {
		return "", false
	}
	switch ev.Type {
	case journal.MessageCreated, journal.MessageUpdated:
	default:
		return "", false
	}
	if t.reporting(ev.Record) {
		return hooks.WithheldReported, false
	}
	author, quoted := hooks.MessageAuthors(ev.Payload)
	message, quote := hooks.WithholdFor(t.blocking, author, quoted)
	if message {
		return hooks.WithheldBlocked, false
	}
	return "", quote
}

// tiesOf returns user's ties as the hub keeps them; h.mu must be held.
func (h *Hub) tiesOf(user string) *ties {
	if u := h.users[user]; u != nil {
		return u.ties
	}
	return nil
}
