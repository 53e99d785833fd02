package realtime

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
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

// of returns the participants of a conversation, reading them from the
// database on a miss. Only the sender's goroutine calls it.
func (m *members) of(conv string) ([]string, error) {
	if ids, ok := m.cached(conv); ok {
		return ids, nil
	}
	ids, err := m.load(conv)
	if err != nil {
		return nil, err
	}
	m.set(conv, ids)
	return ids, nil
}

// peek returns the cached participants, or reads them without caching:
// only the sender's goroutine may fill the cache, or a reader could put
// back a state older than one the sender has already applied.
func (m *members) peek(conv string) ([]string, error) {
	if ids, ok := m.cached(conv); ok {
		return ids, nil
	}
	return m.load(conv)
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

// load reads the participants of a conversation; none if it is gone.
func (m *members) load(conv string) ([]string, error) {
	var raw string
	err := m.app.ConcurrentDB().Select("participants").From(hooks.Conversations).
		Where(dbx.HashExp{"id": conv}).Limit(1).Row(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("participants of %s: %w", conv, err)
	}
	var ids []string
	if raw != "" {
		if err := json.Unmarshal([]byte(raw), &ids); err != nil {
			return nil, fmt.Errorf("participants of %s: %w", conv, err)
		}
	}
	return ids, nil
}
