package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Edit history: each edit of a message keeps the text it replaced. Its
// members read a message's versions through the chat's route (package
// hooks), which serves each as the message itself would be (withheld,
// masked by hooks, as the message is); the collection's own API is the
// superusers'. Deleting or removing the message deletes its history.
func init() {
	m.Register(func(app core.App) error {
		messages, err := app.FindCollectionByNameOrId("messages")
		if err != nil {
			return err
		}
		c := core.NewBaseCollection("messageVersions")
		c.Fields.Add(&core.RelationField{Name: "message", CollectionId: messages.Id, Required: true, MaxSelect: 1, CascadeDelete: true})
		c.Fields.Add(&core.TextField{Name: "text", Max: 10000})
		// when the message said this until: the edit that replaced it
		c.Fields.Add(&core.AutodateField{Name: "created", OnCreate: true})
		c.AddIndex("idx_messageVersions_message", false, "message, created", "")
		if err := app.Save(c); err != nil {
			return fmt.Errorf("messageVersions: %w", err)
		}
		return nil
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("messageVersions")
		if err != nil {
			return err
		}
		return app.Delete(c)
	})
}
