package hooks

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// What the API adds to records as a user reads them: computed per request,
// from indexes, so that a client needs no request per conversation.

// MaxUnread is the most unread messages counted: a member record's unread
// of MaxUnread means that many or more, so that counting costs the same
// however long someone has been away.
const MaxUnread = 1000

// heroesShown is how many other members an untitled conversation names.
const heroesShown = 3

// unread adds to a member record, as its own user reads it, the number of
// messages by others after its lastReadAt. Others' records don't carry it.
func (h *handlers) unread(e *core.RecordEnrichEvent) error {
	if e.RequestInfo == nil || e.RequestInfo.Auth == nil || e.RequestInfo.Auth.Id != e.Record.GetString("user") {
		return e.Next()
	}
	var n int
	err := e.App.ConcurrentDB().NewQuery(`SELECT COUNT(*) FROM (SELECT 1 FROM {{` + Messages + `}}
		WHERE [[conversation]] = {:conv} AND [[created]] > {:at} AND [[author]] != {:user} LIMIT {:max})`).
		Bind(dbx.Params{
			"conv": e.Record.GetString("conversation"),
			"at":   e.Record.GetDateTime("lastReadAt").String(),
			"user": e.Record.GetString("user"),
			"max":  MaxUnread,
		}).Row(&n)
	if err != nil {
		return err
	}
	e.Record.WithCustomData(true)
	e.Record.Set("unread", n)
	return e.Next()
}

// heroes adds to an untitled conversation, as a user reads it, up to three
// of its other members (id, name, avatar), to name it by, as Matrix's room
// summary does: the conversation record carries no member list.
func (h *handlers) heroes(e *core.RecordEnrichEvent) error {
	if e.Record.GetString("title") != "" || e.RequestInfo == nil || e.RequestInfo.Auth == nil {
		return e.Next()
	}
	var rows []struct {
		ID     string `db:"id"`
		Name   string `db:"name"`
		Avatar string `db:"avatar"`
	}
	err := e.App.ConcurrentDB().NewQuery(`SELECT u.[[id]], u.[[name]], u.[[avatar]]
		FROM {{` + Members + `}} m JOIN {{` + Users + `}} u ON u.[[id]] = m.[[user]]
		WHERE m.[[conversation]] = {:conv} AND m.[[user]] != {:me} LIMIT {:n}`).
		Bind(dbx.Params{"conv": e.Record.Id, "me": e.RequestInfo.Auth.Id, "n": heroesShown}).All(&rows)
	if err != nil {
		return err
	}
	users, err := e.App.FindCachedCollectionByNameOrId(Users)
	if err != nil {
		return err
	}
	heroes := make([]map[string]any, len(rows))
	for i, r := range rows {
		heroes[i] = map[string]any{
			"id": r.ID, "name": r.Name, "avatar": r.Avatar,
			"collectionId": users.Id, "collectionName": users.Name,
		}
	}
	e.Record.WithCustomData(true)
	e.Record.Set("heroes", heroes)
	return e.Next()
}
