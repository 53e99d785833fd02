package hooks

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/pbchat/pbchat/blocks"
)

// Who may add a person to a conversation directly (users.whoCanAdd):
// anyone else may only invite them.
const (
	AddEveryone = "everyone"
	AddShared   = "shared" // people they already share a conversation with
	AddNobody   = "nobody"

	// DefaultWhoCanAdd is what an empty whoCanAdd means: in an app anyone
	// can sign up to, a stranger can't put you into a conversation, only
	// invite you; people you already talk with add you as before.
	DefaultWhoCanAdd = AddShared
)

// errInviteInstead is what adding someone who doesn't accept it from you
// gets, whatever the reason (their setting, or a block): the blocked is
// never told.
const errInviteInstead = "This person can't be added by you: invite them instead."

// canAdd reports whether adder may add user to a conversation directly:
// user doesn't block adder, and user's whoCanAdd lets adder.
func canAdd(app core.App, adder, user string) (bool, error) {
	if adder == user {
		return true, nil
	}
	var row struct {
		WhoCanAdd string `db:"whoCanAdd"`
		Blocks    int    `db:"blocks"`
		Shared    int    `db:"shared"`
	}
	err := app.ConcurrentDB().NewQuery(`SELECT u.[[whoCanAdd]] AS whoCanAdd,
		(SELECT COUNT(*) FROM {{` + blocks.Collection + `}} WHERE [[blocker]] = {:user} AND [[blocked]] = {:adder}) AS blocks,
		EXISTS (SELECT 1 FROM {{` + Members + `}} a JOIN {{` + Members + `}} b
			ON b.[[conversation]] = a.[[conversation]] AND b.[[user]] = {:user}
			WHERE a.[[user]] = {:adder}) AS shared
		FROM {{` + Users + `}} u WHERE u.[[id]] = {:user}`).
		Bind(dbx.Params{"user": user, "adder": adder}).One(&row)
	if errors.Is(err, sql.ErrNoRows) {
		return true, nil // no such user: the relation's own check says so
	}
	if err != nil {
		return false, fmt.Errorf("may %s add %s: %w", adder, user, err)
	}
	if row.Blocks > 0 {
		return false, nil
	}
	switch row.WhoCanAdd {
	case AddEveryone:
		return true, nil
	case AddNobody:
		return false, nil
	}
	return row.Shared == 1, nil
}

// splitByConsent returns those of ids adder may add directly, and those
// they may only invite.
func splitByConsent(app core.App, adder string, ids []string) (add, invite []string, err error) {
	for _, id := range ids {
		ok, err := canAdd(app, adder, id)
		if err != nil {
			return nil, nil, err
		}
		if ok {
			add = append(add, id)
		} else {
			invite = append(invite, id)
		}
	}
	return add, invite, nil
}
