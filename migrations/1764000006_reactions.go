package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Reactions: one row per (message, person, emoji). Members of the
// message's conversation see and add them; each person removes their own.
// The hooks set user and check that emoji is one emoji.
const (
	reactionMemberRule  = `message.conversation.members_via_conversation.user ?= @request.auth.id`
	reactionCreateRule  = `@request.auth.collectionName = "users" && ` + reactionMemberRule
	reactionRemoverRule = `user = @request.auth.id && ` + reactionMemberRule
)

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
		c := core.NewBaseCollection("reactions")
		c.ListRule = types.Pointer(reactionMemberRule)
		c.ViewRule = types.Pointer(reactionMemberRule)
		c.CreateRule = types.Pointer(reactionCreateRule)
		c.DeleteRule = types.Pointer(reactionRemoverRule)
		c.Fields.Add(&core.RelationField{Name: "message", CollectionId: messages.Id, Required: true, MaxSelect: 1, CascadeDelete: true})
		c.Fields.Add(&core.RelationField{Name: "user", CollectionId: users.Id, Required: true, MaxSelect: 1, CascadeDelete: true})
		c.Fields.Add(&core.TextField{Name: "emoji", Required: true, Max: 32})
		c.Fields.Add(&core.AutodateField{Name: "created", OnCreate: true})
		c.AddIndex("idx_reactions_message_user_emoji", true, "message, user, emoji", "")
		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("reactions")
		if err != nil {
			return err
		}
		return app.Delete(c)
	})
}
