package hooks

import (
	"log/slog"

	"github.com/pocketbase/pocketbase/core"

	"github.com/pbchat/pbchat/journal"
)

// eventFunc describes the committed change of e.Record (prev is the record
// as it was stored before). A nil event means there is nothing to tell.
type eventFunc func(tx core.App, e *core.RecordEvent, prev *core.Record) (*journal.Event, error)

// journaled wraps a save so that the change, anything eventFunc writes and
// the journal row share one transaction (joining the caller's when there
// is one), and hands the event to the Sender only once that transaction
// has committed: a rolled-back change leaves no event.
func (h *handlers) journaled(describe eventFunc) func(e *core.RecordEvent) error {
	return h.journal(describe, false)
}

// journaledDelete is journaled for a delete, described before it happens:
// PocketBase deletes what references the record (a conversation's members
// and messages) within the delete, and the event must tell who was there.
// Its row comes first in the journal, ahead of anything the delete causes.
func (h *handlers) journaledDelete(describe eventFunc) func(e *core.RecordEvent) error {
	return h.journal(describe, true)
}

func (h *handlers) journal(describe eventFunc, before bool) func(e *core.RecordEvent) error {
	return func(e *core.RecordEvent) error {
		prev := e.Record.Original()
		original := e.App
		defer func() { e.App = original }()

		return original.RunInTransaction(func(tx core.App) error {
			e.App = tx
			if before {
				if err := h.append(tx, e, prev, describe); err != nil {
					return err
				}
				return e.Next()
			}
			if err := e.Next(); err != nil {
				return err
			}
			return h.append(tx, e, prev, describe)
		})
	}
}

// append journals the event describe makes of e, if any, and sends it once
// tx has committed.
func (h *handlers) append(tx core.App, e *core.RecordEvent, prev *core.Record, describe eventFunc) error {
	ev, err := describe(tx, e, prev)
	if err != nil || ev == nil {
		return err
	}
	if err := journal.Append(tx, ev); err != nil {
		return err
	}
	tx.TxInfo().OnComplete(func(txErr error) error {
		if txErr == nil {
			h.send(*ev)
		}
		return nil
	})
	return nil
}

// send hands ev to the Sender. A panicking Sender must not fail a change
// that has already committed; the event stays in the journal.
func (h *handlers) send(ev journal.Event) {
	if h.config.Sender == nil {
		return
	}
	defer func() {
		if r := recover(); r != nil {
			h.app.Logger().Error("chat: sender panicked",
				slog.Any("panic", r), slog.Int64("seq", ev.Seq), slog.String("type", ev.Type))
		}
	}()
	h.config.Sender.Send(ev)
}
