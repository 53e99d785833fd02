// Package journal is the chat's durable log of events, in commit order.
//
// Every committed change of a conversation or a message appends one row to
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
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Table is the journal's table, created by the migrations package.
const Table = "_chat_events"

// Event types, as clients see them.
const (
	MessageCreated      = "message.created"
	MessageUpdated      = "message.updated"
	MessageDeleted      = "message.deleted"
	ConversationCreated = "conversation.created"
	ConversationUpdated = "conversation.updated"
	ConversationRemoved = "conversation.removed"
)

// Event is one committed change.
type Event struct {
	// Seq is the event's place in commit order, set by Append.
	Seq int64

	// Type is one of the event types above.
	Type string

	// Conversation is the id of the conversation the change belongs to.
	Conversation string

	// Record is the id of the changed record (a message or the conversation).
	Record string

	// Payload is the record's JSON as a participant gets it over the REST
	// API (for messages with expand.author), built once at commit.
	Payload json.RawMessage

	// Added and Removed list the users whose membership the change
	// altered: all participants for a created or deleted conversation.
	Added   []string
	Removed []string

	Created types.DateTime
}

// IsMessage reports whether ev is about a message.
func (ev *Event) IsMessage() bool {
	switch ev.Type {
	case MessageCreated, MessageUpdated, MessageDeleted:
		return true
	}
	return false
}

// Append records ev through tx and sets ev.Seq and ev.Created. Call it in
// the transaction that makes the change, after the change is written, so
// that both commit or neither does.
func Append(tx core.App, ev *Event) error {
	if ev.Type == "" || ev.Conversation == "" || ev.Record == "" {
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

// Conversations returns the conversations user takes part in now, and the
// journal's last seq, from one snapshot: the membership changes up to that
// seq are all that lies between now and any earlier point of the journal.
func Conversations(app core.App, user string) (ids []string, last int64, err error) {
	var row struct {
		IDs  string `db:"ids"`
		Last int64  `db:"last"`
	}
	err = app.ConcurrentDB().NewQuery(`SELECT
		(SELECT json_group_array(c.[[id]]) FROM {{conversations}} c
			WHERE EXISTS (SELECT 1 FROM json_each(c.[[participants]]) p WHERE p.value = {:user})) AS ids,
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

// Replay returns, in commit order, the message events with a seq in
// (after, through] from the given conversations, as long as they are at
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
		AndWhere(dbx.In("type", MessageCreated, MessageUpdated, MessageDeleted)).
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

// MembershipChanges returns, in commit order, the conversation events with
// a seq in (after, through] that added user to a conversation or took them
// out of one.
func MembershipChanges(app core.App, user string, after, through int64) ([]Event, error) {
	return scan(app.ConcurrentDB().Select("*").From(Table).
		Where(dbx.NewExp("[[seq]] > {:after} AND [[seq]] <= {:through}", dbx.Params{"after": after, "through": through})).
		AndWhere(dbx.In("type", ConversationCreated, ConversationUpdated, ConversationRemoved)).
		AndWhere(dbx.NewExp(`(EXISTS (SELECT 1 FROM json_each([[added]]) a WHERE a.value = {:user})
			OR EXISTS (SELECT 1 FROM json_each([[removed]]) r WHERE r.value = {:user}))`, dbx.Params{"user": user})).
		OrderBy("seq ASC"))
}

// Memberships returns, newest first, the conversation events of conv with a
// seq in (after, through]: what to undo to know who took part in it at
// after.
func Memberships(app core.App, conv string, after, through int64) ([]Event, error) {
	return scan(app.ConcurrentDB().Select("*").From(Table).
		Where(dbx.NewExp("[[conversation]] = {:conv} AND [[seq]] > {:after} AND [[seq]] <= {:through}",
			dbx.Params{"conv": conv, "after": after, "through": through})).
		AndWhere(dbx.In("type", ConversationCreated, ConversationUpdated, ConversationRemoved)).
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
	err = app.ConcurrentDB().
		Select("COALESCE(MIN([[seq]]), 0) AS first", "COALESCE(MAX([[seq]]), 0) AS last").
		From(Table).One(&b)
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
	res, err := app.NonconcurrentDB().Delete(Table,
		dbx.NewExp("[[created]] < {:cutoff}", dbx.Params{"cutoff": cutoff.String()})).Execute()
	if err != nil {
		return 0, fmt.Errorf("journal: prune: %w", err)
	}
	return res.RowsAffected()
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
