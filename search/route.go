package search

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/search"

	"github.com/pbchat/pbchat/blocks"
	"github.com/pbchat/pbchat/journal"
)

// Path is the search route.
const Path = "/api/chat/search"

// Page sizes: as PocketBase's lists, at most 100 (access.Config's cap).
const (
	defaultPerPage = 30
	maxPerPage     = 100
)

// maxCounted is the most matches counted: a totalItems of maxCounted means
// that many or more.
const maxCounted = 1000

// Register serves Path on app's router.
func Register(app core.App) {
	app.OnServe().BindFunc(func(e *core.ServeEvent) error {
		e.Router.GET(Path, handle).Bind(apis.RequireAuth("users"))
		return e.Next()
	})
}

// Hit is a message found, as the route returns it: the record (with
// expand.author), snippet (text around the matches) and highlights (where
// the matches are in snippet, as UTF-16 [start, end) offsets).
type hit struct {
	Rowid   int64  `db:"rowid"`
	ID      string `db:"id"`
	Snippet string `db:"snippet"`
}

// handle answers GET Path?q=…[&conversation=…][&author=…][&page=&perPage=] with
// PocketBase's list shape: the messages of the reader's conversations
// that match, newest first.
func handle(e *core.RequestEvent) error {
	query := e.Request.URL.Query()
	terms, err := parse(query.Get("q"))
	if err != nil {
		return e.BadRequestError(err.Error(), validation.Errors{"q": validation.NewError("validation_bad_search", err.Error())})
	}
	page := max(1, atoi(query.Get("page"), 1))
	perPage := min(maxPerPage, max(1, atoi(query.Get("perPage"), defaultPerPage)))

	// The reader's conversations now, by index: a conversation they left
	// is not searched, and one they name but are not in finds nothing.
	convs := []string{}
	q := e.App.ConcurrentDB().Select("conversation").From(journal.Members).Where(dbx.HashExp{"user": e.Auth.Id})
	if c := query.Get("conversation"); c != "" {
		q.AndWhere(dbx.HashExp{"conversation": c})
	}
	if err := q.Column(&convs); err != nil {
		return e.InternalServerError("Failed to search.", err)
	}
	result := search.Result{Page: page, PerPage: perPage, Items: []*core.Record{}}
	if len(convs) == 0 {
		return e.JSON(http.StatusOK, result)
	}
	params := dbx.Params{
		"q":      match(convs, terms),
		"limit":  perPage,
		"offset": (page - 1) * perPage,
		"count":  maxCounted,
		"author": query.Get("author"),
	}
	// author narrows to one person's messages (the web app's "from"):
	// among the reader's conversations still, so it can't widen anything;
	// what people the reader blocks wrote is never found
	blocked, err := blocks.Of(e.App.ConcurrentDB(), e.Auth.Id)
	if err != nil {
		return e.InternalServerError("Failed to search.", err)
	}
	from, by := "", ""
	if params["author"] != "" {
		by = ` AND m.[[author]] = {:author}`
	}
	if list := blocks.List(blocked, params); list != "" {
		by += ` AND m.[[author]] NOT IN ` + list
	}
	if by != "" {
		from = ` JOIN {{` + messages + `}} m ON m.[[rowid]] = s.[[rowid]]`
	}

	// Counted up to maxCounted: a word in most of the reader's messages
	// would otherwise cost all of them to count.
	var total int
	err = e.App.ConcurrentDB().NewQuery(`SELECT COUNT(*) FROM (SELECT s.[[rowid]] FROM {{` + Table + `}} s` + from + `
		WHERE {{` + Table + `}} MATCH {:q}` + by + ` LIMIT {:count})`).Bind(params).Row(&total)
	if err != nil {
		return e.InternalServerError("Failed to search.", err)
	}
	var ids []string
	err = e.App.ConcurrentDB().NewQuery(`SELECT m.[[id]] FROM {{` + Table + `}} s
		JOIN {{` + messages + `}} m ON m.[[rowid]] = s.[[rowid]]
		WHERE {{` + Table + `}} MATCH {:q}` + by + ` ORDER BY s.[[rowid]] DESC LIMIT {:limit} OFFSET {:offset}`).
		Bind(params).Column(&ids)
	if err != nil {
		return e.InternalServerError("Failed to search.", err)
	}
	result.TotalItems = total
	result.TotalPages = (total + perPage - 1) / perPage

	found, err := e.App.FindRecordsByIds(messages, ids)
	if err != nil {
		return e.InternalServerError("Failed to search.", err)
	}
	byID := make(map[string]*core.Record, len(found))
	for _, r := range found {
		byID[r.Id] = r
	}
	items := make([]*core.Record, 0, len(ids))
	for _, id := range ids {
		if r := byID[id]; r != nil {
			items = append(items, r)
		}
	}
	if err := apis.EnrichRecords(e, items, "author"); err != nil {
		return e.InternalServerError("Failed to search.", fmt.Errorf("enrich: %w", err))
	}
	// The snippet is cut from the text as the reader gets it, after the
	// enrich hooks: a message a hook masked shows the mask, and one whose
	// visible text no longer has the words is left out.
	shown := items[:0]
	for _, r := range items {
		text, ranges, ok := snippet(r.GetString("text"), terms)
		if !ok {
			continue
		}
		r.WithCustomData(true)
		r.Set("snippet", text)
		r.Set("highlights", ranges)
		shown = append(shown, r)
	}
	result.Items = shown
	return e.JSON(http.StatusOK, result)
}

func atoi(s string, def int) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return def
	}
	return n
}
