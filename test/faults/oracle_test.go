//go:build faults

package faults

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"
)

// want is what one listener should have received: from the journal, read
// straight from SQLite, every message.created of a conversation its person
// was a member of when it committed, and a conversation.removed for each
// removal of them, in commit order, after the listener's first ready, up
// to a revocation of its token (its socket closes there).
type want struct {
	seq    int64
	typ    string
	record string
}

// journal reads the events of the data dir dir in commit order.
func readJournal(t *testing.T, dir string) []journalRow {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "data.db")+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query("SELECT seq, type, conversation, record, payload, added, removed FROM _chat_events ORDER BY seq")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []journalRow
	for rows.Next() {
		var r journalRow
		var added, removed string
		if err := rows.Scan(&r.seq, &r.typ, &r.conv, &r.record, &r.payload, &added, &removed); err != nil {
			t.Fatal(err)
		}
		json.Unmarshal([]byte(added), &r.added)
		json.Unmarshal([]byte(removed), &r.removed)
		out = append(out, r)
	}
	return out
}

type journalRow struct {
	seq            int64
	typ, conv      string
	record         string
	payload        string
	added, removed []string
}

// expected is what user should get after seq from, from the journal.
func expected(rows []journalRow, user string, from int64) []want {
	members := map[string]map[string]bool{}
	var out []want
	for _, r := range rows {
		if members[r.conv] == nil {
			members[r.conv] = map[string]bool{}
		}
		for _, id := range r.added {
			members[r.conv][id] = true
		}
		removed := false
		for _, id := range r.removed {
			delete(members[r.conv], id)
			removed = removed || id == user
		}
		if r.seq <= from {
			continue
		}
		switch {
		case r.typ == "token.revoked" && revokes(r, user):
			return out
		case r.typ == "message.created" && members[r.conv][user]:
			out = append(out, want{r.seq, r.typ, r.record})
		case removed:
			out = append(out, want{r.seq, "conversation.removed", r.conv})
		}
	}
	return out
}

// revokes reports whether a token.revoked row ends the token user's
// listener signed in with (any revocation of theirs: the test signs in
// once).
func revokes(r journalRow, user string) bool {
	var p struct{ User string }
	json.Unmarshal([]byte(r.payload), &p)
	return p.User == "" || p.User == user
}

// check compares each listener's stream with the journal's: exactly once,
// in commit order, nothing to non-members, nothing after a revocation.
func check(t *testing.T, rows []journalRow, listeners []*listener) (checked int) {
	t.Helper()
	for _, l := range listeners {
		events, start, _ := l.snapshot()
		var gotten []want
		for _, e := range events {
			switch e.typ {
			case "message.created":
				gotten = append(gotten, want{e.seq, e.typ, e.record})
			case "conversation.removed":
				gotten = append(gotten, want{e.seq, e.typ, e.conversation})
			}
		}
		exp := expected(rows, l.who.id, start)
		if diff := compare(exp, gotten); diff != "" {
			t.Errorf("%s (listening on %s from %d): %s", l.who.name, strings.Join(l.urls, ","), start, diff)
		}
		if l.resyncs > 0 {
			t.Errorf("%s was told to resync %d times: the test's resumes are unbounded", l.who.name, l.resyncs)
		}
		checked += len(gotten)
	}
	return checked
}

// compare describes the first difference between what was expected and
// what came, or "".
func compare(exp, gotten []want) string {
	seen := map[int64]bool{}
	for i, g := range gotten {
		if seen[g.seq] {
			return fmt.Sprintf("seq %d (%s %s) twice", g.seq, g.typ, g.record)
		}
		seen[g.seq] = true
		if i > 0 && g.seq < gotten[i-1].seq {
			return fmt.Sprintf("seq %d after %d: out of commit order", g.seq, gotten[i-1].seq)
		}
	}
	want := map[int64]want{}
	for _, e := range exp {
		want[e.seq] = e
	}
	for _, g := range gotten {
		if e, ok := want[g.seq]; !ok || e != g {
			return fmt.Sprintf("got seq %d (%s %s), which it should not have: %d expected, %d got", g.seq, g.typ, g.record, len(exp), len(gotten))
		}
	}
	for _, e := range exp {
		if !seen[e.seq] {
			return fmt.Sprintf("missed seq %d (%s %s): %d expected, %d got", e.seq, e.typ, e.record, len(exp), len(gotten))
		}
	}
	return ""
}

// storedOnce checks that every acknowledged message is stored, once.
func storedOnce(t *testing.T, dir string, acked map[string]string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "data.db")+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for id, conv := range acked {
		var n int
		if err := db.QueryRow("SELECT COUNT(*) FROM messages WHERE id = ? AND conversation = ?", id, conv).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("acknowledged message %s is stored %d times", id, n)
		}
	}
}
