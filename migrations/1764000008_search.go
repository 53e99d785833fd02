package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Search: an FTS5 index of the messages' text, its content read from the
// messages table itself (so the text is stored once), with each message's
// conversation as a column the search restricts to the reader's. Package
// search keeps it in step with every save and delete, in its transaction;
// this step indexes what exists. _chat_search_terms lists the indexed
// words, which a prefix is expanded into.
func init() {
	m.Register(func(app core.App) error {
		_, err := app.DB().NewQuery(`
			CREATE VIRTUAL TABLE {{_chat_search}} USING fts5(
				text, conversation,
				content = 'messages', content_rowid = 'rowid',
				tokenize = 'unicode61 remove_diacritics 2'
			);
			INSERT INTO {{_chat_search}} ({{_chat_search}}) VALUES ('rebuild');
			CREATE VIRTUAL TABLE {{_chat_search_terms}} USING fts5vocab(_chat_search, row);
		`).Execute()
		return err
	}, func(app core.App) error {
		_, err := app.DB().NewQuery("DROP TABLE IF EXISTS {{_chat_search_terms}}; DROP TABLE IF EXISTS {{_chat_search}}").Execute()
		return err
	})
}
