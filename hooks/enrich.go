package hooks

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/pbchat/pbchat/blocks"
)

// What a user's own view of their conversations carries: their read state,
// computed per request from indexes, for a whole page in one statement, so
// that an inbox costs one request and no query per conversation.
//
// A user's own member record carries unread, mentions and heroes; a
// conversation, as a member lists or views it, carries the same and member
// (that user's member record: id, role, lastReadAt, muted, mutedUntil).

// MaxUnread is the most unread messages counted: an unread of MaxUnread
// means that many or more, so that counting costs the same however long
// someone has been away.
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

// Membership is a user's member record, as their conversation carries it.
type Membership struct {
	ID         string `db:"id" json:"id"`
	Role       string `db:"role" json:"role"`
	LastReadAt string `db:"lastReadAt" json:"lastReadAt"`
	Muted      bool   `db:"muted" json:"muted"`
	MutedUntil string `db:"mutedUntil" json:"mutedUntil"`
}

// readState is a user's state in one conversation.
type readState struct {
	Membership
	Conversation string `db:"conversation"`
	Unread       int    `db:"unread"`
	Mentions     int    `db:"mentions"`
	Heroes       string `db:"heroes"`
}

// readStates returns user's read state in each of convs they are a member
// of, by conversation: unread (messages by others after lastReadAt, up to
// MaxUnread), mentions (of those, the ones that mention user) and heroes (up to three other members where the conversation
// has no title; else none). Each correlated subquery stops at its LIMIT in
// an index.
func readStates(app core.App, user string, blocked []string, convs []string) (map[string]readState, error) {
	params := dbx.Params{"me": user, "max": MaxUnread, "heroes": heroesShown}
	// what people user blocks wrote is neither unread nor a mention
	notBlocked, mentionNotBlocked := "", ""
	if list := blocks.List(blocked, params); list != "" {
		notBlocked = " AND x.[[author]] NOT IN " + list
		mentionNotBlocked = ` AND NOT EXISTS (SELECT 1 FROM {{` + Messages + `}} y
			WHERE y.[[id]] = x.[[message]] AND y.[[author]] IN ` + list + `)`
	}
	in := make([]string, len(convs))
	for i, c := range convs {
		p := "c" + strconv.Itoa(i)
		params[p] = c
		in[i] = "{:" + p + "}"
	}
	var rows []readState
	err := app.ConcurrentDB().NewQuery(`SELECT m.[[id]] AS id, m.[[role]] AS role, m.[[lastReadAt]] AS lastReadAt,
		m.[[muted]] AS muted, m.[[mutedUntil]] AS mutedUntil,
		m.[[conversation]] AS conversation,
		(SELECT COUNT(*) FROM (SELECT 1 FROM {{` + Messages + `}} x
			WHERE x.[[conversation]] = m.[[conversation]] AND x.[[created]] > m.[[lastReadAt]] AND x.[[author]] != m.[[user]]` + notBlocked + `
			LIMIT {:max})) AS unread,
		(SELECT COUNT(*) FROM (SELECT 1 FROM {{` + MentionsTable + `}} x
			WHERE x.[[user]] = m.[[user]] AND x.[[conversation]] = m.[[conversation]] AND x.[[created]] > m.[[lastReadAt]]` + mentionNotBlocked + `
			LIMIT {:max})) AS mentions,
		CASE WHEN c.[[title]] = '' THEN
			(SELECT json_group_array(json_object('id', u.[[id]], 'name', u.[[name]], 'avatar', u.[[avatar]]))
				FROM (SELECT o.[[user]] FROM {{` + Members + `}} o
					WHERE o.[[conversation]] = m.[[conversation]] AND o.[[user]] != m.[[user]] LIMIT {:heroes}) h
				JOIN {{` + Users + `}} u ON u.[[id]] = h.[[user]])
		ELSE '[]' END AS heroes
		FROM {{` + Members + `}} m JOIN {{` + Conversations + `}} c ON c.[[id]] = m.[[conversation]]
		WHERE m.[[user]] = {:me} AND m.[[conversation]] IN (` + strings.Join(in, ",") + `)`).Bind(params).All(&rows)
	if err != nil {
		return nil, fmt.Errorf("read state of %s: %w", user, err)
	}
	out := make(map[string]readState, len(rows))
	for _, r := range rows {
		out[r.Conversation] = r
	}
	return out, nil
}

// heroes decodes a read state's heroes.
func (s readState) heroes(app core.App) ([]Hero, error) {
	users, err := app.FindCachedCollectionByNameOrId(Users)
	if err != nil {
		return nil, err
	}
	hs := []Hero{}
	if err := json.Unmarshal([]byte(s.Heroes), &hs); err != nil {
		return nil, fmt.Errorf("heroes of %s: %w", s.Conversation, err)
	}
	for i := range hs {
		hs[i].CollectionID, hs[i].CollectionName = users.Id, users.Name
	}
	return hs, nil
}

// annotate adds user's read state to records: their own member records,
// or conversations they are a member of. Anything else is left as it is.
func annotate(app core.App, user string, blocked []string, records []*core.Record) error {
	var convs []string
	for _, r := range records {
		if c := conversationOf(r, user); c != "" {
			convs = append(convs, c)
		}
	}
	if len(convs) == 0 {
		return nil
	}
	states, err := readStates(app, user, blocked, convs)
	if err != nil {
		return err
	}
	for _, r := range records {
		s, ok := states[conversationOf(r, user)]
		if !ok {
			continue
		}
		heroes, err := s.heroes(app)
		if err != nil {
			return err
		}
		r.WithCustomData(true)
		r.Set("unread", s.Unread)
		r.Set("mentions", s.Mentions)
		r.Set("heroes", heroes)
		if r.Collection().Name == Conversations {
			r.Set("member", s.Membership)
		}
	}
	return nil
}

// conversationOf returns the conversation whose read state r carries for
// user, or "".
func conversationOf(r *core.Record, user string) string {
	switch r.Collection().Name {
	case Conversations:
		return r.Id
	case Members:
		if r.GetString("user") == user {
			return r.GetString("conversation")
		}
	}
	return ""
}

// annotateList annotates a page of records before PocketBase enriches and
// sends them.
func (h *handlers) annotateList(e *core.RecordsListRequestEvent) error {
	if e.Auth != nil {
		blocked, _, err := h.ties.of(e.App, e.Auth.Id)
		if err == nil {
			err = annotate(e.App, e.Auth.Id, blocked, e.Records)
		}
		if err != nil {
			return e.InternalServerError("Failed to read the read state.", err)
		}
	}
	return e.Next()
}

// annotateOne annotates a record served any other way: a view, an expand,
// PocketBase's realtime.
func (h *handlers) annotateOne(e *core.RecordEnrichEvent) error {
	if _, done := e.Record.CustomData()["unread"]; !done && e.RequestInfo != nil && e.RequestInfo.Auth != nil {
		blocked, _, err := h.ties.of(e.App, e.RequestInfo.Auth.Id)
		if err != nil {
			return err
		}
		if err := annotate(e.App, e.RequestInfo.Auth.Id, blocked, []*core.Record{e.Record}); err != nil {
			return err
		}
	}
	return e.Next()
}
