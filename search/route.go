package search

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/search"

	"github.com/pbchat/pbchat/journal"
)

// TermsTable lists the index's words (an fts5vocab table).
const TermsTable = "_chat_search_terms"

// match builds the FTS5 query of terms: each a quoted string, a prefix the
// OR of the most common indexed words it starts, all required; "" when a
// prefix starts no indexed word, and nothing can match.
func match(app core.App, terms []term) (string, error) {
	parts := make([]string, 0, len(terms))
	for _, t := range terms {
		if !t.prefix {
			parts = append(parts, quote(t.text))
			continue
		}
		p := fold(t.text)
		var words []string
		err := app.ConcurrentDB().NewQuery(`SELECT [[term]] FROM {{` + TermsTable + `}}
			WHERE [[term]] >= {:p} AND [[term]] < {:end} ORDER BY [[doc]] DESC, [[term]] LIMIT {:n}`).
			Bind(dbx.Params{"p": p, "end": p + "\U0010FFFF", "n": maxExpansions}).Column(&words)
		if err != nil {
			return "", fmt.Errorf("search: expand %q: %w", t.text, err)
		}
		if len(words) == 0 {
			return "", nil
		}
		for i, w := range words {
			words[i] = quote(w)
		}
		parts = append(parts, "("+strings.Join(words, " OR ")+")")
	}
	return strings.Join(parts, " "), nil
}

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

// handle answers GET Path?q=…[&conversation=…][&page=&perPage=] with
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
	fts, err := match(e.App, terms)
	if err != nil {
		return e.InternalServerError("Failed to search.", err)
	}
	if fts == "" {
		return e.JSON(http.StatusOK, result) // a prefix of no indexed word
	}
	quoted := make([]string, len(convs))
	for i, c := range convs {
		quoted[i] = quote(c)
	}
	params := dbx.Params{
		"q":      "{conversation} : (" + strings.Join(quoted, " OR ") + ") AND {text} : (" + fts + ")",
		"limit":  perPage,
		"offset": (page - 1) * perPage,
	}

	// Counted up to maxCounted: a word in most messages would otherwise
	// cost the whole index to count.
	var total int
	params["count"] = maxCounted
	err = e.App.ConcurrentDB().NewQuery(`SELECT COUNT(*) FROM (SELECT [[rowid]] FROM {{` + Table + `}}
		WHERE {{` + Table + `}} MATCH {:q} LIMIT {:count})`).Bind(params).Row(&total)
	if err != nil {
		return e.InternalServerError("Failed to search.", err)
	}
	var hits []hit
	err = e.App.ConcurrentDB().NewQuery(`SELECT s.[[rowid]] AS rowid, m.[[id]] AS id,
			snippet({{` + Table + `}}, 0, '` + markOpen + `', '` + markClose + `', '…', 16) AS snippet
		FROM {{` + Table + `}} s JOIN {{` + messages + `}} m ON m.[[rowid]] = s.[[rowid]]
		WHERE {{` + Table + `}} MATCH {:q} ORDER BY s.[[rowid]] DESC LIMIT {:limit} OFFSET {:offset}`).
		Bind(params).All(&hits)
	if err != nil {
		return e.InternalServerError("Failed to search.", err)
	}
	result.TotalItems = total
	result.TotalPages = (total + perPage - 1) / perPage

	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	found, err := e.App.FindRecordsByIds(messages, ids)
	if err != nil {
		return e.InternalServerError("Failed to search.", err)
	}
	byID := make(map[string]*core.Record, len(found))
	for _, r := range found {
		byID[r.Id] = r
	}
	items := make([]*core.Record, 0, len(hits))
	for _, h := range hits {
		r := byID[h.ID]
		if r == nil {
			continue
		}
		snippet, ranges := highlight(h.Snippet)
		r.WithCustomData(true)
		r.Set("snippet", snippet)
		r.Set("highlights", ranges)
		items = append(items, r)
	}
	if err := apis.EnrichRecords(e, items, "author"); err != nil {
		return e.InternalServerError("Failed to search.", fmt.Errorf("enrich: %w", err))
	}
	result.Items = items
	return e.JSON(http.StatusOK, result)
}

func atoi(s string, def int) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return def
	}
	return n
}
