package hooks

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
)

// ExportPath is "Download my data": GET it, signed in, for a JSON file of
// one's settings, memberships, messages, reactions, blocks, invitations,
// reports and push subscriptions. Messages are written a page at a time,
// so that an export costs the memory of a page however much one wrote.
const ExportPath = "/api/chat/export"

const exportPage = 500

func (h *handlers) serveExport(se *core.ServeEvent) error {
	se.Router.GET(ExportPath, h.export).Bind(apis.RequireAuth(Users))
	return se.Next()
}

func (h *handlers) export(e *core.RequestEvent) error {
	me := e.Auth
	db := e.App.ConcurrentDB()
	type section struct {
		name  string
		query *dbx.SelectQuery
	}
	sections := []section{
		{"memberships", db.Select("m.conversation", "c.title", "m.role", "m.lastReadAt", "m.muted", "m.mutedUntil", "m.created").
			From(Members+" m").InnerJoin(Conversations+" c", dbx.NewExp("c.id = m.conversation")).Where(dbx.HashExp{"m.user": me.Id})},
		{"reactions", db.Select("message", "emoji", "created").From(Reactions).Where(dbx.HashExp{"user": me.Id})},
		{"blocks", db.Select("b.blocked", "u.name", "b.created").From(Blocks+" b").
			LeftJoin(Users+" u", dbx.NewExp("u.id = b.blocked")).Where(dbx.HashExp{"b.blocker": me.Id})},
		{"invitations", db.Select("conversation", "inviter", "created").From(Invitations).
			Where(dbx.HashExp{"invitee": me.Id, "hidden": false})},
		{"reports", db.Select("message", "reason", "details", "text", "created").From(Reports).Where(dbx.HashExp{"reporter": me.Id})},
		{"pushSubscriptions", db.Select("endpoint", "created").From("pushSubscriptions").Where(dbx.HashExp{"user": me.Id})},
	}
	user := map[string]any{"id": me.Id, "email": me.Email(), "emailVisibility": me.EmailVisibility(), "verified": me.Verified()}
	for _, f := range []string{"name", "avatar", "presenceHidden", "mentionsBreakMute", "emailDigestsOff", "whoCanAdd", "created"} {
		user[f] = me.Get(f)
	}

	w := e.Response
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="pbchat-%s.json"`, me.Id))
	w.WriteHeader(http.StatusOK)
	enc := json.NewEncoder(w)
	write := func(s string) { _, _ = w.Write([]byte(s)) }
	write(`{"exportedAt":`)
	_ = enc.Encode(time.Now().UTC())
	write(`,"user":`)
	_ = enc.Encode(user)
	for _, s := range sections {
		var rows []dbx.NullStringMap
		if err := s.query.All(&rows); err != nil {
			e.App.Logger().Error("chat: export failed", "user", me.Id, "section", s.name, "error", err.Error())
			return nil // the response has begun: it ends short, not valid JSON
		}
		out := make([]map[string]any, len(rows))
		for i, r := range rows {
			out[i] = map[string]any{}
			for k, v := range r {
				out[i][k] = v.String
			}
			if m, ok := r["muted"]; ok {
				out[i]["muted"] = m.String == "1" || m.String == "true"
			}
		}
		write(`,"` + s.name + `":`)
		_ = enc.Encode(out)
	}
	write(`,"messages":[`)
	after, first := "", true
	for {
		var page []struct {
			ID           string `db:"id"`
			Conversation string `db:"conversation"`
			Text         string `db:"text"`
			Files        string `db:"files"`
			ReplyTo      string `db:"replyTo"`
			Removed      bool   `db:"removed"`
			Created      string `db:"created"`
			Updated      string `db:"updated"`
		}
		err := db.Select("id", "conversation", "text", "COALESCE([[files]], '') AS files", "replyTo", "removed", "created", "updated").From(Messages).
			Where(dbx.HashExp{"author": me.Id}).AndWhere(dbx.NewExp("[[id]] > {:after}", dbx.Params{"after": after})).
			OrderBy("id").Limit(exportPage).All(&page)
		if err != nil {
			// the response has begun: the log says why it ends short
			e.App.Logger().Error("chat: export failed", "user", me.Id, "error", err.Error())
			return nil
		}
		for _, m := range page {
			if !first {
				write(",")
			}
			first = false
			files := []FileInfo{}
			_ = json.Unmarshal([]byte(m.Files), &files)
			_ = enc.Encode(map[string]any{
				"id": m.ID, "conversation": m.Conversation, "text": m.Text, "files": files, "replyTo": m.ReplyTo,
				"removed": m.Removed, "created": m.Created, "updated": m.Updated,
			})
			after = m.ID
		}
		if len(page) < exportPage {
			break
		}
	}
	write("]}")
	return nil
}
