// Package ratelimit limits what each signed-in user may post, by the rules
// in PocketBase's rate limit settings (the admin UI's Settings → Rate
// limiting) whose labels it names: chat:message (messages created),
// chat:reaction (reactions), chat:conversation (conversations),
// chat:rename (conversations renamed) and chat:member (people added to
// conversations or invited, one by one or as a new conversation's members:
// a conversation started with 500 people costs 500).
//
// PocketBase's own limiter counts by IP address, which would make the
// people behind one office address share a budget; these rules count per
// user. They follow its settings: off while rate limiting is off, not for
// superusers nor for the excluded IPs. A request over its limit gets 429
// before anything is saved; in a batch, the whole batch fails.
//
// Register it once per app:
//
//	ratelimit.MustRegister(app)
package ratelimit

import (
	"fmt"
	"net/netip"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// Labels of the rules.
const (
	labelMessage      = "chat:message"
	labelReaction     = "chat:reaction"
	labelConversation = "chat:conversation"
	labelRename       = "chat:rename"
	labelMember       = "chat:member"
)

// creates are the labels a create of each collection counts under.
var creates = map[string]string{
	"messages":      labelMessage,
	"reactions":     labelReaction,
	"conversations": labelConversation,
	"members":       labelMember,
	"invitations":   labelMember,
}

// forgetAfter is how long an idle user's counts are kept.
const forgetAfter = 10 * time.Minute

// MustRegister registers the limits on app; it cannot fail, and panics
// never: it mirrors the other packages' registration.
func MustRegister(app core.App) {
	l := &limiter{windows: map[key]*window{}}
	names := make([]string, 0, len(creates))
	for name := range creates {
		names = append(names, name)
	}
	// before the chat's own hooks, so that a refused request costs no
	// lookups, and after the collection's rules, which PocketBase runs
	// first: a request that may not post spends nothing
	app.OnRecordCreateRequest(names...).Bind(&hook.Handler[*core.RecordRequestEvent]{Func: l.create, Priority: -100})
	app.OnRecordUpdateRequest("conversations").Bind(&hook.Handler[*core.RecordRequestEvent]{Func: l.rename, Priority: -100})
	app.Cron().MustAdd("__pbchatRateLimitCleanup__", "*/10 * * * *", func() { l.forget(time.Now()) })
}

type key struct{ label, user string }

// window counts one user's requests under one rule since start.
type window struct {
	start time.Time
	count int
	last  time.Time
}

type limiter struct {
	mu      sync.Mutex
	windows map[key]*window
}

// create counts a create under its collection's label, and a new
// conversation's members under chat:member.
func (l *limiter) create(e *core.RecordRequestEvent) error {
	if err := l.check(e, creates[e.Collection.Name], 1); err != nil {
		return err
	}
	if e.Collection.Name == "conversations" {
		if n := startingMembers(e); n > 0 {
			if err := l.check(e, labelMember, n); err != nil {
				return err
			}
		}
	}
	return e.Next()
}

// rename counts a conversation's new title under chat:rename.
func (l *limiter) rename(e *core.RecordRequestEvent) error {
	if e.Record.GetString("title") != e.Record.Original().GetString("title") {
		if err := l.check(e, labelRename, 1); err != nil {
			return err
		}
	}
	return e.Next()
}

// startingMembers is how many people a conversation's create lists.
func startingMembers(e *core.RecordRequestEvent) int {
	info, err := e.RequestInfo()
	if err != nil {
		return 0
	}
	switch v := info.Body["members"].(type) {
	case []any:
		return len(v)
	case []string:
		return len(v)
	case string:
		return 1
	}
	return 0
}

// check counts n requests of e's user under label, and refuses them with
// 429 when they are over its rule.
func (l *limiter) check(e *core.RecordRequestEvent, label string, n int) error {
	settings := e.App.Settings().RateLimits
	if !settings.Enabled || e.Auth == nil || e.HasSuperuserAuth() {
		return nil
	}
	rule, ok := settings.FindRateLimitRule([]string{label}, core.RateLimitRuleAudienceAll, core.RateLimitRuleAudienceAuth)
	if !ok || excluded(settings.ExcludedIPs, e.RealIP()) {
		return nil
	}
	if n > rule.MaxRequests {
		return e.TooManyRequestsError(fmt.Sprintf("At most %d at once (%s); add the rest a little later.", rule.MaxRequests, what[label]), nil)
	}
	if !l.allow(key{label, e.Auth.Id}, rule, n, time.Now()) {
		return e.TooManyRequestsError("You're sending too fast; wait a few seconds and try again.", nil)
	}
	return nil
}

// what names what each label counts, for a person.
var what = map[string]string{
	labelMessage:      "messages",
	labelReaction:     "reactions",
	labelConversation: "conversations",
	labelRename:       "renames",
	labelMember:       "people added",
}

// allow counts n requests and reports whether they are within the rule:
// at most MaxRequests in each Duration, counted from the first.
func (l *limiter) allow(k key, rule core.RateLimitRule, n int, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	w := l.windows[k]
	if w == nil || now.Sub(w.start) >= rule.DurationTime() {
		w = &window{start: now}
		l.windows[k] = w
	}
	w.last = now
	if w.count+n > rule.MaxRequests {
		return false
	}
	w.count += n
	return true
}

func (l *limiter) forget(now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for k, w := range l.windows {
		if now.Sub(w.last) > forgetAfter {
			delete(l.windows, k)
		}
	}
}

// excluded reports whether ip is one of the settings' excluded IPs or in
// one of its subnets, as PocketBase's own limiter reads them.
func excluded(list []string, ip string) bool {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return false
	}
	for _, item := range list {
		if p, err := netip.ParsePrefix(item); err == nil && p.Contains(addr) {
			return true
		}
		if a, err := netip.ParseAddr(item); err == nil && a == addr {
			return true
		}
	}
	return false
}
