package hooks

import (
	"fmt"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// MentionsTable indexes mentions by person and conversation, for counting
// each member's unread mentions with a seek. The hooks keep it in the
// transaction of each message's save and delete.
const MentionsTable = "_chat_mentions"

// mentionsValidate keeps a message's mentions to members of its
// conversation, each once: anyone else is dropped without a word (as a
// chat does with an @name that isn't in the room), so that a mention
// tells nothing of who is where.
func (h *handlers) mentionsValidate(e *core.RecordEvent) error {
	ids := e.Record.GetStringSlice("mentions")
	if len(ids) == 0 {
		return e.Next()
	}
	in := make([]any, len(ids))
	for i, id := range ids {
		in[i] = id
	}
	var members []string
	err := e.App.ConcurrentDB().Select("user").From(Members).
		Where(dbx.HashExp{"conversation": e.Record.GetString("conversation")}).
		AndWhere(dbx.In("user", in...)).Column(&members)
	if err != nil {
		return fmt.Errorf("mentions: %w", err)
	}
	kept := ids[:0:0]
	for _, id := range ids {
		if slices.Contains(members, id) && !slices.Contains(kept, id) {
			kept = append(kept, id)
		}
	}
	e.Record.Set("mentions", kept)
	return e.Next()
}

// indexMentions writes m's rows of MentionsTable anew, through tx; with
// gone set, it only removes them.
func indexMentions(tx core.App, m *core.Record, gone bool) error {
	if _, err := tx.NonconcurrentDB().Delete(MentionsTable, dbx.HashExp{"message": m.Id}).Execute(); err != nil {
		return fmt.Errorf("mentions of %s: %w", m.Id, err)
	}
	if gone {
		return nil
	}
	for _, user := range m.GetStringSlice("mentions") {
		if user == m.GetString("author") {
			continue // nobody has their own message unread
		}
		_, err := tx.NonconcurrentDB().Insert(MentionsTable, dbx.Params{
			"user": user, "conversation": m.GetString("conversation"),
			"created": m.GetDateTime("created").String(), "message": m.Id,
		}).Execute()
		if err != nil {
			return fmt.Errorf("mentions of %s: %w", m.Id, err)
		}
	}
	return nil
}
