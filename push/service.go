// Package push sends a Web Push notification (RFC 8030, signed with
// VAPID, RFC 8292, encrypted as RFC 8291 says, by webpush-go) of each new
// message to each member with no socket open, unless they muted the
// conversation. It runs beside the websocket sender: the hub hands it the
// members a message reached on no socket (realtime.Hub.OnMissed), it
// queues them without blocking, and a few workers send.
//
//	push.MustRegister(app, hub, push.Config{})
package push

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/pflag"

	"github.com/pbchat/pbchat/journal"
	"github.com/pbchat/pbchat/realtime"
)

// Routes and collections.
const (
	KeyPath       = "/api/chat/push/key"
	Subscriptions = "pushSubscriptions"
)

// Defaults for the zero values of Config.
const (
	DefaultTTL     = 24 * time.Hour
	DefaultWorkers = 4
	DefaultQueue   = 1024
	DefaultRetries = 3
	DefaultBackoff = time.Second
)

// Config configures push. The zero value is usable.
type Config struct {
	// Subscriber is the contact push services may reach the server's
	// operator at (mailto: or https:), in every VAPID token (default
	// "mailto:admin@localhost").
	Subscriber string

	// TTL is how long a push service keeps a push for a device that is
	// off (default 24h).
	TTL time.Duration

	// PrivatePreviews leaves the text out of pushes: they say only who
	// wrote where.
	PrivatePreviews bool

	// Workers send at once (default 4); Queue messages may wait for them
	// (default 1024), past which a message's pushes are dropped and
	// counted, never delaying the websockets.
	Workers int
	Queue   int

	// Retries is how many times a push is tried again after a 429 or a 5xx
	// (default 3), waiting Backoff, then twice as long each time (default
	// 1s).
	Retries int
	Backoff time.Duration

	// AllowEndpoint decides which push endpoints subscriptions may name;
	// by default only https URLs of the public push services (see
	// KnownServices). A client names the URL the server will POST to, so
	// an open list would let anyone make the server call anything.
	AllowEndpoint func(endpoint string) bool

	// HTTPClient sends the pushes (default: a client with a 10s timeout).
	HTTPClient *http.Client
}

func (c Config) withDefaults() Config {
	if c.Subscriber == "" {
		c.Subscriber = "mailto:admin@localhost"
	}
	if c.TTL <= 0 {
		c.TTL = DefaultTTL
	}
	if c.Workers <= 0 {
		c.Workers = DefaultWorkers
	}
	if c.Queue <= 0 {
		c.Queue = DefaultQueue
	}
	if c.Retries < 0 {
		c.Retries = 0
	} else if c.Retries == 0 {
		c.Retries = DefaultRetries
	}
	if c.Backoff <= 0 {
		c.Backoff = DefaultBackoff
	}
	if c.AllowEndpoint == nil {
		c.AllowEndpoint = KnownServices
	}
	if c.HTTPClient == nil {
		c.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	}
	return c
}

// Service sends the pushes of one app.
type Service struct {
	app    core.App
	config Config
	keys   vapid
	queue  chan job
	cancel context.CancelFunc
	done   chan struct{}

	sent, failed, dropped, pruned atomic.Uint64
}

// job is a new message and the members it reached on no socket.
type job struct {
	ev    journal.Event
	users []string
}

// MustRegister is Register, panicking on error.
func MustRegister(app core.App, hub *realtime.Hub, config Config) *Service {
	s, err := Register(app, hub, config)
	if err != nil {
		panic(err)
	}
	return s
}

// Register serves KeyPath, keeps pushSubscriptions' invariants, and sends
// pushes for hub's messages from the server's start to its end.
func Register(app core.App, hub *realtime.Hub, config Config) (*Service, error) {
	s := &Service{app: app, config: config.withDefaults(), done: make(chan struct{})}
	s.queue = make(chan job, s.config.Queue)

	app.OnServe().BindFunc(func(e *core.ServeEvent) error {
		if _, _, err := s.keys.load(app); err != nil {
			return err
		}
		e.Router.GET(KeyPath, s.serveKey)
		s.start()
		return e.Next()
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		s.Stop()
		return e.Next()
	})
	app.OnRecordCreateRequest(Subscriptions).BindFunc(s.subscribe)
	hub.OnMissed().BindFunc(func(e *realtime.MissedEvent) error {
		s.enqueue(*e.ChatEvent, e.Users)
		return e.Next()
	})
	return s, nil
}

// serveKey answers the public half of the VAPID key pair, which browsers
// subscribe with.
func (s *Service) serveKey(e *core.RequestEvent) error {
	_, public, err := s.keys.load(e.App)
	if err != nil {
		return e.InternalServerError("Push is not available.", err)
	}
	return e.JSON(http.StatusOK, map[string]string{"publicKey": public})
}

// enqueue hands a message to the workers, or drops it when they are that
// far behind: it runs on the websocket sender's goroutine.
func (s *Service) enqueue(ev journal.Event, users []string) {
	select {
	case s.queue <- job{ev: ev, users: users}:
	default:
		s.dropped.Add(1)
	}
}

func (s *Service) start() {
	if s.cancel != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	finished := make(chan struct{}, s.config.Workers)
	for range s.config.Workers {
		go func() {
			defer func() { finished <- struct{}{} }()
			for {
				select {
				case <-ctx.Done():
					return
				case j := <-s.queue:
					s.send(ctx, j)
				}
			}
		}()
	}
	go func() {
		for range s.config.Workers {
			<-finished
		}
		close(s.done)
	}()
}

// Stop ends the workers; pushes still queued are not sent.
func (s *Service) Stop() {
	if s.cancel == nil {
		return
	}
	s.cancel()
	<-s.done
}

// Stats are the service's counters since start.
type Stats struct {
	Sent    uint64 `json:"sent"`
	Failed  uint64 `json:"failed"`
	Dropped uint64 `json:"dropped"`
	Pruned  uint64 `json:"pruned"`
}

// Stats returns the counters.
func (s *Service) Stats() Stats {
	return Stats{Sent: s.sent.Load(), Failed: s.failed.Load(), Dropped: s.dropped.Load(), Pruned: s.pruned.Load()}
}

func (s *Service) logError(msg string, err error) {
	s.app.Logger().Error(fmt.Sprintf("chat: push: %s", msg), slog.String("error", err.Error()))
}

// BindFlags adds the operator's settings to fs (for example
// app.RootCmd.PersistentFlags()).
func (c *Config) BindFlags(fs *pflag.FlagSet) {
	fs.StringVar(&c.Subscriber, "chatPushContact", c.Subscriber,
		`contact push services may reach the operator at, in every push (mailto:… or https:…; default "mailto:admin@localhost")`)
	fs.BoolVar(&c.PrivatePreviews, "chatPushPrivate", c.PrivatePreviews,
		"leave the text of messages out of push notifications")
	fs.DurationVar(&c.TTL, "chatPushTTL", c.TTL, "how long push services keep a notification for a device that is off (default 24h)")
}
