package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Signed-in users must find each other by name to start a conversation.
// PocketBase itself keeps an email hidden from others unless its owner set
// emailVisibility, in responses and in filters alike.
const (
	usersDirectoryRule = `@request.auth.id != ""`
	usersOwnerRule     = "id = @request.auth.id"
)

func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		users.ListRule = types.Pointer(usersDirectoryRule)
		users.ViewRule = types.Pointer(usersDirectoryRule)
		return app.Save(users)
	}, func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		users.ListRule = types.Pointer(usersOwnerRule)
		users.ViewRule = types.Pointer(usersOwnerRule)
		return app.Save(users)
	})
}
