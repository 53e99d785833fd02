package realtime

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/pbchat/pbchat/journal"
)

// catchUp writes to a newly registered socket what it missed since its
// cursor, then ready. Events after liveFrom are already queued for the
// socket (it was registered first), so between the two nothing is missed
// and nothing is sent twice. Too much to replay (ResumeLimit events or
// ResumeBytes), or a cursor the journal can't resume from, gets resync
// instead: the client reloads over REST. Either waits while its user's
// resume budget is spent: what the journal read costs, resync or not.
func (h *Hub) catchUp(c *conn, since string, liveFrom int64) error {
	if since != "" {
		events, cost, ok := h.replay(c.user, since, liveFrom)
		if err := h.waitForBudget(c.user, h.config.ResumeBytes/resumeOverhead+cost); err != nil {
			return err
		}
		if !ok {
			h.stats.resyncs.Add(1)
			m, err := encode(struct {
				Type string `json:"type"`
			}{frameResync})
			if err != nil {
				return err
			}
			if err := c.write(m); err != nil {
				return err
			}
		} else {
			h.stats.resumes.Add(1)
			receipts := h.receiptsIn()
			h.mu.RLock()
			t := h.tiesOf(c.user) // replaced, never changed, by a block event
			h.mu.RUnlock()
			for i := range events {
				ev := &events[i]
				// the store kept the events the user was in on, or was
				// added or removed by
				k := frameFor(ev, recordOwner(ev), c.user, stanceOf(ev, c.user, true), receipts(ev), t)
				if k.typ == "" || !h.triggerDeliver(ev, c.user) {
					continue
				}
				m, err := encodeEvent(ev, k)
				if err != nil {
					h.log.Error("chat: replay: " + err.Error())
					continue
				}
				if err := c.write(m); err != nil {
					return err
				}
			}
		}
	}
	m, err := encode(readyFrame{Type: frameReady, User: c.user, Cursor: formatCursor(liveFrom)})
	if err != nil {
		return fmt.Errorf("encode ready: %w", err)
	}
	if err := c.write(m); err != nil {
		return err
	}
	// who of the people the user shares a conversation with is online now
	snapshot := c.snapshot
	c.snapshot = nil // an idle socket keeps nothing it no longer needs
	for _, f := range snapshot {
		m, err := encode(f)
		if err != nil {
			return err
		}
		if err := c.write(m); err != nil {
			return err
		}
	}
	return nil
}

// receiptsIn returns what a replay asks of each event: is its
// conversation small enough for read receipts? It asks only for the events
// whose frames depend on it, once per conversation, as of now.
func (h *Hub) receiptsIn() func(*journal.Event) bool {
	known := map[string]bool{}
	return func(ev *journal.Event) bool {
		switch ev.Type {
		case journal.MemberCreated, journal.MemberUpdated, journal.MemberDeleted, journal.MemberRead:
		default:
			return false
		}
		if r, ok := known[ev.Conversation]; ok {
			return r
		}
		ids, err := h.members.peek(ev.Conversation)
		r := err == nil && len(ids) <= h.config.ReceiptMembers
		known[ev.Conversation] = r
		return r
	}
}

// reached waits until the hub has delivered through the cursor since, and
// reports whether it did in time. Only an edge can be behind a client's
// cursor (the client came from another, further on): registered now, the
// socket would get live what it already has. A cursor past the journal's
// end is no cursor the journal gave out: it goes on, to a resync.
func (h *Hub) reached(since string) bool {
	after, err := parseCursor(since)
	if err != nil || h.deliveredThrough(after) {
		return true
	}
	if _, last, err := h.store.Bounds(); err != nil || last < after {
		return true
	}
	deadline := time.Now().Add(behindWait)
	for time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
		if h.deliveredThrough(after) {
			return true
		}
	}
	return false
}

func (h *Hub) deliveredThrough(seq int64) bool {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return h.delivered >= seq
}

// waitForBudget holds a replay that costs size bytes until its user's
// resume budget covers it.
func (h *Hub) waitForBudget(user string, size int) error {
	wait := h.budgets.take(user, size, time.Now())
	if wait <= 0 {
		return nil
	}
	h.stats.resumesDelayed.Add(1)
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-h.done:
		return errors.New("shutting down")
	}
}

// replay returns the message events of user's conversations in
// (since, through], and the payload bytes it read from the journal, or
// false when the socket must resync.
func (h *Hub) replay(user, since string, through int64) ([]journal.Event, int, bool) {
	after, err := parseCursor(since)
	if err != nil || after > through {
		return nil, 0, false // not a cursor this journal gave out
	}
	events, read, ok, err := h.store.Replay(user, after, through, h.config.ResumeLimit, h.config.ResumeBytes)
	if err != nil {
		h.log.Error("chat: replay: " + err.Error())
		return nil, read, false
	}
	return events, read, ok
}

// whileMember keeps the events user was sent live: those of conversations
// they were a member of once each committed, and the events that added or
// removed them (told them as conversation.created and .removed). Replay
// reads the user's current conversations and those they left; one they
// were out of for a while must not replay what was said meanwhile. convs
// are the user's conversations after the last of changes, which are the
// events, in commit order, that added or removed the user.
func whileMember(user string, convs []string, events, changes []journal.Event) []journal.Event {
	// Undo the changes, newest first, to know who was in at the cursor.
	member := make(map[string]bool, len(convs))
	for _, id := range convs {
		member[id] = true
	}
	for i := len(changes) - 1; i >= 0; i-- {
		ch := changes[i]
		if slices.Contains(ch.Added, user) {
			member[ch.Conversation] = false
		}
		if slices.Contains(ch.Removed, user) {
			member[ch.Conversation] = true
		}
	}
	// Then replay both in commit order, each change applied before its
	// own event is decided on, as the live fan-out does.
	kept := events[:0:0]
	j := 0
	for _, ev := range events {
		for ; j < len(changes) && changes[j].Seq <= ev.Seq; j++ {
			ch := changes[j]
			if slices.Contains(ch.Removed, user) {
				member[ch.Conversation] = false
			}
			if slices.Contains(ch.Added, user) {
				member[ch.Conversation] = true
			}
		}
		if member[ev.Conversation] || slices.Contains(ev.Removed, user) {
			kept = append(kept, ev)
		}
	}
	return kept
}
