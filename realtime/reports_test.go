package realtime_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/pbchat/pbchat/hooks"
	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/realtime"
)

const reportsURL = "/api/collections/reports/records"

// Bob reports Alice's message: from then on it reaches him withheld (REST,
// and the websocket, live and on resume, its edits too), and whole to
// everyone else; nobody but superusers reads the report, which keeps what
// the message said when reported, after an edit or its deletion, and
// comes to superusers by mail once.
func TestReports(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	e.settle(t)
	bob, _ := e.connect(t, Bob, "")
	for _, c := range []struct {
		who    string
		body   map[string]any
		status int
		want   string
	}{
		{Bob, map[string]any{"message": MsgAB2, "reason": "spam"}, 400, "validation_own_message"},
		{Carol, map[string]any{"message": MsgAB1, "reason": "spam"}, 400, ""},
		{Bob, map[string]any{"message": MsgAB1, "reason": "because"}, 400, "reason"},
		{Bob, map[string]any{"message": MsgAB1, "reason": "spam", "reporter": Alice}, 400, "validation_server_set"},
		{Bob, map[string]any{"message": MsgAB1, "reason": "spam", "text": "something else"}, 400, "validation_server_set"},
		{Bob, map[string]any{"message": MsgAB1, "reason": "harassment", "details": "again and again"}, 200, ""},
		{Bob, map[string]any{"message": MsgAB1, "reason": "spam"}, 400, "validation_already_reported"},
	} {
		st, b := e.Do(t, c.who, "POST", reportsURL, c.body)
		if st != c.status || !strings.Contains(string(b), c.want) {
			t.Errorf("%s reports %v: %d %s, want %d %s", c.who, c.body, st, b, c.status, c.want)
		}
	}
	if f := bob.expect("report.created"); !strings.Contains(string(f.Record), MsgAB1) || strings.Contains(string(f.Record), "harassment") {
		t.Fatalf("bob's report frame: %s", f.Record)
	}

	// withheld for Bob, whole for Alice
	if _, b := e.Do(t, Bob, "GET", "/api/collections/messages/records/"+MsgAB1, nil); !strings.Contains(string(b), `"withheld":"reported"`) || strings.Contains(string(b), "hello bob") {
		t.Errorf("bob reads what he reported: %s", b)
	}
	if _, b := e.Do(t, Bob, "GET", "/api/collections/messages/records?filter="+url.QueryEscape(`conversation="`+ConvAB+`"`)+"&show=withheld", nil); !strings.Contains(string(b), "hello bob") {
		t.Errorf("bob asks for it whole: %s", b)
	}
	if _, b := e.Do(t, Alice, "GET", "/api/collections/messages/records/"+MsgAB1, nil); !strings.Contains(string(b), "hello bob") {
		t.Errorf("alice's own message: %s", b)
	}
	// an edit: withheld live for Bob
	if st, b := e.Do(t, Alice, "PATCH", "/api/collections/messages/records/"+MsgAB1, map[string]any{"text": "hello again"}); st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	f := bob.expect("message.updated")
	if !strings.Contains(string(f.Record), `"withheld":"reported"`) || strings.Contains(string(f.Record), "hello again") {
		t.Fatalf("bob's frame of the edit: %s", f.Record)
	}
	bob.ws.Close()
	_, replayed := e.connect(t, Bob, realtime.FormatCursor(mustCursor(t, f.Cursor)-1))
	if len(replayed) != 1 || strings.Contains(string(replayed[0].Record), "hello again") {
		t.Fatalf("bob resumed %+v", replayed)
	}

	// the report is the superusers' alone, with the text as it was
	for _, who := range []string{Alice, Bob, Carol} {
		if st, b := e.Do(t, who, "GET", reportsURL, nil); st != 403 || strings.Contains(string(b), "hello") {
			t.Errorf("%s lists reports: %d %s", who, st, b)
		}
	}
	if st, b := e.Do(t, Alice, "DELETE", "/api/collections/messages/records/"+MsgAB1, nil); st != 204 {
		t.Fatalf("%d %s", st, b)
	}
	st, b := e.Do(t, "superuser", "GET", reportsURL, nil)
	if st != 200 || !strings.Contains(string(b), `"text":"hello bob"`) || !strings.Contains(string(b), `"reason":"harassment"`) ||
		!strings.Contains(string(b), `"author":"`+Alice+`"`) {
		t.Fatalf("the superuser's reports: %d %s", st, b)
	}

	// mailed to superusers once
	n, err := hooks.MailReports(e.App)
	if err != nil || n != 1 {
		t.Fatalf("mailed %d: %v", n, err)
	}
	m := e.App.TestMailer.LastMessage()
	if m.To[0].Address != SuperuserEmail || !strings.Contains(m.HTML, "hello bob") || !strings.Contains(m.HTML, "harassment") || !strings.Contains(m.Text, "recordId=") {
		t.Fatalf("the mail: %+v", m)
	}
	if n, err := hooks.MailReports(e.App); err != nil || n != 0 {
		t.Fatalf("mailed again: %d %v", n, err)
	}
}
