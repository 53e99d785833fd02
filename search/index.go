// Package search is full-text search over the messages a user may read
// now: an SQLite FTS5 index kept in step with every message in the
// transaction that changes it, and the route GET /api/chat/search.
//
// The hooks keep the index (Add, Remove); hooks.Register registers the
// route.
package search

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Table is the index, created by the migrations package. Its content is
// the messages table's, by rowid.
const Table = "_chat_search"

const messages = "messages"

// Add indexes message m as it is stored now, through tx: call it after the
// insert or the update, in its transaction.
func Add(tx core.App, m *core.Record) error {
	_, err := tx.NonconcurrentDB().NewQuery(`INSERT INTO {{` + Table + `}} ([[rowid]], [[text]], [[conversation]])
		SELECT [[rowid]], [[text]], [[conversation]] FROM {{` + messages + `}} WHERE [[id]] = {:id}`).
		Bind(dbx.Params{"id": m.Id}).Execute()
	if err != nil {
		return fmt.Errorf("search: index %s: %w", m.Id, err)
	}
	return nil
}

// Remove takes message m out of the index as it was indexed (prev: the
// record as stored before a change), through tx: call it before the
// update or the delete, in its transaction. An external-content index
// must be told the old values to forget them.
func Remove(tx core.App, m, prev *core.Record) error {
	var rowid int64
	if err := tx.NonconcurrentDB().Select("rowid").From(messages).Where(dbx.HashExp{"id": m.Id}).Row(&rowid); err != nil {
		return fmt.Errorf("search: rowid of %s: %w", m.Id, err)
	}
	_, err := tx.NonconcurrentDB().NewQuery(`INSERT INTO {{` + Table + `}} ({{` + Table + `}}, [[rowid]], [[text]], [[conversation]])
		VALUES ('delete', {:rowid}, {:text}, {:conv})`).
		Bind(dbx.Params{"rowid": rowid, "text": prev.GetString("text"), "conv": prev.GetString("conversation")}).Execute()
	if err != nil {
		return fmt.Errorf("search: unindex %s: %w", m.Id, err)
	}
	return nil
}
