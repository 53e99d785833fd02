package hooks

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// What a member record carries when its own user reads it: computed per
// request from indexes, for a whole page in two statements, so that an
// inbox costs one request and no query per conversation.

// MaxUnread is the most unread messages counted: a member record's unread
// of MaxUnread means that many or more, so that counting costs the same
// however long someone has been away.
const MaxUnread = 1000

// heroesShown is how many other members an untitled conversation is named
// by.
const heroesShown = 3

// Hero is another member an untitled conversation is named by (as Matrix's
// room summary names a room without a name): what anyone signed in may
// see of a user.
type Hero struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	Avatar         string `json:"avatar"`
	CollectionID   string `json:"collectionId"`
	CollectionName string `json:"collectionName"`
}

// annotateList annotates a page of member records before PocketBase
// enriches and sends them.
func (h *handlers) annotateList(e *core.RecordsListRequestEvent) error {
	if e.Auth != nil {
		if err := annotate(e.App, e.Auth.Id, e.Records); err != nil {
			return e.InternalServerError("Failed to count unread messages.", err)
		}
	}
	return e.Next()
}

// annotateOne annotates a member record served any other way: a view, an
// expand, PocketBase's realtime.
func (h *handlers) annotateOne(e *core.RecordEnrichEvent) error {
	if _, done := e.Record.CustomData()["unread"]; !done && e.RequestInfo != nil && e.RequestInfo.Auth != nil {
		if err := annotate(e.App, e.RequestInfo.Auth.Id, []*core.Record{e.Record}); err != nil {
			return err
		}
	}
	return e.Next()
}

// annotate adds to each of user's own member records among records unread
// (messages by others after its lastReadAt, up to MaxUnread) and heroes (up
// to three other members, when the conversation has no title; else none).
// Others' member records carry neither.
func annotate(app core.App, user string, records []*core.Record) error {
	var mine []*core.Record
	for _, r := range records {
		if r.GetString("user") == user {
			mine = append(mine, r)
		}
	}
	if len(mine) == 0 {
		return nil
	}
	params := dbx.Params{"max": MaxUnread, "heroes": heroesShown}
	ids := make([]string, len(mine))
	for i, r := range mine {
		p := "m" + strconv.Itoa(i)
		params[p] = r.Id
		ids[i] = "{:" + p + "}"
	}
	// One statement: each correlated subquery stops at its LIMIT in an index.
	var rows []struct {
		ID     string `db:"id"`
		Unread int    `db:"unread"`
		Heroes string `db:"heroes"`
	}
	err := app.ConcurrentDB().NewQuery(`SELECT m.[[id]] AS id,
		(SELECT COUNT(*) FROM (SELECT 1 FROM {{` + Messages + `}} x
			WHERE x.[[conversation]] = m.[[conversation]] AND x.[[created]] > m.[[lastReadAt]] AND x.[[author]] != m.[[user]]
			LIMIT {:max})) AS unread,
		CASE WHEN c.[[title]] = '' THEN
			(SELECT json_group_array(json_object('id', u.[[id]], 'name', u.[[name]], 'avatar', u.[[avatar]]))
				FROM (SELECT o.[[user]] FROM {{` + Members + `}} o
					WHERE o.[[conversation]] = m.[[conversation]] AND o.[[user]] != m.[[user]] LIMIT {:heroes}) h
				JOIN {{` + Users + `}} u ON u.[[id]] = h.[[user]])
		ELSE '[]' END AS heroes
		FROM {{` + Members + `}} m JOIN {{` + Conversations + `}} c ON c.[[id]] = m.[[conversation]]
		WHERE m.[[id]] IN (` + strings.Join(ids, ",") + `)`).Bind(params).All(&rows)
	if err != nil {
		return err
	}
	users, err := app.FindCachedCollectionByNameOrId(Users)
	if err != nil {
		return err
	}
	unread := make(map[string]int, len(rows))
	heroes := make(map[string][]Hero, len(rows))
	for _, row := range rows {
		unread[row.ID] = row.Unread
		var hs []Hero
		if err := json.Unmarshal([]byte(row.Heroes), &hs); err != nil {
			return fmt.Errorf("heroes of %s: %w", row.ID, err)
		}
		for i := range hs {
			hs[i].CollectionID, hs[i].CollectionName = users.Id, users.Name
		}
		heroes[row.ID] = append([]Hero{}, hs...)
	}
	for _, r := range mine {
		r.WithCustomData(true)
		r.Set("unread", unread[r.Id])
		r.Set("heroes", heroes[r.Id])
	}
	return nil
}
