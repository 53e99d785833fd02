package realtime

import "sync/atomic"

type counters struct {
	events, frames, closedSlow, overflows, resumes, resyncs, resumesDelayed, panics atomic.Uint64
}

// Stats is a snapshot of the hub's state and counters since start.
type Stats struct {
	Sockets    int    `json:"sockets"`
	Users      int    `json:"users"`
	QueueDepth int    `json:"queueDepth"`
	LastSeq    int64  `json:"lastSeq"`
	EventsSent uint64 `json:"eventsSent"`
	FramesSent uint64 `json:"framesSent"`
	ClosedSlow uint64 `json:"closedSlow"`
	Overflows  uint64 `json:"queueOverflows"`
	Resumes    uint64 `json:"resumes"`
	Resyncs    uint64 `json:"resyncs"`
	// ResumesDelayed counts resumes that waited for their user's budget.
	ResumesDelayed uint64 `json:"resumesDelayed"`
	Panics         uint64 `json:"panics"`
}

// Stats returns the hub's current figures.
func (h *Hub) Stats() Stats {
	h.mu.RLock()
	s := Stats{Users: len(h.users), LastSeq: h.delivered}
	for _, u := range h.users {
		s.Sockets += len(u.conns)
	}
	h.mu.RUnlock()
	s.QueueDepth = len(h.queue)
	s.EventsSent = h.stats.events.Load()
	s.FramesSent = h.stats.frames.Load()
	s.ClosedSlow = h.stats.closedSlow.Load()
	s.Overflows = h.stats.overflows.Load()
	s.Resumes = h.stats.resumes.Load()
	s.Resyncs = h.stats.resyncs.Load()
	s.ResumesDelayed = h.stats.resumesDelayed.Load()
	s.Panics = h.stats.panics.Load()
	return s
}
