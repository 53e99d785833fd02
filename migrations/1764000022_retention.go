package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Retention per conversation: its owners keep its messages for a number
// of days (0: as the server does), never longer than the server keeps
// any (--chatRetentionDays); package hooks deletes what is older. The
// journal is indexed by record too.
func init() {
	m.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("conversations")
		if err != nil {
			return err
		}
		c.Fields.Add(&core.NumberField{Name: "retentionDays", OnlyInt: true})
		if err := app.Save(c); err != nil {
			return err
		}
		// a person's own messages by seeks: "Download my data", and the
		// clearing of a deleted person's authorship
		messages, err := app.FindCollectionByNameOrId("messages")
		if err != nil {
			return err
		}
		messages.AddIndex("idx_messages_author", false, "author", "author != ''")
		if err := app.Save(messages); err != nil {
			return err
		}
		// a message's events, found by seeks: retention takes an expired
		// message's out, moderation rewrites a removed one's
		_, err = app.DB().NewQuery(`CREATE INDEX IF NOT EXISTS idx_chat_events_record ON {{_chat_events}} ([[record]])`).Execute()
		return err
	}, func(app core.App) error {
		if _, err := app.DB().NewQuery(`DROP INDEX IF EXISTS idx_chat_events_record`).Execute(); err != nil {
			return err
		}
		messages, err := app.FindCollectionByNameOrId("messages")
		if err != nil {
			return err
		}
		messages.RemoveIndex("idx_messages_author")
		if err := app.Save(messages); err != nil {
			return err
		}
		c, err := app.FindCollectionByNameOrId("conversations")
		if err != nil {
			return err
		}
		c.Fields.RemoveByName("retentionDays")
		return app.Save(c)
	})
}
