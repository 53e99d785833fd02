package hooks

import (
	"sync"
	"time"
)

// userCache keeps, per person, something the reads that honour their
// blocks and reports ask for each record (a page of messages asks once per
// message). A change forgets its people's entries at once, in this
// process, where every write happens; the TTL only bounds the memory of
// those no longer reading.
type userCache[T any] struct {
	mu      sync.Mutex
	entries map[string]userEntry[T]
}

type userEntry[T any] struct {
	v  T
	at time.Time
}

const userCacheTTL = time.Minute

// of returns user's entry, loading it if it isn't kept.
func (c *userCache[T]) of(user string, load func() (T, error)) (T, error) {
	now := time.Now()
	c.mu.Lock()
	e, ok := c.entries[user]
	c.mu.Unlock()
	if ok && now.Sub(e.at) < userCacheTTL {
		return e.v, nil
	}
	v, err := load()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) >= 10_000 {
		c.entries = map[string]userEntry[T]{} // bounded: start over
	}
	c.entries[user] = userEntry[T]{v, now}
	return v, nil
}

func (c *userCache[T]) forget(users ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, u := range users {
		delete(c.entries, u)
	}
}
