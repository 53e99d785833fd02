package hooks

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/pbchat/pbchat/journal"
)

// Member roles: an owner removes others, sets roles and deletes the
// conversation; every member reads, posts, renames and adds people.
const (
	RoleOwner  = "owner"
	RoleMember = "member"
)

// memberCreateRequest lets a member add people as members, and an owner
// add owners. The create rule has already checked that the requester is a
// member of the conversation.
func (h *handlers) memberCreateRequest(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	if !e.Record.GetDateTime("lastReadAt").IsZero() {
		return e.BadRequestError("Failed to create record.", validation.Errors{
			"lastReadAt": errServerSet("the conversation's latest message; its member moves it on"),
		})
	}
	if e.Record.GetBool("muted") || !e.Record.GetDateTime("mutedUntil").IsZero() {
		// the person added would be silenced without knowing
		return e.ForbiddenError("Only its member mutes a conversation.", nil)
	}
	if ok, err := canAdd(e.App, e.Auth.Id, e.Record.GetString("user")); err != nil {
		return e.InternalServerError("Failed to create record.", err)
	} else if !ok {
		return e.ForbiddenError(errInviteInstead, nil)
	}
	if e.Record.GetString("role") == RoleOwner {
		if role, _ := roleOf(e.App, e.Record.GetString("conversation"), e.Auth.Id); role != RoleOwner {
			return e.ForbiddenError("Only an owner can add an owner.", nil)
		}
	}
	return e.Next()
}

// memberUpdateRequest lets members move their own read state and mute,
// and owners change others' roles; nothing else of a member changes. The update rule
// has already checked that the requester is a member of the conversation.
func (h *handlers) memberUpdateRequest(e *core.RecordRequestEvent) error {
	prev := e.Record.Original()
	errs := validation.Errors{}
	for _, f := range []string{"conversation", "user"} {
		if e.Record.GetString(f) != prev.GetString(f) {
			errs[f] = validation.NewError("validation_immutable", "A member's "+f+" can't be changed.")
		}
	}
	if len(errs) > 0 {
		return e.BadRequestError("Failed to update record.", errs)
	}
	if e.HasSuperuserAuth() {
		return e.Next()
	}

	readChanged := !e.Record.GetDateTime("lastReadAt").Equal(prev.GetDateTime("lastReadAt"))
	roleChanged := e.Record.GetString("role") != prev.GetString("role")
	muteChanged := e.Record.GetBool("muted") != prev.GetBool("muted") ||
		!e.Record.GetDateTime("mutedUntil").Equal(prev.GetDateTime("mutedUntil"))
	if prev.GetString("user") == e.Auth.Id {
		if roleChanged {
			return e.ForbiddenError("You can't change your own role.", nil)
		}
		if readChanged {
			if err := clampRead(e.App, e.Record); err != nil {
				return e.InternalServerError("Failed to update record.", err)
			}
		}
		return e.Next()
	}
	if readChanged || muteChanged {
		return e.ForbiddenError("Only its member moves a member's read state or mutes it.", nil)
	}
	if roleChanged {
		if role, _ := roleOf(e.App, prev.GetString("conversation"), e.Auth.Id); role != RoleOwner {
			return e.ForbiddenError("Only an owner can change another member's role.", nil)
		}
	}
	return e.Next()
}

// clampRead keeps lastReadAt from moving back, which a slower device's
// request would do, and from moving past the conversation's newest message.
func clampRead(app core.App, m *core.Record) error {
	prev := m.Original().GetDateTime("lastReadAt")
	at := m.GetDateTime("lastReadAt")
	var newest sql.NullString
	err := app.ConcurrentDB().Select("MAX([[created]])").From(Messages).
		Where(dbx.HashExp{"conversation": m.GetString("conversation")}).Row(&newest)
	if err != nil {
		return fmt.Errorf("newest message: %w", err)
	}
	if newest.Valid && at.String() > newest.String {
		m.Set("lastReadAt", newest.String)
		at = m.GetDateTime("lastReadAt")
	}
	if at.Before(prev) || at.IsZero() || !newest.Valid {
		m.Set("lastReadAt", prev)
	}
	return nil
}

// memberDeleteRequest lets members leave and owners remove others; the last
// member can't leave. The delete rule has already checked that the
// requester is a member of the conversation.
func (h *handlers) memberDeleteRequest(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	conv := e.Record.GetString("conversation")
	if e.Record.GetString("user") != e.Auth.Id {
		if role, _ := roleOf(e.App, conv, e.Auth.Id); role != RoleOwner {
			return e.ForbiddenError("Only an owner can remove other members.", nil)
		}
		return e.Next()
	}
	var other int
	err := e.App.ConcurrentDB().Select("(1)").From(Members).
		Where(dbx.HashExp{"conversation": conv}).AndWhere(dbx.Not(dbx.HashExp{"id": e.Record.Id})).
		Limit(1).Row(&other)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return e.InternalServerError("Failed to delete record.", err)
	}
	if errors.Is(err, sql.ErrNoRows) {
		return e.BadRequestError("The last member can't leave; delete the conversation instead.", validation.Errors{
			"conversation": validation.NewError("validation_last_member",
				"The last member can't leave; delete the conversation instead."),
		})
	}
	return e.Next()
}

// memberCreate gives a new member the default role and starts their read
// state at the conversation's latest activity, and keeps a conversation at
// Config.MaxMembers. It runs for every create, whatever its origin.
func (h *handlers) memberCreate(e *core.RecordEvent) error {
	if e.Record.GetString("role") == "" {
		e.Record.Set("role", RoleMember)
	}
	if _, starting := h.starting.Load(e.Record); starting {
		return e.Next()
	}
	var conv struct {
		LastMessageAt string `db:"lastMessageAt"`
		Members       int    `db:"members"`
	}
	err := e.App.ConcurrentDB().NewQuery(`SELECT [[lastMessageAt]],
		(SELECT COUNT(*) FROM {{` + Members + `}} WHERE [[conversation]] = {:conv}) AS members
		FROM {{` + Conversations + `}} WHERE [[id]] = {:conv}`).
		Bind(dbx.Params{"conv": e.Record.GetString("conversation")}).One(&conv)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("conversation of a new member: %w", err)
	}
	if conv.Members >= h.config.MaxMembers {
		return validation.Errors{"conversation": validation.NewError("validation_too_many_members",
			fmt.Sprintf("A conversation has at most %d members.", h.config.MaxMembers))}
	}
	if e.Record.GetDateTime("lastReadAt").IsZero() && conv.LastMessageAt != "" {
		e.Record.Set("lastReadAt", conv.LastMessageAt)
	}
	return e.Next()
}

// memberAfterDelete keeps a conversation owned and never empty: when its
// last owner goes, its longest-standing member becomes one; when its last
// member goes (a deleted user, say), it goes too. It runs in the
// transaction of the delete, after the member's own event.
func (h *handlers) memberAfterDelete(e *core.RecordEvent) error {
	if err := e.Next(); err != nil {
		return err
	}
	conv := e.Record.GetString("conversation")
	if exists, err := conversationExists(e.App, conv); !exists {
		return err // nil when going with its conversation
	}
	var left []struct {
		ID   string `db:"id"`
		Role string `db:"role"`
	}
	err := e.App.NonconcurrentDB().NewQuery(`SELECT [[id]], [[role]] FROM {{` + Members + `}}
		WHERE [[conversation]] = {:conv} ORDER BY [[role]] = 'owner' DESC, [[created]], [[id]] LIMIT 1`).
		Bind(dbx.Params{"conv": conv}).All(&left)
	if err != nil {
		return fmt.Errorf("members left in %s: %w", conv, err)
	}
	if len(left) == 0 {
		c, err := e.App.FindRecordById(Conversations, conv)
		if err != nil {
			return err
		}
		return e.App.Delete(c)
	}
	if left[0].Role == RoleOwner || e.Record.GetString("role") != RoleOwner {
		return nil
	}
	heir, err := e.App.FindRecordById(Members, left[0].ID)
	if err != nil {
		return err
	}
	heir.Set("role", RoleOwner)
	return e.App.Save(heir)
}

// roleOf returns user's role in conv, or "" when they aren't a member.
func roleOf(app core.App, conv, user string) (string, error) {
	var role string
	err := app.ConcurrentDB().Select("role").From(Members).
		Where(dbx.HashExp{"conversation": conv, "user": user}).Limit(1).Row(&role)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return role, err
}

// memberCreated tells of a person added to a conversation, except of its
// starting members, whom the conversation's own event names.
func (h *handlers) memberCreated(tx core.App, e *core.RecordEvent, _ *core.Record) (*journal.Event, error) {
	if _, starting := h.starting.LoadAndDelete(e.Record); starting {
		return nil, nil
	}
	ev, err := memberEvent(tx, e.Record, journal.MemberCreated)
	if ev != nil {
		ev.Added = []string{e.Record.GetString("user")}
	}
	return ev, err
}

// memberUpdated tells of a role change, or, when only lastReadAt moved, of
// a read. Muting tells nobody: it is the member's own business.
func memberUpdated(tx core.App, e *core.RecordEvent, prev *core.Record) (*journal.Event, error) {
	if e.Record.GetString("role") == prev.GetString("role") {
		if e.Record.GetDateTime("lastReadAt").Equal(prev.GetDateTime("lastReadAt")) {
			return nil, nil
		}
		payload, err := encode(e.Record.PublicExport())
		if err != nil {
			return nil, fmt.Errorf("encode member %s: %w", e.Record.Id, err)
		}
		return &journal.Event{
			Type:         journal.MemberRead,
			Conversation: e.Record.GetString("conversation"),
			Record:       e.Record.Id,
			Payload:      payload,
		}, nil
	}
	return memberEvent(tx, e.Record, journal.MemberUpdated)
}

// memberDeleted tells of a person leaving or being removed, except when the
// conversation is going: its own event names everyone.
func memberDeleted(tx core.App, e *core.RecordEvent, _ *core.Record) (*journal.Event, error) {
	if exists, err := conversationExists(tx, e.Record.GetString("conversation")); !exists {
		return nil, err
	}
	ev, err := memberEvent(tx, e.Record, journal.MemberDeleted)
	if ev != nil {
		ev.Removed = []string{e.Record.GetString("user")}
	}
	return ev, err
}

func memberEvent(tx core.App, r *core.Record, typ string) (*journal.Event, error) {
	return recordEvent(tx, r, typ, memberPayload)
}
