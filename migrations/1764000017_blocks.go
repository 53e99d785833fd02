package migrations

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Blocks: one person (the blocker) blocks another (the blocked). Only the
// blocker sees, makes and lifts their blocks; the blocked is never told.
// What a block changes (collapsed messages, no notifications, no presence,
// typing or receipts between the two, no adding the blocker) the hooks,
// search, push, digests and the websocket enforce, through package blocks.
// Nobody updates a block: it is made or lifted.
const blockerRule = `blocker = @request.auth.id`

func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		c := core.NewBaseCollection("blocks")
		c.ListRule = types.Pointer(blockerRule)
		c.ViewRule = types.Pointer(blockerRule)
		c.CreateRule = types.Pointer(`@request.auth.collectionName = "users" && ` + blockerRule)
		c.DeleteRule = types.Pointer(blockerRule)
		// Deleting either user deletes the block.
		c.Fields.Add(&core.RelationField{Name: "blocker", CollectionId: users.Id, Required: true, MaxSelect: 1, CascadeDelete: true})
		c.Fields.Add(&core.RelationField{Name: "blocked", CollectionId: users.Id, Required: true, MaxSelect: 1, CascadeDelete: true})
		c.Fields.Add(&core.AutodateField{Name: "created", OnCreate: true})
		c.AddIndex("idx_blocks_blocker_blocked", true, "blocker, blocked", "")
		c.AddIndex("idx_blocks_blocked", false, "blocked", "")
		if err := app.Save(c); err != nil {
			return fmt.Errorf("blocks: %w", err)
		}
		return nil
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("blocks")
		if err != nil {
			return err
		}
		return app.Delete(c)
	})
}
