package hooks

import (
	"fmt"
	"slices"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/pbchat/pbchat/blocks"
	"github.com/pbchat/pbchat/journal"
)

// Blocks is the collection of blocks (package blocks reads it).
const Blocks = blocks.Collection

// MaxBlocks is the most people one person may block: each read that
// honours blocks names them all.
const MaxBlocks = 1000

// blockValidate keeps a block to two different people, once, within
// MaxBlocks; nobody changes whom a block names. It runs for every save,
// whatever its origin.
func (h *handlers) blockValidate(e *core.RecordEvent) error {
	blocker, blocked := e.Record.GetString("blocker"), e.Record.GetString("blocked")
	if !e.Record.IsNew() {
		prev := e.Record.Original()
		if blocker != prev.GetString("blocker") || blocked != prev.GetString("blocked") {
			return validation.Errors{"blocked": validation.NewError("validation_immutable", "A block is lifted and made again, never changed.")}
		}
		return e.Next()
	}
	if blocker == blocked {
		return validation.Errors{"blocked": validation.NewError("validation_block_self", "You can't block yourself.")}
	}
	var row struct {
		Same  int `db:"same"`
		Count int `db:"count"`
	}
	err := e.App.ConcurrentDB().NewQuery(`SELECT
		(SELECT COUNT(*) FROM {{` + Blocks + `}} WHERE [[blocker]] = {:blocker} AND [[blocked]] = {:blocked}) AS same,
		(SELECT COUNT(*) FROM {{` + Blocks + `}} WHERE [[blocker]] = {:blocker}) AS count`).
		Bind(dbx.Params{"blocker": blocker, "blocked": blocked}).One(&row)
	if err != nil {
		return fmt.Errorf("blocks of %s: %w", blocker, err)
	}
	if row.Same > 0 {
		return validation.Errors{"blocked": validation.NewError("validation_already_blocked", "You already block this person.")}
	}
	if row.Count >= MaxBlocks {
		return validation.Errors{"blocked": validation.NewError("validation_too_many_blocks",
			fmt.Sprintf("You can block at most %d people; unblock someone first.", MaxBlocks))}
	}
	return e.Next()
}

// blockEvent tells the blocker's own sockets of a block made or lifted
// (their other devices collapse or show the messages) and tells the
// websocket's hubs, which stop relaying presence, typing and receipts
// between the two. It is the blocker's personal event: nobody else gets it.
func blockEvent(typ string) eventFunc {
	return func(tx core.App, e *core.RecordEvent, _ *core.Record) (*journal.Event, error) {
		// the blocked person's pending invitations to the blocker go out of sight, or come back
		err := showInvitations(tx, e.Record.GetString("blocker"), e.Record.GetString("blocked"), typ == journal.BlockDeleted)
		if err != nil {
			return nil, err
		}
		payload, err := encode(e.Record.PublicExport())
		if err != nil {
			return nil, fmt.Errorf("encode block %s: %w", e.Record.Id, err)
		}
		return &journal.Event{Type: typ, Conversation: journal.Personal(e.Record.GetString("blocker")), Record: e.Record.Id, Payload: payload}, nil
	}
}

// blockChanged forgets what the ties cache held of the two people.
func (h *handlers) blockChanged(e *core.RecordEvent) error {
	h.ties.forget(e.Record.GetString("blocker"), e.Record.GetString("blocked"))
	return e.Next()
}

// tiesCache keeps, per person, whom they block and who blocks them.
type tiesCache struct{ userCache[[2][]string] }

// of returns whom user blocks and who blocks them.
func (c *tiesCache) of(app core.App, user string) (bl, blockedBy []string, err error) {
	if user == "" {
		return nil, nil, nil
	}
	v, err := c.userCache.of(user, func() ([2][]string, error) {
		b, by, err := blocks.Ties(app.ConcurrentDB(), user)
		return [2][]string{b, by}, err
	})
	return v[0], v[1], err
}

// blocking reports whether viewer blocks other.
func (h *handlers) blocking(app core.App, viewer, other string) (bool, error) {
	b, _, err := h.ties.of(app, viewer)
	return slices.Contains(b, other), err
}

// tied reports whether a blocks b or b blocks a: the two see no presence,
// typing or read receipts of each other.
func (h *handlers) tied(app core.App, a, b string) (bool, error) {
	if a == "" || b == "" || a == b {
		return false, nil
	}
	bl, by, err := h.ties.of(app, a)
	return slices.Contains(bl, b) || slices.Contains(by, b), err
}
