package cluster

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go"

	"github.com/pbchat/pbchat/realtime"
)

// EdgeConfig configures an edge node.
type EdgeConfig struct {
	Config

	// Primary is the primary's base URL, for the internal routes.
	Primary string

	// Chat configures the edge's hub as on a single node.
	Chat realtime.Config
}

// Edge holds websockets and delivers the primary's events to them.
type Edge struct {
	config  EdgeConfig
	log     *slog.Logger
	hub     *realtime.Hub
	store   *remoteStore
	nc      *nats.Conn
	node    *node
	stopped sync.Map // seqs the primary's handlers stopped, not yet delivered

	stopOnce sync.Once
}

// NewEdge returns an edge; Start connects it, Handler serves its sockets.
func NewEdge(config EdgeConfig, log *slog.Logger) (*Edge, error) {
	base, err := config.Config.withDefaults()
	if err != nil {
		return nil, err
	}
	if config.NATS == "" || config.Primary == "" {
		return nil, errors.New("cluster: an edge needs a NATS URL and the primary's URL")
	}
	config.Config = base
	config.Primary = strings.TrimRight(config.Primary, "/")
	e := &Edge{config: config, log: log}
	e.store = newRemoteStore(config.Primary, config.Secret, &e.stopped)
	e.hub = realtime.NewEdge(e.store, log, config.Chat)
	// the primary's handlers ran; a live event they stopped goes to
	// nobody (a replay comes without what they stop)
	e.hub.OnDeliver().BindFunc(func(d *realtime.DeliverEvent) error {
		if d.User == "" {
			if _, ok := e.stopped.LoadAndDelete(d.ChatEvent.Seq); ok {
				return nil
			}
		}
		return d.Next()
	})
	return e, nil
}

// Hub returns the edge's hub.
func (e *Edge) Hub() *realtime.Hub { return e.hub }

// Start connects to NATS and starts delivering, waiting (until ctx ends)
// for the primary to answer.
func (e *Edge) Start(ctx context.Context) error {
	// Revocations come in the journal with every other event: one missed
	// while NATS was away is caught up with them, in commit order.
	nc, err := nats.Connect(e.config.NATS, nats.Name("pbchat edge "+e.config.Node),
		nats.MaxReconnects(-1), nats.RetryOnFailedConnect(true))
	if err != nil {
		return fmt.Errorf("cluster: connect to NATS: %w", err)
	}
	e.nc = nc
	if _, err := nc.Subscribe(e.config.Subject+subjectEvents, e.received); err != nil {
		return err
	}
	for {
		err := e.hub.Start()
		if err == nil {
			break
		}
		e.log.Warn("chat: edge: waiting for the primary", slog.String("error", err.Error()))
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
	e.node = newNode(e.config.Node, e.hub, nc, e.config.Subject, e.log)
	return e.node.start()
}

// received hands an event from NATS to the hub, which holds back any that
// overtook an earlier one and reads the journal for what never came.
func (e *Edge) received(m *nats.Msg) {
	var w wireEvent
	if err := json.Unmarshal(m.Data, &w); err != nil {
		e.log.Error("chat: edge: an event that isn't JSON", slog.String("error", err.Error()))
		return
	}
	if w.Stopped {
		e.stopped.Store(w.Seq, struct{}{})
	}
	e.hub.Send(w.Event)
}

// Handler serves the socket route, and a health check for load balancers.
func (e *Edge) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET "+realtime.SocketPath, e.hub)
	mux.HandleFunc("GET /api/health", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"code":200,"message":"API is healthy.","data":{}}`))
	})
	return mux
}

// Stop closes every socket (1001: their clients resume elsewhere) and the
// NATS connection.
func (e *Edge) Stop() {
	e.stopOnce.Do(func() {
		e.hub.Stop()
		if e.node != nil {
			e.node.close()
		}
		if e.nc != nil {
			e.nc.Drain()
		}
	})
}

// Serve runs the edge on addr until ctx ends.
func (e *Edge) Serve(ctx context.Context, addr string) error {
	if err := e.Start(ctx); err != nil {
		return err
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: e.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		e.Stop()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	e.log.Info("chat: edge serving", slog.String("addr", l.Addr().String()), slog.String("primary", e.config.Primary))
	if err := srv.Serve(l); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
