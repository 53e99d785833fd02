// Package blocks reads who blocks whom: the one query each path that must
// honour a block (the hooks' views of records, search, unread counts,
// push, digests, the websocket's store) asks, so that they agree.
//
// A block is one person's (the blocker's) decision about another (the
// blocked): the blocker stops seeing what the blocked writes (collapsed,
// shown on request) and being told of it, and the two stop seeing each
// other's presence, typing and read receipts. Only the blocker sees the
// block; the blocked is never told.
package blocks

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
)

// Collection holds the blocks: blocker, blocked, created. Its rules show
// a person their own blocks and nobody else's.
const Collection = "blocks"

// Of returns whom user blocks.
func Of(db dbx.Builder, user string) ([]string, error) {
	var ids []string
	err := db.Select("blocked").From(Collection).Where(dbx.HashExp{"blocker": user}).Column(&ids)
	if err != nil {
		return nil, fmt.Errorf("blocks of %s: %w", user, err)
	}
	return ids, nil
}

// Ties returns whom user blocks and who blocks user: the people user and
// they no longer show each other presence, typing or receipts.
func Ties(db dbx.Builder, user string) (blocks, blockedBy []string, err error) {
	if blocks, err = Of(db, user); err != nil {
		return nil, nil, err
	}
	err = db.Select("blocker").From(Collection).Where(dbx.HashExp{"blocked": user}).Column(&blockedBy)
	if err != nil {
		return nil, nil, fmt.Errorf("blockers of %s: %w", user, err)
	}
	return blocks, blockedBy, nil
}

// Blockers returns those of among who block author.
func Blockers(db dbx.Builder, author string, among []string) ([]string, error) {
	if author == "" || len(among) == 0 {
		return nil, nil
	}
	var ids []string
	err := db.Select("blocker").From(Collection).Where(dbx.HashExp{"blocked": author}).Column(&ids)
	if err != nil {
		return nil, fmt.Errorf("blockers of %s: %w", author, err)
	}
	return slices.DeleteFunc(ids, func(id string) bool { return !slices.Contains(among, id) }), nil
}

// Blocks reports whether blocker blocks blocked.
func Blocks(db dbx.Builder, blocker, blocked string) (bool, error) {
	if blocker == "" || blocked == "" || blocker == blocked {
		return false, nil
	}
	var n int
	err := db.Select("COUNT(*)").From(Collection).
		Where(dbx.HashExp{"blocker": blocker, "blocked": blocked}).Row(&n)
	if err != nil {
		return false, fmt.Errorf("block of %s by %s: %w", blocked, blocker, err)
	}
	return n > 0, nil
}

// List binds ids into params and returns them as an SQL list, such as
// "({:blocked0},{:blocked1})", for "author NOT IN " + list; "" when there
// are none (most readers block nobody, and their queries then cost nothing
// more).
func List(ids []string, params dbx.Params) string {
	if len(ids) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteByte('(')
	for i, id := range ids {
		p := "blocked" + strconv.Itoa(i)
		params[p] = id
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString("{:" + p + "}")
	}
	b.WriteByte(')')
	return b.String()
}
