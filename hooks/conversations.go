package hooks

import (
	"slices"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/pbchat/pbchat/journal"
)

// conversationCreateRequest makes the signed-in user the creator. The create
// rule has already let only users through; superusers may name any user as
// createdBy, or none.
func (h *handlers) conversationCreateRequest(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	errs := validation.Errors{}
	if v := e.Record.GetString("createdBy"); v != "" && v != e.Auth.Id {
		errs["createdBy"] = errServerSet("the signed-in user")
	}
	if !e.Record.GetDateTime("lastMessageAt").IsZero() {
		errs["lastMessageAt"] = errServerSet("the time of the latest message")
	}
	if len(errs) > 0 {
		return e.BadRequestError("Failed to create record.", errs)
	}
	e.Record.Set("createdBy", e.Auth.Id)
	return e.Next()
}

// conversationUpdateRequest lets participants rename and add people, the
// creator remove anyone, and everyone remove themselves. The update rule has
// already checked that the requester takes part.
func (h *handlers) conversationUpdateRequest(e *core.RecordRequestEvent) error {
	prev := e.Record.Original()
	errs := validation.Errors{}
	if e.Record.GetString("createdBy") != prev.GetString("createdBy") {
		errs["createdBy"] = validation.NewError("validation_immutable", "The creator of a conversation can't be changed.")
	}
	if !e.HasSuperuserAuth() && !e.Record.GetDateTime("lastMessageAt").Equal(prev.GetDateTime("lastMessageAt")) {
		errs["lastMessageAt"] = errServerSet("the time of the latest message")
	}
	now := e.Record.GetStringSlice("participants")
	if len(now) == 0 {
		errs["participants"] = validation.NewError("validation_last_participant",
			"The last participant can't leave; delete the conversation instead.")
	}
	if len(errs) > 0 {
		return e.BadRequestError("Failed to update record.", errs)
	}

	if !e.HasSuperuserAuth() && e.Auth.Id != prev.GetString("createdBy") {
		for _, id := range difference(prev.GetStringSlice("participants"), now) {
			if id != e.Auth.Id {
				return e.ForbiddenError("Only the creator of a conversation can remove other participants.", nil)
			}
		}
	}
	return e.Next()
}

// conversationCreate keeps the creator among the participants and starts
// lastMessageAt at creation, so that a new conversation sorts as recent
// activity. It runs for every create, whatever its origin.
func (h *handlers) conversationCreate(e *core.RecordEvent) error {
	if creator := e.Record.GetString("createdBy"); creator != "" {
		participants := e.Record.GetStringSlice("participants")
		if !slices.Contains(participants, creator) {
			e.Record.Set("participants", append([]string{creator}, participants...))
		}
	}
	if e.Record.GetDateTime("lastMessageAt").IsZero() {
		e.Record.Set("lastMessageAt", types.NowDateTime())
	}
	return e.Next()
}

func conversationCreated(_ core.App, e *core.RecordEvent, _ *core.Record) (*journal.Event, error) {
	payload, err := conversationPayload(e.Record)
	if err != nil {
		return nil, err
	}
	return &journal.Event{
		Type:         journal.ConversationCreated,
		Conversation: e.Record.Id,
		Record:       e.Record.Id,
		Payload:      payload,
		Added:        e.Record.GetStringSlice("participants"),
	}, nil
}

func conversationUpdated(_ core.App, e *core.RecordEvent, prev *core.Record) (*journal.Event, error) {
	payload, err := conversationPayload(e.Record)
	if err != nil {
		return nil, err
	}
	before, after := prev.GetStringSlice("participants"), e.Record.GetStringSlice("participants")
	return &journal.Event{
		Type:         journal.ConversationUpdated,
		Conversation: e.Record.Id,
		Record:       e.Record.Id,
		Payload:      payload,
		Added:        difference(after, before),
		Removed:      difference(before, after),
	}, nil
}

func conversationDeleted(_ core.App, e *core.RecordEvent, _ *core.Record) (*journal.Event, error) {
	payload, err := conversationPayload(e.Record)
	if err != nil {
		return nil, err
	}
	return &journal.Event{
		Type:         journal.ConversationRemoved,
		Conversation: e.Record.Id,
		Record:       e.Record.Id,
		Payload:      payload,
		Removed:      e.Record.GetStringSlice("participants"),
	}, nil
}

// difference returns the ids of a that are not in b. Conversations hold up
// to 10,000 participants, hence the set.
func difference(a, b []string) []string {
	in := make(map[string]struct{}, len(b))
	for _, id := range b {
		in[id] = struct{}{}
	}
	var out []string
	for _, id := range a {
		if _, ok := in[id]; !ok {
			out = append(out, id)
		}
	}
	return out
}

func errServerSet(what string) validation.Error {
	return validation.NewError("validation_server_set", "Set by the server to "+what+"; leave it out.")
}
