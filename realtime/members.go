package realtime

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"math"
	"sync"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/pbchat/pbchat/hooks"
	"github.com/pbchat/pbchat/journal"
)

// maxCachedConversations bounds the membership cache; past it an arbitrary
// entry makes room, to be read again from the database when next needed.
const maxCachedConversations = 100_000

// members caches who takes part in each conversation, so that fanning out
// an event costs no query. Only the sender's goroutine writes it, applying
// conversation events in commit order; others read it.
type members struct {
	app core.App

	mu    sync.RWMutex
	convs map[string][]string
}

func newMembers(app core.App) *members {
	return &members{app: app, convs: map[string][]string{}}
}

// apply brings the cache up to date with a conversation event.
func (m *members) apply(ev *journal.Event) error {
	switch ev.Type {
	case journal.ConversationCreated, journal.ConversationUpdated:
		var c struct {
			Participants []string `json:"participants"`
		}
		if err := json.Unmarshal(ev.Payload, &c); err != nil {
			return fmt.Errorf("event %d: participants: %w", ev.Seq, err)
		}
		m.set(ev.Conversation, c.Participants)
	case journal.ConversationRemoved:
		m.mu.Lock()
		delete(m.convs, ev.Conversation)
		m.mu.Unlock()
	}
	return nil
}

// of returns the participants of a conversation when the event seq
// committed, reading them on a miss. Only the sender's goroutine calls it,
// in seq order, so the cache then follows the journal exactly.
func (m *members) of(conv string, seq int64) ([]string, error) {
	if ids, ok := m.cached(conv); ok {
		return ids, nil
	}
	ids, err := m.loadAt(conv, seq)
	if err != nil {
		return nil, err
	}
	m.set(conv, ids)
	return ids, nil
}

// loadAt reads who took part in a conversation when the event seq
// committed: who does now, with the membership changes journaled since
// undone. Reading the current state alone could let someone added a moment
// later receive a message posted before they joined.
func (m *members) loadAt(conv string, seq int64) ([]string, error) {
	var row struct {
		Participants sql.NullString `db:"participants"`
		Last         int64          `db:"last"`
	}
	// one statement: one snapshot of the conversation and the journal
	err := m.app.ConcurrentDB().NewQuery(`SELECT
		(SELECT [[participants]] FROM {{` + hooks.Conversations + `}} WHERE [[id]] = {:conv}) AS participants,
		(SELECT COALESCE(MAX([[seq]]), 0) FROM {{` + journal.Table + `}}) AS last`).
		Bind(dbx.Params{"conv": conv}).One(&row)
	if err != nil {
		return nil, fmt.Errorf("participants of %s: %w", conv, err)
	}
	var now []string
	if row.Participants.Valid && row.Participants.String != "" {
		if err := json.Unmarshal([]byte(row.Participants.String), &now); err != nil {
			return nil, fmt.Errorf("participants of %s: %w", conv, err)
		}
	}
	if row.Last <= seq {
		return now, nil
	}
	later, err := journal.Memberships(m.app, conv, seq, row.Last)
	if err != nil {
		return nil, err
	}
	set := make(map[string]bool, len(now))
	for _, id := range now {
		set[id] = true
	}
	for _, ev := range later { // newest first
		for _, id := range ev.Added {
			delete(set, id)
		}
		for _, id := range ev.Removed {
			set[id] = true
		}
	}
	ids := make([]string, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	return ids, nil
}

// peek returns the cached participants, or reads them without caching:
// only the sender's goroutine may fill the cache, or a reader could put
// back a state older than one the sender has already applied.
func (m *members) peek(conv string) ([]string, error) {
	if ids, ok := m.cached(conv); ok {
		return ids, nil
	}
	return m.loadAt(conv, math.MaxInt64) // now: nothing journaled to undo
}

func (m *members) cached(conv string) ([]string, bool) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	ids, ok := m.convs[conv]
	return ids, ok
}

func (m *members) set(conv string, ids []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.convs[conv]; !ok && len(m.convs) >= maxCachedConversations {
		for k := range m.convs {
			delete(m.convs, k)
			break
		}
	}
	m.convs[conv] = ids
}
