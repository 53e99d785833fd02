package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Invite links: an owner of a conversation makes a link (an unguessable
// token, an expiry, a use limit), sees and revokes their conversation's
// links; a signed-in person with a live link joins through the chat's
// route (package hooks), blocks and the size limit still applying. Only
// owners read links: the token is a key to the conversation.
const ownerOfConversationRule = `conversation.members_via_conversation.user ?= @request.auth.id && ` +
	`conversation.members_via_conversation.role ?= "owner"`

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
		c := core.NewBaseCollection("inviteLinks")
		c.ListRule = types.Pointer(ownerOfConversationRule)
		c.ViewRule = types.Pointer(ownerOfConversationRule)
		c.CreateRule = types.Pointer(`@request.auth.collectionName = "users" && ` + ownerOfConversationRule)
		c.DeleteRule = types.Pointer(ownerOfConversationRule)
		c.Fields.Add(&core.RelationField{Name: "conversation", CollectionId: conversations.Id, Required: true, MaxSelect: 1, CascadeDelete: true})
		c.Fields.Add(&core.RelationField{Name: "createdBy", CollectionId: users.Id, MaxSelect: 1, CascadeDelete: true})
		c.Fields.Add(&core.TextField{Name: "token", Max: 100})
		c.Fields.Add(&core.DateField{Name: "expires"})
		c.Fields.Add(&core.NumberField{Name: "maxUses", OnlyInt: true})
		c.Fields.Add(&core.NumberField{Name: "uses", OnlyInt: true})
		c.Fields.Add(&core.AutodateField{Name: "created", OnCreate: true})
		c.AddIndex("idx_inviteLinks_token", true, "token", "")
		c.AddIndex("idx_inviteLinks_conversation", false, "conversation", "")
		if err := app.Save(c); err != nil {
			return fmt.Errorf("inviteLinks: %w", err)
		}
		return nil
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("inviteLinks")
		if err != nil {
			return err
		}
		return app.Delete(c)
	})
}
