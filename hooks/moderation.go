package hooks

import (
	"fmt"
	"net/http"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// Moderation is the log of what superusers did: each message removed,
// each person suspended and each suspension lifted, with who and why.
const Moderation = "moderation"

// Custom data a moderation carries on the record it changes, for the log.
const (
	moderatorKey = "moderator"
	reasonKey    = "moderationReason"
)

// errSuspended is what a suspended person is answered, whatever they ask.
const errSuspended = "This account is suspended."

// RemoveMessage removes a message as a moderator: what it said goes (its
// text, files and mentions; replies' quotes of it too), members see that
// a moderator removed it, live and on resume; the log keeps who and why.
func RemoveMessage(app core.App, id, moderator, reason string) error {
	m, err := app.FindRecordById(Messages, id)
	if err != nil {
		return fmt.Errorf("remove message %s: %w", id, err)
	}
	m.Set("removed", true)
	return moderate(app, m, moderator, reason)
}

// Suspend suspends a person: every session and socket of theirs ends,
// signing in and every request is refused ("This account is suspended."),
// others see them as suspended.
func Suspend(app core.App, user, moderator, reason string) error {
	return setSuspended(app, user, true, moderator, reason)
}

// Lift lifts a suspension: the person signs in again.
func Lift(app core.App, user, moderator, reason string) error {
	return setSuspended(app, user, false, moderator, reason)
}

func setSuspended(app core.App, user string, on bool, moderator, reason string) error {
	u, err := app.FindRecordById(Users, user)
	if err != nil {
		return fmt.Errorf("suspend %s: %w", user, err)
	}
	u.Set("suspended", on)
	return moderate(app, u, moderator, reason)
}

func moderate(app core.App, r *core.Record, moderator, reason string) error {
	r.WithCustomData(true)
	r.Set(moderatorKey, moderator)
	r.Set(reasonKey, reason)
	r.Hide(moderatorKey, reasonKey)
	return app.Save(r)
}

// removedValidate takes out what a removed message said, whatever removed
// it (a superuser in the admin UI, the route, Go or JS).
func removedValidate(e *core.RecordEvent) error {
	if e.Record.GetBool("removed") && (e.Record.IsNew() || !e.Record.Original().GetBool("removed")) {
		e.Record.Set("text", "")
		e.Record.Set("attachments", []string{})
		e.Record.Set("mentions", []string{})
	}
	return e.Next()
}

// suspendedUpdate ends every token of a person being suspended: a new
// token key, which the journal tells every node (their sockets close).
func suspendedUpdate(e *core.RecordEvent) error {
	if e.Record.GetBool("suspended") && !e.Record.Original().GetBool("suspended") {
		e.Record.RefreshTokenKey()
	}
	return e.Next()
}

// moderationRequest keeps removed and suspended the superusers', and what
// a moderator removed out of its author's hands; a superuser's change
// (the admin UI's) is logged as theirs.
func moderationRequest(field string) func(e *core.RecordRequestEvent) error {
	return func(e *core.RecordRequestEvent) error {
		if e.HasSuperuserAuth() {
			if _, set := e.Record.CustomData()[moderatorKey]; !set {
				e.Record.WithCustomData(true)
				e.Record.Set(moderatorKey, e.Auth.Id)
				e.Record.Hide(moderatorKey, reasonKey)
			}
			return e.Next()
		}
		was := false
		if !e.Record.IsNew() {
			was = e.Record.Original().GetBool(field)
		}
		if field == "removed" && was {
			return e.ForbiddenError("A moderator removed this message.", nil)
		}
		if e.Record.GetBool(field) != was {
			return e.BadRequestError("Failed to save record.", validation.Errors{field: errServerSet("a moderator")})
		}
		return e.Next()
	}
}

// logModeration writes the log entry of a message removed or a person
// suspended or lifted, in the transaction of the change.
func logModeration(field string) func(e *core.RecordEvent) error {
	return func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		now, was := e.Record.GetBool(field), e.Record.Original().GetBool(field)
		if now == was {
			return nil
		}
		action := map[string]string{"removed": "remove", "suspended": "suspend"}[field]
		if !now {
			if field == "removed" {
				return nil // a removal isn't taken back: nothing to log
			}
			action = "lift"
		}
		collection, err := e.App.FindCachedCollectionByNameOrId(Moderation)
		if err != nil {
			return err
		}
		entry := core.NewRecord(collection)
		entry.Set("action", action)
		if field == "removed" {
			entry.Set("message", e.Record.Id)
		} else {
			entry.Set("user", e.Record.Id)
		}
		entry.Set("moderator", e.Record.GetString(moderatorKey))
		entry.Set("reason", e.Record.GetString(reasonKey))
		return e.App.Save(entry)
	}
}

// refuseSuspended answers every request of a suspended person's token
// with 403, before anything else of it runs.
func refuseSuspended(e *core.RequestEvent) error {
	if e.Auth != nil && e.Auth.Collection().Name == Users && e.Auth.GetBool("suspended") {
		return e.ForbiddenError(errSuspended, validation.Errors{"account": validation.NewError("validation_suspended", errSuspended)})
	}
	return e.Next()
}

// refuseSuspendedSignIn refuses a suspended person's sign-in (by any
// method) and token refresh.
func refuseSuspendedSignIn(e *core.RecordAuthRequestEvent) error {
	if e.Record.GetBool("suspended") {
		return e.ForbiddenError(errSuspended, validation.Errors{"account": validation.NewError("validation_suspended", errSuspended)})
	}
	return e.Next()
}

// The moderation routes: superusers only, a reason in the body.
const (
	RemovePath  = "/api/chat/moderation/messages/{id}/remove"
	SuspendPath = "/api/chat/moderation/users/{id}/suspend"
	LiftPath    = "/api/chat/moderation/users/{id}/lift"
)

func (h *handlers) serveModeration(se *core.ServeEvent) error {
	se.Router.Bind(&hook.Handler[*core.RequestEvent]{Func: refuseSuspended, Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 10})
	act := func(do func(app core.App, id, moderator, reason string) error) func(e *core.RequestEvent) error {
		return func(e *core.RequestEvent) error {
			var body struct {
				Reason string `json:"reason"`
			}
			if err := e.BindBody(&body); err != nil {
				return e.BadRequestError("Send {\"reason\":\"…\"}.", err)
			}
			if err := do(e.App, e.Request.PathValue("id"), e.Auth.Id, body.Reason); err != nil {
				return answer(e, "moderate", err)
			}
			return e.NoContent(http.StatusNoContent)
		}
	}
	se.Router.POST(RemovePath, act(RemoveMessage)).Bind(apis.RequireSuperuserAuth())
	se.Router.POST(SuspendPath, act(Suspend)).Bind(apis.RequireSuperuserAuth())
	se.Router.POST(LiftPath, act(Lift)).Bind(apis.RequireSuperuserAuth())
	return se.Next()
}
