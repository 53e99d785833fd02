package hooks

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// MaxUnread is the most unread messages counted: a member record's unread
// of MaxUnread means that many or more, so that counting costs the same
// however long someone has been away.
const MaxUnread = 1000

// unread adds to a member record, as its own user reads it, the number of
// messages by others after its lastReadAt. Others' records don't carry it.
func (h *handlers) unread(e *core.RecordEnrichEvent) error {
	if e.RequestInfo == nil || e.RequestInfo.Auth == nil || e.RequestInfo.Auth.Id != e.Record.GetString("user") {
		return e.Next()
	}
	var n int
	err := e.App.ConcurrentDB().NewQuery(`SELECT COUNT(*) FROM (SELECT 1 FROM {{` + Messages + `}}
		WHERE [[conversation]] = {:conv} AND [[created]] > {:at} AND [[author]] != {:user} LIMIT {:max})`).
		Bind(dbx.Params{
			"conv": e.Record.GetString("conversation"),
			"at":   e.Record.GetDateTime("lastReadAt").String(),
			"user": e.Record.GetString("user"),
			"max":  MaxUnread,
		}).Row(&n)
	if err != nil {
		return err
	}
	e.Record.WithCustomData(true)
	e.Record.Set("unread", n)
	return e.Next()
}
