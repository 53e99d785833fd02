package realtime

import (
	"math"
	"slices"
	"sync"

	"github.com/pbchat/pbchat/journal"
)

// maxCachedConversations bounds the membership cache; past it an arbitrary
// entry makes room, to be read again from the database when next needed.
const maxCachedConversations = 100_000

// members caches who is a member of each conversation, so that fanning out
// an event costs no query. Only the sender's goroutine writes it, applying
// membership events in commit order; others read it. A cached list is
// sorted and never changed in place: a change replaces it, so a reader may
// keep one without a lock.
type members struct {
	store Store

	mu    sync.RWMutex
	convs map[string][]string
}

func newMembers(store Store) *members {
	return &members{store: store, convs: map[string][]string{}}
}

// apply brings the cache up to date with an event. A conversation not
// cached stays so: it is read as of the event that next needs it.
func (m *members) apply(ev *journal.Event) {
	switch ev.Type {
	case journal.ConversationCreated:
		m.set(ev.Conversation, slices.Sorted(slices.Values(ev.Added)))
	case journal.ConversationRemoved:
		m.mu.Lock()
		delete(m.convs, ev.Conversation)
		m.mu.Unlock()
	case journal.MemberCreated, journal.MemberDeleted:
		ids, ok := m.cached(ev.Conversation)
		if !ok {
			return
		}
		next := slices.Clone(ids)
		for _, id := range ev.Added {
			if i, found := slices.BinarySearch(next, id); !found {
				next = slices.Insert(next, i, id)
			}
		}
		for _, id := range ev.Removed {
			if i, found := slices.BinarySearch(next, id); found {
				next = slices.Delete(next, i, i+1)
			}
		}
		m.set(ev.Conversation, next)
	}
}

// of returns the members of a conversation when the event seq committed,
// reading them on a miss. Only the sender's goroutine calls it, in seq
// order, so the cache then follows the journal exactly.
func (m *members) of(conv string, seq int64) ([]string, error) {
	if ids, ok := m.cached(conv); ok {
		return ids, nil
	}
	ids, err := m.store.MembersAt(conv, seq)
	if err != nil {
		return nil, err
	}
	m.set(conv, ids)
	return ids, nil
}

// peek returns the cached members, or reads them without caching: only
// the sender's goroutine may fill the cache, or a reader could put back a
// state older than one the sender has already applied.
func (m *members) peek(conv string) ([]string, error) {
	if ids, ok := m.cached(conv); ok {
		return ids, nil
	}
	return m.store.MembersAt(conv, math.MaxInt64) // now: nothing journaled to undo
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

// isMember reports whether user is in the sorted ids.
func isMember(ids []string, user string) bool {
	_, found := slices.BinarySearch(ids, user)
	return found
}
