package hooks

import (
	"encoding/json/jsontext"
	"encoding/json/v2"
	"fmt"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// encode writes v as PocketBase writes its API responses, so that an event's
// record reads exactly like the REST API's.
func encode(v any) ([]byte, error) {
	return json.Marshal(v, jsontext.AllowDuplicateNames(true), jsontext.AllowInvalidUTF8(true))
}

// conversationPayload is a conversation as a member gets it over REST.
func conversationPayload(r *core.Record) ([]byte, error) {
	b, err := encode(r.PublicExport())
	if err != nil {
		return nil, fmt.Errorf("encode conversation %s: %w", r.Id, err)
	}
	return b, nil
}

// messagePayload is a message as a member gets it over REST with
// expand=author, the author cut down to what every member may see.
func messagePayload(tx core.App, r *core.Record) ([]byte, error) {
	data := r.PublicExport()
	if author := r.GetString("author"); author != "" {
		if u, err := tx.FindRecordById(Users, author); err == nil {
			data["expand"] = map[string]any{"author": PublicUser(u)}
		}
	}
	b, err := encode(data)
	if err != nil {
		return nil, fmt.Errorf("encode message %s: %w", r.Id, err)
	}
	return b, nil
}

// memberPayload is a member as other members get it over REST with
// expand=user,conversation: small, whatever the conversation's size, and
// enough for someone just added to show the conversation.
func memberPayload(tx core.App, r *core.Record) ([]byte, error) {
	data := r.PublicExport()
	expand := map[string]any{}
	if u, err := tx.FindRecordById(Users, r.GetString("user")); err == nil {
		expand["user"] = PublicUser(u)
	}
	if c, err := tx.FindRecordById(Conversations, r.GetString("conversation")); err == nil {
		expand["conversation"] = c.PublicExport()
	}
	data["expand"] = expand
	b, err := encode(data)
	if err != nil {
		return nil, fmt.Errorf("encode member %s: %w", r.Id, err)
	}
	return b, nil
}

// PublicUser is what any signed-in user may see of another: never the email,
// whatever emailVisibility says, since events reach every member.
func PublicUser(u *core.Record) map[string]any {
	return map[string]any{
		"id":             u.Id,
		"collectionId":   u.Collection().Id,
		"collectionName": u.Collection().Name,
		"name":           u.GetString("name"),
		"avatar":         u.GetString("avatar"),
		"suspended":      u.GetBool("suspended"),
	}
}

// MemberView is how much of a member record someone sees. The one place
// that decides it: REST, PocketBase's SSE, expands, the websocket (live and
// on resume) and the events JS hooks get all follow it.
type MemberView uint8

const (
	// MemberViewOwn is everything: the member's own record, or a
	// superuser's view.
	MemberViewOwn MemberView = iota
	// MemberViewPeer is another member's record where read receipts are
	// shown: all but the mute, which only its member sees.
	MemberViewPeer
	// MemberViewStranger is another member's record in a conversation too
	// big for read receipts: no lastReadAt either, as no read frame tells it.
	MemberViewStranger
)

// MemberViewOf is how much viewer sees of owner's member record, where
// receipts says whether the conversation is small enough for read
// receipts.
func MemberViewOf(owner, viewer string, receipts bool) MemberView {
	switch {
	case owner == viewer:
		return MemberViewOwn
	case receipts:
		return MemberViewPeer
	}
	return MemberViewStranger
}

// Hidden returns the fields of a member record the view leaves out.
func (v MemberView) Hidden() []string {
	switch v {
	case MemberViewPeer:
		return []string{"muted", "mutedUntil"}
	case MemberViewStranger:
		return []string{"muted", "mutedUntil", "lastReadAt"}
	}
	return nil
}

// hideMemberFields applies MemberViewOf to a member record served over REST,
// PocketBase's SSE or an expand.
func (h *handlers) hideMemberFields(e *core.RecordEnrichEvent) error {
	owner := e.Record.GetString("user")
	if readByOwner(e, owner) {
		return e.Next()
	}
	viewer := ""
	if e.RequestInfo != nil && e.RequestInfo.Auth != nil {
		viewer = e.RequestInfo.Auth.Id
	}
	receipts, err := h.receiptsShown(e.App, e.Record.GetString("conversation"))
	if err != nil {
		return err
	}
	if receipts {
		// two people one of whom blocks the other see no receipts of each other
		tied, err := h.tied(e.App, viewer, owner)
		if err != nil {
			return err
		}
		receipts = !tied
	}
	e.Record.Hide(MemberViewOf(owner, viewer, receipts).Hidden()...)
	return e.Next()
}

// receiptsShown reports whether conv is small enough for read receipts
// (Config.ReceiptMembers), counting no further than that. A page of
// members asks it once per record: the answer is kept for a second.
func (h *handlers) receiptsShown(app core.App, conv string) (bool, error) {
	if ok, known := h.receipts.get(conv, time.Now()); known {
		return ok, nil
	}
	var n int
	err := app.ConcurrentDB().NewQuery(`SELECT COUNT(*) FROM (SELECT 1 FROM {{` + Members + `}}
		WHERE [[conversation]] = {:conv} LIMIT {:limit})`).
		Bind(dbx.Params{"conv": conv, "limit": h.config.ReceiptMembers + 1}).Row(&n)
	if err != nil {
		return false, fmt.Errorf("members of %s: %w", conv, err)
	}
	ok := n <= h.config.ReceiptMembers
	h.receipts.put(conv, ok, time.Now())
	return ok, nil
}

// receiptCache keeps, briefly, whether each conversation is small enough
// for read receipts.
type receiptCache struct {
	mu      sync.Mutex
	entries map[string]receiptEntry
}

type receiptEntry struct {
	ok bool
	at time.Time
}

// receiptTTL is how long an answer is kept: a conversation that grows past
// the limit shows its members' lastReadAt for at most that long.
const receiptTTL = time.Second

func (c *receiptCache) get(conv string, now time.Time) (ok, known bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, found := c.entries[conv]
	if !found || now.Sub(e.at) >= receiptTTL {
		return false, false
	}
	return e.ok, true
}

func (c *receiptCache) put(conv string, ok bool, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) >= 10_000 {
		c.entries = map[string]receiptEntry{} // bounded: start over
	}
	c.entries[conv] = receiptEntry{ok, now}
}

// hidePresenceSetting keeps a user's settings (presenceHidden,
// mentionsBreakMute, emailDigestsOff, whoCanAdd) to themselves (and
// superusers): to anyone else, someone hiding looks like someone offline.
func hidePresenceSetting(e *core.RecordEnrichEvent) error {
	if !readByOwner(e, e.Record.Id) {
		e.Record.Hide("presenceHidden", "mentionsBreakMute", "emailDigestsOff", "whoCanAdd")
	}
	return e.Next()
}

// readByOwner reports whether the record is read by the user owner, or by
// a superuser.
func readByOwner(e *core.RecordEnrichEvent, owner string) bool {
	if e.RequestInfo == nil || e.RequestInfo.Auth == nil {
		return false
	}
	return e.RequestInfo.Auth.Id == owner || e.RequestInfo.Auth.IsSuperuser()
}
