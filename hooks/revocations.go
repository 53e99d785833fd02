package hooks

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"

	"github.com/pbchat/pbchat/journal"
)

// Tokens stop being valid when a user's tokenKey changes (a new password or
// email), when the user goes, or when the users collection's token secret
// changes. Each is journaled in the transaction that makes it, as
// journal.TokenRevoked, so that every node closes the sockets of those
// tokens at that point of commit order: a node that was away catches the
// revocation up with the events around it, and no event committed after it
// reaches a revoked socket.

// tokenRevoked journals a user's new token key.
func tokenRevoked(_ core.App, e *core.RecordEvent, prev *core.Record) (*journal.Event, error) {
	if prev == nil || e.Record.TokenKey() == prev.TokenKey() {
		return nil, nil
	}
	if e.Record.GetBool("suspended") {
		return journal.Revocation(e.Record.Id, e.Record.TokenKey(), errSuspended)
	}
	return journal.Revocation(e.Record.Id, e.Record.TokenKey(), "token revoked: sign in again")
}

// userRevoked journals a deleted user: every token of theirs goes.
func userRevoked(_ core.App, e *core.RecordEvent, _ *core.Record) (*journal.Event, error) {
	return journal.Revocation(e.Record.Id, "", "user deleted")
}

// secretRotated journals a new token secret of the users collection, read
// against the stored one before the update runs: every token goes. It is
// bound after PocketBase's own handler (priority 100), which opens the
// transaction and settles the secret (a new auth rule rotates it too).
func (h *handlers) secretRotated(e *core.CollectionEvent) error {
	stored, err := e.App.FindCollectionByNameOrId(e.Collection.Id)
	if err != nil {
		return fmt.Errorf("chat: the users collection as stored: %w", err)
	}
	if err := e.Next(); err != nil {
		return err
	}
	if stored.AuthToken.Secret == e.Collection.AuthToken.Secret {
		return nil
	}
	ev, err := journal.Revocation("", "", "token revoked: sign in again")
	if err != nil {
		return err
	}
	if err := journal.Append(e.App, ev); err != nil {
		return err
	}
	e.App.TxInfo().OnComplete(func(txErr error) error {
		if txErr == nil {
			h.send(*ev)
		}
		return nil
	})
	return nil
}
