package hooks

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// A direct conversation is an untitled one of exactly two people. There is
// at most one per pair, as in Slack and Stream's distinct channels: asking
// for a second is told where the first is, so that a client opens it.

// directConversation refuses a new untitled conversation of its creator
// and one other person who already share one, with
// 400 {"members":{"code":"validation_conversation_exists","params":{"id":…}}}.
// It runs in the create's transaction, where SQLite's single writer makes
// the check and the insert one step: two creates at once make one.
func (h *handlers) directConversation(e *core.RecordEvent) error {
	others, _ := e.Record.GetRaw(membersKey).([]string)
	creator := e.Record.GetString("createdBy")
	if e.Record.GetString("title") != "" || len(others) != 1 || creator == "" {
		return e.Next()
	}
	existing, err := findDirect(e.App, creator, others[0])
	if err != nil {
		return err
	}
	if existing != "" {
		return validation.Errors{membersKey: validation.NewError("validation_conversation_exists",
			"You already have a conversation with them.").SetParams(map[string]any{"id": existing})}
	}
	return e.Next()
}

// findDirect returns the direct conversation of a and b, or "": from a's
// memberships by index, each checked by seeks.
func findDirect(app core.App, a, b string) (string, error) {
	var id string
	err := app.NonconcurrentDB().NewQuery(`SELECT m.[[conversation]] FROM {{` + Members + `}} m
		JOIN {{` + Members + `}} o ON o.[[conversation]] = m.[[conversation]] AND o.[[user]] = {:b}
		JOIN {{` + Conversations + `}} c ON c.[[id]] = m.[[conversation]] AND c.[[title]] = ''
		WHERE m.[[user]] = {:a}
			AND (SELECT COUNT(*) FROM (SELECT 1 FROM {{` + Members + `}} x WHERE x.[[conversation]] = m.[[conversation]] LIMIT 3)) = 2
		LIMIT 1`).Bind(dbx.Params{"a": a, "b": b}).Row(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("direct conversation of %s and %s: %w", a, b, err)
	}
	return id, nil
}
