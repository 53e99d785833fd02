package hooks

import (
	"database/sql"
	"errors"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// bySignedIn makes field of a record a user creates the signed-in user, or
// notes in errs that the request named someone else.
func bySignedIn(e *core.RecordRequestEvent, field string, errs validation.Errors) {
	if v := e.Record.GetString(field); v != "" && v != e.Auth.Id {
		errs[field] = errServerSet("the signed-in user")
	}
	e.Record.Set(field, e.Auth.Id)
}

// unchanged returns the error of a save that changed one of fields of r,
// of which one says: "An invitation's" + " conversation can't be changed."
func unchanged(r *core.Record, of string, fields ...string) error {
	prev := r.Original()
	for _, f := range fields {
		if r.GetString(f) != prev.GetString(f) {
			return validation.Errors{f: validation.NewError("validation_immutable", of+" "+f+" can't be changed.")}
		}
	}
	return nil
}

// answer is a route's reply to err, the outcome of doing what: a 400 for
// the record's validation, a 404 for a record that isn't there, a 500 for
// anything else.
func answer(e *core.RequestEvent, what string, err error) error {
	var verr validation.Errors
	switch {
	case errors.As(err, &verr):
		return e.BadRequestError("Failed to "+what+".", verr)
	case errors.Is(err, sql.ErrNoRows):
		return e.NotFoundError("No such record.", nil)
	}
	return e.InternalServerError("Failed to "+what+".", err)
}
