package access

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/subscriptions"
)

// DefaultMaxPerPage is Config.MaxPerPage's zero value.
const DefaultMaxPerPage = 100

// Config configures the guard. The zero value is the chat's policy.
type Config struct {
	// Policy is what clients may filter, sort and expand on (default
	// DefaultPolicy()). To let clients use a field an app added, add it to
	// a copy of DefaultPolicy().
	Policy Policy

	// MaxPerPage caps one page of a policy collection for requests that
	// are not a superuser's (default DefaultMaxPerPage). A larger perPage
	// is lowered to it, as PocketBase lowers one over 1000, and the
	// response's perPage says so: the JS SDK's getFullList pages on.
	MaxPerPage int
}

// MustRegister registers the guard on app and panics on error.
func MustRegister(app core.App, config Config) {
	if err := Register(app, config); err != nil {
		panic(err)
	}
}

// Register guards every way a request that is not a superuser's can name
// fields: the query of the records routes (and of any route of a
// collection, such as an auth response's expand), the requests of a batch,
// and the options of PocketBase's realtime subscriptions.
func Register(app core.App, config Config) error {
	if config.Policy == nil {
		config.Policy = DefaultPolicy()
	}
	if config.MaxPerPage <= 0 {
		config.MaxPerPage = DefaultMaxPerPage
	}
	g := &guard{checker: checker{app: app, policy: config.Policy}, maxPerPage: config.MaxPerPage}

	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Id: "pbchatAccess",
		Func: func(e *core.ServeEvent) error {
			// after PocketBase's auth middleware, before any handler
			e.Router.BindFunc(g.request)
			return e.Next()
		},
	})
	app.OnBatchRequest().BindFunc(g.batch)
	app.OnRealtimeSubscribeRequest().BindFunc(g.subscribe)
	return nil
}

type guard struct {
	checker
	maxPerPage int
}

func (g *guard) request(e *core.RequestEvent) error {
	name := e.Request.PathValue("collection")
	if name == "" || e.HasSuperuserAuth() {
		return e.Next()
	}
	coll, err := e.App.FindCachedCollectionByNameOrId(name)
	if err != nil {
		return e.Next() // PocketBase answers 404
	}
	query := e.Request.URL.Query()
	if r := g.query(coll, query); r != nil {
		return refuse(e, r)
	}
	list := e.Request.Method == "GET" && e.Request.URL.Path == "/api/collections/"+name+"/records"
	if rules, ours := g.policy[coll.Name]; ours && list {
		if len(rules.ListBy) > 0 && !pins(query.Get("filter"), rules.ListBy) {
			msg := fmt.Sprintf("List %s one at a time: the filter must require %s to equal a value, such as %s = \"<id>\".",
				coll.Name, strings.Join(rules.ListBy, " or "), rules.ListBy[0])
			return e.BadRequestError(msg, validation.Errors{"filter": validation.NewError("validation_list_unbounded", msg)})
		}
		if n, err := strconv.Atoi(query.Get("perPage")); err == nil && n > g.maxPerPage {
			query.Set("perPage", strconv.Itoa(g.maxPerPage))
			e.Request.URL.RawQuery = query.Encode()
		}
	}
	return e.Next()
}

// query checks a request's filter, sort and expand on coll.
func (g *guard) query(coll *core.Collection, q url.Values) *Refusal {
	if v := q.Get("filter"); v != "" {
		if err := g.filter(coll, v); err != nil {
			return err
		}
	}
	if v := q.Get("sort"); v != "" {
		if err := g.sort(coll, v); err != nil {
			return err
		}
	}
	if v := q.Get("expand"); v != "" {
		if err := g.expand(coll, v); err != nil {
			return err
		}
	}
	return nil
}

func refuse(e *core.RequestEvent, r *Refusal) error {
	return e.BadRequestError(r.Message(), r.Errors())
}

// batch checks the query of each request of a batch; PocketBase runs them
// without the router, so the request middleware never sees them.
func (g *guard) batch(e *core.BatchRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	for i, r := range e.Batch {
		u, err := url.Parse(r.URL)
		if err != nil {
			continue // PocketBase refuses it
		}
		rest, ok := strings.CutPrefix(u.Path, "/api/collections/")
		if !ok {
			continue
		}
		name, _, _ := strings.Cut(rest, "/")
		coll, err := e.App.FindCachedCollectionByNameOrId(name)
		if err != nil {
			continue
		}
		if r := g.query(coll, u.Query()); r != nil {
			return e.BadRequestError(r.Message(), validation.Errors{
				"requests": validation.Errors{strconv.Itoa(i): r.Errors()},
			})
		}
	}
	return e.Next()
}

// subscribe checks the options of PocketBase's realtime subscriptions,
// whose filter is run for every change of the collection.
func (g *guard) subscribe(e *core.RealtimeSubscribeRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	for _, sub := range e.Subscriptions {
		name, _, _ := strings.Cut(sub, "/")
		name, _, _ = strings.Cut(name, "?")
		coll, err := e.App.FindCachedCollectionByNameOrId(name)
		if err != nil {
			continue // a custom topic
		}
		// parsed as PocketBase parses them
		c := subscriptions.NewDefaultClient()
		c.Subscribe(sub)
		for _, options := range c.Subscriptions() {
			q := url.Values{}
			for k, v := range options.Query {
				q.Set(k, v)
			}
			if r := g.query(coll, q); r != nil {
				return refuse(e.RequestEvent, r)
			}
		}
	}
	return e.Next()
}
