// Package digest emails a member who has been away (no socket open) for a
// while a digest of the conversations with news for them: who wrote where,
// the first lines, a link to the app; at most once per conversation per
// hour, never for a muted conversation or to someone who turned digests
// off, through PocketBase's mailer (SMTP from the admin UI's settings).
//
// What it owes and what it sent are in the database, so a restart neither
// repeats a digest nor forgets one.
//
//	digest.MustRegister(app, hub, digest.Config{})
package digest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/pbchat/pbchat/journal"
)

// Defaults for the zero values of Config.
const (
	DefaultAway     = 15 * time.Minute
	DefaultEvery    = time.Hour
	DefaultInterval = time.Minute
)

// Tables.
const (
	stateTable   = "_chat_digest_state"
	pendingTable = "_chat_digest_pending"
	sentTable    = "_chat_digests"
)

// Config configures digests. The zero value is usable.
type Config struct {
	// Away is how long someone has had no socket open before a digest is
	// sent (default 15m).
	Away time.Duration

	// Every is the least time between two digests about one conversation
	// to one person (default 1h).
	Every time.Duration

	// Interval is how often the server looks (default 1m).
	Interval time.Duration
}

func (c Config) withDefaults() Config {
	if c.Away <= 0 {
		c.Away = DefaultAway
	}
	if c.Every <= 0 {
		c.Every = DefaultEvery
	}
	if c.Interval <= 0 {
		c.Interval = DefaultInterval
	}
	return c
}

// Away tells whether a user has a socket open, and since when not:
// realtime.Hub.AwaySince.
type Away interface {
	AwaySince(user string) (online bool, since time.Time)
}

// Service sends the digests of one app.
type Service struct {
	app    core.App
	away   Away
	config Config
	cancel context.CancelFunc
	done   chan struct{}

	sent, failed atomic.Uint64
}

// Stats are the service's counters since start: digests mailed, and
// digests whose mail failed (they are tried again at the next run).
type Stats struct {
	Sent   uint64 `json:"sent"`
	Failed uint64 `json:"failed"`
}

// Stats returns the counters.
func (s *Service) Stats() Stats {
	return Stats{Sent: s.sent.Load(), Failed: s.failed.Load()}
}

// MustRegister is Register, panicking on error.
func MustRegister(app core.App, away Away, config Config) *Service {
	s, err := Register(app, away, config)
	if err != nil {
		panic(err)
	}
	return s
}

// Register serves the unsubscribe route and looks for digests to send
// every Interval while the server runs.
func Register(app core.App, away Away, config Config) (*Service, error) {
	s := &Service{app: app, away: away, config: config.withDefaults()}
	app.OnServe().BindFunc(func(e *core.ServeEvent) error {
		if _, err := s.state(); err != nil {
			return err
		}
		e.Router.GET(UnsubscribePath, s.unsubscribe)
		s.start()
		return e.Next()
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		s.Stop()
		return e.Next()
	})
	return s, nil
}

func (s *Service) start() {
	if s.cancel != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel, s.done = cancel, make(chan struct{})
	go func() {
		defer close(s.done)
		t := time.NewTicker(s.config.Interval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case now := <-t.C:
				if err := s.RunOnce(now.UTC()); err != nil {
					s.app.Logger().Error("chat: digests", slog.String("error", err.Error()))
				}
			}
		}
	}()
}

// Stop ends the looking.
func (s *Service) Stop() {
	if s.cancel != nil {
		s.cancel()
		<-s.done
	}
}

type state struct {
	Seq    int64  `db:"seq"`
	Secret string `db:"secret"`
}

// state reads the journal cursor and the signing secret, making them the
// first time: the cursor starts at the journal's end, owing nothing older.
func (s *Service) state() (state, error) {
	var st state
	err := s.app.DB().Select("seq", "secret").From(stateTable).Where(dbx.HashExp{"id": 1}).One(&st)
	if err == nil {
		return st, nil
	}
	_, last, err := journal.Bounds(s.app)
	if err != nil {
		return st, err
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return st, err
	}
	_, err = s.app.DB().NewQuery(`INSERT OR IGNORE INTO {{` + stateTable + `}} ([[id]], [[seq]], [[secret]])
		VALUES (1, {:seq}, {:secret})`).Bind(dbx.Params{"seq": last, "secret": hex.EncodeToString(b)}).Execute()
	if err != nil {
		return st, fmt.Errorf("digest: state: %w", err)
	}
	err = s.app.DB().Select("seq", "secret").From(stateTable).Where(dbx.HashExp{"id": 1}).One(&st)
	return st, err
}
