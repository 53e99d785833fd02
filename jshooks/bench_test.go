package jshooks_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/journal"
	"github.com/pbchat/pbchat/jshooks"
	"github.com/pbchat/pbchat/realtime"
)

// What an onChatDeliver handler in JS costs each event on the sender: the
// hook's trigger, as the hub runs it before a fan-out, with a handler that
// only calls e.next(), and with one that reads and rewrites the record
// (examples/pb_hooks/moderation.pb.js's shape). Go's own cost, no handler,
// for scale.
func BenchmarkDeliverHook(b *testing.B) {
	payload := []byte(`{"id":"m1","collectionName":"messages","conversation":"c1","author":"u1","text":"a message of a few words, spam included","reply":null,"expand":{"author":{"id":"u1","name":"Ann"}}}`)
	for _, c := range []struct{ name, js string }{
		{"none", ""},
		{"js-next", `onChatDeliver((e) => { e.next() })`},
		{"js-rewrite", `onChatDeliver((e) => {
			if (e.chatEvent.type === "message.created") {
				const data = e.data();
				data.text = data.text.replace(/\bspam\b/gi, "****");
				e.setData(data);
			}
			e.next();
		})`},
	} {
		b.Run(c.name, func(b *testing.B) {
			f := chattest.Load(b)
			app := f.NewApp(b)
			hub := realtime.New(app, realtime.Config{})
			if c.js != "" {
				dir := b.TempDir()
				os.WriteFile(filepath.Join(dir, "bench.pb.js"), []byte(c.js), 0o644)
				jshooks.MustRegister(app, hub, jshooks.Config{HooksDir: dir})
			}
			b.ReportAllocs()
			for b.Loop() {
				ev := &journal.Event{Seq: 1, Type: journal.MessageCreated, Conversation: "c1", Record: "m1", Payload: payload}
				e := &realtime.DeliverEvent{App: app, ChatEvent: ev}
				if err := hub.OnDeliver().Trigger(e, func(*realtime.DeliverEvent) error { return nil }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
