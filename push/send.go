package push

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	webpush "github.com/SherClockHolmes/webpush-go"
	"github.com/pocketbase/dbx"

	"github.com/pbchat/pbchat/blocks"
)

// Payload is what a push carries, for the service worker to show.
type Payload struct {
	Type         string `json:"type"`
	Conversation string `json:"conversation"`
	Message      string `json:"message"`
	Title        string `json:"title"`
	Body         string `json:"body"`
	URL          string `json:"url"`
}

type subscription struct {
	ID       string `db:"id"`
	User     string `db:"user"`
	Endpoint string `db:"endpoint"`
	P256dh   string `db:"p256dh"`
	Auth     string `db:"auth"`
}

// send pushes one message to the subscriptions of the members it missed
// who are still members now and haven't muted the conversation (a mention
// breaks a mute where its user asked for that).
func (s *Service) send(ctx context.Context, j job) {
	var m struct {
		Text     string   `json:"text"`
		Author   string   `json:"author"`
		Mentions []string `json:"mentions"`
		Files    []any    `json:"attachments"`
		Expand   struct {
			Author struct{ Name string } `json:"author"`
		} `json:"expand"`
	}
	if err := json.Unmarshal(j.ev.Payload, &m); err != nil {
		s.logError("read message", err)
		return
	}
	users := slices.DeleteFunc(slices.Clone(j.users), func(u string) bool { return u == m.Author }) // nobody is told of their own
	// nor of what someone they block wrote
	blockers, err := blocks.Blockers(s.app.ConcurrentDB(), m.Author, users)
	if err != nil {
		s.logError("find blocks", err)
		return
	}
	users = slices.DeleteFunc(users, func(u string) bool { return slices.Contains(blockers, u) })
	if len(users) == 0 {
		return
	}
	subs, err := s.recipients(j.ev.Conversation, users, m.Mentions)
	if err != nil {
		s.logError("find subscriptions", err)
		return
	}
	if len(subs) == 0 {
		return
	}
	var title string
	_ = s.app.ConcurrentDB().Select("title").From("conversations").
		Where(dbx.HashExp{"id": j.ev.Conversation}).Row(&title)
	p := Payload{Type: "message", Conversation: j.ev.Conversation, Message: j.ev.Record, Title: m.Expand.Author.Name,
		URL: "/#conversation=" + j.ev.Conversation}
	if title != "" {
		p.Title = m.Expand.Author.Name + " in " + title
	}
	switch {
	case s.config.PrivatePreviews:
		p.Body = "New message"
	case strings.TrimSpace(m.Text) != "":
		p.Body = preview(m.Text)
	case len(m.Files) > 0:
		p.Body = "sent an attachment"
	}
	body, err := json.Marshal(p)
	if err != nil {
		s.logError("encode", err)
		return
	}
	for _, sub := range subs {
		if ctx.Err() != nil {
			return
		}
		s.sendOne(ctx, sub, body, j.ev.Conversation)
	}
}

// recipients are the subscriptions of users who are members of conv now
// and haven't muted it, or were mentioned and let mentions break a mute.
func (s *Service) recipients(conv string, users, mentioned []string) ([]subscription, error) {
	params := dbx.Params{"conv": conv, "now": time.Now().UTC().Format("2006-01-02 15:04:05.000Z")}
	in := func(prefix string, ids []string) string {
		if len(ids) == 0 {
			return "''"
		}
		names := make([]string, len(ids))
		for i, id := range ids {
			name := fmt.Sprintf("%s%d", prefix, i)
			params[name] = id
			names[i] = "{:" + name + "}"
		}
		return strings.Join(names, ",")
	}
	var subs []subscription
	err := s.app.ConcurrentDB().NewQuery(`SELECT s.[[id]], s.[[user]], s.[[endpoint]], s.[[p256dh]], s.[[auth]]
		FROM {{` + Subscriptions + `}} s
		JOIN {{members}} m ON m.[[user]] = s.[[user]] AND m.[[conversation]] = {:conv}
		JOIN {{users}} u ON u.[[id]] = s.[[user]]
		WHERE s.[[user]] IN (` + in("u", users) + `)
		AND (NOT (m.[[muted]] OR m.[[mutedUntil]] > {:now})
			OR (u.[[mentionsBreakMute]] AND s.[[user]] IN (` + in("m", mentioned) + `)))`).
		Bind(params).All(&subs)
	return subs, err
}

// sendOne pushes body to one subscription: again after a 429 or a 5xx,
// waiting longer each time (or as long as Retry-After says); a 404 or 410
// means the browser dropped it, and so does the server.
func (s *Service) sendOne(ctx context.Context, sub subscription, body []byte, topic string) {
	private, public, err := s.keys.load(s.app)
	if err != nil {
		s.logError("keys", err)
		return
	}
	wait := s.config.Backoff
	for attempt := 0; ; attempt++ {
		res, err := webpush.SendNotificationWithContext(ctx, body,
			&webpush.Subscription{Endpoint: sub.Endpoint, Keys: webpush.Keys{P256dh: sub.P256dh, Auth: sub.Auth}},
			&webpush.Options{
				HTTPClient:      s.config.HTTPClient,
				Subscriber:      strings.TrimPrefix(s.config.Subscriber, "mailto:"), // webpush-go adds it
				Topic:           topic,                                              // a newer push of the conversation replaces one not yet delivered
				TTL:             int(s.config.TTL.Seconds()),
				Urgency:         webpush.UrgencyNormal,
				VAPIDPublicKey:  public,
				VAPIDPrivateKey: private,
			})
		status := 0
		if res != nil {
			status = res.StatusCode
			if after := res.Header.Get("Retry-After"); after != "" {
				if d, perr := time.ParseDuration(after + "s"); perr == nil && d > wait {
					wait = min(d, time.Minute)
				}
			}
			io.Copy(io.Discard, io.LimitReader(res.Body, 4096))
			res.Body.Close()
		}
		switch {
		case err == nil && status >= 200 && status < 300:
			s.sent.Add(1)
			return
		case status == http.StatusNotFound || status == http.StatusGone:
			s.prune(sub)
			return
		case errors.Is(err, context.Canceled):
			return
		case (err != nil || status == http.StatusTooManyRequests || status >= 500) && attempt < s.config.Retries:
			select {
			case <-ctx.Done():
				return
			case <-time.After(wait):
			}
			wait *= 2
		default:
			s.failed.Add(1)
			if err == nil {
				err = fmt.Errorf("status %d", status)
			}
			s.logError("send", err)
			return
		}
	}
}

// prune deletes a subscription its push service no longer knows.
func (s *Service) prune(sub subscription) {
	if _, err := s.app.NonconcurrentDB().Delete(Subscriptions, dbx.HashExp{"id": sub.ID}).Execute(); err != nil {
		s.logError("prune", err)
		return
	}
	s.pruned.Add(1)
}

// preview is the start of a text, on one line.
func preview(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	if r := []rune(text); len(r) > 140 {
		return string(r[:140]) + "…"
	}
	return text
}
