package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Files: what a message's attachments were called on the sender's machine
// and how large they are (files: [{name, original, size}]), kept by the
// hooks, since PocketBase stores a file under a name of its own and
// doesn't keep its size.
func init() {
	m.Register(func(app core.App) error {
		messages, err := app.FindCollectionByNameOrId("messages")
		if err != nil {
			return err
		}
		messages.Fields.Add(&core.JSONField{Name: "files", MaxSize: 8192})
		return app.Save(messages)
	}, func(app core.App) error {
		messages, err := app.FindCollectionByNameOrId("messages")
		if err != nil {
			return err
		}
		messages.Fields.RemoveByName("files")
		return app.Save(messages)
	})
}
