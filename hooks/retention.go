package hooks

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/pbchat/pbchat/journal"
)

// Retention: messages older than their conversation keeps them (its
// retentionDays, or the server's Config.RetentionDays) are deleted, a few
// at a time in transactions of their own, so that SQLite's one writer is
// never held for long while people post; each goes as a journaled
// message.deleted (with no text), its earlier events out of the journal,
// its files with it.

// Retention's pace: every five minutes, RetentionBatch messages to a
// transaction (each deletion holds SQLite's writer about 1.5 ms on the
// benchmark machine: BenchmarkRetentionBatch), so that a post waits for
// a few ms at most.
const (
	retentionSchedule = "*/5 * * * *"
	RetentionBatch    = 3
	maxRetentionDays  = 36500
)

// expiredKey marks a message deleted by retention, for its event.
const expiredKey = "expired"

// retentionRequest keeps a conversation's retention within the server's,
// and its owners': a member who isn't an owner can't change it.
func (h *handlers) retentionRequest(e *core.RecordRequestEvent) error {
	days := e.Record.GetInt("retentionDays")
	prev := 0
	if !e.Record.IsNew() {
		prev = e.Record.Original().GetInt("retentionDays")
	}
	if days == prev {
		return e.Next()
	}
	if !e.HasSuperuserAuth() && !e.Record.IsNew() {
		if role, _ := roleOf(e.App, e.Record.Id, e.Auth.Id); role != RoleOwner {
			return e.ForbiddenError("Only an owner sets how long messages are kept.", nil)
		}
	}
	limit := h.config.RetentionDays
	switch {
	case days < 0 || days > maxRetentionDays:
		return e.BadRequestError("Failed to save record.", validation.Errors{"retentionDays": validation.NewError("validation_retention",
			fmt.Sprintf("Keep messages for 1 to %d days, or 0 for as long as the server does.", maxRetentionDays))})
	case limit > 0 && days > limit:
		return e.BadRequestError("Failed to save record.", validation.Errors{"retentionDays": validation.NewError("validation_retention_too_long",
			fmt.Sprintf("This server keeps messages for at most %d days.", limit)).SetParams(map[string]any{"max": limit})})
	}
	return e.Next()
}

// ApplyRetention deletes, through app, the messages older at now than
// their conversation keeps them (its retentionDays, or serverDays),
// RetentionBatch to a transaction, and returns how many it deleted. The
// chat's cron runs it every five minutes with Config.RetentionDays.
func ApplyRetention(app core.App, serverDays int, now time.Time) (int, error) {
	var convs []struct {
		ID   string `db:"id"`
		Days int    `db:"days"`
	}
	q := `SELECT [[id]], [[retentionDays]] AS days FROM {{` + Conversations + `}} WHERE [[retentionDays]] > 0`
	if serverDays > 0 {
		q = `SELECT [[id]], CASE WHEN [[retentionDays]] > 0 THEN [[retentionDays]] ELSE {:days} END AS days FROM {{` + Conversations + `}}`
	}
	if err := app.ConcurrentDB().NewQuery(q).Bind(dbx.Params{"days": serverDays}).All(&convs); err != nil {
		return 0, fmt.Errorf("retention: conversations: %w", err)
	}
	deleted := 0
	for _, c := range convs {
		cutoff, _ := types.ParseDateTime(now.Add(-time.Duration(c.Days) * 24 * time.Hour))
		for {
			var ids []string
			err := app.ConcurrentDB().Select("id").From(Messages).
				Where(dbx.HashExp{"conversation": c.ID}).
				AndWhere(dbx.NewExp("[[created]] < {:cutoff}", dbx.Params{"cutoff": cutoff.String()})).
				OrderBy("created ASC").Limit(RetentionBatch).Column(&ids)
			if err != nil {
				return deleted, fmt.Errorf("retention: messages of %s: %w", c.ID, err)
			}
			if len(ids) == 0 {
				break
			}
			err = app.RunInTransaction(func(tx core.App) error {
				for _, id := range ids {
					m, err := tx.FindRecordById(Messages, id)
					if err != nil {
						continue // gone meanwhile
					}
					m.WithCustomData(true)
					m.Set(expiredKey, true)
					m.Hide(expiredKey)
					if err := tx.Delete(m); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				return deleted, fmt.Errorf("retention: delete in %s: %w", c.ID, err)
			}
			deleted += len(ids)
			if len(ids) < RetentionBatch {
				break
			}
		}
	}
	return deleted, nil
}

func (h *handlers) applyRetention() {
	n, err := ApplyRetention(h.app, h.config.RetentionDays, time.Now())
	if err != nil {
		h.app.Logger().Error("chat: retention failed", slog.String("error", err.Error()))
	} else if n > 0 {
		h.app.Logger().Info("chat: messages past their retention deleted", slog.Int("messages", n))
	}
}

// expiredEvent is the event of a message retention deleted: it says which,
// not what it said, and its earlier events leave the journal, so that what
// was kept no longer stays there either.
func expiredEvent(tx core.App, r *core.Record) (*journal.Event, error) {
	conv := r.GetString("conversation")
	if err := journal.Forget(tx, conv, r.Id); err != nil {
		return nil, err
	}
	payload, err := encode(map[string]any{
		"id": r.Id, "collectionId": r.Collection().Id, "collectionName": r.Collection().Name,
		"conversation": conv, "author": r.GetString("author"), "created": r.GetDateTime("created"), "expired": true,
	})
	if err != nil {
		return nil, err
	}
	return &journal.Event{Type: journal.MessageDeleted, Conversation: conv, Record: r.Id, Payload: payload}, nil
}
