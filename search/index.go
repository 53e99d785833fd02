// Package search is full-text search over the messages a user may read
// now: an SQLite FTS5 index kept in step with every message in the
// transaction that changes it, and the route GET /api/chat/search.
//
// The index holds each word prefixed by its message's conversation, so
// that a search reads only the entries of the reader's conversations: what
// it finds, counts, expands a prefix into and costs depends on what the
// reader may read, never on the rest of the index.
//
// The hooks keep the index (Add, Remove); hooks.Register registers the
// route.
package search

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Table is the index, created by the migrations package: a contentless
// FTS5 table of one column, the scoped words of each message, by the
// message's rowid.
const Table = "_chat_search"

const messages = "messages"

// Add indexes message m as it is stored now, through tx: call it after the
// insert or the update, in its transaction.
func Add(tx core.App, m *core.Record) error {
	rowid, err := rowidOf(tx, m.Id)
	if err != nil {
		return err
	}
	return add(tx, rowid, m.GetString("conversation"), m.GetString("text"))
}

func add(tx core.App, rowid int64, conv, text string) error {
	terms := scoped(conv, tokenize(text))
	if terms == "" {
		return nil
	}
	_, err := tx.NonconcurrentDB().NewQuery(`INSERT INTO {{` + Table + `}} ([[rowid]], [[terms]]) VALUES ({:rowid}, {:terms})`).
		Bind(dbx.Params{"rowid": rowid, "terms": terms}).Execute()
	if err != nil {
		return fmt.Errorf("search: index message %d: %w", rowid, err)
	}
	return nil
}

// Remove takes message m out of the index, through tx: call it before the
// update or the delete, in its transaction. The index forgets a row by its
// rowid alone.
func Remove(tx core.App, m *core.Record) error {
	rowid, err := rowidOf(tx, m.Id)
	if err != nil {
		return err
	}
	_, err = tx.NonconcurrentDB().NewQuery(`DELETE FROM {{` + Table + `}} WHERE [[rowid]] = {:rowid}`).
		Bind(dbx.Params{"rowid": rowid}).Execute()
	if err != nil {
		return fmt.Errorf("search: unindex %s: %w", m.Id, err)
	}
	return nil
}

func rowidOf(tx core.App, id string) (int64, error) {
	var rowid int64
	if err := tx.NonconcurrentDB().Select("rowid").From(messages).Where(dbx.HashExp{"id": id}).Row(&rowid); err != nil {
		return 0, fmt.Errorf("search: rowid of %s: %w", id, err)
	}
	return rowid, nil
}

// Rebuild indexes every message again, through tx: for a migration, or
// messages saved without the hooks.
func Rebuild(tx core.App) error {
	if _, err := tx.NonconcurrentDB().NewQuery(`DELETE FROM {{` + Table + `}}`).Execute(); err != nil {
		return fmt.Errorf("search: rebuild: %w", err)
	}
	const batch = 1000
	var after int64
	for {
		var rows []struct {
			Rowid        int64  `db:"rowid"`
			Conversation string `db:"conversation"`
			Text         string `db:"text"`
		}
		err := tx.NonconcurrentDB().Select("rowid", "conversation", "text").From(messages).
			Where(dbx.NewExp("[[rowid]] > {:after}", dbx.Params{"after": after})).
			OrderBy("rowid ASC").Limit(batch).All(&rows)
		if err != nil {
			return fmt.Errorf("search: rebuild: %w", err)
		}
		for _, r := range rows {
			if err := add(tx, r.Rowid, r.Conversation, r.Text); err != nil {
				return err
			}
			after = r.Rowid
		}
		if len(rows) < batch {
			return nil
		}
	}
}
