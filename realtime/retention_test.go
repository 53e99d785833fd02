package realtime_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/pbchat/pbchat/hooks"
	"github.com/pbchat/pbchat/internal/chattest"
	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/realtime"
)

// age sets a message's created time back by d, as if posted then.
func age(t testing.TB, app core.App, id string, d time.Duration) {
	t.Helper()
	at, _ := types.ParseDateTime(time.Now().Add(-d))
	if _, err := app.DB().Update("messages", dbx.Params{"created": at.String()}, dbx.HashExp{"id": id}).Execute(); err != nil {
		t.Fatal(err)
	}
}

// The server keeps messages 30 days; Alice, ConvAB's owner, keeps hers 7
// (never more than the server's; Bob, no owner, can't change it).
// Retention runs while Carol posts: what is past its time goes (its file
// too), each told to members as a message.deleted without its text, its
// earlier events out of the journal; nothing else is touched.
func TestRetention(t *testing.T) {
	f := chattest.Load(t)
	app := f.NewApp(t)
	hub := realtime.MustRegister(app, realtime.Config{})
	hooks.MustRegister(app, hooks.Config{Sender: hub, RetentionDays: 30})
	e := &env{Server: f.Serve(t, app), hub: hub}

	for _, c := range []struct {
		who  string
		days int
		want int
	}{{Bob, 7, 403}, {Alice, 45, 400}, {Alice, -1, 400}, {Alice, 7, 200}} {
		if st, b := e.Do(t, c.who, "PATCH", "/api/collections/conversations/records/"+ConvAB, map[string]any{"retentionDays": c.days}); st != c.want {
			t.Errorf("%s keeps %d days: %d %s, want %d", c.who, c.days, st, b, c.want)
		}
	}

	var expired, kept []string
	for i := range 45 {
		m := post(t, app, ConvAB, Alice, fmt.Sprintf("old %d", i))
		age(t, app, m.Id, 10*24*time.Hour) // past ConvAB's 7 days
		expired = append(expired, m.Id)
	}
	for i := range 5 {
		m := post(t, app, ConvAB, Alice, fmt.Sprintf("recent %d", i))
		age(t, app, m.Id, 3*24*time.Hour)
		kept = append(kept, m.Id)
	}
	for i := range 10 {
		m := post(t, app, ConvCD, Carol, fmt.Sprintf("cd old %d", i))
		age(t, app, m.Id, 40*24*time.Hour) // past the server's 30
		expired = append(expired, m.Id)
	}
	for i := range 5 {
		m := post(t, app, ConvCD, Carol, fmt.Sprintf("cd recent %d", i))
		age(t, app, m.Id, 20*24*time.Hour)
		kept = append(kept, m.Id)
	}
	// an old message with a file
	col, _ := app.FindCachedCollectionByNameOrId("messages")
	withFile := core.NewRecord(col)
	file, _ := filesystem.NewFileFromBytes([]byte("old file"), "old.txt")
	withFile.Set("conversation", ConvAB)
	withFile.Set("author", Alice)
	withFile.Set("attachments", []*filesystem.File{file})
	if err := app.Save(withFile); err != nil {
		t.Fatal(err)
	}
	age(t, app, withFile.Id, 8*24*time.Hour)
	expired = append(expired, withFile.Id)
	fsys, err := app.NewFilesystem()
	if err != nil {
		t.Fatal(err)
	}
	defer fsys.Close()
	filePath := withFile.BaseFilesPath() + "/" + withFile.GetStringSlice("attachments")[0]
	if ok, _ := fsys.Exists(filePath); !ok {
		t.Fatal("the file isn't stored")
	}

	e.settle(t)
	bob, _ := e.connect(t, Bob, "")
	var wg sync.WaitGroup
	var posted []string
	wg.Go(func() {
		for i := range 40 {
			posted = append(posted, post(t, app, ConvCD, Carol, fmt.Sprintf("while pruning %d", i)).Id)
		}
	})
	n, err := hooks.ApplyRetention(app, 30, time.Now())
	wg.Wait()
	if err != nil || n != len(expired) {
		t.Fatalf("deleted %d of %d: %v", n, len(expired), err)
	}
	for _, id := range expired {
		if _, err := app.FindRecordById("messages", id); err == nil {
			t.Fatalf("%s outlived its retention", id)
		}
	}
	for _, id := range append(kept, posted...) {
		if _, err := app.FindRecordById("messages", id); err != nil {
			t.Fatalf("%s, within its retention, is gone", id)
		}
	}
	if ok, _ := fsys.Exists(filePath); ok {
		t.Error("the expired message's file is still stored")
	}
	// Bob is told of ConvAB's 46, without what they said
	deleted := 0
	for deleted < 46 {
		f := bob.next()
		if f.Type != "message.deleted" {
			continue
		}
		deleted++
		if !strings.Contains(string(f.Record), `"expired":true`) || strings.Contains(string(f.Record), `"text"`) {
			t.Fatalf("bob's frame of an expired message: %s", f.Record)
		}
	}
	in := make([]any, len(expired))
	for i, id := range expired {
		in[i] = id
	}
	var left int
	if err := app.DB().Select("COUNT(*)").From("_chat_events").Where(dbx.In("record", in...)).
		AndWhere(dbx.NewExp("type != 'message.deleted'")).Row(&left); err != nil || left != 0 {
		t.Fatalf("%d events of expired messages left in the journal: %v", left, err)
	}
	// nothing more to do
	if n, err := hooks.ApplyRetention(app, 30, time.Now()); err != nil || n != 0 {
		t.Fatalf("a second run deleted %d: %v", n, err)
	}
}
