package hooks

import (
	"fmt"
	"net/http"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"

	"github.com/pbchat/pbchat/blocks"
	"github.com/pbchat/pbchat/journal"
)

// Invitations is the collection of invitations to conversations.
const Invitations = "invitations"

// invitationCreateRequest makes the signed-in user the inviter. The create
// rule has already let only members of the conversation through.
func (h *handlers) invitationCreateRequest(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	errs := validation.Errors{}
	if bySignedIn(e, "inviter", errs); len(errs) > 0 {
		return e.BadRequestError("Failed to create record.", errs)
	}
	return e.Next()
}

// invitationValidate keeps an invitation to someone not yet a member, once
// per conversation, and hides it from an invitee who blocks its inviter.
// It runs for every save, whatever its origin; nothing of an invitation
// but hidden changes.
func (h *handlers) invitationValidate(e *core.RecordEvent) error {
	conv, invitee, inviter := e.Record.GetString("conversation"), e.Record.GetString("invitee"), e.Record.GetString("inviter")
	if !e.Record.IsNew() {
		if err := unchanged(e.Record, "An invitation's", "conversation", "invitee", "inviter"); err != nil {
			return err
		}
		return e.Next()
	}
	var row struct {
		Member  int `db:"member"`
		Invited int `db:"invited"`
		Blocked int `db:"blocked"`
	}
	err := e.App.ConcurrentDB().NewQuery(`SELECT
		(SELECT COUNT(*) FROM {{` + Members + `}} WHERE [[conversation]] = {:conv} AND [[user]] = {:invitee}) AS member,
		(SELECT COUNT(*) FROM {{` + Invitations + `}} WHERE [[conversation]] = {:conv} AND [[invitee]] = {:invitee}) AS invited,
		(SELECT COUNT(*) FROM {{` + blocks.Collection + `}} WHERE [[blocker]] = {:invitee} AND [[blocked]] = {:inviter}) AS blocked`).
		Bind(dbx.Params{"conv": conv, "invitee": invitee, "inviter": inviter}).One(&row)
	if err != nil {
		return fmt.Errorf("invitation to %s: %w", conv, err)
	}
	switch {
	case row.Member > 0:
		return validation.Errors{"invitee": validation.NewError("validation_already_member", "This person is already a member.")}
	case row.Invited > 0:
		return validation.Errors{"invitee": validation.NewError("validation_already_invited", "This person is already invited.")}
	}
	e.Record.Set("hidden", row.Blocked > 0)
	return e.Next()
}

// invitationCreated tells the invitee, unless it is hidden from them.
func (h *handlers) invitationCreated(tx core.App, e *core.RecordEvent, _ *core.Record) (*journal.Event, error) {
	if e.Record.GetBool("hidden") {
		return nil, nil
	}
	return invitationEvent(tx, e.Record, journal.InvitationCreated)
}

// invitationUpdated tells the invitee of an invitation shown (a block
// lifted) or hidden (a block made).
func (h *handlers) invitationUpdated(tx core.App, e *core.RecordEvent, prev *core.Record) (*journal.Event, error) {
	switch hidden := e.Record.GetBool("hidden"); {
	case hidden == prev.GetBool("hidden"):
		return nil, nil
	case hidden:
		return invitationEvent(tx, e.Record, journal.InvitationDeleted)
	}
	return invitationEvent(tx, e.Record, journal.InvitationCreated)
}

// invitationDeleted tells the invitee of one accepted, declined or
// withdrawn, unless it was hidden from them.
func (h *handlers) invitationDeleted(tx core.App, e *core.RecordEvent, _ *core.Record) (*journal.Event, error) {
	if e.Record.GetBool("hidden") {
		return nil, nil
	}
	return invitationEvent(tx, e.Record, journal.InvitationDeleted)
}

func invitationEvent(tx core.App, r *core.Record, typ string) (*journal.Event, error) {
	payload, err := invitationPayload(tx, r)
	if err != nil {
		return nil, err
	}
	return &journal.Event{Type: typ, Conversation: journal.Personal(r.GetString("invitee")), Record: r.Id, Payload: payload}, nil
}

// invitationPayload is an invitation as its invitee gets it over REST with
// expand=inviter.
func invitationPayload(tx core.App, r *core.Record) ([]byte, error) {
	data := r.PublicExport()
	delete(data, "hidden")
	summary, err := summarizeInvitation(tx, r.GetString("conversation"))
	if err != nil {
		return nil, err
	}
	for k, v := range summary {
		data[k] = v
	}
	if u, err := tx.FindRecordById(Users, r.GetString("inviter")); err == nil {
		data["expand"] = map[string]any{"inviter": PublicUser(u)}
	}
	b, err := encode(data)
	if err != nil {
		return nil, fmt.Errorf("encode invitation %s: %w", r.Id, err)
	}
	return b, nil
}

// summarizeInvitation is what an invitee may know of the conversation
// before accepting: its title, how many members it has and, untitled, up
// to three of them to name it by.
func summarizeInvitation(app core.App, conv string) (map[string]any, error) {
	var row struct {
		Title   string `db:"title"`
		Members int    `db:"members"`
		Heroes  string `db:"heroes"`
	}
	err := app.ConcurrentDB().NewQuery(`SELECT c.[[title]] AS title,
		(SELECT COUNT(*) FROM {{` + Members + `}} WHERE [[conversation]] = c.[[id]]) AS members,
		CASE WHEN c.[[title]] = '' THEN
			(SELECT json_group_array(json_object('id', u.[[id]], 'name', u.[[name]], 'avatar', u.[[avatar]]))
				FROM (SELECT o.[[user]] FROM {{` + Members + `}} o WHERE o.[[conversation]] = c.[[id]] LIMIT {:heroes}) h
				JOIN {{` + Users + `}} u ON u.[[id]] = h.[[user]])
		ELSE '[]' END AS heroes
		FROM {{` + Conversations + `}} c WHERE c.[[id]] = {:conv}`).
		Bind(dbx.Params{"conv": conv, "heroes": heroesShown}).One(&row)
	if err != nil {
		return nil, fmt.Errorf("summary of %s: %w", conv, err)
	}
	heroes, err := readState{Heroes: row.Heroes}.heroes(app)
	if err != nil {
		return nil, err
	}
	return map[string]any{"title": row.Title, "members": row.Members, "heroes": heroes}, nil
}

// summarizeInvitations adds the summary to an invitation served over REST,
// an expand or PocketBase's SSE.
func (h *handlers) summarizeInvitations(e *core.RecordEnrichEvent) error {
	summary, err := summarizeInvitation(e.App, e.Record.GetString("conversation"))
	if err != nil {
		return err
	}
	e.Record.WithCustomData(true)
	for k, v := range summary {
		e.Record.Set(k, v)
	}
	return e.Next()
}

// invite saves invitations of people to conv from inviter, through tx.
func invite(tx core.App, conv, inviter string, invitees []string) error {
	collection, err := tx.FindCachedCollectionByNameOrId(Invitations)
	if err != nil {
		return err
	}
	for _, id := range invitees {
		r := core.NewRecord(collection)
		r.Set("conversation", conv)
		r.Set("invitee", id)
		r.Set("inviter", inviter)
		if err := tx.Save(r); err != nil {
			return fmt.Errorf("invite %s to %s: %w", id, conv, err)
		}
	}
	return nil
}

// showInvitations hides (a block made) or shows again (lifted) the
// pending invitations from blocked to blocker, through tx.
func showInvitations(tx core.App, blocker, blocked string, show bool) error {
	pending, err := tx.FindAllRecords(Invitations, dbx.HashExp{"invitee": blocker, "inviter": blocked})
	if err != nil {
		return fmt.Errorf("invitations of %s from %s: %w", blocker, blocked, err)
	}
	for _, r := range pending {
		r.Set("hidden", !show)
		if err := tx.Save(r); err != nil {
			return err
		}
	}
	return nil
}

// Routes of an invitation's invitee: accept it (become a member, in one
// transaction with the invitation's end) or decline it, and with
// {"block":true} block its inviter too.
const (
	AcceptPath  = "/api/chat/invitations/{id}/accept"
	DeclinePath = "/api/chat/invitations/{id}/decline"
)

func (h *handlers) serveInvitations(se *core.ServeEvent) error {
	se.Router.POST(AcceptPath, h.accept).Bind(apis.RequireAuth(Users))
	se.Router.POST(DeclinePath, h.decline).Bind(apis.RequireAuth(Users))
	return se.Next()
}

// pendingFor returns the invitation id to e's user, or nil (a 404 for
// anyone else's, or one hidden from them, alike).
func pendingFor(e *core.RequestEvent) *core.Record {
	r, err := e.App.FindRecordById(Invitations, e.Request.PathValue("id"))
	if err != nil || r.GetString("invitee") != e.Auth.Id || r.GetBool("hidden") {
		return nil
	}
	return r
}

func (h *handlers) accept(e *core.RequestEvent) error {
	inv := pendingFor(e)
	if inv == nil {
		return e.NotFoundError("No such invitation.", nil)
	}
	conv := inv.GetString("conversation")
	err := e.App.RunInTransaction(func(tx core.App) error {
		members, err := tx.FindCachedCollectionByNameOrId(Members)
		if err != nil {
			return err
		}
		m := core.NewRecord(members)
		m.Set("conversation", conv)
		m.Set("user", e.Auth.Id)
		if err := tx.Save(m); err != nil {
			return err
		}
		return tx.Delete(inv)
	})
	if err != nil {
		return answer(e, "accept the invitation", err)
	}
	c, err := e.App.FindRecordById(Conversations, conv)
	if err != nil {
		return e.InternalServerError("Failed to accept the invitation.", err)
	}
	if err := apis.EnrichRecord(e, c); err != nil {
		return e.InternalServerError("Failed to accept the invitation.", err)
	}
	return e.JSON(http.StatusOK, c)
}

func (h *handlers) decline(e *core.RequestEvent) error {
	inv := pendingFor(e)
	if inv == nil {
		return e.NotFoundError("No such invitation.", nil)
	}
	var body struct {
		Block bool `json:"block"`
	}
	if err := e.BindBody(&body); err != nil {
		return e.BadRequestError("Send {} or {\"block\":true}.", err)
	}
	err := e.App.RunInTransaction(func(tx core.App) error {
		if err := tx.Delete(inv); err != nil {
			return err
		}
		inviter := inv.GetString("inviter")
		if !body.Block || inviter == "" {
			return nil
		}
		if already, err := blocks.Blocks(tx.NonconcurrentDB(), e.Auth.Id, inviter); err != nil || already {
			return err
		}
		collection, err := tx.FindCachedCollectionByNameOrId(Blocks)
		if err != nil {
			return err
		}
		b := core.NewRecord(collection)
		b.Set("blocker", e.Auth.Id)
		b.Set("blocked", inviter)
		return tx.Save(b)
	})
	if err != nil {
		return answer(e, "decline the invitation", err)
	}
	return e.NoContent(http.StatusNoContent)
}
