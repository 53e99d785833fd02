package cluster

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/nats-io/nats.go"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"github.com/pbchat/pbchat/realtime"
)

// primary is the server's side: it publishes, and answers edges.
type primary struct {
	app    core.App
	hub    *realtime.Hub
	store  realtime.Store // the hub's: a secret edges check tokens under is one it notices change
	config Config

	nc   *nats.Conn
	node *node
}

// MustRegister makes app's server the primary of a cluster when
// config.NATS is set: from OnServe it publishes each event hub sends,
// answers edges on the internal routes, and shares typing and presence;
// without config.NATS it does nothing. It panics on a bad config.
func MustRegister(app core.App, hub *realtime.Hub, config Config) {
	config, err := config.withDefaults()
	if err != nil {
		panic(err)
	}
	if config.NATS == "" {
		return
	}
	p := &primary{app: app, hub: hub, store: hub.Store(), config: config}
	app.OnServe().BindFunc(func(e *core.ServeEvent) error {
		if err := p.start(); err != nil {
			return err
		}
		p.routes(e)
		return e.Next()
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		p.close()
		return e.Next()
	})
}

func (p *primary) start() error {
	nc, err := nats.Connect(p.config.NATS, nats.Name("pbchat primary "+p.config.Node),
		nats.MaxReconnects(-1), nats.ReconnectBufSize(64<<20))
	if err != nil {
		return fmt.Errorf("cluster: connect to NATS: %w", err)
	}
	p.nc = nc
	// in commit order, from the sender: an edge that sees a gap reads the
	// journal through pathEvents
	p.hub.OnSent().BindFunc(func(e *realtime.SentEvent) error {
		p.publish(subjectEvents, wireEvent{Event: *e.ChatEvent, Stopped: e.Stopped})
		return e.Next()
	})
	p.node = newNode(p.config.Node, p.hub, nc, p.config.Subject, p.app.Logger())
	return p.node.start()
}

func (p *primary) close() {
	if p.nc == nil {
		return
	}
	p.node.close()
	p.nc.Drain()
}

func (p *primary) publish(subject string, v any) {
	b, err := json.Marshal(v)
	if err == nil {
		err = p.nc.Publish(p.config.Subject+subject, b)
	}
	if err != nil {
		// edges notice the gap and read the journal
		p.app.Logger().Warn("chat: cluster: publish "+subject, slog.String("error", err.Error()))
	}
}

// routes serves the edges' questions, to the holders of the secret only.
func (p *primary) routes(se *core.ServeEvent) {
	g := se.Router.Group("")
	g.Bind(&hook.Handler[*core.RequestEvent]{Func: func(e *core.RequestEvent) error {
		if !authorized(e.Request, p.config.Secret) {
			return e.NotFoundError("", nil) // not a route to anyone else
		}
		return e.Next()
	}})
	g.POST(pathAuth, p.auth)
	g.GET(pathBounds, func(e *core.RequestEvent) error {
		first, last, err := p.store.Bounds()
		if err != nil {
			return err
		}
		return writeJSON(e, bounds{first, last})
	})
	g.GET(pathEvents, p.events)
	g.GET(pathMembers, func(e *core.RequestEvent) error {
		seq, _ := strconv.ParseInt(e.Request.URL.Query().Get("seq"), 10, 64)
		ids, err := p.store.MembersAt(e.Request.URL.Query().Get("conversation"), seq)
		if err != nil {
			return err
		}
		return writeJSON(e, map[string][]string{"members": ids})
	})
	g.POST(pathReplay, p.replay)
	g.GET(pathPeers, func(e *core.RequestEvent) error {
		limit, _ := strconv.Atoi(e.Request.URL.Query().Get("max"))
		ids, err := p.store.Peers(e.Request.URL.Query().Get("user"), limit)
		if err != nil {
			return err
		}
		return writeJSON(e, map[string][]string{"peers": ids})
	})
	g.GET(pathTies, func(e *core.RequestEvent) error {
		ties, err := p.store.Ties(e.Request.URL.Query().Get("user"))
		if err != nil {
			return err
		}
		return writeJSON(e, ties)
	})
	g.GET(pathHidden, func(e *core.RequestEvent) error {
		return writeJSON(e, map[string]bool{"hidden": p.store.Hidden(e.Request.URL.Query().Get("user"))})
	})
}

func (p *primary) auth(e *core.RequestEvent) error {
	var body struct{ Token string }
	if err := e.BindBody(&body); err != nil {
		return e.BadRequestError("", err)
	}
	id, err := p.store.Authenticate(body.Token)
	var refusal *realtime.Refusal
	if errors.As(err, &refusal) {
		return e.JSON(http.StatusUnauthorized, map[string]string{"reason": refusal.Error()})
	}
	if err != nil {
		return err
	}
	return writeJSON(e, id)
}

// events answers an edge that missed some: from the journal, through the
// OnDeliver handlers as the live delivery ran them.
func (p *primary) events(e *core.RequestEvent) error {
	after, _ := strconv.ParseInt(e.Request.URL.Query().Get("after"), 10, 64)
	limit, _ := strconv.Atoi(e.Request.URL.Query().Get("limit"))
	limit = min(max(limit, 1), 1000)
	events, err := p.store.Read(after, limit)
	if err != nil {
		return err
	}
	out := make([]wireEvent, len(events))
	for i := range events {
		stopped := !p.hub.RunDeliverHooks(&events[i], "")
		out[i] = wireEvent{Event: events[i], Stopped: stopped}
	}
	return writeJSON(e, map[string][]wireEvent{"events": out})
}

func (p *primary) replay(e *core.RequestEvent) error {
	var r replayRequest
	if err := e.BindBody(&r); err != nil {
		return e.BadRequestError("", err)
	}
	events, read, ok, err := p.store.Replay(r.User, r.After, r.Through, r.Limit, r.MaxBytes)
	if err != nil {
		return err
	}
	kept := events[:0]
	for i := range events {
		if p.hub.RunDeliverHooks(&events[i], r.User) {
			kept = append(kept, events[i])
		}
	}
	return writeJSON(e, replayAnswer{Events: kept, Read: read, OK: ok})
}

// writeJSON answers with v in encoding/json's v1 form, the one the edge
// reads (PocketBase's e.JSON is v2's, which treats embedded structs and raw
// messages its own way).
func writeJSON(e *core.RequestEvent, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return e.Blob(http.StatusOK, "application/json", b)
}
