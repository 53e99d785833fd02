package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Reports: a member reports a message with a reason; the message is then
// withheld from them; superusers alone read reports (in the admin UI, and
// by email in a digest), each with what the message said when reported,
// which outlives the message. Nobody else sees a report, or that one was
// made.
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
		messages, err := app.FindCollectionByNameOrId("messages")
		if err != nil {
			return err
		}
		c := core.NewBaseCollection("reports")
		c.CreateRule = types.Pointer(`@request.auth.collectionName = "users" && message.conversation.members_via_conversation.user ?= @request.auth.id`)
		// kept when what they point at goes: the snapshot is the report
		c.Fields.Add(&core.RelationField{Name: "message", CollectionId: messages.Id, MaxSelect: 1})
		c.Fields.Add(&core.RelationField{Name: "reporter", CollectionId: users.Id, MaxSelect: 1})
		c.Fields.Add(&core.SelectField{Name: "reason", Required: true, MaxSelect: 1,
			Values: []string{"spam", "harassment", "hate", "violence", "sexual", "self-harm", "other"}})
		c.Fields.Add(&core.TextField{Name: "details", Max: 1000})
		c.Fields.Add(&core.RelationField{Name: "conversation", CollectionId: conversations.Id, MaxSelect: 1})
		c.Fields.Add(&core.RelationField{Name: "author", CollectionId: users.Id, MaxSelect: 1})
		c.Fields.Add(&core.TextField{Name: "text", Max: 10000})
		c.Fields.Add(&core.JSONField{Name: "files", MaxSize: 10000})
		c.Fields.Add(&core.SelectField{Name: "status", MaxSelect: 1, Values: []string{"open", "resolved", "dismissed"}})
		c.Fields.Add(&core.BoolField{Name: "mailed"})
		c.Fields.Add(&core.AutodateField{Name: "created", OnCreate: true})
		c.Fields.Add(&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true})
		c.AddIndex("idx_reports_reporter_message", true, "reporter, message", "message != ''")
		c.AddIndex("idx_reports_mailed", false, "mailed", "")
		if err := app.Save(c); err != nil {
			return fmt.Errorf("reports: %w", err)
		}
		return nil
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("reports")
		if err != nil {
			return err
		}
		return app.Delete(c)
	})
}
