package realtime

import (
	"slices"
	"sync"
	"time"
)

// presence tracks who is online (has a socket), in memory, and tells the
// connected people who share a conversation of up to PresenceMembers
// members with them (as read receipts stop at a size): at most once per
// PresenceInterval per user, the state at the end of the interval, so that
// a flapping connection sends nothing it takes back. A user who hides
// their presence is offline to everyone.
type presence struct {
	hub *Hub

	mu      sync.Mutex
	users   map[string]*presenceState
	stopped bool

	remote sync.Map // users with a socket on another node
}

type presenceState struct {
	local    bool // a socket is open here
	remote   bool // one is open on another node
	lastSeen time.Time

	told     bool // what others were last told
	toldAt   time.Time
	pending  *time.Timer
	everTold bool
}

// presenceFrame is {"type":"presence","user","online","lastSeen"}.
type presenceFrame struct {
	Type     string `json:"type"`
	User     string `json:"user"`
	Online   bool   `json:"online"`
	LastSeen string `json:"lastSeen,omitempty"`
}

func newPresence(h *Hub) *presence {
	return &presence{hub: h, users: map[string]*presenceState{}}
}

func (s *presenceState) online() bool { return s.local || s.remote }

// elsewhere reports whether user has a socket open on another node. It
// takes no lock of presence's: the fan-out asks it holding the hub's, which
// presence takes holding its own.
func (p *presence) elsewhere(user string) bool {
	_, ok := p.remote.Load(user)
	return ok
}

// set records that user came online or went offline here, and tells
// others in due time.
func (p *presence) set(user string, online bool) {
	p.update(user, func(s *presenceState) { s.local = online })
}

// setRemote records that user came online or went offline on the other
// nodes.
func (p *presence) setRemote(user string, online bool) {
	if online {
		p.remote.Store(user, struct{}{})
	} else {
		p.remote.Delete(user)
	}
	p.update(user, func(s *presenceState) { s.remote = online })
}

func (p *presence) update(user string, change func(*presenceState)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return
	}
	s := p.users[user]
	if s == nil {
		s = &presenceState{}
		p.users[user] = s
	}
	was := s.online()
	change(s)
	if was && !s.online() {
		s.lastSeen = time.Now().UTC()
	}
	p.schedule(user, s)
}

// schedule tells others of s now, or when the user's interval has passed.
// p.mu must be held.
func (p *presence) schedule(user string, s *presenceState) {
	if s.pending != nil {
		return // the end of the interval will tell the state then
	}
	wait := p.hub.config.PresenceInterval - time.Since(s.toldAt)
	if wait <= 0 {
		p.tell(user, s)
		return
	}
	s.pending = time.AfterFunc(wait, func() {
		p.mu.Lock()
		defer p.mu.Unlock()
		s.pending = nil
		if !p.stopped {
			p.tell(user, s)
		}
	})
}

// stop tells nobody anything more: the server is shutting down.
func (p *presence) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stopped = true
	for _, s := range p.users {
		if s.pending != nil {
			s.pending.Stop()
			s.pending = nil
		}
	}
}

// tell sends s to the connected people who share a conversation with user,
// unless it is what they were last told. p.mu must be held.
func (p *presence) tell(user string, s *presenceState) {
	hidden := p.hidden(user)
	online := s.online() && !hidden
	if s.everTold && online == s.told {
		return
	}
	if !s.everTold && !online {
		return // never told online: offline is what everyone assumes
	}
	s.told, s.toldAt, s.everTold = online, time.Now(), true
	if !s.online() && len(p.users) > maxPresenceStates {
		delete(p.users, user)
	}
	f := presenceFrame{Type: framePresence, User: user, Online: online}
	if !online && !hidden {
		f.LastSeen = formatTime(s.lastSeen)
	}
	m, err := encode(f)
	if err != nil {
		return
	}
	peers := p.peers(user)
	p.hub.mu.RLock()
	defer p.hub.mu.RUnlock()
	for _, id := range peers {
		if id != user {
			p.hub.sendTo(id, m)
		}
	}
}

// refresh tells others of user's presence again after their setting
// changed.
func (p *presence) refresh(user string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if s := p.users[user]; s != nil && !p.stopped {
		p.schedule(user, s)
	}
}

// register adds c to the hub and keeps, for after its ready, the frames
// telling its user who of their people is online. Both happen under the
// lock that tells hold while they send: a tell comes either before, and is
// in the snapshot, or after, and reaches the socket live; never both, never
// neither.
func (p *presence) register(c *conn) (liveFrom int64, first, ok bool, err error) {
	peers := p.peers(c.user) // queries: outside the lock
	for {
		t, epoch, err := p.hub.loadTies(c.user)
		if err != nil {
			return 0, false, false, err
		}
		p.mu.Lock()
		var stale bool
		liveFrom, first, ok, stale = p.hub.add(c, t, epoch)
		if !stale {
			break
		}
		p.mu.Unlock()
	}
	defer p.mu.Unlock()
	if !ok {
		return
	}
	c.snapshot = c.snapshot[:0]
	for _, id := range peers {
		if s := p.users[id]; id != c.user && s != nil && s.everTold && s.told {
			c.snapshot = append(c.snapshot, presenceFrame{Type: framePresence, User: id, Online: true})
		}
	}
	return
}

// retell tells a and b, after a block between them was made, that the
// other is offline; after one was lifted, that the other is online, if
// they share a conversation and the other is.
func (p *presence) retell(a, b string, made bool) {
	if made {
		for _, pair := range [][2]string{{a, b}, {b, a}} {
			if m, err := encode(presenceFrame{Type: framePresence, User: pair[0]}); err == nil {
				p.hub.mu.RLock()
				p.hub.sendTo(pair[1], m)
				p.hub.mu.RUnlock()
			}
		}
		return
	}
	go func() {
		if !slices.Contains(p.peers(a), b) {
			return
		}
		p.mu.Lock()
		defer p.mu.Unlock()
		for _, pair := range [][2]string{{a, b}, {b, a}} {
			s := p.users[pair[0]]
			if s == nil || !s.everTold || !s.told {
				continue
			}
			if m, err := encode(presenceFrame{Type: framePresence, User: pair[0], Online: true}); err == nil {
				p.hub.mu.RLock()
				p.hub.sendTo(pair[1], m)
				p.hub.mu.RUnlock()
			}
		}
	}()
}

// peers returns the users who share a conversation of up to
// PresenceMembers members with user, less those tied to them by a block.
func (p *presence) peers(user string) []string {
	ids, err := p.hub.store.Peers(user, p.hub.config.PresenceMembers+1)
	if err != nil {
		p.hub.log.Error("chat: presence: " + err.Error())
	}
	return ids
}

// hidden reports whether user hides their presence.
func (p *presence) hidden(user string) bool {
	return p.hub.store.Hidden(user)
}

// maxPresenceStates is how many users' states are kept before those
// offline are forgotten.
const maxPresenceStates = 100_000

func formatTime(t time.Time) string {
	return t.Format("2006-01-02 15:04:05.000Z")
}

// AwaySince reports whether user has a socket open now and, if not, since
// when they have had none: their last socket's close, or the server's
// start when none closed since.
func (h *Hub) AwaySince(user string) (online bool, since time.Time) {
	h.mu.RLock()
	online = h.users[user] != nil
	h.mu.RUnlock()
	if online || h.presence.elsewhere(user) {
		return true, time.Time{}
	}
	h.presence.mu.Lock()
	defer h.presence.mu.Unlock()
	if s := h.presence.users[user]; s != nil && !s.lastSeen.IsZero() {
		return false, s.lastSeen
	}
	return false, h.started
}
