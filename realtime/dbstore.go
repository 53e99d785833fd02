package realtime

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
	"github.com/spf13/cast"

	"github.com/pbchat/pbchat/blocks"
	"github.com/pbchat/pbchat/hooks"
	"github.com/pbchat/pbchat/journal"
)

// DBStore is the Store of a server: its own database.
type DBStore struct {
	app core.App
}

// NewDBStore returns the Store that reads app's database.
func NewDBStore(app core.App) *DBStore {
	return &DBStore{app: app}
}

// Authenticate implements Store.
func (s *DBStore) Authenticate(token string) (Identity, error) {
	if token == "" {
		return Identity{}, refuse("missing token")
	}
	record, err := s.app.FindAuthRecordByToken(token, core.TokenTypeAuth)
	if err != nil || record == nil {
		return Identity{}, refuse("invalid or expired token")
	}
	if record.Collection().Name != hooks.Users {
		return Identity{}, refuse("not a users token")
	}
	if record.GetBool("suspended") {
		return Identity{}, refuse("This account is suspended.")
	}
	claims, err := security.ParseUnverifiedJWT(token)
	if err != nil {
		return Identity{}, refuse("invalid token")
	}
	return Identity{
		User:     record.Id,
		TokenKey: record.TokenKey(),
		Expires:  time.Unix(cast.ToInt64(claims["exp"]), 0),
	}, nil
}

// Bounds implements Store.
func (s *DBStore) Bounds() (int64, int64, error) {
	return journal.Bounds(s.app)
}

// Read implements Store.
func (s *DBStore) Read(after int64, limit int) ([]journal.Event, error) {
	return journal.Read(s.app, after, limit)
}

// MembersAt implements Store: who is a member now, with the membership
// changes journaled since seq undone. Reading the current state alone
// could let someone added a moment later receive a message posted before
// they joined.
func (s *DBStore) MembersAt(conv string, seq int64) ([]string, error) {
	var row struct {
		Members string `db:"members"`
		Last    int64  `db:"last"`
	}
	// one statement: one snapshot of the members and the journal
	err := s.app.ConcurrentDB().NewQuery(`SELECT
		(SELECT json_group_array([[user]]) FROM {{` + hooks.Members + `}} WHERE [[conversation]] = {:conv}) AS members,
		(SELECT COALESCE(MAX([[seq]]), 0) FROM {{` + journal.Table + `}}) AS last`).
		Bind(dbx.Params{"conv": conv}).One(&row)
	if err != nil {
		return nil, fmt.Errorf("members of %s: %w", conv, err)
	}
	var now []string
	if err := json.Unmarshal([]byte(row.Members), &now); err != nil {
		return nil, fmt.Errorf("members of %s: %w", conv, err)
	}
	if row.Last > seq {
		later, err := journal.Memberships(s.app, conv, seq, row.Last)
		if err != nil {
			return nil, err
		}
		set := make(map[string]bool, len(now))
		for _, id := range now {
			set[id] = true
		}
		for _, ev := range later { // newest first
			for _, id := range ev.Added {
				delete(set, id)
			}
			for _, id := range ev.Removed {
				set[id] = true
			}
		}
		now = now[:0]
		for id := range set {
			now = append(now, id)
		}
	}
	slices.Sort(now)
	return now, nil
}

// Replay implements Store. It reads the conversations the user is in now
// and those they left since after: a leaver gets everything up to the
// leave.
func (s *DBStore) Replay(user string, after, through int64, limit, maxBytes int) ([]journal.Event, int, bool, error) {
	first, _, err := journal.Bounds(s.app)
	if err != nil {
		return nil, 0, false, err
	}
	if after < first-1 {
		return nil, 0, false, nil // pruned past it
	}
	convs, last, err := journal.Conversations(s.app, user)
	if err != nil {
		return nil, 0, false, err
	}
	changes, err := journal.MembershipChanges(s.app, user, after, last)
	if err != nil {
		return nil, 0, false, err
	}
	// the user's personal events (blocks, invitations) come as those of a
	// conversation they have always been the one member of
	convs = append(convs, journal.Personal(user))
	read := slices.Clone(convs)
	for _, ch := range changes {
		if !slices.Contains(read, ch.Conversation) {
			read = append(read, ch.Conversation)
		}
	}
	events, n, more, err := journal.Replay(s.app, read, after, through, limit, maxBytes)
	if err != nil || more {
		return nil, n, false, err
	}
	return whileMember(user, convs, events, changes), n, true, nil
}

// Peers implements Store, by index: each larger conversation costs the
// count of its first maxMembers members, not its size.
func (s *DBStore) Peers(user string, maxMembers int) ([]string, error) {
	var ids []string
	err := s.app.ConcurrentDB().NewQuery(`SELECT DISTINCT o.[[user]] FROM {{` + hooks.Members + `}} m
		JOIN {{` + hooks.Members + `}} o ON o.[[conversation]] = m.[[conversation]]
		WHERE m.[[user]] = {:user} AND (SELECT COUNT(*) FROM (SELECT 1 FROM {{` + hooks.Members + `}} c
			WHERE c.[[conversation]] = m.[[conversation]] LIMIT {:limit})) < {:limit}
		AND o.[[user]] NOT IN (SELECT [[blocked]] FROM {{` + blocks.Collection + `}} WHERE [[blocker]] = {:user}
			UNION ALL SELECT [[blocker]] FROM {{` + blocks.Collection + `}} WHERE [[blocked]] = {:user})`).
		Bind(dbx.Params{"user": user, "limit": maxMembers}).Column(&ids)
	if err != nil {
		return nil, fmt.Errorf("peers of %s: %w", user, err)
	}
	return ids, nil
}

// Hidden implements Store.
func (s *DBStore) Hidden(user string) bool {
	var hidden bool
	_ = s.app.ConcurrentDB().Select("presenceHidden").From(hooks.Users).
		Where(dbx.HashExp{"id": user}).Row(&hidden)
	return hidden
}

// Ties implements Store.
func (s *DBStore) Ties(user string) (Ties, error) {
	b, by, err := blocks.Ties(s.app.ConcurrentDB(), user)
	if err != nil {
		return Ties{}, err
	}
	reported, err := hooks.ReportedBy(s.app, user)
	return Ties{Blocks: b, BlockedBy: by, Reported: reported}, err
}
