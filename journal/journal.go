// Package journal is the chat's durable log of events, in commit order.
//
// Every committed change of a conversation, a member or a message appends one row to
// the _chat_events table inside the same transaction as the change. SQLite
// admits one writer at a time, so the row's seq orders events exactly as
// their transactions committed; created timestamps alone can't (two posts
// may take their timestamps in one order and commit in the other). Realtime
// delivery reads the journal to fill gaps and to replay what a reconnecting
// client missed; a rolled-back change leaves no row behind.
package journal

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Table is the journal's table, created by the migrations package.
const Table = "_chat_events"

// ChangesTable indexes the journal by user: one row (user, seq) for each
// user an event added to a conversation or removed from one, so that a
// resume finds its user's changes by seeking, whatever the journal's size.
const ChangesTable = "_chat_member_changes"

// Members is the collection membership is read from.
const Members = "members"

// Event types, as clients see them.
const (
	MessageCreated      = "message.created"
	MessageUpdated      = "message.updated"
	MessageDeleted      = "message.deleted"
	ConversationCreated = "conversation.created"
	ConversationUpdated = "conversation.updated"
	ConversationRemoved = "conversation.removed"
	MemberCreated       = "member.created"
	MemberUpdated       = "member.updated"
	MemberDeleted       = "member.deleted"
	MemberRead          = "read"
	ReactionCreated     = "reaction.created"
	ReactionDeleted     = "reaction.deleted"
	PinCreated          = "pin.created"
	PinDeleted          = "pin.deleted"

	// Personal events concern one person alone (see Personal): a block
	// made or lifted reaches the blocker, an invitation the invitee.
	BlockCreated      = "block.created"
	BlockDeleted      = "block.deleted"
	InvitationCreated = "invitation.created"
	InvitationDeleted = "invitation.deleted"
	// ReportCreated tells a reporter's devices to withhold what they reported.
	ReportCreated = "report.created"

	// TokenRevoked ends tokens: a user's signed with another key than the
	// one it carries, all of a deleted user's, or everyone's (a new token
	// secret). It belongs to no conversation and reaches no client as a
	// frame: its sockets close.
	TokenRevoked = "token.revoked"
)

// Personal is the conversation key of the events that concern user alone:
// their blocks, the invitations to them. They are journaled, delivered and
// replayed as those of a conversation whose one member is user (no
// conversation id has an @).
func Personal(user string) string { return "@" + user }

// PersonalUser returns whose personal events conv holds, if it is such a key.
func PersonalUser(conv string) (string, bool) {
	return strings.CutPrefix(conv, "@")
}

// Revoked is a TokenRevoked event's payload.
type Revoked struct {
	// User whose tokens end; "" for everyone's.
	User string `json:"user"`
	// TokenKey is the user's key now: their tokens signed with it stay
	// valid. "" ends every token of User.
	TokenKey string `json:"tokenKey"`
	Reason   string `json:"reason"`
}

// Revocation builds the TokenRevoked event of r's fields.
func Revocation(user, tokenKey, reason string) (*Event, error) {
	payload, err := json.Marshal(Revoked{User: user, TokenKey: tokenKey, Reason: reason})
	if err != nil {
		return nil, fmt.Errorf("journal: encode revocation: %w", err)
	}
	record := user
	if record == "" {
		record = "*"
	}
	return &Event{Type: TokenRevoked, Record: record, Payload: payload}, nil
}

// membershipTypes are the events that may add people to a conversation or
// take them out: their Added and Removed say whom.
var membershipTypes = []any{ConversationCreated, ConversationRemoved, MemberCreated, MemberDeleted}

// Event is one committed change.
type Event struct {
	// Seq is the event's place in commit order, set by Append.
	Seq int64

	// Type is one of the event types above.
	Type string

	// Conversation is the id of the conversation the change belongs to.
	Conversation string

	// Record is the id of the changed record (a message, the conversation
	// or a member).
	Record string

	// Payload is the record's JSON as a member gets it over the REST API
	// (messages with expand.author, members with expand.user and
	// expand.conversation), built once at commit.
	Payload json.RawMessage

	// Added and Removed list the users whose membership the change
	// altered: every member of a created or deleted conversation, the one
	// person of a member event.
	Added   []string
	Removed []string

	Created types.DateTime
}

// Append records ev through tx and sets ev.Seq and ev.Created. Call it in
// the transaction that makes the change, after the change is written, so
// that both commit or neither does.
func Append(tx core.App, ev *Event) error {
	if ev.Type == "" || (ev.Conversation == "" && ev.Type != TokenRevoked) || ev.Record == "" {
		return errors.New("journal: an event needs a type, a conversation and a record")
	}
	added, err := json.Marshal(nonNil(ev.Added))
	if err != nil {
		return fmt.Errorf("journal: encode added: %w", err)
	}
	removed, err := json.Marshal(nonNil(ev.Removed))
	if err != nil {
		return fmt.Errorf("journal: encode removed: %w", err)
	}
	ev.Created = types.NowDateTime()

	res, err := tx.NonconcurrentDB().Insert(Table, dbx.Params{
		"type":         ev.Type,
		"conversation": ev.Conversation,
		"record":       ev.Record,
		"payload":      string(ev.Payload),
		"added":        string(added),
		"removed":      string(removed),
		"created":      ev.Created.String(),
	}).Execute()
	if err != nil {
		return fmt.Errorf("journal: append %s of %s: %w", ev.Type, ev.Record, err)
	}
	ev.Seq, err = res.LastInsertId()
	if err != nil {
		return fmt.Errorf("journal: seq of %s: %w", ev.Record, err)
	}
	return indexChanges(tx, ev)
}

// changesChunk is how many (user, seq) rows one statement inserts.
const changesChunk = 400

// indexChanges writes a ChangesTable row for each user ev added or removed.
func indexChanges(tx core.App, ev *Event) error {
	users := append(append([]string(nil), ev.Added...), ev.Removed...)
	for len(users) > 0 {
		n := min(len(users), changesChunk)
		var sql strings.Builder
		params := dbx.Params{"seq": ev.Seq}
		sql.WriteString("INSERT OR IGNORE INTO {{" + ChangesTable + "}} ([[user]], [[seq]]) VALUES ")
		for i, u := range users[:n] {
			if i > 0 {
				sql.WriteString(",")
			}
			name := "u" + strconv.Itoa(i)
			params[name] = u
			sql.WriteString("({:" + name + "}, {:seq})")
		}
		if _, err := tx.NonconcurrentDB().NewQuery(sql.String()).Bind(params).Execute(); err != nil {
			return fmt.Errorf("journal: index changes of %d: %w", ev.Seq, err)
		}
		users = users[n:]
	}
	return nil
}

// row is an Event as stored.
type row struct {
	Seq          int64  `db:"seq"`
	Type         string `db:"type"`
	Conversation string `db:"conversation"`
	Record       string `db:"record"`
	Payload      string `db:"payload"`
	Added        string `db:"added"`
	Removed      string `db:"removed"`
	Created      string `db:"created"`
}

func (r *row) event() (Event, error) {
	ev := Event{
		Seq:          r.Seq,
		Type:         r.Type,
		Conversation: r.Conversation,
		Record:       r.Record,
		Payload:      json.RawMessage(r.Payload),
	}
	if err := json.Unmarshal([]byte(r.Added), &ev.Added); err != nil {
		return ev, fmt.Errorf("journal: event %d: added: %w", r.Seq, err)
	}
	if err := json.Unmarshal([]byte(r.Removed), &ev.Removed); err != nil {
		return ev, fmt.Errorf("journal: event %d: removed: %w", r.Seq, err)
	}
	created, err := types.ParseDateTime(r.Created)
	if err != nil {
		return ev, fmt.Errorf("journal: event %d: created: %w", r.Seq, err)
	}
	ev.Created = created
	return ev, nil
}

func scan(q *dbx.SelectQuery) ([]Event, error) {
	var rows []row
	if err := q.All(&rows); err != nil {
		return nil, fmt.Errorf("journal: read: %w", err)
	}
	events := make([]Event, 0, len(rows))
	for i := range rows {
		ev, err := rows[i].event()
		if err != nil {
			return nil, err
		}
		events = append(events, ev)
	}
	return events, nil
}

// Read returns up to limit events with a seq above after, in commit order.
func Read(app core.App, after int64, limit int) ([]Event, error) {
	return scan(app.ConcurrentDB().Select("*").From(Table).
		Where(dbx.NewExp("[[seq]] > {:after}", dbx.Params{"after": after})).
		OrderBy("seq ASC").Limit(int64(limit)))
}

// Conversations returns the conversations user is a member of now, and the
// journal's last seq, from one snapshot: the membership changes up to that
// seq are all that lies between now and any earlier point of the journal.
func Conversations(app core.App, user string) (ids []string, last int64, err error) {
	var row struct {
		IDs  string `db:"ids"`
		Last int64  `db:"last"`
	}
	err = app.ConcurrentDB().NewQuery(`SELECT
		(SELECT json_group_array([[conversation]]) FROM {{` + Members + `}} WHERE [[user]] = {:user}) AS ids,
		(SELECT COALESCE(MAX([[seq]]), 0) FROM {{` + Table + `}}) AS last`).
		Bind(dbx.Params{"user": user}).One(&row)
	if err != nil {
		return nil, 0, fmt.Errorf("journal: conversations of %s: %w", user, err)
	}
	if err := json.Unmarshal([]byte(row.IDs), &ids); err != nil {
		return nil, 0, fmt.Errorf("journal: conversations of %s: %w", user, err)
	}
	return ids, row.Last, nil
}

// Replay returns, in commit order, the events with a seq in (after,
// through] of the given conversations, as long as they are at
// most limit and their payloads add up to at most maxBytes: more reports
// that there is more than that. It stops reading the journal there, and
// read is how many payload bytes it read.
func Replay(app core.App, conversations []string, after, through int64, limit, maxBytes int) (events []Event, read int, more bool, err error) {
	if len(conversations) == 0 {
		return nil, 0, false, nil
	}
	ids := make([]any, len(conversations))
	for i, id := range conversations {
		ids[i] = id
	}
	rows, err := app.ConcurrentDB().Select("*").From(Table).
		Where(dbx.NewExp("[[seq]] > {:after} AND [[seq]] <= {:through}",
			dbx.Params{"after": after, "through": through})).
		AndWhere(dbx.In("conversation", ids...)).
		OrderBy("seq ASC").Limit(int64(limit) + 1).Rows()
	if err != nil {
		return nil, 0, false, fmt.Errorf("journal: replay: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r row
		if err := rows.ScanStruct(&r); err != nil {
			return nil, read, false, fmt.Errorf("journal: replay: %w", err)
		}
		read += len(r.Payload)
		if len(events) == limit || read > maxBytes {
			return events, read, true, nil
		}
		ev, err := r.event()
		if err != nil {
			return nil, read, false, err
		}
		events = append(events, ev)
	}
	if err := rows.Err(); err != nil {
		return nil, read, false, fmt.Errorf("journal: replay: %w", err)
	}
	return events, read, false, nil
}

// MembershipChanges returns, in commit order, the events with a seq in
// (after, through] that added user to a conversation or took them out of
// one, found through ChangesTable.
func MembershipChanges(app core.App, user string, after, through int64) ([]Event, error) {
	return scan(app.ConcurrentDB().Select("e.*").From(ChangesTable+" c").
		InnerJoin(Table+" e", dbx.NewExp("e.[[seq]] = c.[[seq]]")).
		Where(dbx.NewExp("c.[[user]] = {:user} AND c.[[seq]] > {:after} AND c.[[seq]] <= {:through}",
			dbx.Params{"user": user, "after": after, "through": through})).
		OrderBy("c.seq ASC"))
}

// Memberships returns, newest first, the events of conv with a seq in
// (after, through] that added or removed members: what to undo to know who
// was a member at after.
func Memberships(app core.App, conv string, after, through int64) ([]Event, error) {
	return scan(app.ConcurrentDB().Select("*").From(Table).
		Where(dbx.NewExp("[[conversation]] = {:conv} AND [[seq]] > {:after} AND [[seq]] <= {:through}",
			dbx.Params{"conv": conv, "after": after, "through": through})).
		AndWhere(dbx.In("type", membershipTypes...)).
		OrderBy("seq DESC"))
}

// Bounds returns the lowest and the highest seq in the journal; both are
// zero when it is empty. Once rows are pruned, a cursor below first-1 can't
// be resumed from.
func Bounds(app core.App) (first, last int64, err error) {
	var b struct {
		First int64 `db:"first"`
		Last  int64 `db:"last"`
	}
	// Two subqueries: SQLite answers a lone MIN or MAX from the primary
	// key, but scans the whole table for both in one SELECT.
	err = app.ConcurrentDB().NewQuery(`SELECT
		(SELECT COALESCE(MIN([[seq]]), 0) FROM {{` + Table + `}}) AS first,
		(SELECT COALESCE(MAX([[seq]]), 0) FROM {{` + Table + `}}) AS last`).One(&b)
	if err != nil {
		return 0, 0, fmt.Errorf("journal: bounds: %w", err)
	}
	// AUTOINCREMENT never reuses a seq, even after pruning: an empty journal
	// continues from sqlite_sequence.
	if b.Last == 0 {
		var seq int64
		_ = app.ConcurrentDB().NewQuery("SELECT seq FROM sqlite_sequence WHERE name = {:t}").
			Bind(dbx.Params{"t": Table}).Row(&seq)
		return seq + 1, seq, nil
	}
	return b.First, b.Last, nil
}

// Prune deletes the events recorded before the given time and returns how
// many it deleted.
func Prune(app core.App, before time.Time) (int64, error) {
	cutoff, err := types.ParseDateTime(before)
	if err != nil {
		return 0, err
	}
	var n int64
	err = app.RunInTransaction(func(tx core.App) error {
		res, err := tx.NonconcurrentDB().Delete(Table,
			dbx.NewExp("[[created]] < {:cutoff}", dbx.Params{"cutoff": cutoff.String()})).Execute()
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil {
			return err
		}
		_, err = tx.NonconcurrentDB().NewQuery("DELETE FROM {{" + ChangesTable + "}} WHERE [[seq]] < " +
			"(SELECT COALESCE(MIN([[seq]]), (SELECT seq + 1 FROM sqlite_sequence WHERE name = {:t})) FROM {{" + Table + "}})").
			Bind(dbx.Params{"t": Table}).Execute()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("journal: prune: %w", err)
	}
	return n, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Scrub replaces, through tx, the payload of the earlier created and
// updated events of a message of conv with payload: what a moderator
// removed must not come back to a client resuming from before. It reads
// the conversation's events by index.
func Scrub(tx core.App, conv, record string, payload []byte) error {
	_, err := tx.NonconcurrentDB().NewQuery(`UPDATE {{` + Table + `}} SET [[payload]] = {:payload}
		WHERE [[conversation]] = {:conv} AND [[record]] = {:record} AND [[type]] IN ({:created}, {:updated})`).
		Bind(dbx.Params{"payload": string(payload), "conv": conv, "record": record,
			"created": MessageCreated, "updated": MessageUpdated}).Execute()
	if err != nil {
		return fmt.Errorf("journal: scrub %s: %w", record, err)
	}
	return nil
}

// Forget deletes, through tx, the events of a record of conv: what an
// expired message said leaves the journal with it. Every socket had them
// long ago (retention is at least a day); a resume from before simply
// has nothing of it but its deletion.
func Forget(tx core.App, conv, record string) error {
	_, err := tx.NonconcurrentDB().NewQuery(`DELETE FROM {{` + Table + `}} WHERE [[record]] = {:record} AND [[conversation]] = {:conv}`).
		Bind(dbx.Params{"conv": conv, "record": record}).Execute()
	if err != nil {
		return fmt.Errorf("journal: forget %s: %w", record, err)
	}
	return nil
}
