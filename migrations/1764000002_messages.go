package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

const (
	messageParticipantRule = `@request.auth.collectionName = "users" && conversation.participants.id ?= @request.auth.id`
	messageAuthorRule      = `author = @request.auth.id && conversation.participants.id ?= @request.auth.id`
)

func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		conversations, err := app.FindCollectionByNameOrId("conversations")
		if err != nil {
			return err
		}

		c := core.NewBaseCollection("messages")
		c.ListRule = types.Pointer(messageParticipantRule)
		c.ViewRule = types.Pointer(messageParticipantRule)
		c.CreateRule = types.Pointer(messageParticipantRule)
		c.UpdateRule = types.Pointer(messageAuthorRule)
		c.DeleteRule = types.Pointer(messageAuthorRule)

		c.Fields.Add(&core.RelationField{
			Name:          "conversation",
			CollectionId:  conversations.Id,
			Required:      true,
			MaxSelect:     1,
			CascadeDelete: true,
		})
		// Not required in the schema so that a deleted user's messages stay
		// (authorless); the hooks require it on create.
		c.Fields.Add(&core.RelationField{Name: "author", CollectionId: users.Id, MaxSelect: 1})
		// Required unless an attachment is sent: checked by the hooks.
		c.Fields.Add(&core.TextField{Name: "text", Max: 10000})
		c.Fields.Add(&core.FileField{
			Name:      "attachments",
			MaxSelect: 10,
			MaxSize:   10 << 20,
			Thumbs:    []string{"100x100", "480x0"},
			// Files of private messages need a file token and pass the view rule.
			Protected: true,
		})
		c.Fields.Add(&core.AutodateField{Name: "created", OnCreate: true})
		c.Fields.Add(&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true})
		c.AddIndex("idx_messages_conversation_created", false, "conversation, created", "")

		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("messages")
		if err != nil {
			return err
		}
		return app.Delete(c)
	})
}
