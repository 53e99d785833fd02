package hooks

import (
	"fmt"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/pbchat/pbchat/journal"
)

// Pins is the collection of a conversation's pinned messages.
const Pins = "pins"

// MaxPins is the most messages a conversation keeps pinned.
const MaxPins = 50

// pinRequest lets members pin and unpin, or only owners where the
// conversation says so (pinsBy), and makes the signed-in user the pinner.
// The rules have already let only members through.
func (h *handlers) pinRequest(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	var pinsBy string
	conv := e.Record.GetString("conversation")
	_ = e.App.ConcurrentDB().Select("pinsBy").From(Conversations).Where(dbx.HashExp{"id": conv}).Row(&pinsBy)
	if pinsBy == "owners" {
		if role, _ := roleOf(e.App, conv, e.Auth.Id); role != RoleOwner {
			return e.ForbiddenError("Only an owner pins and unpins messages here.", nil)
		}
	}
	if e.Record.IsNew() {
		errs := validation.Errors{}
		if bySignedIn(e, "pinnedBy", errs); len(errs) > 0 {
			return e.BadRequestError("Failed to create record.", errs)
		}
	}
	return e.Next()
}

// pinValidate keeps a pin to a message of its conversation, once, within
// MaxPins. It runs for every save, whatever its origin.
func (h *handlers) pinValidate(e *core.RecordEvent) error {
	if !e.Record.IsNew() {
		if err := unchanged(e.Record, "A pin's", "conversation", "message", "pinnedBy"); err != nil {
			return err
		}
		return e.Next()
	}
	conv, msg := e.Record.GetString("conversation"), e.Record.GetString("message")
	var row struct {
		Of    string `db:"of"`
		Same  int    `db:"same"`
		Count int    `db:"count"`
	}
	err := e.App.ConcurrentDB().NewQuery(`SELECT
		COALESCE((SELECT [[conversation]] FROM {{` + Messages + `}} WHERE [[id]] = {:msg}), '') AS of,
		(SELECT COUNT(*) FROM {{` + Pins + `}} WHERE [[conversation]] = {:conv} AND [[message]] = {:msg}) AS same,
		(SELECT COUNT(*) FROM {{` + Pins + `}} WHERE [[conversation]] = {:conv}) AS count`).
		Bind(dbx.Params{"conv": conv, "msg": msg}).One(&row)
	if err != nil {
		return fmt.Errorf("pins of %s: %w", conv, err)
	}
	switch {
	case row.Of != conv:
		return validation.Errors{"message": validation.NewError("validation_pin_elsewhere", "Pin a message of this conversation.")}
	case row.Same > 0:
		return validation.Errors{"message": validation.NewError("validation_already_pinned", "This message is already pinned.")}
	case row.Count >= MaxPins:
		return validation.Errors{"message": validation.NewError("validation_too_many_pins",
			fmt.Sprintf("A conversation keeps at most %d pins: unpin one first.", MaxPins))}
	}
	return e.Next()
}

// pinsByRequest lets only owners choose who pins.
func (h *handlers) pinsByRequest(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() || e.Record.IsNew() || e.Record.GetString("pinsBy") == e.Record.Original().GetString("pinsBy") {
		return e.Next()
	}
	if role, _ := roleOf(e.App, e.Record.Id, e.Auth.Id); role != RoleOwner {
		return e.ForbiddenError("Only an owner chooses who pins messages.", nil)
	}
	return e.Next()
}

// pinEvent tells the members of a pin made or taken away: the pin alone,
// not the message (each reads it as they may: a blocker, withheld).
func pinEvent(typ string) eventFunc {
	return func(tx core.App, e *core.RecordEvent, _ *core.Record) (*journal.Event, error) {
		conv := e.Record.GetString("conversation")
		if typ == journal.PinDeleted {
			if exists, err := conversationExists(tx, conv); !exists {
				return nil, err // going with its conversation
			}
		}
		return recordEvent(tx, e.Record, typ, func(_ core.App, r *core.Record) ([]byte, error) { return encode(r.PublicExport()) })
	}
}
