package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	"github.com/pbchat/pbchat/search"
)

// Search by conversation: the index holds each word prefixed by its
// message's conversation (package search), in a contentless FTS5 table
// that forgets a row by its rowid. A search then reads only the reader's
// conversations' entries: a prefix expands among their words, and neither
// the answer nor its cost depends on anything else in the index. The
// vocabulary table that prefixes were expanded from goes.
func init() {
	m.Register(func(app core.App) error {
		_, err := app.DB().NewQuery(`
			DROP TABLE IF EXISTS {{_chat_search_terms}};
			DROP TABLE IF EXISTS {{_chat_search}};
			CREATE VIRTUAL TABLE {{_chat_search}} USING fts5(
				terms, content = '', contentless_delete = 1, tokenize = 'ascii'
			);
		`).Execute()
		if err != nil {
			return err
		}
		return search.Rebuild(app)
	}, func(app core.App) error {
		_, err := app.DB().NewQuery(`
			DROP TABLE IF EXISTS {{_chat_search}};
			CREATE VIRTUAL TABLE {{_chat_search}} USING fts5(
				text, conversation,
				content = 'messages', content_rowid = 'rowid',
				tokenize = 'unicode61 remove_diacritics 2'
			);
			INSERT INTO {{_chat_search}} ({{_chat_search}}) VALUES ('rebuild');
			CREATE VIRTUAL TABLE {{_chat_search_terms}} USING fts5vocab(_chat_search, row);
		`).Execute()
		return err
	})
}
