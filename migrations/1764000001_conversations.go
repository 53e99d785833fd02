package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// What a rule can't say (who may remove whom, fields only the server sets)
// the request hooks in package hooks enforce.
const (
	conversationParticipantRule = `participants.id ?= @request.auth.id`
	conversationCreateRule      = `@request.auth.collectionName = "users"`
	conversationDeleteRule      = `createdBy = @request.auth.id && participants.id ?= @request.auth.id`
)

func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}

		c := core.NewBaseCollection("conversations")
		c.ListRule = types.Pointer(conversationParticipantRule)
		c.ViewRule = types.Pointer(conversationParticipantRule)
		c.CreateRule = types.Pointer(conversationCreateRule)
		c.UpdateRule = types.Pointer(conversationParticipantRule)
		c.DeleteRule = types.Pointer(conversationDeleteRule)

		c.Fields.Add(&core.TextField{Name: "title", Max: 200})
		c.Fields.Add(&core.RelationField{
			Name:         "participants",
			CollectionId: users.Id,
			Required:     true,
			MinSelect:    1,
			MaxSelect:    10000,
			// Deleting a user takes them out of their conversations; a
			// conversation whose last participant is deleted goes too.
			CascadeDelete: true,
		})
		// Not required in the schema so that deleting its creator keeps the
		// conversation; the hooks set it on every create by a user.
		c.Fields.Add(&core.RelationField{Name: "createdBy", CollectionId: users.Id, MaxSelect: 1})
		c.Fields.Add(&core.DateField{Name: "lastMessageAt"})
		c.Fields.Add(&core.AutodateField{Name: "created", OnCreate: true})
		c.Fields.Add(&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true})
		c.AddIndex("idx_conversations_lastMessageAt", false, "lastMessageAt", "")

		return app.Save(c)
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("conversations")
		if err != nil {
			return err
		}
		return app.Delete(c)
	})
}
