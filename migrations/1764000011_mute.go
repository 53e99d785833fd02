package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Mute: a member silences a conversation (muted, or until mutedUntil); it
// still counts unread, but never notifies, except a mention where its
// user asked for that (users.mentionsBreakMute). Only the member sees and
// sets their own.
func init() {
	m.Register(func(app core.App) error {
		members, err := app.FindCollectionByNameOrId("members")
		if err != nil {
			return err
		}
		members.Fields.Add(&core.BoolField{Name: "muted"})
		members.Fields.Add(&core.DateField{Name: "mutedUntil"})
		if err := app.Save(members); err != nil {
			return err
		}
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		users.Fields.Add(&core.BoolField{Name: "mentionsBreakMute"})
		return app.Save(users)
	}, func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		users.Fields.RemoveByName("mentionsBreakMute")
		if err := app.Save(users); err != nil {
			return err
		}
		members, err := app.FindCollectionByNameOrId("members")
		if err != nil {
			return err
		}
		members.Fields.RemoveByName("muted")
		members.Fields.RemoveByName("mutedUntil")
		return app.Save(members)
	})
}
