package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/websocket"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"golang.org/x/crypto/bcrypt"

	"github.com/pbchat/pbchat/hooks"
	_ "github.com/pbchat/pbchat/migrations"
)

// The scale run measures what a grown database costs one request: the
// inbox, a page of messages, a resume, adding a person to a large group,
// posting there. The data is generated in-process through PocketBase's Go
// API with the chat hooks registered (so the journal and every derived
// field are what the server would have written), then served by the binary.

type scaleConfig struct {
	convs    int // two-person conversations
	perConv  int // messages in each
	users    int
	group    int // members of the large conversation
	groupMsg int // messages in it
	samples  int
	keep     bool // keep the generated data dirs
}

type scaleWorld struct {
	dir     string
	users   []user
	owner   user   // created the group
	reader  user   // in the group and in some DMs
	extra   []user // in no group: people to add
	group   string
	dm      string // one of reader's DMs
	lastSeq int64
}

// readerDMs is how many DMs the reader has: with the group, a full page
// of the inbox.
const readerDMs = 49

// generate writes the scale data set into a new data dir.
func generate(sc scaleConfig, bar *progress) (*scaleWorld, error) {
	dir, err := os.MkdirTemp("", "chatbench-scale-")
	if err != nil {
		return nil, err
	}
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir})
	if err := app.Bootstrap(); err != nil {
		return nil, err
	}
	defer app.ResetBootstrapState()
	if err := app.RunAllMigrations(); err != nil {
		return nil, err
	}
	// what a request costs, not the per-user posting limits, which the
	// samples (50 posts at once) would pass
	settings := app.Settings()
	settings.RateLimits.Enabled = false
	if err := app.Save(settings); err != nil {
		return nil, err
	}
	hooks.MustRegister(app, hooks.Config{})

	w := &scaleWorld{dir: dir}
	hash, err := bcrypt.GenerateFromPassword([]byte(userPassword), bcrypt.MinCost)
	if err != nil {
		return nil, err
	}
	usersCol, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return nil, err
	}
	total := sc.users + sc.samples + 1 // and people to add, each once
	bar.start("scale: users", total)
	err = app.RunInTransaction(func(tx core.App) error {
		for i := range total {
			r := core.NewRecord(usersCol)
			r.SetEmail(fmt.Sprintf("s%06d@chatbench.local", i))
			r.SetRaw(core.FieldNamePassword, &core.PasswordFieldValue{Hash: string(hash)})
			r.RefreshTokenKey()
			r.SetVerified(true)
			r.Set("name", fmt.Sprintf("User %d", i))
			if err := tx.SaveNoValidate(r); err != nil {
				return err
			}
			token, err := r.NewAuthToken()
			if err != nil {
				return err
			}
			w.users = append(w.users, user{ID: r.Id, Token: token})
			bar.add(1)
		}
		return nil
	})
	bar.finish()
	if err != nil {
		return nil, err
	}
	w.extra = w.users[sc.users:]
	w.users = w.users[:sc.users]
	w.owner, w.reader = w.users[0], w.users[1]

	convs, _ := app.FindCollectionByNameOrId("conversations")
	msgs, _ := app.FindCollectionByNameOrId("messages")
	save := func(tx core.App, c *core.Collection, fields map[string]any) (string, error) {
		r := core.NewRecord(c)
		for k, v := range fields {
			r.Set(k, v)
		}
		return r.Id, tx.Save(r)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	dms := make([]string, sc.convs)
	bar.start("scale: conversations", sc.convs+1)
	for start := 0; start < sc.convs; start += 5000 {
		err := app.RunInTransaction(func(tx core.App) error {
			for i := start; i < min(start+5000, sc.convs); i++ {
				// The reader has readerDMs DMs whatever the size, so that
				// their inbox is the same page in every data set; the
				// others pair at random among everyone else.
				var id string
				for {
					a, b := 1, 2+i
					if i >= readerDMs {
						a, b = 2+rng.IntN(sc.users-2), 2+rng.IntN(sc.users-3)
						if b >= a {
							b++
						}
					}
					var err error
					id, err = save(tx, convs, map[string]any{"members": []string{w.users[b].ID}, "createdBy": w.users[a].ID})
					if directExists(err) && i >= readerDMs {
						continue // the two have one already: two people have one direct conversation
					}
					if err != nil {
						return err
					}
					break
				}
				dms[i] = id
				bar.add(1)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	w.dm = dms[0]
	ids := make([]string, sc.group-1)
	for i := range ids {
		ids[i] = w.users[i+1].ID
	}
	if w.group, err = save(app, convs, map[string]any{"title": "everyone", "members": ids, "createdBy": w.owner.ID}); err != nil {
		return nil, err
	}
	bar.add(1)
	bar.finish()

	n := sc.convs*sc.perConv + sc.groupMsg
	bar.start("scale: messages", n)
	for start := 0; start < n; start += 5000 {
		err := app.RunInTransaction(func(tx core.App) error {
			for i := start; i < min(start+5000, n); i++ {
				conv, author := w.group, w.users[rng.IntN(sc.group)].ID
				if i >= sc.groupMsg {
					conv = dms[(i-sc.groupMsg)%sc.convs]
					author = "" // the creator, below
				}
				if author == "" {
					c, err := tx.FindRecordById(convs, conv)
					if err != nil {
						return err
					}
					author = c.GetString("createdBy")
				}
				if _, err := save(tx, msgs, map[string]any{"conversation": conv, "author": author, "text": fmt.Sprintf("message %d", i)}); err != nil {
					return err
				}
				bar.add(1)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	bar.finish()
	// The reader's first DM gets a full page of its own, so that a page of
	// it and a page of the group are the same size.
	err = app.RunInTransaction(func(tx core.App) error {
		for i := range 60 {
			author := w.users[[]int{1, 2}[i%2]].ID
			if _, err := save(tx, msgs, map[string]any{"conversation": w.dm, "author": author, "text": fmt.Sprintf("dm %d", i)}); err != nil {
				return err
			}
		}
		// one message for search to find among all the others
		_, err := save(tx, msgs, map[string]any{"conversation": w.group, "author": w.owner.ID, "text": "a needle in the haystack"})
		return err
	})
	if err != nil {
		return nil, err
	}
	err = app.DB().NewQuery("SELECT COALESCE(MAX(seq), 0) FROM _chat_events").Row(&w.lastSeq)
	return w, err
}

// measureScale times each operation sc.samples times, one at a time, on a
// copy of w served by bin, and returns the medians.
func measureScale(bin string, sc scaleConfig, w *scaleWorld) ([]measurement, error) {
	srv, err := startCopy(bin, w.dir)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	a := newAPI(srv.url, 4)
	ctx := context.Background()
	var rows []measurement
	median := func(what string, op func(i int) error) error {
		var d []time.Duration
		for i := range sc.samples {
			start := time.Now()
			if err := op(i); err != nil {
				return fmt.Errorf("%s: %w", what, err)
			}
			d = append(d, time.Since(start))
		}
		slices.Sort(d)
		rows = append(rows, measurement{what, fmt.Sprintf("%.1f ms", float64(d[len(d)/2])/1e6)})
		return nil
	}
	get := func(u user, path string) func(int) error {
		return func(int) error { return a.do(ctx, "GET", path, u.Token, nil, nil) }
	}
	list := "/api/collections/messages/records?sort=-created,-id&perPage=50&skipTotal=1&filter="
	steps := []struct {
		what string
		op   func(int) error
	}{
		{"a page of the inbox: 50 conversations by activity, each with its last message and unread count",
			get(w.reader, inboxPath+"&skipTotal=1")},
		{"… with totals", get(w.reader, inboxPath)},
		{fmt.Sprintf("the newest 50 messages of the %d-member conversation", sc.group),
			get(w.reader, list+url.QueryEscape(`conversation="`+w.group+`"`))},
		{"the same in a two-person conversation (of 63 messages)", get(w.reader, list+url.QueryEscape(`conversation="`+w.dm+`"`))},
		{"websocket resume (`since` 10 events back), to `ready`", func(int) error {
			ws, err := openSocket(srv.url, w.reader, strconv.FormatInt(w.lastSeq-10, 10))
			if err == nil {
				ws.Close()
			}
			return err
		}},
		{"search one word that one message has (`/api/chat/search?q=needle`)", get(w.reader, "/api/chat/search?q=needle")},
		{"search a word most messages have, first page of 30 (`q=message`)", get(w.reader, "/api/chat/search?q=message")},
		{"… a prefix (`q=mess*`)", get(w.reader, "/api/chat/search?q=mess*")},
		{fmt.Sprintf("add one person to the %d-member conversation", sc.group), func(i int) error {
			return a.do(ctx, "POST", "/api/collections/members/records", w.owner.Token,
				map[string]any{"conversation": w.group, "user": w.extra[i].ID}, nil)
		}},
		{fmt.Sprintf("post a message in the %d-member conversation", sc.group), func(i int) error {
			return a.do(ctx, "POST", "/api/collections/messages/records", w.reader.Token,
				map[string]any{"conversation": w.group, "text": fmt.Sprintf("scale %d", i)}, nil)
		}},
	}
	for _, s := range steps {
		if err := median(s.what, s.op); err != nil {
			return nil, err
		}
	}
	// what one more member costs each member's socket
	ws, err := openSocket(srv.url, w.reader, "")
	if err != nil {
		return nil, err
	}
	defer ws.Close()
	if err := a.do(ctx, "POST", "/api/collections/members/records", w.owner.Token,
		map[string]any{"conversation": w.group, "user": w.extra[sc.samples].ID}, nil); err != nil {
		return nil, err
	}
	for {
		ws.SetReadDeadline(time.Now().Add(30 * time.Second))
		_, data, err := ws.ReadMessage()
		if err != nil {
			return nil, err
		}
		if bytes.HasPrefix(data, []byte(`{"type":"member.created"`)) {
			rows = append(rows, measurement{"… the frame each member gets for it", size(int64(len(data)))})
			return rows, nil
		}
	}
}

// inboxPath is the inbox call the manual (docs/rest-api.md) documents: a page of the
// requester's conversations by activity, each with its last message and
// that message's author, and the requester's read state (member, unread).
const inboxPath = "/api/collections/conversations/records?perPage=50&sort=-lastMessageAt&expand=lastMessage.author"

// openSocket authenticates a socket as u, resuming from since if given,
// and returns it once ready.
func openSocket(base string, u user, since string) (*websocket.Conn, error) {
	ws, _, err := dialer.Dial("ws"+strings.TrimPrefix(base, "http")+"/api/chat/ws", nil)
	if err != nil {
		return nil, err
	}
	if err := ws.WriteJSON(map[string]string{"type": "auth", "token": u.Token, "since": since}); err != nil {
		ws.Close()
		return nil, err
	}
	ws.SetReadDeadline(time.Now().Add(30 * time.Second))
	for {
		_, data, err := ws.ReadMessage()
		if err != nil {
			ws.Close()
			return nil, err
		}
		if bytes.HasPrefix(data, []byte(`{"type":"ready"`)) {
			return ws, nil
		}
	}
}

func scaleMain(bin string, sc scaleConfig, list string, write bool, path string) int {
	sizes := splitInts(list)
	started := time.Now()
	bar := newProgress()
	t := &table{head: []string{"operation"}}
	for _, n := range sizes {
		sc.convs = n
		w, err := generate(sc, bar)
		if err != nil {
			fmt.Fprintln(os.Stderr, "scale:", err)
			return 1
		}
		got, err := measureScale(bin, sc, w)
		if sc.keep {
			fmt.Fprintf(os.Stderr, "scale: the data of %d conversations is in %s\n", n, w.dir)
		} else {
			os.RemoveAll(w.dir)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "scale:", err)
			return 1
		}
		t.add(got)
		t.head = append(t.head, fmt.Sprintf("%d conversations", n))
	}
	var md strings.Builder
	fmt.Fprintf(&md, "Run on %s, %s, in %s: `go run ./cmd/chatbench -scale %s -bin %s`: %d users, two-person conversations with %d messages each, one conversation of %d members with %d messages; one request at a time, medians of %d.\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), machine(), time.Since(started).Round(time.Second), list, bin,
		sc.users, sc.perConv, sc.group, sc.groupMsg, sc.samples)
	md.WriteString(t.markdown())
	return publish(md.String(), write, path, "chatscale")
}

// directExists reports whether err refuses a second direct conversation of
// the same two people.
func directExists(err error) bool {
	var v validation.Errors
	if !errors.As(err, &v) {
		return false
	}
	e, ok := v["members"].(validation.Error)
	return ok && e.Code() == "validation_conversation_exists"
}
