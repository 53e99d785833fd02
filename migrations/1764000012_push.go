package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Web Push: each browser a user allowed to notify them (pushSubscriptions,
// their own only), and the server's VAPID key pair (_chat_push_keys, made
// on first start by package push, never served but its public half).
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		c := core.NewBaseCollection("pushSubscriptions")
		own := "user = @request.auth.id"
		c.ListRule = types.Pointer(own)
		c.ViewRule = types.Pointer(own)
		c.CreateRule = types.Pointer(`@request.auth.collectionName = "users"`)
		c.DeleteRule = types.Pointer(own)
		c.Fields.Add(&core.RelationField{Name: "user", CollectionId: users.Id, Required: true, MaxSelect: 1, CascadeDelete: true})
		c.Fields.Add(&core.URLField{Name: "endpoint", Required: true})
		c.Fields.Add(&core.TextField{Name: "p256dh", Required: true, Max: 200})
		c.Fields.Add(&core.TextField{Name: "auth", Required: true, Max: 100})
		c.Fields.Add(&core.AutodateField{Name: "created", OnCreate: true})
		c.AddIndex("idx_pushSubscriptions_endpoint", true, "endpoint", "")
		c.AddIndex("idx_pushSubscriptions_user", false, "user", "")
		if err := app.Save(c); err != nil {
			return err
		}
		_, err = app.DB().NewQuery(`CREATE TABLE {{_chat_push_keys}} (
			[[id]]      INTEGER PRIMARY KEY CHECK ([[id]] = 1),
			[[private]] TEXT NOT NULL,
			[[public]]  TEXT NOT NULL
		)`).Execute()
		return err
	}, func(app core.App) error {
		if _, err := app.DB().NewQuery("DROP TABLE IF EXISTS {{_chat_push_keys}}").Execute(); err != nil {
			return err
		}
		c, err := app.FindCollectionByNameOrId("pushSubscriptions")
		if err != nil {
			return err
		}
		return app.Delete(c)
	})
}
