package realtime

import (
	"sync"
	"time"
)

// resumeBudgets keeps, per user, how many bytes their resumes may still
// replay at once: a client that resumes in a loop (or sixteen sockets that
// do) waits for its budget to refill instead of making the server read and
// send the journal again and again. A resume of a few events never waits.
type resumeBudgets struct {
	burst float64 // bytes a user may replay at once, from a full budget
	rate  float64 // bytes per second the budget refills

	mu    sync.Mutex
	users map[string]*resumeBudget
}

type resumeBudget struct {
	bytes float64
	at    time.Time
}

// Budgets refill to resumeBurst resumes of the largest size in
// resumeRefill each.
func newResumeBudgets(maxBytes int) *resumeBudgets {
	return &resumeBudgets{
		burst: float64(resumeBurst * maxBytes),
		rate:  float64(maxBytes) / resumeRefill.Seconds(),
		users: map[string]*resumeBudget{},
	}
}

// take spends n bytes of user's budget and returns how long to wait
// before sending them: zero while the budget lasts.
func (b *resumeBudgets) take(user string, n int, now time.Time) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	u := b.users[user]
	if u == nil {
		if len(b.users) >= maxResumeBudgets {
			b.prune(now)
		}
		u = &resumeBudget{bytes: b.burst, at: now}
		b.users[user] = u
	}
	u.bytes = min(b.burst, u.bytes+now.Sub(u.at).Seconds()*b.rate) - float64(n)
	u.at = now
	if u.bytes >= 0 {
		return 0
	}
	return time.Duration(-u.bytes / b.rate * float64(time.Second))
}

// prune forgets the users whose budget has refilled: they are as new.
func (b *resumeBudgets) prune(now time.Time) {
	for id, u := range b.users {
		if u.bytes+now.Sub(u.at).Seconds()*b.rate >= b.burst {
			delete(b.users, id)
		}
	}
}
