package hooks

import (
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/pbchat/pbchat/journal"
)

// Reactions is the reactions collection's name.
const Reactions = "reactions"

// reactionCreateRequest makes the signed-in user the one reacting; the
// create rule has already checked that they are a member.
func (h *handlers) reactionCreateRequest(e *core.RecordRequestEvent) error {
	if e.HasSuperuserAuth() {
		return e.Next()
	}
	if v := e.Record.GetString("user"); v != "" && v != e.Auth.Id {
		return e.BadRequestError("Failed to create record.", validation.Errors{"user": errServerSet("the signed-in user")})
	}
	e.Record.Set("user", e.Auth.Id)
	return e.Next()
}

func (h *handlers) reactionValidate(e *core.RecordEvent) error {
	if !isOneEmoji(e.Record.GetString("emoji")) {
		return validation.Errors{"emoji": validation.NewError("validation_not_emoji", "React with one emoji.")}
	}
	return e.Next()
}

// conversationOfMessage returns the conversation of message id, or "" when
// it is gone.
func conversationOfMessage(tx core.App, id string) (string, error) {
	var conv string
	err := tx.NonconcurrentDB().Select("conversation").From(Messages).
		Where(dbx.HashExp{"id": id}).Limit(1).Row(&conv)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return conv, err
}

func reactionCreated(tx core.App, e *core.RecordEvent, _ *core.Record) (*journal.Event, error) {
	return reactionEvent(tx, e.Record, journal.ReactionCreated)
}

// reactionDeleted tells of a reaction taken back, not of the reactions that
// go with their message: its own event says it.
func reactionDeleted(tx core.App, e *core.RecordEvent, _ *core.Record) (*journal.Event, error) {
	return reactionEvent(tx, e.Record, journal.ReactionDeleted)
}

func reactionEvent(tx core.App, r *core.Record, typ string) (*journal.Event, error) {
	conv, err := conversationOfMessage(tx, r.GetString("message"))
	if err != nil || conv == "" {
		return nil, err
	}
	data := r.PublicExport()
	if u, err := tx.FindRecordById(Users, r.GetString("user")); err == nil {
		data["expand"] = map[string]any{"user": PublicUser(u)}
	}
	payload, err := encode(data)
	if err != nil {
		return nil, fmt.Errorf("encode reaction %s: %w", r.Id, err)
	}
	return &journal.Event{Type: typ, Conversation: conv, Record: r.Id, Payload: payload}, nil
}

// ReactionCount is one emoji's reactions to a message, as a message record
// carries them (its reactions field): how many, and whether the reader is
// among them.
type ReactionCount struct {
	Emoji string `db:"emoji" json:"emoji"`
	Count int    `db:"count" json:"count"`
	Mine  bool   `db:"mine" json:"mine"`
}

// summarizeList adds reactions to a page of messages, in one statement.
func (h *handlers) summarizeList(e *core.RecordsListRequestEvent) error {
	if err := summarize(e.App, e.Auth, e.Records); err != nil {
		return e.InternalServerError("Failed to count reactions.", err)
	}
	return e.Next()
}

// summarizeView adds reactions to a message viewed alone.
func (h *handlers) summarizeView(e *core.RecordRequestEvent) error {
	if err := summarize(e.App, e.Auth, []*core.Record{e.Record}); err != nil {
		return e.InternalServerError("Failed to count reactions.", err)
	}
	return e.Next()
}

// summarize sets reactions on each of messages: per emoji, in the order
// they were first used, how many reacted and whether the reader did.
func summarize(app core.App, reader *core.Record, messages []*core.Record) error {
	if len(messages) == 0 {
		return nil
	}
	me := ""
	if reader != nil {
		me = reader.Id
	}
	params := dbx.Params{"me": me}
	in := make([]string, len(messages))
	for i, m := range messages {
		p := "m" + strconv.Itoa(i)
		params[p] = m.Id
		in[i] = "{:" + p + "}"
	}
	var rows []struct {
		Message string `db:"message"`
		ReactionCount
	}
	err := app.ConcurrentDB().NewQuery(`SELECT [[message]], [[emoji]], COUNT(*) AS count, MAX([[user]] = {:me}) AS mine
		FROM {{` + Reactions + `}} WHERE [[message]] IN (` + strings.Join(in, ",") + `)
		GROUP BY [[message]], [[emoji]] ORDER BY MIN([[created]]), [[emoji]]`).Bind(params).All(&rows)
	if err != nil {
		return fmt.Errorf("reactions: %w", err)
	}
	by := map[string][]ReactionCount{}
	for _, r := range rows {
		by[r.Message] = append(by[r.Message], r.ReactionCount)
	}
	for _, m := range messages {
		m.WithCustomData(true)
		m.Set("reactions", append([]ReactionCount{}, by[m.Id]...))
	}
	return nil
}
