package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// The journal of chat events. Its rowid is written in the same transaction
// as the change it records, and SQLite admits one writer at a time, so seq
// order is commit order: what realtime cursors are made of. The leading
// underscore keeps it out of the REST API, like PocketBase's own tables.
func init() {
	m.Register(func(app core.App) error {
		_, err := app.DB().NewQuery(`
			CREATE TABLE {{_chat_events}} (
				[[seq]]          INTEGER PRIMARY KEY AUTOINCREMENT,
				[[type]]         TEXT NOT NULL,
				[[conversation]] TEXT NOT NULL,
				[[record]]       TEXT NOT NULL,
				[[payload]]      TEXT NOT NULL,
				[[added]]        TEXT NOT NULL DEFAULT '[]',
				[[removed]]      TEXT NOT NULL DEFAULT '[]',
				[[created]]      TEXT NOT NULL
			);
			CREATE INDEX idx_chat_events_conversation ON {{_chat_events}} ([[conversation]], [[seq]]);
			CREATE INDEX idx_chat_events_created ON {{_chat_events}} ([[created]]);
		`).Execute()
		return err
	}, func(app core.App) error {
		_, err := app.DB().NewQuery("DROP TABLE IF EXISTS {{_chat_events}}").Execute()
		return err
	})
}
