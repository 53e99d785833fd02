package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Replies: a message may answer another of its conversation (replyTo), and
// carries a quote of it (reply: its id, author and the start of its text,
// or that it was deleted), kept by the hooks, so that showing a reply
// takes no other request.
func init() {
	m.Register(func(app core.App) error {
		messages, err := app.FindCollectionByNameOrId("messages")
		if err != nil {
			return err
		}
		messages.Fields.Add(&core.RelationField{Name: "replyTo", CollectionId: messages.Id, MaxSelect: 1})
		messages.Fields.Add(&core.JSONField{Name: "reply", MaxSize: 2048})
		// finds the replies of an edited or deleted message; most messages
		// reply to nothing and stay out of it
		messages.AddIndex("idx_messages_replyTo", false, "replyTo", "replyTo != ''")
		return app.Save(messages)
	}, func(app core.App) error {
		messages, err := app.FindCollectionByNameOrId("messages")
		if err != nil {
			return err
		}
		messages.RemoveIndex("idx_messages_replyTo")
		messages.Fields.RemoveByName("replyTo")
		messages.Fields.RemoveByName("reply")
		return app.Save(messages)
	})
}
