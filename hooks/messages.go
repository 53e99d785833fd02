package hooks

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/pbchat/pbchat/journal"
	"github.com/pbchat/pbchat/search"
)

// messageCreateRequest makes the signed-in user the author and makes sends
// idempotent: a client may choose the message id, and a retry with an id
// its own author already stored answers with the stored message instead of
// creating a second one. The create rule has already checked that the
// requester is a member of the conversation.
//
// Only a message committed by another request counts as stored: h.app
// reads committed data, outside the transaction a batch runs this request
// in. Within a batch a later request's failure comes back through e.Next,
// and must fail the batch whole, never pass for a retry.
func (h *handlers) messageCreateRequest(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}

	errs := validation.Errors{}
	if v := e.Record.GetString("author"); v != "" && v != e.Auth.Id {
		errs["author"] = errServerSet("the signed-in user")
	}
	replyRequest(e, errs)
	filesRequest(e, errs)
	if len(errs) > 0 {
		return e.BadRequestError("Failed to create record.", errs)
	}
	e.Record.Set("author", e.Auth.Id)

	id := e.Record.Id
	if id == "" {
		return e.Next()
	}
	if stored, err := h.app.FindRecordById(Messages, id); err == nil {
		return respondStored(e, stored)
	}
	err := e.Next()
	if err != nil && e.Record.IsNew() {
		// This insert didn't happen: a concurrent retry may have committed
		// the id between the lookup and the insert.
		if stored, findErr := h.app.FindRecordById(Messages, id); findErr == nil {
			return respondStored(e, stored)
		}
	}
	return err
}

// respondStored answers a retried send with the message already stored
// under its id. Anything but the same author's send to the same
// conversation, which they may still view, is refused as a taken id,
// without a word about the stored message.
func respondStored(e *core.RecordRequestEvent, stored *core.Record) error {
	if !isRetry(e, stored) {
		return e.BadRequestError("Failed to create record.", validation.Errors{
			"id": validation.NewError("validation_id_taken", "This id is already taken; choose another."),
		})
	}
	if err := apis.EnrichRecord(e.RequestEvent, stored); err != nil {
		return e.InternalServerError("Failed to enrich record.", err)
	}
	return e.JSON(200, stored)
}

func isRetry(e *core.RecordRequestEvent, stored *core.Record) bool {
	if stored.GetString("author") != e.Auth.Id || stored.GetString("conversation") != e.Record.GetString("conversation") {
		return false
	}
	info, err := e.RequestInfo()
	if err != nil {
		return false
	}
	ok, err := e.App.CanAccessRecord(stored, info, stored.Collection().ViewRule)
	return err == nil && ok
}

// messageUpdateRequest keeps a message where it was posted and with whom
// wrote it; the update rule has already let only its author through.
func (h *handlers) messageUpdateRequest(e *core.RecordRequestEvent) error {
	prev := e.Record.Original()
	errs := validation.Errors{}
	if e.Record.GetString("conversation") != prev.GetString("conversation") {
		errs["conversation"] = validation.NewError("validation_immutable", "A message can't move to another conversation.")
	}
	if e.Record.GetString("author") != prev.GetString("author") {
		errs["author"] = validation.NewError("validation_immutable", "The author of a message can't be changed.")
	}
	replyRequest(e, errs)
	filesRequest(e, errs)
	if len(errs) > 0 {
		return e.BadRequestError("Failed to update record.", errs)
	}
	return e.Next()
}

// messageValidate holds for every save: a new message has an author, and
// every message has text or an attachment, unless a moderator removed it.
func (h *handlers) messageValidate(e *core.RecordEvent) error {
	errs := validation.Errors{}
	if e.Record.IsNew() && e.Record.GetString("author") == "" {
		errs["author"] = validation.ErrRequired
	}
	if strings.TrimSpace(e.Record.GetString("text")) == "" && !e.Record.GetBool("removed") &&
		len(e.Record.GetStringSlice("attachments"))+len(e.Record.GetUnsavedFiles("attachments")) == 0 {
		errs["text"] = validation.NewError("validation_required", "Write some text or attach a file.")
	}
	if len(errs) > 0 {
		return errs
	}
	return e.Next()
}

// messageOrder gives a new message a created time later than every other
// message of its conversation. It runs in the transaction of the insert,
// and writes are serialized, so sorting a conversation's messages by
// created is sorting them in commit order: two messages saved in the same
// millisecond, or across a clock step back, still list as they committed.
func (h *handlers) messageOrder(e *core.RecordEvent) error {
	var last sql.NullString
	err := e.App.NonconcurrentDB().Select("MAX([[created]])").From(Messages).
		Where(dbx.HashExp{"conversation": e.Record.GetString("conversation")}).Row(&last)
	if err != nil {
		return err
	}
	// stored with millisecond precision: compare at that precision
	created, err := types.ParseDateTime(time.Now().UTC().Truncate(time.Millisecond))
	if err != nil {
		return err
	}
	if last.Valid {
		if prev, err := types.ParseDateTime(last.String); err == nil && !prev.Before(created) {
			created = prev.Add(time.Millisecond)
		}
	}
	e.Record.SetRaw("created", created)
	e.Record.SetRaw("updated", created)
	return e.Next()
}

// messageCreated makes the message its conversation's latest, and marks the
// conversation read up to it for its author.
func messageCreated(tx core.App, e *core.RecordEvent, _ *core.Record) (*journal.Event, error) {
	created := e.Record.GetDateTime("created").String()
	conv := e.Record.GetString("conversation")
	_, err := tx.NonconcurrentDB().NewQuery(`UPDATE {{` + Conversations + `}}
		SET [[lastMessage]] = {:id}, [[lastMessageAt]] = MAX([[lastMessageAt]], {:t}) WHERE [[id]] = {:conv}`).
		Bind(dbx.Params{"id": e.Record.Id, "t": created, "conv": conv}).Execute()
	if err != nil {
		return nil, err
	}
	_, err = tx.NonconcurrentDB().NewQuery(`UPDATE {{` + Members + `}} SET [[lastReadAt]] = {:t}
		WHERE [[conversation]] = {:conv} AND [[user]] = {:author} AND [[lastReadAt]] < {:t}`).
		Bind(dbx.Params{"t": created, "conv": conv, "author": e.Record.GetString("author")}).Execute()
	if err != nil {
		return nil, err
	}
	if err := indexMentions(tx, e.Record, false); err != nil {
		return nil, err
	}
	if err := search.Add(tx, e.Record); err != nil {
		return nil, err
	}
	return messageEvent(tx, e.Record, journal.MessageCreated)
}

func messageUpdated(tx core.App, e *core.RecordEvent, prev *core.Record) (*journal.Event, error) {
	if e.Record.GetString("text") != prev.GetString("text") ||
		len(e.Record.GetStringSlice("attachments")) != len(prev.GetStringSlice("attachments")) {
		if err := requote(tx, e.Record, false); err != nil {
			return nil, err
		}
	}
	if e.Record.GetString("text") != prev.GetString("text") {
		if err := search.Remove(tx, e.Record); err != nil {
			return nil, err
		}
		if err := search.Add(tx, e.Record); err != nil {
			return nil, err
		}
	}
	if err := indexMentions(tx, e.Record, false); err != nil {
		return nil, err
	}
	if err := keepVersion(tx, e.Record, prev); err != nil {
		return nil, err
	}
	ev, err := messageEvent(tx, e.Record, journal.MessageUpdated)
	if err == nil && e.Record.GetBool("removed") && !prev.GetBool("removed") {
		err = scrubRemoved(tx, e.Record, ev.Payload)
	}
	return ev, err
}

// messageDeleted tells of a message about to be deleted, except when its
// conversation is going: the conversation's own event says all there is.
// The message before it becomes the conversation's latest, if it was, so
// that PocketBase's clearing of references has none to clear.
func messageDeleted(tx core.App, e *core.RecordEvent, _ *core.Record) (*journal.Event, error) {
	if err := indexMentions(tx, e.Record, true); err != nil {
		return nil, err
	}
	if err := search.Remove(tx, e.Record); err != nil {
		return nil, err
	}
	conv := e.Record.GetString("conversation")
	if exists, err := conversationExists(tx, conv); !exists {
		return nil, err
	}
	if err := requote(tx, e.Record, true); err != nil {
		return nil, err
	}
	_, err := tx.NonconcurrentDB().NewQuery(`UPDATE {{` + Conversations + `}} SET [[lastMessage]] = COALESCE(
		(SELECT [[id]] FROM {{` + Messages + `}} WHERE [[conversation]] = {:conv} AND [[id]] != {:id}
			ORDER BY [[created]] DESC, [[id]] DESC LIMIT 1), '')
		WHERE [[id]] = {:conv} AND [[lastMessage]] = {:id}`).
		Bind(dbx.Params{"conv": conv, "id": e.Record.Id}).Execute()
	if err != nil {
		return nil, err
	}
	if e.Record.GetBool(expiredKey) {
		return expiredEvent(tx, e.Record)
	}
	return messageEvent(tx, e.Record, journal.MessageDeleted)
}

func messageEvent(tx core.App, r *core.Record, typ string) (*journal.Event, error) {
	return recordEvent(tx, r, typ, messagePayload)
}

// recordEvent is the event typ of r, a record of a conversation, with the
// payload payload makes of it.
func recordEvent(tx core.App, r *core.Record, typ string, payload func(core.App, *core.Record) ([]byte, error)) (*journal.Event, error) {
	b, err := payload(tx, r)
	if err != nil {
		return nil, err
	}
	return &journal.Event{Type: typ, Conversation: r.GetString("conversation"), Record: r.Id, Payload: b}, nil
}

// conversationExists reports whether conversation id is still there: a
// delete cascading from it says nothing of its own.
func conversationExists(app core.App, id string) (bool, error) {
	var exists int
	err := app.NonconcurrentDB().Select("(1)").From(Conversations).Where(dbx.HashExp{"id": id}).Limit(1).Row(&exists)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}

// scrubRemoved takes what a removed message said out of the journal: its
// own earlier events, and those of the replies quoting it, now carry their
// records as they are, so that a resume from before the removal brings
// none of it back.
func scrubRemoved(tx core.App, m *core.Record, payload []byte) error {
	conv := m.GetString("conversation")
	if err := journal.Scrub(tx, conv, m.Id, payload); err != nil {
		return err
	}
	replies, err := tx.FindAllRecords(Messages, dbx.HashExp{"replyTo": m.Id})
	if err != nil {
		return fmt.Errorf("replies to %s: %w", m.Id, err)
	}
	for _, r := range replies {
		b, err := messagePayload(tx, r)
		if err != nil {
			return err
		}
		if err := journal.Scrub(tx, conv, r.Id, b); err != nil {
			return err
		}
	}
	return nil
}
