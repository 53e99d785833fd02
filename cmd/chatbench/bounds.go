package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// The bounds run measures what one signed-in user can make the server do
// with ordinary requests, on a grown conversation: 10,000 members and 1,000
// messages of 10 KB. With -before it runs the same requests against a
// second binary (an older build) on a copy of the same data, side by side.

const (
	boundsMembers  = 10000
	boundsMessages = 1000
	boundsText     = 10000
)

type boundsWorld struct {
	dir      string
	member   user // in the big conversation
	outsider user // in no conversation but a DM with other
	other    user
	big, dm  string
}

func boundsSetup(bin string, bar *progress) (*boundsWorld, error) {
	w, err := setup(bin, boundsMembers+2, 0, bar)
	if err != nil {
		return nil, err
	}
	srv, a, admin, err := serveAsAdmin(bin, w.dir)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	ctx := context.Background()
	b := &boundsWorld{dir: w.dir, member: w.users[0], outsider: w.users[boundsMembers], other: w.users[boundsMembers+1]}
	ids := make([]string, boundsMembers)
	for i, u := range w.users[:boundsMembers] {
		ids[i] = u.ID
	}
	var rec struct{ ID string }
	if err := a.do(ctx, "POST", "/api/collections/conversations/records", admin,
		map[string]any{"title": "everyone", "members": ids, "createdBy": ids[0]}, &rec); err != nil {
		return nil, err
	}
	b.big = rec.ID
	if err := a.do(ctx, "POST", "/api/collections/conversations/records", b.outsider.Token,
		map[string]any{"members": []string{b.other.ID}}, &rec); err != nil {
		return nil, err
	}
	b.dm = rec.ID
	for i := range 20 {
		if err := a.do(ctx, "POST", "/api/collections/messages/records", b.other.Token,
			map[string]any{"conversation": b.dm, "text": fmt.Sprintf("dm %d", i)}, nil); err != nil {
			return nil, err
		}
	}
	bar.start("setup: messages", boundsMessages)
	text := strings.Repeat("a 10 KB message. ", boundsText/17)
	err = parallel(boundsMessages, 4, func(i int) error {
		defer bar.add(1)
		return a.do(ctx, "POST", "/api/collections/messages/records", b.member.Token,
			map[string]any{"conversation": b.big, "text": fmt.Sprintf("%d %s", i, text)}, nil)
	})
	bar.finish()
	return b, err
}

func boundsMain(bin, before string, write bool, path string) int {
	started := time.Now()
	bar := newProgress()
	w, err := boundsSetup(bin, bar)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bounds:", err)
		return 1
	}
	defer os.RemoveAll(w.dir)
	bins := []string{bin}
	if before != "" {
		bins = []string{before, bin}
	}
	t := &table{head: []string{"what one signed-in user asks", "result"}}
	if before != "" {
		t.head = []string{"what one signed-in user asks", "before", "after"}
	}
	for _, b := range bins {
		got, err := measureBounds(b, w)
		if err != nil {
			fmt.Fprintln(os.Stderr, "bounds:", b, err)
			return 1
		}
		t.add(got)
	}
	var md strings.Builder
	fmt.Fprintf(&md, "Run on %s, %s, in %s: `go run ./cmd/chatbench -bounds -bin %s", time.Now().UTC().Format("2006-01-02 15:04 MST"),
		machine(), time.Since(started).Round(time.Second), bin)
	if before != "" {
		fmt.Fprintf(&md, " -before %s", before)
	}
	fmt.Fprintf(&md, "`, on %d members, %d messages of %d KB, 20 DM messages; one request at a time unless said.\n\n",
		boundsMembers, boundsMessages, boundsText/1000)
	md.WriteString(t.markdown())
	return publish(md.String(), write, path, "chatbounds")
}

// measureBounds runs every measurement against bin on a copy of w.
func measureBounds(bin string, w *boundsWorld) ([]measurement, error) {
	srv, err := startCopy(bin, w.dir)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	var rows []measurement
	add := func(what, got string) { rows = append(rows, measurement{what, got}) }
	list := "/api/collections/messages/records"

	for _, c := range []struct{ what, who, path string }{
		{"an outsider lists every message (`perPage=1000`)", "outsider", list + "?perPage=1000"},
		{"a member lists messages with `expand=conversation.members_via_conversation` (`perPage=20`)", "member", list + "?perPage=20&expand=conversation.members_via_conversation"},
		{"a member lists messages (`perPage=1000&expand=author`)", "member", list + "?perPage=1000&expand=author"},
		{"an outsider lists the big conversation's messages (`perPage=1000&filter=conversation=…`)", "outsider", list + "?perPage=1000&filter=" + url.QueryEscape(`conversation="`+w.big+`"`)},
		{"a member lists the big conversation's messages (`perPage=1000&expand=author&filter=conversation=…`)", "member", list + "?perPage=1000&expand=author&filter=" + url.QueryEscape(`conversation="`+w.big+`"`)},
		{"a deep expand chain (`perPage=5&expand=author.messages_via_author.conversation.members_via_conversation`)", "member", list + "?perPage=5&expand=author.messages_via_author.conversation.members_via_conversation"},
		{"the title oracle: `users?filter=members_via_user.conversation.title >= \"e\"`", "outsider",
			"/api/collections/users/records?filter=" + url.QueryEscape(`id="`+w.member.ID+`" && members_via_user.conversation.title >= "e"`)},
		{"the email sort oracle: `users?sort=email`", "outsider", "/api/collections/users/records?perPage=2&sort=email"},
	} {
		u := w.member
		if c.who == "outsider" {
			u = w.outsider
		}
		cpu0 := srv.cpu()
		start := time.Now()
		status, n, err := fetch(srv.url+c.path, u.Token)
		if err != nil {
			select {
			case <-srv.done:
				return nil, fmt.Errorf("%s: the server exited: %w", c.what, err)
			default:
			}
			add(c.what, fmt.Sprintf("cut off after %s of response (%v), %s, %s CPU", size(n), err, ms(time.Since(start)), ms(srv.cpu()-cpu0)))
			continue
		}
		add(c.what, fmt.Sprintf("%d, %s, %s, %s CPU", status, size(n), ms(time.Since(start)), ms(srv.cpu()-cpu0)))
	}

	// four outsiders' lists at once, and another user meanwhile
	cpu0 := srv.cpu()
	start := time.Now()
	var heavy sync.WaitGroup
	for range 4 {
		heavy.Go(func() {
			fetch(srv.url+list+"?perPage=1000&filter="+url.QueryEscape(`conversation="`+w.big+`"`), w.outsider.Token)
		})
	}
	heavyDone := make(chan struct{})
	go func() { heavy.Wait(); close(heavyDone) }()
	var lat []time.Duration
	for done := false; !done; {
		t := time.Now()
		if _, _, err := fetch(srv.url+list+"?perPage=20&filter="+url.QueryEscape(`conversation="`+w.dm+`"`), w.other.Token); err != nil {
			return nil, fmt.Errorf("another user meanwhile: %w", err)
		}
		lat = append(lat, time.Since(t))
		select {
		case <-heavyDone:
			done = true
		default:
		}
	}
	add("four outsiders list the big conversation's messages at once", fmt.Sprintf("%s, %s CPU", ms(time.Since(start)), ms(srv.cpu()-cpu0)))
	slices.Sort(lat)
	add("… meanwhile, another user lists 20 messages of their DM (median, worst)",
		fmt.Sprintf("%s, %s (%d requests)", ms(lat[len(lat)/2]), ms(lat[len(lat)-1]), len(lat)))

	// resume from the start of the journal
	var replayed atomic.Int64
	frames, err := resumeOnce(srv.url, w.member, &replayed)
	if err != nil {
		return nil, fmt.Errorf("resume: %w", err)
	}
	add("a member resumes from cursor `0`", fmt.Sprintf("%s in %s", size(replayed.Load()), frames))

	// sixteen sockets of one user resuming from 0 in a loop for 4 s
	replayed.Store(0)
	cpu0 = srv.cpu()
	deadline := time.Now().Add(4 * time.Second)
	var loops sync.WaitGroup
	var resumes atomic.Int64
	for range 16 {
		loops.Go(func() {
			for time.Now().Before(deadline) {
				if _, err := resumeOnce(srv.url, w.member, &replayed); err != nil {
					return
				}
				resumes.Add(1)
			}
		})
	}
	loops.Wait()
	add("16 sockets of one member resume from `0` in a loop for 4 s", fmt.Sprintf("%d resumes, %s moved, %s CPU",
		resumes.Load(), size(replayed.Load()), ms(srv.cpu()-cpu0)))
	return rows, nil
}

// resumeOnce opens a socket as u with since "0", counts the bytes before
// ready into n, and says what came.
func resumeOnce(base string, u user, n *atomic.Int64) (string, error) {
	ws, _, err := dialer.Dial("ws"+strings.TrimPrefix(base, "http")+"/api/chat/ws", nil)
	if err != nil {
		return "", err
	}
	defer ws.Close()
	if err := ws.WriteJSON(map[string]string{"type": "auth", "token": u.Token, "since": "0"}); err != nil {
		return "", err
	}
	ws.SetReadDeadline(time.Now().Add(60 * time.Second))
	events, resync := 0, false
	for {
		_, data, err := ws.ReadMessage()
		if err != nil {
			return "", err
		}
		switch {
		case bytes.HasPrefix(data, []byte(`{"type":"ready"`)):
			if resync {
				return "a resync frame", nil
			}
			return fmt.Sprintf("%d events", events), nil
		case bytes.HasPrefix(data, []byte(`{"type":"resync"`)):
			resync = true
		default:
			events++
		}
		n.Add(int64(len(data)))
	}
}

func fetch(u, token string) (int, int64, error) {
	req, err := http.NewRequest("GET", u, nil)
	if err != nil {
		return 0, 0, err
	}
	req.Header.Set("Authorization", token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, 0, err
	}
	defer res.Body.Close()
	n, err := io.Copy(io.Discard, res.Body)
	return res.StatusCode, n, err // n counts what came before an error too
}

// cpu is the server's user and system CPU time so far.
func (s *server) cpu() time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	// the fields after the command name, which is in parentheses
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+2:]))
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * 10 * time.Millisecond // USER_HZ is 100 on Linux
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
