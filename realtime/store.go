package realtime

import (
	"errors"
	"time"

	"github.com/pbchat/pbchat/journal"
)

// Store is what a hub reads of the chat's data: who a token belongs to,
// the journal, who is in a conversation, whom a user shares one with. The
// hub of a server reads its own database (DBStore); an edge's asks its
// primary. Every method may be called from many goroutines.
type Store interface {
	// Authenticate checks a users auth token. A *Refusal is the client's
	// fault (it must sign in again); any other error is the store's.
	Authenticate(token string) (Identity, error)

	// Bounds returns the journal's first and last seq (0, 0 when empty).
	Bounds() (first, last int64, err error)

	// Read returns up to limit events after seq, in commit order.
	Read(after int64, limit int) ([]journal.Event, error)

	// MembersAt returns, sorted, who was a member of conv when the event
	// seq committed.
	MembersAt(conv string, seq int64) ([]string, error)

	// Replay returns what user may be sent of (after, through]: the events
	// of the conversations they were in when each committed, up to limit
	// events and maxBytes of records, and the bytes it read; ok is false
	// when the client must reload instead (too much, or a cursor from
	// before the journal's start).
	Replay(user string, after, through int64, limit, maxBytes int) (events []journal.Event, read int, ok bool, err error)

	// Peers returns the users who share with user a conversation of fewer
	// than maxMembers members, less those either blocks.
	Peers(user string, maxMembers int) ([]string, error)

	// Hidden reports whether user hides their presence.
	Hidden(user string) bool

	// Ties returns what user's blocks and reports hide: whom they block,
	// who blocks them, the messages they reported.
	Ties(user string) (Ties, error)
}

// Ties are what a user's blocks and reports hide from them, and them from
// others.
type Ties struct {
	Blocks    []string `json:"blocks"`    // whom they block
	BlockedBy []string `json:"blockedBy"` // who blocks them
	Reported  []string `json:"reported"`  // the messages they reported
}

// Identity is who an accepted token belongs to.
type Identity struct {
	User string `json:"user"`

	// TokenKey is the user's token key when the token was checked: a
	// changed key (a new password or email) revokes the token.
	TokenKey string `json:"tokenKey"`

	Expires time.Time `json:"expires"`
}

// Refusal is a token the store turned down; its text is told the client.
type Refusal string

func (r *Refusal) Error() string { return string(*r) }

func refuse(reason string) error {
	r := Refusal(reason)
	return &r
}

// isRefusal reports whether err turns a token down, and why.
func isRefusal(err error) (string, bool) {
	var r *Refusal
	if errors.As(err, &r) {
		return string(*r), true
	}
	return "", false
}
