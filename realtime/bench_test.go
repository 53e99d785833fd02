package realtime_test

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/gorilla/websocket"

	"github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/journal"
	"github.com/pbchat/pbchat/realtime"
)

// BenchmarkFanout measures one message from its save to its arrival at
// every socket of a conversation of n connected members (real sockets on
// loopback, the whole path: hooks, journal, sender, writers, clients).
func BenchmarkFanout(b *testing.B) {
	for _, n := range []int{2, 100, 1000} {
		b.Run(fmt.Sprintf("members=%d", n), func(b *testing.B) {
			f := chattest.Load(b)
			app := f.NewApp(b)
			hub := realtime.MustRegister(app, realtime.Config{})
			registerHooks(app, hub)
			srv := f.Serve(b, app)

			people := chattest.AddUsers(b, app, "bench", n)
			conv := chattest.AddConversation(b, app, people)

			var received sync.WaitGroup
			url := "ws" + srv.URL[len("http"):] + realtime.SocketPath
			for _, p := range people {
				ws, _, err := websocket.DefaultDialer.Dial(url, http.Header{"Authorization": {p.Token}})
				if err != nil {
					b.Fatal(err)
				}
				b.Cleanup(func() { ws.Close() })
				if _, _, err := ws.ReadMessage(); err != nil { // ready
					b.Fatal(err)
				}
				go func() {
					for {
						if _, _, err := ws.ReadMessage(); err != nil {
							return
						}
						received.Done()
					}
				}()
			}

			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				received.Add(n)
				if err := save(app, conv, people[i%n].ID, "benchmark message"); err != nil {
					b.Fatal(err)
				}
				received.Wait()
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "deliveries/s")
		})
	}
}

// BenchmarkEncodeEvent is the per-event cost of building a frame, paid once
// per event whatever the number of recipients.
func BenchmarkEncodeEvent(b *testing.B) {
	ev := &journal.Event{Seq: 123456, Type: journal.MessageCreated, Conversation: "convab000000000",
		Payload: []byte(`{"id":"msgab1000000000","collectionId":"pbc_1","collectionName":"messages","conversation":"convab000000000","author":"alice0000000000","text":"hello there, how are you doing today?","attachments":[],"created":"2026-11-25 03:00:00.000Z","updated":"2026-11-25 03:00:00.000Z","expand":{"author":{"id":"alice0000000000","collectionId":"_pb_users_auth_","collectionName":"users","name":"Alice Archer","avatar":""}}}`)}
	for b.Loop() {
		if _, err := realtime.EncodeEvent(ev, ev.Type); err != nil {
			b.Fatal(err)
		}
	}
}
