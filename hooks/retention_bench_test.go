package hooks_test

import (
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/pbchat/pbchat/hooks"
	. "github.com/pbchat/pbchat/internal/chattest"
)

// BenchmarkRetentionBatch is one transaction of retention:
// hooks.RetentionBatch expired messages deleted with everything their deletion does (the journal, the
// search index, mentions, the conversation's latest message). It is as
// long as retention ever holds SQLite's one writer, while posts wait.
func BenchmarkRetentionBatch(b *testing.B) {
	f := Load(b)
	app := f.NewApp(b)
	hooks.MustRegister(app, hooks.Config{})
	col, err := app.FindCachedCollectionByNameOrId("messages")
	if err != nil {
		b.Fatal(err)
	}
	old, _ := types.ParseDateTime(time.Now().Add(-48 * time.Hour))
	for b.Loop() {
		b.StopTimer()
		for range hooks.RetentionBatch {
			m := core.NewRecord(col)
			m.Set("conversation", ConvAB)
			m.Set("author", Alice)
			m.Set("text", "an old message about lunch on friday")
			if err := app.Save(m); err != nil {
				b.Fatal(err)
			}
			if _, err := app.DB().Update("messages", dbx.Params{"created": old.String()}, dbx.HashExp{"id": m.Id}).Execute(); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		if n, err := hooks.ApplyRetention(app, 1, time.Now()); err != nil || n != hooks.RetentionBatch {
			b.Fatalf("deleted %d: %v", n, err)
		}
	}
}
