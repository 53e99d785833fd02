package hooks

import (
	"encoding/json"
	"slices"

	"github.com/pocketbase/pocketbase/core"
)

// FileInfo is one attachment of a message as its files field lists it:
// the name it is stored under (as in attachments), the name it had when
// sent, and its size in bytes.
type FileInfo struct {
	Name     string `json:"name"`
	Original string `json:"original"`
	Size     int64  `json:"size"`
}

// filesValidate keeps files in step with attachments: what was removed
// goes, what is uploaded now comes in. It runs for every save.
func (h *handlers) filesValidate(e *core.RecordEvent) error {
	var kept []FileInfo
	if !e.Record.IsNew() {
		_ = json.Unmarshal([]byte(e.Record.Original().GetString("files")), &kept)
	}
	names := e.Record.GetStringSlice("attachments")
	kept = slices.DeleteFunc(kept, func(f FileInfo) bool { return !slices.Contains(names, f.Name) })
	for _, f := range e.Record.GetUnsavedFiles("attachments") {
		kept = append(kept, FileInfo{Name: f.Name, Original: f.OriginalName, Size: f.Size})
	}
	if len(kept) == 0 {
		e.Record.Set("files", nil)
	} else {
		e.Record.Set("files", kept)
	}
	return e.Next()
}
