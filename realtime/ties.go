package realtime

import (
	"encoding/json"
	"log/slog"
	"slices"

	"github.com/pbchat/pbchat/hooks"
	"github.com/pbchat/pbchat/journal"
)

// ties are a connected user's blocks, both ways: whom they block (whose
// messages reach them withheld) and who blocks them. Between two people
// tied either way, neither's presence, typing or read receipts reach the
// other. The hub loads them when a user's first socket registers and keeps
// them current from the journal's block events, in commit order, so that
// a frame decided after a block committed honours it.
type ties struct {
	blocks    []string
	blockedBy []string
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
	b, by, err := h.store.Ties(user)
	if err != nil {
		return nil, 0, err
	}
	return &ties{blocks: b, blockedBy: by}, epoch, nil
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
	m, err := encodeEvent(ev, frameKey{typ: ev.Type})
	if err != nil {
		h.log.Error("chat: " + err.Error())
	}
	send := h.triggerDeliver(ev, "")
	if h.onSent.Length() > 0 {
		defer h.sent(ev, send)
	}

	h.mu.Lock()
	h.delivered = ev.Seq
	h.tiesEpoch++
	// replaced, never changed in place: a replay reads them unlocked
	if u := h.users[b.Blocker]; u != nil && u.ties != nil {
		u.ties = &ties{blocks: toggle(u.ties.blocks, b.Blocked, made), blockedBy: u.ties.blockedBy}
	}
	if u := h.users[b.Blocked]; u != nil && u.ties != nil {
		u.ties = &ties{blocks: u.ties.blocks, blockedBy: toggle(u.ties.blockedBy, b.Blocker, made)}
	}
	if send {
		h.sendTo(b.Blocker, m)
	}
	h.mu.Unlock()

	h.presence.retell(b.Blocker, b.Blocked, made)
}

func toggle(ids []string, id string, in bool) []string {
	ids = slices.DeleteFunc(slices.Clone(ids), func(s string) bool { return s == id })
	if in {
		ids = append(ids, id)
	}
	return ids
}

// withholding returns what a message event's frame withholds from a
// recipient with ties t: the message (its author is blocked) or its quote.
func withholding(ev *journal.Event, t *ties) (message, quote bool) {
	if t == nil || len(t.blocks) == 0 {
		return false, false
	}
	switch ev.Type {
	case journal.MessageCreated, journal.MessageUpdated:
	default:
		return false, false
	}
	author, quoted := hooks.MessageAuthors(ev.Payload)
	return hooks.WithholdFor(t.blocking, author, quoted)
}

// tiesOf returns user's ties as the hub keeps them; h.mu must be held.
func (h *Hub) tiesOf(user string) *ties {
	if u := h.users[user]; u != nil {
		return u.ties
	}
	return nil
}
