package realtime

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"github.com/pbchat/pbchat/journal"
)

// Hub keeps the sockets of signed-in users and delivers each committed chat
// event to every socket of each participant, and to nobody else.
//
// Hooks hand it events through Send. One goroutine, the sender, delivers
// them in commit order: it holds back an event that overtook an earlier
// one, reads the journal for any that never arrived (a full queue, a crash
// between commit and hand-over), and fans each out through an in-memory
// index of sockets by user, encoding its frame once.
type Hub struct {
	app    core.App // nil on an edge, which has no database
	store  Store
	log    *slog.Logger
	config Config

	queue  chan journal.Event
	behind chan struct{} // the queue overflowed: read the journal
	done   chan struct{} // closed when the sender has stopped

	onDeliver *hook.Hook[*DeliverEvent]
	onMissed  *hook.Hook[*MissedEvent]
	onSent    *hook.Hook[*SentEvent]
	onTyping  *hook.Hook[*TypingEvent]

	onPresence *hook.Hook[*PresenceEvent]
	members    *members
	budgets    *resumeBudgets
	presence   *presence
	poller     *poller // nil: every socket keeps a reader goroutine

	// mu guards users and delivered: registering a socket and fanning out
	// an event exclude each other, which is what makes resume exact.
	mu        sync.RWMutex
	users     map[string]*user
	delivered int64  // seq of the last event fanned out
	tiesEpoch uint64 // block events delivered: ties read before one are stale

	// authWait is how long a new socket has to authenticate (authWait;
	// shorter in tests).
	authWait time.Duration

	stopping atomic.Bool
	cancel   context.CancelFunc
	started  time.Time
	running  sync.WaitGroup // each socket's goroutines, which Stop waits for
	stats    counters
}

// user is one signed-in user's sockets.
type user struct {
	conns    []*conn
	typingAt map[string]time.Time // by conversation
	ties     *ties
}

// New returns a Hub for app, reading app's database; MustRegister also
// wires its routes and lifecycle, which most apps want instead.
func New(app core.App, config Config) *Hub {
	return newHub(app, NewDBStore(app), app.Logger(), config)
}

func newHub(app core.App, store Store, log *slog.Logger, config Config) *Hub {
	config = config.withDefaults()
	h := &Hub{
		app:       app,
		store:     store,
		log:       log,
		config:    config,
		queue:     make(chan journal.Event, config.QueueSize),
		behind:    make(chan struct{}, 1),
		done:      make(chan struct{}),
		onDeliver: &hook.Hook[*DeliverEvent]{},
		onMissed:  &hook.Hook[*MissedEvent]{},
		onSent:    &hook.Hook[*SentEvent]{},
		onTyping:  &hook.Hook[*TypingEvent]{},

		onPresence: &hook.Hook[*PresenceEvent]{},
		members:    newMembers(store),
		budgets:    newResumeBudgets(config.ResumeBytes),
		users:      map[string]*user{},
		authWait:   authWait,
		started:    time.Now().UTC(),
	}
	h.presence = newPresence(h)
	if p, err := newPoller(); err == nil {
		h.poller = p
	}
	return h
}

// Send hands the hub a committed event; it implements hooks.Sender and
// never blocks. When the queue is full the event is dropped here and the
// sender reads it from the journal instead, so nothing is lost.
func (h *Hub) Send(ev journal.Event) {
	select {
	case h.queue <- ev:
	default:
		h.stats.overflows.Add(1)
		select {
		case h.behind <- struct{}{}:
		default:
		}
	}
}

// Notify sends a custom event {"type":typ,"data":data} to every socket of
// the given users, at once and without a cursor (it is not journaled, so a
// resume doesn't bring it back). typ must not be one of the protocol's own.
func (h *Hub) Notify(users []string, typ string, data any) error {
	if typ == "" || reserved(typ) {
		return fmt.Errorf("realtime: %q is not a custom event type", typ)
	}
	m, err := encode(customFrame{Type: typ, Data: data})
	if err != nil {
		return fmt.Errorf("realtime: encode %s: %w", typ, err)
	}
	h.mu.RLock()
	defer h.mu.RUnlock()
	for _, id := range users {
		h.sendTo(id, m)
	}
	return nil
}

// Disconnect closes every socket of the given users with 1001 (going
// away). Their clients reconnect and resume from their cursors, as after a
// restart; to keep a user out, revoke their token as well.
func (h *Hub) Disconnect(users ...string) {
	for _, c := range h.conns(func(id string) bool { return slices.Contains(users, id) }) {
		go c.closeWith(websocket.CloseGoingAway, "disconnected by the server")
	}
}

// start runs the sender until Stop. Events committed before it started
// reached no socket, so it begins after the journal's last one. A second
// call does nothing.
func (h *Hub) start() error {
	if h.cancel != nil {
		return nil
	}
	_, last, err := h.store.Bounds()
	if err != nil {
		return err
	}
	h.delivered = last
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	go h.run(ctx)
	go h.keepalive(ctx)
	return nil
}

// run is the sender's goroutine.
func (h *Hub) run(ctx context.Context) {
	defer close(h.done)
	pending := map[int64]journal.Event{} // arrived ahead of an earlier one
	gap := time.NewTimer(time.Hour)
	gap.Stop()
	poll := time.NewTicker(pollInterval)
	defer poll.Stop()

	accept := func(ev journal.Event) {
		if ev.Seq <= h.delivered {
			return // already delivered from the journal
		}
		if ev.Seq != h.delivered+1 {
			if len(pending) == 0 {
				gap.Reset(gapWait)
			}
			pending[ev.Seq] = ev
			return
		}
		h.deliver(&ev)
		for {
			next, ok := pending[h.delivered+1]
			if !ok {
				break
			}
			delete(pending, next.Seq)
			h.deliver(&next)
		}
		if len(pending) == 0 {
			gap.Stop()
		}
	}
	// catchUp reads what the journal holds past the last delivered event.
	// When it can't (an edge's primary is down), nothing past the gap is
	// delivered: it tries again, backing off to maxGapRetry.
	retry := gapWait
	catchUp := func() {
		for {
			events, err := h.store.Read(h.delivered, 512)
			if err != nil {
				h.log.Error("chat: read journal: "+err.Error(), slog.Duration("retry", retry))
				gap.Reset(retry)
				retry = min(2*retry, maxGapRetry)
				return
			}
			retry = gapWait
			for i := range events {
				delete(pending, events[i].Seq)
				h.deliver(&events[i])
			}
			if len(events) < 512 {
				break
			}
		}
		// Whatever is still pending lies past a seq the journal doesn't
		// have (pruned, or never written): deliver it in order.
		for len(pending) > 0 {
			seqs := make([]int64, 0, len(pending))
			for s := range pending {
				seqs = append(seqs, s)
			}
			slices.Sort(seqs)
			for _, s := range seqs {
				ev := pending[s]
				delete(pending, s)
				if s > h.delivered {
					h.deliver(&ev)
				}
			}
		}
		gap.Stop()
	}

	for {
		select {
		case ev := <-h.queue:
			accept(ev)
		case <-gap.C:
			catchUp()
		case <-h.behind:
			catchUp()
		case <-poll.C:
			if _, last, err := h.store.Bounds(); err == nil && last > h.delivered && len(pending) == 0 {
				catchUp()
			}
		case <-ctx.Done():
			// Deliver what is queued and committed, then stop.
			for {
				select {
				case ev := <-h.queue:
					accept(ev)
					continue
				default:
				}
				break
			}
			catchUp()
			return
		}
	}
}

// register adds an authenticated socket and returns the seq after which
// events reach it live (earlier ones come from a replay), or false when its
// user has too many sockets.
func (h *Hub) register(c *conn) (int64, bool, error) {
	liveFrom, first, ok, err := h.presence.register(c)
	if err != nil {
		return 0, false, err
	}
	if first {
		h.presence.set(c.user, true)
		h.localPresence(c.user, true)
	}
	return liveFrom, ok, nil
}

// add adds c to its user's sockets, and reports whether it is their first.
// A first socket brings its user's ties, read at epoch: stale is set, and
// nothing added, when a block event was delivered since (read them again).
func (h *Hub) add(c *conn, t *ties, epoch uint64) (liveFrom int64, first, ok, stale bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	u := h.users[c.user]
	if u == nil {
		if epoch != h.tiesEpoch {
			return 0, false, false, true
		}
		u = &user{ties: t}
		h.users[c.user] = u
	}
	if len(u.conns) >= h.config.MaxSocketsPerUser {
		if len(u.conns) == 0 {
			delete(h.users, c.user)
		}
		return 0, false, false, false
	}
	u.conns = append(u.conns, c)
	return h.delivered, len(u.conns) == 1, true, false
}

func (h *Hub) unregister(c *conn) {
	h.mu.Lock()
	u := h.users[c.user]
	last := false
	if u != nil {
		if i := slices.Index(u.conns, c); i >= 0 {
			u.conns = slices.Delete(u.conns, i, i+1)
		}
		if len(u.conns) == 0 {
			delete(h.users, c.user)
			last = true
		}
	}
	h.mu.Unlock()
	if last {
		h.presence.set(c.user, false)
		h.localPresence(c.user, false)
	}
}

// conns returns a snapshot of the sockets of the users that match.
func (h *Hub) conns(match func(id string) bool) []*conn {
	h.mu.RLock()
	defer h.mu.RUnlock()
	var out []*conn
	for id, u := range h.users {
		if match(id) {
			out = append(out, u.conns...)
		}
	}
	return out
}

// keepalive pings every socket and closes those whose token has expired.
// A few shared goroutines send the pings: waking a writer goroutine per
// socket at each tick would make a burst of goroutines and stacks as large
// as the number of sockets.
func (h *Hub) keepalive(ctx context.Context) {
	t := time.NewTicker(h.config.PingInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			conns := h.conns(func(string) bool { return true })
			work := make(chan *conn)
			var wg sync.WaitGroup
			for range pingWorkers {
				wg.Go(func() {
					for c := range work {
						if now.After(c.expires) {
							c.closeWith(CloseUnauthorized, "token expired: sign in again")
							continue
						}
						if c.silent(now, 2*h.config.PingInterval) {
							c.abort() // as a reader's deadline would
							continue
						}
						c.ping()
					}
				})
			}
			for _, c := range conns {
				work <- c
			}
			close(work)
			wg.Wait()
		}
	}
}
