package hooks

import (
	"fmt"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/pbchat/pbchat/journal"
)

// Reports is the collection of reports of messages.
const Reports = "reports"

// MaxReports is the most reports one person may make: each read that
// withholds what they reported names them all.
const MaxReports = 1000

// reportCreateRequest makes the signed-in member the reporter; what the
// message said, and the report's handling, are the server's. The create
// rule has already let only members of the message's conversation through.
func (h *handlers) reportCreateRequest(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	errs := validation.Errors{}
	bySignedIn(e, "reporter", errs)
	for _, f := range []string{"text", "author", "conversation", "status"} {
		if e.Record.GetString(f) != "" {
			errs[f] = errServerSet("what the message was when reported")
		}
	}
	if e.Record.GetBool("mailed") {
		errs["mailed"] = errServerSet("whether superusers were mailed it")
	}
	if len(errs) > 0 {
		return e.BadRequestError("Failed to create record.", errs)
	}
	return e.Next()
}

// reportValidate keeps what the message said when it was reported (the
// report outlives the message), once per reporter and message, within
// MaxReports. It runs for every save, whatever its origin.
func (h *handlers) reportValidate(e *core.RecordEvent) error {
	if !e.Record.IsNew() {
		return e.Next()
	}
	msg, err := e.App.FindRecordById(Messages, e.Record.GetString("message"))
	if err != nil {
		return validation.Errors{"message": validation.NewError("validation_missing_rel_records", "Report a message of a conversation you are in.")}
	}
	reporter := e.Record.GetString("reporter")
	if reporter != "" && msg.GetString("author") == reporter {
		return validation.Errors{"message": validation.NewError("validation_own_message", "You can't report your own message: delete it instead.")}
	}
	var row struct {
		Same  int `db:"same"`
		Count int `db:"count"`
	}
	err = e.App.ConcurrentDB().NewQuery(`SELECT
		(SELECT COUNT(*) FROM {{` + Reports + `}} WHERE [[reporter]] = {:reporter} AND [[message]] = {:message}) AS same,
		(SELECT COUNT(*) FROM {{` + Reports + `}} WHERE [[reporter]] = {:reporter}) AS count`).
		Bind(dbx.Params{"reporter": reporter, "message": msg.Id}).One(&row)
	if err != nil {
		return fmt.Errorf("reports of %s: %w", reporter, err)
	}
	if reporter != "" && row.Same > 0 {
		return validation.Errors{"message": validation.NewError("validation_already_reported", "You already reported this message.")}
	}
	if reporter != "" && row.Count >= MaxReports {
		return validation.Errors{"message": validation.NewError("validation_too_many_reports",
			fmt.Sprintf("You can make at most %d reports.", MaxReports))}
	}
	var infos []FileInfo
	_ = msg.UnmarshalJSONField("files", &infos)
	files := []string{}
	for _, f := range infos {
		files = append(files, f.Original)
	}
	e.Record.Set("conversation", msg.GetString("conversation"))
	e.Record.Set("author", msg.GetString("author"))
	e.Record.Set("text", msg.GetString("text"))
	e.Record.Set("files", files)
	if e.Record.GetString("status") == "" {
		e.Record.Set("status", "open")
	}
	return e.Next()
}

// reportCreated tells the reporter's own devices, so that each withholds
// the message; the event carries the message reported, nothing else.
func (h *handlers) reportCreated(_ core.App, e *core.RecordEvent, _ *core.Record) (*journal.Event, error) {
	reporter := e.Record.GetString("reporter")
	if reporter == "" {
		return nil, nil // a superuser's own report hides nothing from anyone
	}
	payload, err := encode(map[string]string{"id": e.Record.Id, "reporter": reporter, "message": e.Record.GetString("message")})
	if err != nil {
		return nil, err
	}
	return &journal.Event{Type: journal.ReportCreated, Conversation: journal.Personal(reporter), Record: e.Record.Id, Payload: payload}, nil
}

func (h *handlers) reportChanged(e *core.RecordEvent) error {
	h.reported.forget(e.Record.GetString("reporter"))
	return e.Next()
}

// ReportedBy returns the messages user reported.
func ReportedBy(app core.App, user string) ([]string, error) {
	var ids []string
	err := app.ConcurrentDB().Select("message").From(Reports).
		Where(dbx.HashExp{"reporter": user}).AndWhere(dbx.NewExp("[[message]] != ''")).Column(&ids)
	if err != nil {
		return nil, fmt.Errorf("reports of %s: %w", user, err)
	}
	return ids, nil
}

// reportedCache keeps, per person, the messages they reported.
type reportedCache struct{ userCache[[]string] }

func (c *reportedCache) of(app core.App, user string) ([]string, error) {
	return c.userCache.of(user, func() ([]string, error) { return ReportedBy(app, user) })
}
