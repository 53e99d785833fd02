package main

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// The soak's verdict: every message each user should have received, from
// the journal and the membership changes it records, against what their
// sockets did receive.

// check compares what each client received with the journal.
func check(st *soakStats, dir string, baseSeq int64, w *world, clients []*soakClient, accepted *sync.Map) error {
	db, err := sql.Open("sqlite", filepath.Join(dir, "data.db")+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()

	idx := map[string]int{}
	for i, u := range w.users {
		idx[u.ID] = i
	}
	rows, err := db.Query("SELECT seq, type, conversation, record, added, removed FROM _chat_events ORDER BY seq")
	if err != nil {
		return err
	}
	members := map[string]map[int]bool{}
	type msg struct {
		seq  int64
		conv string
		to   map[int]bool
	}
	var msgs []msg
	for rows.Next() {
		var seq int64
		var typ, conv, rec, added, removed string
		if err := rows.Scan(&seq, &typ, &conv, &rec, &added, &removed); err != nil {
			return err
		}
		var add, rem []string
		json.Unmarshal([]byte(added), &add)
		json.Unmarshal([]byte(removed), &rem)
		if members[conv] == nil {
			members[conv] = map[int]bool{}
		}
		for _, id := range add {
			members[conv][idx[id]] = true
		}
		for _, id := range rem {
			delete(members[conv], idx[id])
		}
		if typ == "message.created" && seq > baseSeq {
			to := make(map[int]bool, len(members[conv]))
			for u := range members[conv] {
				to[u] = true
			}
			msgs = append(msgs, msg{seq: seq, conv: conv, to: to})
		}
	}
	rows.Close()
	bySeq := map[int64]*msg{}
	for i := range msgs {
		bySeq[msgs[i].seq] = &msgs[i]
	}

	for _, c := range clients {
		got := map[int64]bool{}
		last := int64(0)
		for _, seq := range c.received {
			m := bySeq[seq]
			switch {
			case m == nil || !m.to[c.idx]:
				st.Misdelivered++
				continue
			case got[seq]:
				st.Duplicated++
				continue
			case seq < last:
				st.OutOfOrder++
			}
			got[seq] = true
			last = seq
		}
		for _, m := range msgs {
			if !m.to[c.idx] || got[m.seq] {
				continue
			}
			// A resume gives a leaver everything up to the leave: any
			// message the user was in on and didn't get is lost.
			st.Lost++
			if st.Lost <= 10 {
				fmt.Fprintf(os.Stderr, "lost: user %d, seq %d in %s (still a member: %v); the user received %d messages, the last %d\n",
					c.idx, m.seq, m.conv, members[m.conv][c.idx], len(c.received), last)
			}
		}
	}

	var ids []string
	accepted.Range(func(k, _ any) bool { ids = append(ids, k.(string)); return true })
	for _, id := range ids {
		var n int
		if err := db.QueryRow("SELECT COUNT(*) FROM messages WHERE id = ?", id).Scan(&n); err != nil {
			return err
		}
		if n != 1 {
			st.MissingFromDB++
		}
	}
	return nil
}
