package hooks_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"strings"
	"sync"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/pbchat/pbchat/hooks"
	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/journal"
)

func serve(t *testing.T) (*Server, *Recorder) {
	f := Load(t)
	app := f.NewApp(t)
	rec := &Recorder{}
	hooks.MustRegister(app, hooks.Config{Sender: rec})
	return f.Serve(t, app), rec
}

func TestRetriedSendIsStoredOnce(t *testing.T) {
	s, rec := serve(t)
	const id = "clientchosen001"
	body := map[string]any{"id": id, "conversation": ConvAB, "text": "only once"}

	status1, first := s.Do(t, Bob, "POST", messagesURL, body)
	status2, second := s.Do(t, Bob, "POST", messagesURL, body)
	if status1 != 200 || status2 != 200 {
		t.Fatalf("statuses %d, %d: %s / %s", status1, status2, first, second)
	}
	if !bytes.Equal(first, second) {
		t.Fatalf("the retry answered differently:\n%s\n%s", first, second)
	}
	if n := count(t, s.App, "messages", "text={:t}", dbx.Params{"t": "only once"}); n != 1 {
		t.Fatalf("%d copies stored", n)
	}
	expectEvents(t, rec.Events(), journal.MessageCreated)

	// The same id from someone else is refused, and says nothing of the message.
	status, other := s.Do(t, Alice, "POST", messagesURL, map[string]any{"id": id, "conversation": ConvAB, "text": "mine"})
	if status != 400 || !strings.Contains(string(other), `"id":{"code":"validation_id_taken"`) || strings.Contains(string(other), "only once") {
		t.Fatalf("another author's reuse: %d %s", status, other)
	}
	// ...even when the stored message is in a conversation they can't see.
	status, other = s.Do(t, Carol, "POST", messagesURL, map[string]any{"id": id, "conversation": ConvCD, "text": "mine"})
	if status != 400 || strings.Contains(string(other), "only once") || strings.Contains(string(other), ConvAB) {
		t.Fatalf("an outsider's reuse: %d %s", status, other)
	}
	if n := count(t, s.App, "messages", "1=1", nil); n != 4 {
		t.Fatalf("%d messages, want 4", n)
	}
	expectEvents(t, rec.Events(), journal.MessageCreated)
}

func TestConcurrentRetriesStoreOnce(t *testing.T) {
	s, rec := serve(t)
	const id = "clientchosen002"
	var wg sync.WaitGroup
	statuses := make([]int, 8)
	for i := range statuses {
		wg.Go(func() {
			statuses[i], _ = s.Do(t, Bob, "POST", messagesURL, map[string]any{"id": id, "conversation": ConvAB, "text": "racing"})
		})
	}
	wg.Wait()
	for i, st := range statuses {
		if st != 200 {
			t.Fatalf("retry %d: status %d", i, st)
		}
	}
	if n := count(t, s.App, "messages", "id={:id}", dbx.Params{"id": id}); n != 1 {
		t.Fatalf("%d stored", n)
	}
	expectEvents(t, rec.Events(), journal.MessageCreated)
}

func TestMalformedIdIsRefused(t *testing.T) {
	s, _ := serve(t)
	status, body := s.Do(t, Bob, "POST", messagesURL, map[string]any{"id": "BAD id!", "conversation": ConvAB, "text": "x"})
	if status != 400 || !strings.Contains(string(body), `"id":{`) {
		t.Fatalf("%d %s", status, body)
	}
}

func multipartMessage(t *testing.T, fields map[string]string, files map[string][]byte) (string, *bytes.Buffer) {
	t.Helper()
	buf := &bytes.Buffer{}
	w := multipart.NewWriter(buf)
	for k, v := range fields {
		w.WriteField(k, v)
	}
	for name, data := range files {
		fw, err := w.CreateFormFile("attachments", name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(data)
	}
	w.Close()
	return w.FormDataContentType(), buf
}

func pngBytes(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	img.Set(1, 1, color.RGBA{255, 0, 0, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestAttachments(t *testing.T) {
	s, rec := serve(t)

	ct, body := multipartMessage(t, map[string]string{"conversation": ConvAB}, map[string][]byte{"dot.png": pngBytes(t)})
	status, res := s.Post(t, Bob, messagesURL, ct, body)
	if status != 200 || !strings.Contains(string(res), `"attachments":["dot_`) {
		t.Fatalf("an attachment without text: %d %s", status, res)
	}
	expectEvents(t, rec.Events(), journal.MessageCreated)
	// its name as sent and its size, beside the name it is stored under
	var m struct {
		ID          string
		Attachments []string
		Files       []hooks.FileInfo
	}
	if err := json.Unmarshal(res, &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Files) != 1 || m.Files[0].Name != m.Attachments[0] || m.Files[0].Original != "dot.png" || m.Files[0].Size != int64(len(pngBytes(t))) {
		t.Fatalf("files %+v, attachments %v", m.Files, m.Attachments)
	}
	// which the server keeps: a client's is refused, and taking the file off takes its entry off
	if st, b := s.Do(t, Bob, "PATCH", messagesURL+"/"+m.ID, map[string]any{"files": []any{}}); st != 400 || !strings.Contains(string(b), `"files":{"code":"validation_server_set"`) {
		t.Fatalf("a client's files: %d %s", st, b)
	}
	st, b := s.Do(t, Bob, "PATCH", messagesURL+"/"+m.ID, map[string]any{"text": "now text", "attachments-": m.Attachments})
	if st != 200 || strings.Contains(string(b), "dot.png") {
		t.Fatalf("the file taken off: %d %s", st, b)
	}

	big := bytes.Repeat([]byte("z"), 10<<20+1)
	ct, body = multipartMessage(t, map[string]string{"conversation": ConvAB, "text": "big"}, map[string][]byte{"big.bin": big})
	status, res = s.Post(t, Bob, messagesURL, ct, body)
	if status != 400 || !strings.Contains(string(res), `"attachments":{"code":"validation_file_size_limit"`) {
		t.Fatalf("an oversize file: %d %s", status, res)
	}

	files := map[string][]byte{}
	for i := range 11 {
		files[string(rune('a'+i))+".txt"] = []byte("x")
	}
	ct, body = multipartMessage(t, map[string]string{"conversation": ConvAB, "text": "many"}, files)
	status, res = s.Post(t, Bob, messagesURL, ct, body)
	if status != 400 || !strings.Contains(string(res), `"attachments":{`) {
		t.Fatalf("eleven files: %d %s", status, res)
	}
	if n := count(t, s.App, "messages", "1=1", nil); n != 4 {
		t.Fatalf("%d messages, want 4", n)
	}
	expectEvents(t, rec.Events(), journal.MessageCreated, journal.MessageUpdated)
}

// A change rolled back with the transaction around it leaves no event, in
// the journal or sent.
func TestRolledBackChangeLeavesNoEvent(t *testing.T) {
	f := Load(t)
	app := f.NewApp(t)
	rec := &Recorder{}
	hooks.MustRegister(app, hooks.Config{Sender: rec})

	boom := errors.New("boom")
	err := app.RunInTransaction(func(tx core.App) error {
		m := core.NewRecord(mustCollection(t, tx, "messages"))
		m.Set("conversation", ConvAB)
		m.Set("author", Alice)
		m.Set("text", "never")
		if err := tx.Save(m); err != nil {
			return err
		}
		if len(rec.Events()) != 0 {
			t.Error("an event was sent before commit")
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err %v", err)
	}
	expectEvents(t, rec.Events())
	if evs, _ := journal.Read(app, 0, 10); len(evs) != 0 {
		t.Fatalf("journal kept %d events", len(evs))
	}
	if n := count(t, app, "messages", "text='never'", nil); n != 0 {
		t.Fatal("the message was kept")
	}

	// The same inside a committed transaction is sent once, after commit.
	err = app.RunInTransaction(func(tx core.App) error {
		m := core.NewRecord(mustCollection(t, tx, "messages"))
		m.Set("conversation", ConvAB)
		m.Set("author", Alice)
		m.Set("text", "kept")
		if err := tx.Save(m); err != nil {
			return err
		}
		if len(rec.Events()) != 0 {
			t.Error("an event was sent before commit")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	expectEvents(t, rec.Events(), journal.MessageCreated)
}

// Seqs follow commit order, so a journal read after any seq misses nothing.
func TestJournalOrderFollowsCommits(t *testing.T) {
	s, rec := serve(t)
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Go(func() {
			who := []string{Alice, Bob}[i%2]
			if st, b := s.Do(t, who, "POST", messagesURL, map[string]any{"conversation": ConvAB, "text": "n"}); st != 200 {
				t.Errorf("%d %s", st, b)
			}
		})
	}
	wg.Wait()
	evs, err := journal.Read(s.App, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) != 40 || len(rec.Events()) != 40 {
		t.Fatalf("journal %d, sent %d", len(evs), len(rec.Events()))
	}
	for i := 1; i < len(evs); i++ {
		if evs[i].Seq != evs[i-1].Seq+1 {
			t.Fatalf("gap between %d and %d", evs[i-1].Seq, evs[i].Seq)
		}
	}
	// Sorting by created lists a conversation's messages in commit order,
	// even those saved in the same millisecond.
	var prev types.DateTime
	for _, ev := range evs {
		created := record(t, s.App, "messages", ev.Record).GetDateTime("created")
		if !created.After(prev) {
			t.Fatalf("message %d created %v, not after the one committed before it (%v)", ev.Seq, created, prev)
		}
		prev = created
	}
}

func TestDeletingAUserLeavesTheirConversations(t *testing.T) {
	f := Load(t)
	app := f.NewApp(t)
	rec := &Recorder{}
	hooks.MustRegister(app, hooks.Config{Sender: rec})

	if err := app.Delete(record(t, app, "users", Bob)); err != nil {
		t.Fatal(err)
	}
	expectMembers(t, app, ConvAB, Alice+":owner")
	if got := record(t, app, "messages", MsgAB2).GetString("author"); got != "" {
		t.Fatalf("author %q", got)
	}
	var removed bool
	for _, ev := range rec.Events() {
		if ev.Type == journal.MemberDeleted && ev.Conversation == ConvAB && len(ev.Removed) == 1 && ev.Removed[0] == Bob {
			removed = true
		}
	}
	if !removed {
		t.Fatalf("no removal event: %+v", rec.Events())
	}

	// A conversation whose last member goes, goes too.
	if err := app.Delete(record(t, app, "users", Alice)); err != nil {
		t.Fatal(err)
	}
	if _, err := app.FindRecordById("conversations", ConvAB); err == nil {
		t.Fatal("an empty conversation was kept")
	}
}

func mustCollection(t *testing.T, app core.App, name string) *core.Collection {
	c, err := app.FindCollectionByNameOrId(name)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
