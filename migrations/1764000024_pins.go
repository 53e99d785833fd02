package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Pins: a few messages kept at the top of a conversation. Its members see
// them; who pins and unpins is a setting of the conversation
// (conversations.pinsBy: "members", the default, or "owners"), which its
// owners choose and package hooks enforces.
func init() {
	m.Register(func(app core.App) error {
		conversations, err := app.FindCollectionByNameOrId("conversations")
		if err != nil {
			return err
		}
		conversations.Fields.Add(&core.SelectField{Name: "pinsBy", Values: []string{"members", "owners"}, MaxSelect: 1})
		if err := app.Save(conversations); err != nil {
			return fmt.Errorf("conversations: %w", err)
		}
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		messages, err := app.FindCollectionByNameOrId("messages")
		if err != nil {
			return err
		}
		c := core.NewBaseCollection("pins")
		c.ListRule = types.Pointer(inConversationRule)
		c.ViewRule = types.Pointer(inConversationRule)
		c.CreateRule = types.Pointer(userInConversationRule)
		c.DeleteRule = types.Pointer(inConversationRule)
		c.Fields.Add(&core.RelationField{Name: "conversation", CollectionId: conversations.Id, Required: true, MaxSelect: 1, CascadeDelete: true})
		c.Fields.Add(&core.RelationField{Name: "message", CollectionId: messages.Id, Required: true, MaxSelect: 1, CascadeDelete: true})
		c.Fields.Add(&core.RelationField{Name: "pinnedBy", CollectionId: users.Id, MaxSelect: 1})
		c.Fields.Add(&core.AutodateField{Name: "created", OnCreate: true})
		c.AddIndex("idx_pins_conversation_message", true, "conversation, message", "")
		if err := app.Save(c); err != nil {
			return fmt.Errorf("pins: %w", err)
		}
		return nil
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("pins")
		if err != nil {
			return err
		}
		if err := app.Delete(c); err != nil {
			return err
		}
		conversations, err := app.FindCollectionByNameOrId("conversations")
		if err != nil {
			return err
		}
		conversations.Fields.RemoveByName("pinsBy")
		return app.Save(conversations)
	})
}
