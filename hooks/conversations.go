package hooks

import (
	"fmt"
	"slices"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/pbchat/pbchat/journal"
)

// DefaultMaxMembers is Config.MaxMembers when it is zero: the most members
// a conversation may have (each message fans out to every one of them).
const DefaultMaxMembers = 20000

// membersKey is the body field that lists the people a new conversation
// starts with. The hooks keep the validated list on the record under it,
// as custom data (never stored, and hidden from responses) until the
// members are saved; Go code that saves a conversation may set it too.
const membersKey = "members"

// invitedKey holds, the same way, the people listed who are invited
// rather than added (see canAdd).
const invitedKey = "invited"

// conversationCreateRequest makes the signed-in user the creator and checks
// the people the conversation starts with. The create rule has already let
// only users through; superusers may name any user as createdBy, or none.
func (h *handlers) conversationCreateRequest(e *core.RecordRequestEvent) error {
	errs := validation.Errors{}
	if !e.HasSuperuserAuth() {
		bySignedIn(e, "createdBy", errs)
	}
	if !e.Record.GetDateTime("lastMessageAt").IsZero() {
		errs["lastMessageAt"] = errServerSet("the time of the latest message")
	}
	if e.Record.GetString("lastMessage") != "" {
		errs["lastMessage"] = errServerSet("the latest message")
	}
	info, err := e.RequestInfo()
	if err != nil {
		return e.BadRequestError("Failed to read the submitted data.", err)
	}
	creator := e.Record.GetString("createdBy")
	ids, err := h.startingMembers(info.Body[membersKey], creator)
	if err != nil {
		errs[membersKey] = err
	}
	if len(errs) > 0 {
		return e.BadRequestError("Failed to create record.", errs)
	}
	// people who don't accept being added by the creator are invited (a
	// superuser's conversation adds whom it names)
	var invited []string
	if creator != "" && !e.HasSuperuserAuth() {
		if ids, invited, err = splitByConsent(e.App, creator, ids); err != nil {
			return e.InternalServerError("Failed to create record.", err)
		}
	}
	e.Record.Set(membersKey, ids)
	e.Record.Set(invitedKey, invited)
	return e.Next()
}

// startingMembers checks the ids a new conversation is to start with: user
// ids, each of an existing user. Duplicates and the creator are dropped.
func (h *handlers) startingMembers(v any, creator string) ([]string, error) {
	var raw []any
	switch v := v.(type) {
	case nil:
		return nil, nil
	case string: // a multipart form's single value
		raw = []any{v}
	case []string:
		for _, s := range v {
			raw = append(raw, s)
		}
	case []any:
		raw = v
	default:
		return nil, validation.NewError("validation_invalid_members", "List the user ids to start the conversation with.")
	}
	seen := map[string]bool{creator: true}
	var ids []string
	for _, item := range raw {
		id, ok := item.(string)
		if !ok || id == "" {
			return nil, validation.NewError("validation_invalid_members", "Each member must be a user id.")
		}
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	if len(ids)+1 > h.config.MaxMembers {
		return nil, validation.NewError("validation_too_many_members",
			fmt.Sprintf("A conversation has at most %d members.", h.config.MaxMembers))
	}
	if len(ids) == 0 {
		return nil, nil
	}
	in := make([]any, len(ids))
	for i, id := range ids {
		in[i] = id
	}
	var found int
	err := h.app.ConcurrentDB().Select("COUNT(*)").From(Users).Where(dbx.In("id", in...)).Row(&found)
	if err != nil {
		return nil, fmt.Errorf("look up members: %w", err)
	}
	if found != len(ids) {
		return nil, validation.NewError("validation_missing_rel_records", "Failed to find all the users with the provided ids.")
	}
	return ids, nil
}

// conversationUpdateRequest keeps the fields only the server sets; the
// update rule has already let only members through.
func (h *handlers) conversationUpdateRequest(e *core.RecordRequestEvent) error {
	prev := e.Record.Original()
	errs := validation.Errors{}
	if e.Record.GetString("createdBy") != prev.GetString("createdBy") {
		errs["createdBy"] = validation.NewError("validation_immutable", "The creator of a conversation can't be changed.")
	}
	if !e.HasSuperuserAuth() {
		if !e.Record.GetDateTime("lastMessageAt").Equal(prev.GetDateTime("lastMessageAt")) {
			errs["lastMessageAt"] = errServerSet("the time of the latest message")
		}
		if e.Record.GetString("lastMessage") != prev.GetString("lastMessage") {
			errs["lastMessage"] = errServerSet("the latest message")
		}
	}
	if len(errs) > 0 {
		return e.BadRequestError("Failed to update record.", errs)
	}
	return e.Next()
}

// conversationCreate starts lastMessageAt at creation, so that a new
// conversation sorts as recent activity. It runs for every create,
// whatever its origin.
func (h *handlers) conversationCreate(e *core.RecordEvent) error {
	e.Record.Hide(membersKey, invitedKey)
	if e.Record.GetDateTime("lastMessageAt").IsZero() {
		e.Record.Set("lastMessageAt", types.NowDateTime())
	}
	return e.Next()
}

// conversationCreated saves the conversation's first members in its
// transaction: the creator as owner, and the people the request listed.
// Their member records journal nothing of their own: this event names them
// all.
func (h *handlers) conversationCreated(tx core.App, e *core.RecordEvent, _ *core.Record) (*journal.Event, error) {
	others, _ := e.Record.GetRaw(membersKey).([]string)
	invited, _ := e.Record.GetRaw(invitedKey).([]string)
	if err := directConversation(tx, e.Record, append(slices.Clone(others), invited...)); err != nil {
		return nil, err
	}
	collection, err := tx.FindCachedCollectionByNameOrId(Members)
	if err != nil {
		return nil, err
	}
	var added []string
	add := func(user, role string) error {
		m := core.NewRecord(collection)
		m.Set("conversation", e.Record.Id)
		m.Set("user", user)
		m.Set("role", role)
		m.Set("lastReadAt", e.Record.GetDateTime("lastMessageAt"))
		h.starting.Store(m, struct{}{})
		defer h.starting.Delete(m)
		if err := tx.Save(m); err != nil {
			return fmt.Errorf("member %s of %s: %w", user, e.Record.Id, err)
		}
		added = append(added, user)
		return nil
	}
	if creator := e.Record.GetString("createdBy"); creator != "" {
		if err := add(creator, RoleOwner); err != nil {
			return nil, err
		}
	}
	for _, id := range others {
		if err := add(id, RoleMember); err != nil {
			return nil, err
		}
	}
	if err := invite(tx, e.Record.Id, e.Record.GetString("createdBy"), invited); err != nil {
		return nil, err
	}

	payload, err := conversationPayload(e.Record)
	if err != nil {
		return nil, err
	}
	return &journal.Event{
		Type:         journal.ConversationCreated,
		Conversation: e.Record.Id,
		Record:       e.Record.Id,
		Payload:      payload,
		Added:        added,
	}, nil
}

func conversationUpdated(_ core.App, e *core.RecordEvent, _ *core.Record) (*journal.Event, error) {
	payload, err := conversationPayload(e.Record)
	if err != nil {
		return nil, err
	}
	return &journal.Event{
		Type:         journal.ConversationUpdated,
		Conversation: e.Record.Id,
		Record:       e.Record.Id,
		Payload:      payload,
	}, nil
}

// conversationDeleted names everyone who is a member, before they go with
// the conversation.
func conversationDeleted(tx core.App, e *core.RecordEvent, _ *core.Record) (*journal.Event, error) {
	payload, err := conversationPayload(e.Record)
	if err != nil {
		return nil, err
	}
	var removed []string
	err = tx.NonconcurrentDB().Select("user").From(Members).
		Where(dbx.HashExp{"conversation": e.Record.Id}).Column(&removed)
	if err != nil {
		return nil, fmt.Errorf("members of %s: %w", e.Record.Id, err)
	}
	return &journal.Event{
		Type:         journal.ConversationRemoved,
		Conversation: e.Record.Id,
		Record:       e.Record.Id,
		Payload:      payload,
		Removed:      removed,
	}, nil
}

func errServerSet(what string) validation.Error {
	return validation.NewError("validation_server_set", "Set by the server to "+what+"; leave it out.")
}
