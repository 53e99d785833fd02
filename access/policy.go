// Package access holds what clients may ask of the chat's collections
// beyond their API rules: the fields and relation paths a request that is
// not a superuser's may filter, sort and expand on, and the most records one
// page may hold.
//
// PocketBase applies a joined collection's list rule to "any of" joins, but
// not inside the subquery it builds for plain ("all of") comparisons over
// multiple or back relations, and it hides a hidden email from filters but
// not from sort. Any path a client could write through users,
// conversations, members or messages is therefore an oracle on data the requester
// can't see, unless refused. Policy is an allow-list: a path not in it is
// refused with a 400 that names it, before PocketBase builds any SQL.
package access

import (
	"maps"
	"slices"
	"strings"
)

// Use is what a client may do with a field or relation path.
type Use uint8

// Uses. Refused is spelled out in a Policy so that every field of a
// collection is decided on, and a new field is refused until it is.
const (
	Filter Use = 1 << iota
	Sort
	Expand

	Refused Use = 0
)

// Collection is what clients may name in one collection's requests.
type Collection struct {
	// Paths maps each field, and each relation path clients may use (such
	// as "conversation.title" from a message), to its uses. Every field of
	// the collection must be listed, Refused where clients may not use it.
	Paths map[string]Use

	// Shared is set where every signed-in user may list every record (the
	// users directory), so that a path from another collection may enter
	// it and go on along its Paths. Other collections in the policy are
	// entered only through their own allowed paths.
	Shared bool

	// ListBy, when set, are the fields a list must pin: its filter must
	// require, at its top level, one of them to equal a value (such as
	// conversation = "<id>"). PocketBase checks a rule per record, row by
	// row, so an unpinned list would cost what the whole table holds; a
	// pinned one costs what one conversation or one person holds.
	ListBy []string
}

// Policy maps collection names to what clients may name in them.
// Collections not in it are the app's own: their fields are theirs to
// decide on, but a path from them into a collection of the policy is held
// to that collection's Paths.
type Policy map[string]Collection

// DefaultPolicy is the chat's: the one place that decides what clients may
// filter, sort and expand on. The manual's table (docs/rest-api.md) is checked against it.
func DefaultPolicy() Policy {
	return Policy{
		"users": {
			Shared: true,
			Paths: map[string]Use{
				"id":      Filter | Sort,
				"name":    Filter | Sort,
				"avatar":  Filter,
				"created": Filter | Sort,
				"updated": Filter | Sort,
				// others see an email only where its owner shows it, and
				// PocketBase's sort ignores that
				"email":           Refused,
				"emailVisibility": Refused,
				"verified":        Refused,
				"password":        Refused,
				"tokenKey":        Refused,
				// only its owner sees them
				"presenceHidden":    Refused,
				"mentionsBreakMute": Refused,
				"emailDigestsOff":   Refused,
				"whoCanAdd":         Refused,
				// everyone sees who is suspended
				"suspended": Filter,
			},
		},
		"conversations": {
			Paths: map[string]Use{
				"id":            Filter | Sort,
				"title":         Filter | Sort,
				"createdBy":     Filter | Expand,
				"lastMessage":   Filter | Expand,
				"lastMessageAt": Filter | Sort,
				"retentionDays": Filter,
				"pinsBy":        Filter,
				"created":       Filter | Sort,
				"updated":       Filter | Sort,
			},
		},
		"members": {
			ListBy: []string{"conversation", "user", "id"},
			Paths: map[string]Use{
				"id":           Filter | Sort,
				"conversation": Filter | Expand,
				// the inbox: one's memberships by their conversation's activity
				"conversation.lastMessageAt": Filter | Sort,
				"conversation.title":         Filter | Sort,
				"user":                       Filter | Expand,
				"user.name":                  Filter | Sort,
				"role":                       Filter | Sort,
				"lastReadAt":                 Filter | Sort,
				// only its member sees them
				"muted":      Refused,
				"mutedUntil": Refused,
				"created":    Filter | Sort,
				"updated":    Filter | Sort,
			},
		},
		"reactions": {
			ListBy: []string{"message", "id"},
			Paths: map[string]Use{
				"id":        Filter | Sort,
				"message":   Filter | Expand,
				"user":      Filter | Expand,
				"user.name": Filter,
				"emoji":     Filter | Sort,
				"created":   Filter | Sort,
			},
		},
		"blocks": {
			// the rules show a person only their own blocks
			Paths: map[string]Use{
				"id":      Filter | Sort,
				"blocker": Filter,
				"blocked": Filter | Expand,
				"created": Filter | Sort,
			},
		},
		"invitations": {
			ListBy: []string{"invitee", "conversation", "id"},
			Paths: map[string]Use{
				"id":           Filter | Sort,
				"conversation": Filter | Expand,
				"invitee":      Filter | Expand,
				"inviter":      Filter | Expand,
				// whether the invitee blocks the inviter: nobody's to learn
				"hidden":  Refused,
				"created": Filter | Sort,
			},
		},
		"inviteLinks": {
			ListBy: []string{"conversation", "id"},
			Paths: map[string]Use{
				"id":           Filter | Sort,
				"conversation": Filter | Expand,
				"createdBy":    Filter | Expand,
				// a key to the conversation: read, never searched for
				"token":   Refused,
				"expires": Filter | Sort,
				"maxUses": Filter | Sort,
				"uses":    Filter | Sort,
				"created": Filter | Sort,
			},
		},
		"reports": {
			// superusers alone read reports: a client only makes one
			Paths: map[string]Use{
				"id": Refused, "message": Refused, "reporter": Refused, "reason": Refused, "details": Refused,
				"conversation": Refused, "author": Refused, "text": Refused, "files": Refused,
				"status": Refused, "mailed": Refused, "created": Refused, "updated": Refused,
			},
		},
		"pins": {
			ListBy: []string{"conversation", "id"},
			Paths: map[string]Use{
				"id":           Filter | Sort,
				"conversation": Filter | Expand,
				"message":      Filter | Expand,
				"pinnedBy":     Filter | Expand,
				"created":      Filter | Sort,
			},
		},
		"messageVersions": {
			// the superusers' to list: members read them through the chat's route
			Paths: map[string]Use{"id": Refused, "message": Refused, "text": Refused, "created": Refused},
		},
		"moderation": {
			// the superusers' log: no client reads it
			Paths: map[string]Use{
				"id": Refused, "action": Refused, "message": Refused, "user": Refused,
				"moderator": Refused, "reason": Refused, "created": Refused,
			},
		},
		"pushSubscriptions": {
			Paths: map[string]Use{
				"id":       Filter | Sort,
				"user":     Filter,
				"endpoint": Filter,
				// the browser's keys: written, never searched
				"p256dh":  Refused,
				"auth":    Refused,
				"created": Filter | Sort,
			},
		},
		"messages": {
			ListBy: []string{"conversation", "id"},
			Paths: map[string]Use{
				"id":                 Filter | Sort,
				"conversation":       Filter | Expand,
				"conversation.title": Filter,
				"author":             Filter | Expand,
				"author.name":        Filter,
				"text":               Filter,
				"attachments":        Filter,
				"replyTo":            Filter | Expand,
				// up to 50 users: filtered on, never expanded
				"mentions": Filter,
				// the quote: what replyTo expands to, in short
				"reply":   Refused,
				"files":   Refused,
				"removed": Filter,
				"created": Filter | Sort,
				"updated": Filter | Sort,
			},
		},
	}
}

// allows reports whether path (without a modifier) may be used so in c.
func (c Collection) allows(path string, use Use) bool {
	return c.Paths[path]&use != 0
}

// List returns the paths of c allowed for use, sorted: what the manual
// shows.
func (c Collection) List(use Use) []string {
	var out []string
	for _, p := range slices.Sorted(maps.Keys(c.Paths)) {
		if c.allows(p, use) {
			out = append(out, p)
		}
	}
	return out
}

// String names a use as in the query parameter.
func (u Use) String() string {
	var names []string
	for _, n := range []struct {
		use  Use
		name string
	}{{Filter, "filter"}, {Sort, "sort"}, {Expand, "expand"}} {
		if u&n.use != 0 {
			names = append(names, n.name)
		}
	}
	if len(names) == 0 {
		return "refused"
	}
	return strings.Join(names, "|")
}
