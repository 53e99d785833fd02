package hooks

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// quoteRunes is how much of a replied message's text its replies quote.
const quoteRunes = 120

// Quote is what a reply carries of the message it answers (its reply
// field): enough to show it without another request.
type Quote struct {
	ID         string `json:"id"`
	Author     string `json:"author,omitempty"`
	AuthorName string `json:"authorName,omitempty"`
	Text       string `json:"text,omitempty"`
	Files      int    `json:"files,omitempty"`
	Deleted    bool   `json:"deleted,omitempty"`
	// Removed is set where a moderator removed the message: no text.
	Removed bool `json:"removed,omitempty"`
	// Withheld is "blocked" where the reader blocks the quoted author:
	// the quote then has no text or files.
	Withheld string `json:"withheld,omitempty"`
}

// quoteOf quotes m: its author's name as it is now, the start of its text.
func quoteOf(app core.App, m *core.Record) Quote {
	q := Quote{ID: m.Id, Author: m.GetString("author"), Files: len(m.GetStringSlice("attachments")), Removed: m.GetBool("removed")}
	if u, err := app.FindRecordById(Users, q.Author); err == nil {
		q.AuthorName = u.GetString("name")
	}
	text := strings.Join(strings.Fields(m.GetString("text")), " ")
	if utf8.RuneCountInString(text) > quoteRunes {
		text = string([]rune(text)[:quoteRunes]) + "…"
	}
	q.Text = text
	return q
}

// replyValidate quotes the message a new one replies to, which must be of
// the same conversation: anything else (another conversation, one that
// doesn't exist) gets the same error, so that ids can't be probed.
func (h *handlers) replyValidate(e *core.RecordEvent) error {
	if !e.Record.IsNew() {
		return e.Next()
	}
	to := e.Record.GetString("replyTo")
	if to == "" {
		e.Record.Set("reply", nil)
		return e.Next()
	}
	orig, err := e.App.FindRecordById(Messages, to)
	if err != nil || orig.GetString("conversation") != e.Record.GetString("conversation") {
		return validation.Errors{"replyTo": validation.NewError("validation_reply_elsewhere",
			"Reply to a message of the same conversation.")}
	}
	e.Record.Set("reply", quoteOf(e.App, orig))
	return e.Next()
}

// replyRequest keeps reply the server's, and replyTo as it was sent.
func replyRequest(e *core.RecordRequestEvent, errs validation.Errors) {
	if e.HasSuperuserAuth() {
		return
	}
	prev := e.Record.Original()
	if e.Record.IsNew() {
		if raw := e.Record.GetString("reply"); raw != "" && raw != "null" {
			errs["reply"] = errServerSet("a quote of the message replied to")
		}
		return
	}
	if e.Record.GetString("replyTo") != prev.GetString("replyTo") {
		errs["replyTo"] = validation.NewError("validation_immutable", "What a message replies to can't be changed.")
	}
	if e.Record.GetString("reply") != prev.GetString("reply") {
		errs["reply"] = errServerSet("a quote of the message replied to")
	}
}

// filesRequest keeps files the server's: it describes what was uploaded.
func filesRequest(e *core.RecordRequestEvent, errs validation.Errors) {
	if e.HasSuperuserAuth() {
		return
	}
	sent := e.Record.GetString("files")
	if e.Record.IsNew() {
		if sent != "" && sent != "null" {
			errs["files"] = errServerSet("the names and sizes of the attachments")
		}
	} else if sent != e.Record.Original().GetString("files") {
		errs["files"] = errServerSet("the names and sizes of the attachments")
	}
}

// requote updates the quotes in the replies to m, in the transaction that
// changes it: an edit shows in them, a deletion takes its text out of
// them and leaves them marked as replies to a deleted message. Done by
// hand, before PocketBase would clear replyTo with a save (and an edit
// event) per reply.
func requote(tx core.App, m *core.Record, deleted bool) error {
	var exists int
	err := tx.NonconcurrentDB().Select("(1)").From(Messages).
		Where(dbx.HashExp{"replyTo": m.Id}).Limit(1).Row(&exists)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	q := Quote{ID: m.Id, Deleted: true}
	set := dbx.Params{}
	if !deleted {
		q = quoteOf(tx, m)
	} else {
		set["replyTo"] = ""
	}
	b, err := encode(q)
	if err != nil {
		return err
	}
	set["reply"] = string(b)
	if _, err := tx.NonconcurrentDB().Update(Messages, set, dbx.HashExp{"replyTo": m.Id}).Execute(); err != nil {
		return fmt.Errorf("requote replies to %s: %w", m.Id, err)
	}
	return nil
}
