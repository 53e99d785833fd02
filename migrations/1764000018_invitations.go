package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Consent to be added: each person chooses who may add them to a
// conversation directly (users.whoCanAdd: "everyone", "shared" (people
// they already share a conversation with), "nobody"; empty is the
// default, "shared"). Anyone else invites them: an invitation shows its
// invitee the conversation's title, who invited them and how many members
// it has, and nothing of it more until they accept. An invitation from
// someone its invitee blocks is hidden from them (hidden, a field no API
// response carries and no client may filter on), so that the blocked
// person is never told. Accepting and declining are routes of their own
// (package hooks); members see their conversation's invitations, and
// owners, inviters and invitees withdraw or decline them.
const (
	invitationSeenRule   = `(invitee = @request.auth.id && hidden = false) || ` + inConversationRule
	invitationDeleteRule = `(invitee = @request.auth.id && hidden = false) || inviter = @request.auth.id || ` +
		`(conversation.members_via_conversation.user ?= @request.auth.id && conversation.members_via_conversation.role ?= "owner")`
)

func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		users.Fields.Add(&core.SelectField{Name: "whoCanAdd", Values: []string{"everyone", "shared", "nobody"}, MaxSelect: 1})
		if err := app.Save(users); err != nil {
			return fmt.Errorf("users: %w", err)
		}
		conversations, err := app.FindCollectionByNameOrId("conversations")
		if err != nil {
			return err
		}
		c := core.NewBaseCollection("invitations")
		c.ListRule = types.Pointer(invitationSeenRule)
		c.ViewRule = types.Pointer(invitationSeenRule)
		c.CreateRule = types.Pointer(userInConversationRule)
		c.DeleteRule = types.Pointer(invitationDeleteRule)
		c.Fields.Add(&core.RelationField{Name: "conversation", CollectionId: conversations.Id, Required: true, MaxSelect: 1, CascadeDelete: true})
		c.Fields.Add(&core.RelationField{Name: "invitee", CollectionId: users.Id, Required: true, MaxSelect: 1, CascadeDelete: true})
		// not required, so that the superuser's invitations need no inviter;
		// set by the server to the signed-in user
		c.Fields.Add(&core.RelationField{Name: "inviter", CollectionId: users.Id, MaxSelect: 1, CascadeDelete: true})
		c.Fields.Add(&core.BoolField{Name: "hidden", Hidden: true})
		c.Fields.Add(&core.AutodateField{Name: "created", OnCreate: true})
		c.AddIndex("idx_invitations_conversation_invitee", true, "conversation, invitee", "")
		c.AddIndex("idx_invitations_invitee", false, "invitee", "")
		if err := app.Save(c); err != nil {
			return fmt.Errorf("invitations: %w", err)
		}
		return nil
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("invitations")
		if err != nil {
			return err
		}
		if err := app.Delete(c); err != nil {
			return err
		}
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		users.Fields.RemoveByName("whoCanAdd")
		return app.Save(users)
	})
}
