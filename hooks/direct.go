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
// Call it through tx, the create's transaction, before the members are
// saved: the single writer makes the check and the save one step, so two
// creates at once make one conversation.
func directConversation(tx core.App, conv *core.Record, others []string) error {
	creator := conv.GetString("createdBy")
	if conv.GetString("title") != "" || len(others) != 1 || creator == "" {
		return nil
	}
	existing, err := findDirect(tx, creator, others[0])
	if err == nil && existing == "" {
		existing, err = findInvited(tx, creator, others[0])
	}
	if err != nil {
		return err
	}
	if existing != "" {
		return validation.Errors{membersKey: validation.NewError("validation_conversation_exists",
			"You already have a conversation with them.").SetParams(map[string]any{"id": existing})}
	}
	return nil
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

// findInvited returns the untitled conversation of a alone to which a
// invited b, or "": the direct conversation b has yet to accept.
func findInvited(app core.App, a, b string) (string, error) {
	var id string
	err := app.NonconcurrentDB().NewQuery(`SELECT i.[[conversation]] FROM {{` + Invitations + `}} i
		JOIN {{` + Conversations + `}} c ON c.[[id]] = i.[[conversation]] AND c.[[title]] = ''
		WHERE i.[[invitee]] = {:b} AND i.[[inviter]] = {:a}
			AND (SELECT COUNT(*) FROM (SELECT 1 FROM {{` + Members + `}} x WHERE x.[[conversation]] = i.[[conversation]] LIMIT 2)) = 1
		LIMIT 1`).Bind(dbx.Params{"a": a, "b": b}).Row(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("invitation of %s by %s: %w", b, a, err)
	}
	return id, nil
}
