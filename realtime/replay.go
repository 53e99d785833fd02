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
			for i := range events {
				ev := &events[i]
				if !h.triggerDeliver(ev, c.user) {
					continue
				}
				m, err := encodeEvent(ev, ev.Type)
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

// whileMember keeps the events of conversations the user took part in when
// each committed. Replay picks the user's current conversations; one they
// joined, or left and rejoined, since the cursor must not replay what was
// said while they were out. convs are the user's conversations after the
// last of changes.
func whileMember(user string, convs []string, events, changes []journal.Event) []journal.Event {
	if len(changes) == 0 {
		return events
	}
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
	// Then replay both in commit order.
	kept := events[:0:0]
	j := 0
	for _, ev := range events {
		for ; j < len(changes) && changes[j].Seq < ev.Seq; j++ {
			ch := changes[j]
			if slices.Contains(ch.Removed, user) {
				member[ch.Conversation] = false
			}
			if slices.Contains(ch.Added, user) {
				member[ch.Conversation] = true
			}
		}
		if member[ev.Conversation] {
			kept = append(kept, ev)
		}
	}
	return kept
}
