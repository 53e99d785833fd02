package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Mentions: a message names members (mentions), and an index of them by
// person and conversation (_chat_mentions, kept by the hooks in the
// message's transaction) counts each person's unread mentions with a seek.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		messages, err := app.FindCollectionByNameOrId("messages")
		if err != nil {
			return err
		}
		messages.Fields.Add(&core.RelationField{Name: "mentions", CollectionId: users.Id, MaxSelect: 50})
		if err := app.Save(messages); err != nil {
			return err
		}
		_, err = app.DB().NewQuery(`CREATE TABLE {{_chat_mentions}} (
			[[user]]         TEXT NOT NULL,
			[[conversation]] TEXT NOT NULL,
			[[created]]      TEXT NOT NULL,
			[[message]]      TEXT NOT NULL,
			PRIMARY KEY ([[user]], [[conversation]], [[created]], [[message]])
		) WITHOUT ROWID;
		CREATE INDEX idx_chat_mentions_message ON {{_chat_mentions}} ([[message]]);`).Execute()
		return err
	}, func(app core.App) error {
		if _, err := app.DB().NewQuery("DROP TABLE IF EXISTS {{_chat_mentions}}").Execute(); err != nil {
			return err
		}
		messages, err := app.FindCollectionByNameOrId("messages")
		if err != nil {
			return err
		}
		messages.Fields.RemoveByName("mentions")
		return app.Save(messages)
	})
}
