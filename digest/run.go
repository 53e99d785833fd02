package digest

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/pbchat/pbchat/journal"
)

// RunOnce notes the conversations with news since the last run, then
// sends the digests due at now.
func (s *Service) RunOnce(now time.Time) error {
	if err := s.note(); err != nil {
		return err
	}
	due, err := s.due(now)
	if err != nil {
		return err
	}
	for user, items := range due {
		if err := s.sendTo(user, items, now); err != nil {
			s.app.Logger().Error("chat: digest to " + user + ": " + err.Error())
		}
	}
	return nil
}

// note reads the new messages from the journal and owes each of their
// conversations' other members a look, moving the cursor in the same
// transaction.
func (s *Service) note() error {
	st, err := s.state()
	if err != nil {
		return err
	}
	for {
		events, err := journal.Read(s.app, st.Seq, 500)
		if err != nil || len(events) == 0 {
			return err
		}
		err = s.app.RunInTransaction(func(tx core.App) error {
			for _, ev := range events {
				if ev.Type != journal.MessageCreated {
					continue
				}
				var m struct{ Author string }
				_ = json.Unmarshal(ev.Payload, &m)
				_, err := tx.DB().NewQuery(`INSERT OR IGNORE INTO {{` + pendingTable + `}} ([[user]], [[conversation]])
					SELECT [[user]], [[conversation]] FROM {{members}} WHERE [[conversation]] = {:conv} AND [[user]] != {:author}
						AND [[user]] NOT IN (SELECT [[blocker]] FROM {{blocks}} WHERE [[blocked]] = {:author})`).
					Bind(dbx.Params{"conv": ev.Conversation, "author": m.Author}).Execute()
				if err != nil {
					return err
				}
			}
			st.Seq = events[len(events)-1].Seq
			_, err := tx.DB().Update(stateTable, dbx.Params{"seq": st.Seq}, dbx.HashExp{"id": 1}).Execute()
			return err
		})
		if err != nil {
			return fmt.Errorf("digest: note: %w", err)
		}
	}
}

// item is one conversation of a digest.
type item struct {
	User         string `db:"user"`
	Conversation string `db:"conversation"`
	LastReadAt   string `db:"lastReadAt"`
	Muted        bool   `db:"muted"`
	MutedUntil   string `db:"mutedUntil"`
	Off          bool   `db:"off"`
	Member       string `db:"member"`
	SentAt       string `db:"sentAt"`
	Title        string `db:"title"`
	Unread       int    `db:"unread"`
}

// due returns, by user, the conversations whose digest is due now, and
// forgets what is no longer owed: read meanwhile, muted, turned off, left.
func (s *Service) due(now time.Time) (map[string][]item, error) {
	var rows []item
	err := s.app.DB().NewQuery(`SELECT p.[[user]] AS user, p.[[conversation]] AS conversation,
			COALESCE(m.[[id]], '') AS member, COALESCE(m.[[lastReadAt]], '') AS lastReadAt,
			COALESCE(m.[[muted]], FALSE) AS muted, COALESCE(m.[[mutedUntil]], '') AS mutedUntil,
			COALESCE(u.[[emailDigestsOff]], TRUE) AS off, COALESCE(d.[[sentAt]], '') AS sentAt,
			COALESCE(c.[[title]], '') AS title,
			(SELECT COUNT(*) FROM (SELECT 1 FROM {{messages}} x WHERE x.[[conversation]] = p.[[conversation]]
				AND x.[[created]] > COALESCE(m.[[lastReadAt]], '') AND x.[[author]] != p.[[user]]
				AND x.[[author]] NOT IN (SELECT [[blocked]] FROM {{blocks}} WHERE [[blocker]] = p.[[user]]) LIMIT 100)) AS unread
		FROM {{` + pendingTable + `}} p
		LEFT JOIN {{members}} m ON m.[[conversation]] = p.[[conversation]] AND m.[[user]] = p.[[user]]
		LEFT JOIN {{users}} u ON u.[[id]] = p.[[user]]
		LEFT JOIN {{conversations}} c ON c.[[id]] = p.[[conversation]]
		LEFT JOIN {{` + sentTable + `}} d ON d.[[user]] = p.[[user]] AND d.[[conversation]] = p.[[conversation]]`).All(&rows)
	if err != nil {
		return nil, fmt.Errorf("digest: due: %w", err)
	}
	stamp := now.Format("2006-01-02 15:04:05.000Z")
	due := map[string][]item{}
	for _, r := range rows {
		muted := r.Muted || r.MutedUntil > stamp
		if r.Member == "" || r.Off || muted || r.Unread == 0 {
			if err := s.forget(r.User, r.Conversation); err != nil {
				return nil, err
			}
			continue
		}
		online, since := s.away.AwaySince(r.User)
		if online || now.Sub(since) < s.config.Away {
			continue // maybe they read it yet
		}
		if r.SentAt != "" && r.SentAt > now.Add(-s.config.Every).Format("2006-01-02 15:04:05.000Z") {
			continue // told of it within the hour: later, if still unread
		}
		due[r.User] = append(due[r.User], r)
	}
	return due, nil
}

func (s *Service) forget(user, conv string) error {
	_, err := s.app.DB().Delete(pendingTable, dbx.HashExp{"user": user, "conversation": conv}).Execute()
	return err
}

// sendTo records a user's digest as sent, then sends it: a restart after
// the record repeats nothing; a failed send gives the record back.
func (s *Service) sendTo(user string, items []item, now time.Time) error {
	stamp := now.Format("2006-01-02 15:04:05.000Z")
	prev := map[string]string{}
	err := s.app.RunInTransaction(func(tx core.App) error {
		for _, it := range items {
			prev[it.Conversation] = it.SentAt
			_, err := tx.DB().NewQuery(`INSERT INTO {{` + sentTable + `}} ([[user]], [[conversation]], [[sentAt]])
				VALUES ({:u}, {:c}, {:t}) ON CONFLICT ([[user]], [[conversation]]) DO UPDATE SET [[sentAt]] = {:t}`).
				Bind(dbx.Params{"u": user, "c": it.Conversation, "t": stamp}).Execute()
			if err != nil {
				return err
			}
			if _, err := tx.DB().Delete(pendingTable, dbx.HashExp{"user": user, "conversation": it.Conversation}).Execute(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := s.mail(user, items); err != nil {
		_ = s.app.RunInTransaction(func(tx core.App) error {
			for _, it := range items {
				tx.DB().NewQuery(`INSERT OR IGNORE INTO {{` + pendingTable + `}} ([[user]], [[conversation]]) VALUES ({:u}, {:c})`).
					Bind(dbx.Params{"u": user, "c": it.Conversation}).Execute()
				if prev[it.Conversation] == "" {
					tx.DB().Delete(sentTable, dbx.HashExp{"user": user, "conversation": it.Conversation}).Execute()
				} else {
					tx.DB().Update(sentTable, dbx.Params{"sentAt": prev[it.Conversation]},
						dbx.HashExp{"user": user, "conversation": it.Conversation}).Execute()
				}
			}
			return nil
		})
		s.failed.Add(1)
		return err
	}
	s.sent.Add(1)
	return nil
}
