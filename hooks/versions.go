package hooks

import (
	"fmt"
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/search"
)

// Versions is the collection of messages' earlier texts.
const Versions = "messageVersions"

// VersionsPath answers a message's earlier texts, oldest first, to whoever
// may view the message.
const VersionsPath = "/api/chat/messages/{id}/versions"

// keepVersion keeps the text an edit replaces, in the edit's transaction;
// a removal by a moderator takes the history with what it removes.
func keepVersion(tx core.App, m, prev *core.Record) error {
	if m.GetBool("removed") {
		_, err := tx.NonconcurrentDB().Delete(Versions, dbx.HashExp{"message": m.Id}).Execute()
		if err != nil {
			return fmt.Errorf("history of %s: %w", m.Id, err)
		}
		return nil
	}
	if m.GetString("text") == prev.GetString("text") {
		return nil
	}
	collection, err := tx.FindCachedCollectionByNameOrId(Versions)
	if err != nil {
		return err
	}
	v := core.NewRecord(collection)
	v.Set("message", m.Id)
	v.Set("text", prev.GetString("text"))
	if err := tx.Save(v); err != nil {
		return fmt.Errorf("history of %s: %w", m.Id, err)
	}
	return nil
}

func (h *handlers) serveVersions(se *core.ServeEvent) error {
	se.Router.GET(VersionsPath, h.versions).Bind(apis.RequireAuth(Users))
	return se.Next()
}

// versions answers the message's earlier texts, each as the message with
// that text, enriched as a read of the message is (its author expanded,
// withheld from a reader who blocks its author, masked by the app's
// hooks), so that the history shows no more than the message does.
func (h *handlers) versions(e *core.RequestEvent) error {
	m, err := e.App.FindRecordById(Messages, e.Request.PathValue("id"))
	if err != nil {
		return e.NotFoundError("No such message.", nil)
	}
	info, err := e.RequestInfo()
	if err != nil {
		return e.BadRequestError("Failed to read the request.", err)
	}
	if ok, _ := e.App.CanAccessRecord(m, info, m.Collection().ViewRule); !ok {
		return e.NotFoundError("No such message.", nil)
	}
	old, err := e.App.FindRecordsByFilter(Versions, "message = {:m}", "created", 0, 0, dbx.Params{"m": m.Id})
	if err != nil {
		return e.InternalServerError("Failed to read the history.", err)
	}
	items := make([]*core.Record, len(old))
	for i, v := range old {
		r := m.Fresh()
		r.Set("text", v.GetString("text"))
		r.Set("updated", v.GetDateTime("created")) // said until then
		r.Set("attachments", []string{})
		r.Set("files", nil)
		items[i] = r
	}
	if err := apis.EnrichRecords(e, items, "author"); err != nil {
		return e.InternalServerError("Failed to read the history.", err)
	}
	return e.JSON(http.StatusOK, search.Result{Page: 1, PerPage: len(items), TotalItems: len(items), TotalPages: 1, Items: items})
}
