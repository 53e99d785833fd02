package hooks

import (
	"encoding/json/jsontext"
	"encoding/json/v2"
	"fmt"
	"slices"

	"github.com/pocketbase/pocketbase/core"
)

// A message whose author its reader blocks, or which they reported,
// reaches that reader withheld: its id, conversation, author and times,
// with "withheld": "blocked" (or "reported") and none of what it says
// (text, files, mentions, the quote), so that a client shows "a message
// from someone you blocked" in its place. A quote of a blocked author's
// message is withheld the same way. The reader asks for it whole with
// ?show=withheld on a list or a view. REST, expands,
// PocketBase's SSE and the websocket (live and on resume) all withhold
// through this file.

// Why a message is withheld from its reader: they block its author, or
// they reported it.
const (
	WithheldBlocked  = "blocked"
	WithheldReported = "reported"
)

// ShowWithheld is the query a reader adds to get withheld messages whole.
const ShowWithheld = "withheld"

// withheldFields are what a withheld message leaves out.
var withheldFields = []string{"text", "attachments", "files", "mentions", "reply"}

// withholdMessages applies the reader's blocks and reports to a message
// served over REST, an expand or PocketBase's SSE.
func (h *handlers) withholdMessages(e *core.RecordEnrichEvent) error {
	if e.RequestInfo == nil || e.RequestInfo.Auth == nil || e.RequestInfo.Auth.IsSuperuser() {
		return e.Next()
	}
	if e.RequestInfo.Query["show"] == ShowWithheld {
		return e.Next()
	}
	viewer := e.RequestInfo.Auth.Id
	blocked, _, err := h.ties.of(e.App, viewer)
	if err != nil {
		return err
	}
	reported, err := h.reported.of(e.App, viewer)
	if err != nil {
		return err
	}
	if len(blocked) == 0 && len(reported) == 0 {
		return e.Next()
	}
	reason := ""
	message, quote := WithholdFor(func(id string) bool { return slices.Contains(blocked, id) },
		e.Record.GetString("author"), quoteAuthor(e.Record))
	switch {
	case slices.Contains(reported, e.Record.Id):
		reason, quote = WithheldReported, false
	case message:
		reason = WithheldBlocked
	}
	if reason != "" {
		e.Record.Hide(withheldFields...)
		e.Record.WithCustomData(true)
		e.Record.Set("withheld", reason)
	} else if quote {
		var q Quote
		_ = e.Record.UnmarshalJSONField("reply", &q)
		e.Record.Set("reply", Quote{ID: q.ID, Author: q.Author, AuthorName: q.AuthorName, Withheld: WithheldBlocked})
	}
	return e.Next()
}

func quoteAuthor(r *core.Record) string {
	var q Quote
	if err := r.UnmarshalJSONField("reply", &q); err != nil {
		return ""
	}
	return q.Author
}

// MessageAuthors returns the author of a message event's record and of
// the message it quotes: what the websocket decides withholding by.
func MessageAuthors(payload []byte) (author, quoted string) {
	var m struct {
		Author string `json:"author"`
		Reply  *Quote `json:"reply"`
	}
	_ = json.Unmarshal(payload, &m)
	if m.Reply != nil {
		quoted = m.Reply.Author
	}
	return m.Author, quoted
}

// WithholdFor says, of a message by author quoting quoted, whether a
// reader who blocks blocked gets it withheld, or only its quote.
func WithholdFor(blocked func(string) bool, author, quoted string) (message, quote bool) {
	if author != "" && blocked(author) {
		return true, false
	}
	return false, quoted != "" && blocked(quoted)
}

// Withhold returns a message's JSON (an event's payload) withheld: the
// whole message for reason (WithheldBlocked, WithheldReported), or, with
// no reason, only its quote.
func Withhold(payload []byte, reason string, quote bool) (jsontext.Value, error) {
	if reason == "" && !quote {
		return jsontext.Value(payload), nil
	}
	var m map[string]jsontext.Value
	if err := json.Unmarshal(payload, &m); err != nil {
		return nil, fmt.Errorf("withhold: %w", err)
	}
	if reason != "" {
		for _, f := range withheldFields {
			delete(m, f)
		}
		m["withheld"] = jsontext.Value(`"` + reason + `"`)
	} else {
		var q Quote
		if err := json.Unmarshal(m["reply"], &q); err != nil {
			return nil, fmt.Errorf("withhold quote: %w", err)
		}
		b, err := json.Marshal(Quote{ID: q.ID, Author: q.Author, AuthorName: q.AuthorName, Withheld: WithheldBlocked})
		if err != nil {
			return nil, err
		}
		m["reply"] = b
	}
	b, err := json.Marshal(m, json.Deterministic(true))
	return jsontext.Value(b), err
}
