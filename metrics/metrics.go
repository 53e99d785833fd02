// Package metrics serves the chat's figures for Prometheus: at
// GET /api/chat/metrics for superusers (a scraper sends a superuser's
// token), and, with Config.Addr, on a listen address of its own without
// authentication, for a scraper inside your network.
//
// The counters are the hub's, the push service's and the digests' own,
// read at each scrape; the one histogram, the time from an event's
// journaling (in its transaction) to its fan-out, is observed once per live
// event on the sender, after the OnDeliver handlers.
//
//	metrics.MustRegister(app, metrics.Sources{Hub: hub, Push: pushes, Digest: digests}, metrics.Config{})
package metrics

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/spf13/pflag"

	"github.com/pbchat/pbchat/digest"
	"github.com/pbchat/pbchat/push"
	"github.com/pbchat/pbchat/realtime"
)

// Path is the superuser-only route of the metrics.
const Path = "/api/chat/metrics"

// Config configures the metrics. The zero value serves Path only.
type Config struct {
	// Addr, if set, also serves the metrics at /metrics on this address
	// (for example 127.0.0.1:9464), to anyone who can reach it.
	Addr string
}

// BindFlags adds --chatMetrics to fs, with c's value as default.
func (c *Config) BindFlags(fs *pflag.FlagSet) {
	fs.StringVar(&c.Addr, "chatMetrics", c.Addr,
		"also serve Prometheus metrics at /metrics on this address, without auth (for example 127.0.0.1:9464)")
}

// Sources are what the metrics read. Hub is required; a nil Push or
// Digest leaves their metrics out.
type Sources struct {
	Hub    *realtime.Hub
	Push   interface{ Stats() push.Stats }
	Digest interface{ Stats() digest.Stats }
}

// MustRegister registers the metrics on app and returns their registry,
// to which an embedding app may add its own.
func MustRegister(app core.App, src Sources, config Config) *prometheus.Registry {
	reg := NewRegistry(src)
	handler := promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
	stop := func() {}
	app.OnServe().BindFunc(func(e *core.ServeEvent) error {
		e.Router.GET(Path, apis.WrapStdHandler(handler)).Bind(apis.RequireSuperuserAuth())
		if config.Addr != "" {
			var err error
			if stop, err = Listen(config.Addr, reg, app.Logger()); err != nil {
				return err
			}
		}
		return e.Next()
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		stop()
		return e.Next()
	})
	return reg
}

// NewRegistry returns the chat's metrics read from src, with the latency
// histogram bound to the hub's OnDeliver: what MustRegister serves, and
// what an edge, which has no PocketBase router, serves with Listen.
func NewRegistry(src Sources) *prometheus.Registry {
	reg := prometheus.NewRegistry()
	latency := prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "pbchat_delivery_latency_seconds",
		Help:    "Time from a live event's journaling, in its transaction, to its fan-out to sockets.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
	})
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		&collector{src: src},
		latency,
	)
	src.Hub.OnDeliver().Bind(&hook.Handler[*realtime.DeliverEvent]{
		Func: func(e *realtime.DeliverEvent) error {
			if e.User == "" { // live, not a replay
				latency.Observe(time.Since(e.ChatEvent.Created.Time()).Seconds())
			}
			return e.Next()
		},
		// last: an event another handler stops is not delivered
		Priority: 1 << 20,
	})
	return reg
}

// Listen serves reg at /metrics on addr, without authentication, until
// stop is called.
func Listen(addr string, reg *prometheus.Registry, log *slog.Logger) (stop func(), err error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("metrics: listen on %s: %w", addr, err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() {
		if err := srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("chat: metrics server stopped", slog.String("error", err.Error()))
		}
	}()
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	}, nil
}
