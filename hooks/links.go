package hooks

import (
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/pbchat/pbchat/blocks"
)

// InviteLinks is the collection of invite links.
const InviteLinks = "inviteLinks"

// Bounds of an invite link.
const (
	DefaultLinkLifetime = 7 * 24 * time.Hour
	MaxLinkLifetime     = 30 * 24 * time.Hour
	DefaultLinkUses     = 25
	MaxLinkUses         = 1000
)

// JoinPath answers GET (what the link leads to) and POST (join) for a
// token.
const JoinPath = "/api/chat/join/{token}"

// What a link that doesn't work says: the same for one never made, one
// revoked and one whose maker blocks you, so that neither a guess nor a
// block is told apart.
const errNoSuchLink = "This invite link doesn't work: it may have been revoked."

// newToken returns 256 random bits, URL-safe.
func newToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("invite link token: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// linkCreateRequest makes the signed-in owner the link's maker; the token
// and its uses are the server's. The create rule has already let only
// owners of the conversation through.
func (h *handlers) linkCreateRequest(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	errs := validation.Errors{}
	bySignedIn(e, "createdBy", errs)
	if e.Record.GetString("token") != "" {
		errs["token"] = errServerSet("an unguessable token")
	}
	if e.Record.GetInt("uses") != 0 {
		errs["uses"] = errServerSet("how many have joined by the link")
	}
	if len(errs) > 0 {
		return e.BadRequestError("Failed to create record.", errs)
	}
	return e.Next()
}

// linkValidate gives a new link its token, and its expiry and use limit
// their defaults, within their bounds; nothing of a link but its uses
// changes after. It runs for every save, whatever its origin.
func (h *handlers) linkValidate(e *core.RecordEvent) error {
	if !e.Record.IsNew() {
		if err := unchanged(e.Record, "A link's", "conversation", "token", "createdBy"); err != nil {
			return err // revoke it and make another
		}
		return e.Next()
	}
	if e.Record.GetString("token") == "" {
		token, err := newToken()
		if err != nil {
			return err
		}
		e.Record.Set("token", token)
	}
	now := time.Now()
	expires := e.Record.GetDateTime("expires")
	if expires.IsZero() {
		e.Record.Set("expires", types.NowDateTime().Add(DefaultLinkLifetime))
	} else if !expires.Time().After(now) || expires.Time().After(now.Add(MaxLinkLifetime+time.Minute)) {
		return validation.Errors{"expires": validation.NewError("validation_link_expiry",
			fmt.Sprintf("A link expires in the future, within %d days.", int(MaxLinkLifetime.Hours()/24)))}
	}
	switch n := e.Record.GetInt("maxUses"); {
	case n == 0:
		e.Record.Set("maxUses", DefaultLinkUses)
	case n < 0 || n > MaxLinkUses:
		return validation.Errors{"maxUses": validation.NewError("validation_link_uses",
			fmt.Sprintf("A link is used from 1 to %d times.", MaxLinkUses))}
	}
	return e.Next()
}

func (h *handlers) serveLinks(se *core.ServeEvent) error {
	se.Router.GET(JoinPath, h.linkPreview).Bind(apis.RequireAuth(Users))
	se.Router.POST(JoinPath, h.join).Bind(apis.RequireAuth(Users))
	return se.Next()
}

// liveLink returns the link of the token in the request if it works for
// e's user, or the error to answer.
func liveLink(e *core.RequestEvent, app core.App) (*core.Record, error) {
	token := e.Request.PathValue("token")
	link, err := app.FindFirstRecordByData(InviteLinks, "token", token)
	if err != nil || token == "" {
		return nil, noSuchLink(e)
	}
	if blocked, err := blocks.Blocks(app.ConcurrentDB(), link.GetString("createdBy"), e.Auth.Id); err != nil {
		return nil, e.InternalServerError("Failed to read the link.", err)
	} else if blocked {
		return nil, noSuchLink(e)
	}
	if !link.GetDateTime("expires").Time().After(time.Now()) {
		return nil, linkGone(e, "validation_link_expired", "This invite link has expired.")
	}
	if link.GetInt("uses") >= link.GetInt("maxUses") {
		return nil, usedUp(e)
	}
	return link, nil
}

// linkPreview answers what a link leads to, as an invitation does: the
// conversation's title, members and heroes, and whether one is a member.
func (h *handlers) linkPreview(e *core.RequestEvent) error {
	link, err := liveLink(e, e.App)
	if err != nil {
		return err
	}
	conv := link.GetString("conversation")
	summary, err := summarizeInvitation(e.App, conv)
	if err != nil {
		return e.InternalServerError("Failed to read the link.", err)
	}
	role, err := roleOf(e.App, conv, e.Auth.Id)
	if err != nil {
		return e.InternalServerError("Failed to read the link.", err)
	}
	summary["conversation"] = conv
	summary["member"] = role != ""
	summary["expires"] = link.GetDateTime("expires")
	return e.JSON(http.StatusOK, summary)
}

// join makes e's user a member through a live link, counting one use, in
// one transaction with an invitation of theirs to it going; a member
// already is answered the same, and uses nothing.
func (h *handlers) join(e *core.RequestEvent) error {
	link, err := liveLink(e, e.App)
	if err != nil {
		return err
	}
	conv := link.GetString("conversation")
	err = e.App.RunInTransaction(func(tx core.App) error {
		if role, err := roleOf(tx, conv, e.Auth.Id); err != nil || role != "" {
			return err
		}
		res, err := tx.NonconcurrentDB().NewQuery(`UPDATE {{` + InviteLinks + `}} SET [[uses]] = [[uses]] + 1
			WHERE [[id]] = {:id} AND [[uses]] < [[maxUses]]`).Bind(dbx.Params{"id": link.Id}).Execute()
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return errUsedUp
		}
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
		inv, err := tx.FindFirstRecordByFilter(Invitations, "conversation = {:c} && invitee = {:u}", dbx.Params{"c": conv, "u": e.Auth.Id})
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		return tx.Delete(inv)
	})
	switch {
	case errors.Is(err, errUsedUp):
		return usedUp(e)
	case err != nil:
		return answer(e, "join", err)
	}
	c, err := e.App.FindRecordById(Conversations, conv)
	if err != nil {
		return e.InternalServerError("Failed to join.", err)
	}
	if err := apis.EnrichRecord(e, c); err != nil {
		return e.InternalServerError("Failed to join.", err)
	}
	return e.JSON(http.StatusOK, c)
}

var errUsedUp = errors.New("invite link used up")

// The answers of a link that doesn't work, each with its code (under
// "token") for clients to put in their own words.
func noSuchLink(e *core.RequestEvent) error {
	return e.NotFoundError(errNoSuchLink, validation.Errors{"token": validation.NewError("validation_link_unknown", errNoSuchLink)})
}

func linkGone(e *core.RequestEvent, code, message string) error {
	return e.Error(http.StatusGone, message, validation.Errors{"token": validation.NewError(code, message)})
}

func usedUp(e *core.RequestEvent) error {
	return linkGone(e, "validation_link_used_up", "This invite link has been used as many times as it allows.")
}
