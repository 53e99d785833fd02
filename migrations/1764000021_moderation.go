package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Moderation by superusers: a message removed (messages.removed: what it
// said goes, members see that a moderator removed it), a person suspended
// and the suspension lifted (users.suspended: every session of theirs
// ends, signing in and every request is refused, others see them as
// suspended). Each action is logged in moderation, which superusers alone
// read.
func init() {
	m.Register(func(app core.App) error {
		messages, err := app.FindCollectionByNameOrId("messages")
		if err != nil {
			return err
		}
		messages.Fields.Add(&core.BoolField{Name: "removed"})
		if err := app.Save(messages); err != nil {
			return fmt.Errorf("messages: %w", err)
		}
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		users.Fields.Add(&core.BoolField{Name: "suspended"})
		if err := app.Save(users); err != nil {
			return fmt.Errorf("users: %w", err)
		}
		c := core.NewBaseCollection("moderation")
		c.Fields.Add(&core.SelectField{Name: "action", Required: true, MaxSelect: 1, Values: []string{"remove", "suspend", "lift"}})
		c.Fields.Add(&core.RelationField{Name: "message", CollectionId: messages.Id, MaxSelect: 1})
		c.Fields.Add(&core.RelationField{Name: "user", CollectionId: users.Id, MaxSelect: 1})
		c.Fields.Add(&core.TextField{Name: "moderator", Max: 100})
		c.Fields.Add(&core.TextField{Name: "reason", Max: 1000})
		c.Fields.Add(&core.AutodateField{Name: "created", OnCreate: true})
		if err := app.Save(c); err != nil {
			return fmt.Errorf("moderation: %w", err)
		}
		return nil
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("moderation")
		if err != nil {
			return err
		}
		if err := app.Delete(c); err != nil {
			return err
		}
		for name, field := range map[string]string{"users": "suspended", "messages": "removed"} {
			col, err := app.FindCollectionByNameOrId(name)
			if err != nil {
				return err
			}
			col.Fields.RemoveByName(field)
			if err := app.Save(col); err != nil {
				return err
			}
		}
		return nil
	})
}
