// Package ratelimit limits what each signed-in user may post, by the rules
// in PocketBase's rate limit settings (the admin UI's Settings → Rate
// limiting) whose labels it names: chat:message (messages created),
// chat:reaction (reactions) and chat:conversation (conversations).
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
	"net/netip"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// Labels of the rules, by collection.
var labels = map[string]string{
	"messages":      "chat:message",
	"reactions":     "chat:reaction",
	"conversations": "chat:conversation",
}

// forgetAfter is how long an idle user's counts are kept.
const forgetAfter = 10 * time.Minute

// MustRegister registers the limits on app; it cannot fail, and panics
// never: it mirrors the other packages' registration.
func MustRegister(app core.App) {
	l := &limiter{windows: map[key]*window{}}
	names := make([]string, 0, len(labels))
	for name := range labels {
		names = append(names, name)
	}
	app.OnRecordCreateRequest(names...).Bind(&hook.Handler[*core.RecordRequestEvent]{
		Func: l.check,
		// before the chat's own hooks, so that a refused request costs no
		// lookups, and after the collection's rules, which PocketBase runs
		// first: a request that may not post spends nothing
		Priority: -100,
	})
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

func (l *limiter) check(e *core.RecordRequestEvent) error {
	settings := e.App.Settings().RateLimits
	if !settings.Enabled || e.Auth == nil || e.HasSuperuserAuth() {
		return e.Next()
	}
	label := labels[e.Collection.Name]
	rule, ok := settings.FindRateLimitRule([]string{label}, core.RateLimitRuleAudienceAll, core.RateLimitRuleAudienceAuth)
	if !ok || excluded(settings.ExcludedIPs, e.RealIP()) {
		return e.Next()
	}
	if !l.allow(key{label, e.Auth.Id}, rule, time.Now()) {
		return e.TooManyRequestsError("You're sending too fast; wait a few seconds and try again.", nil)
	}
	return e.Next()
}

// allow counts a request and reports whether it is within the rule: at
// most MaxRequests in each Duration, counted from the first.
func (l *limiter) allow(k key, rule core.RateLimitRule, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	w := l.windows[k]
	if w == nil || now.Sub(w.start) >= rule.DurationTime() {
		w = &window{start: now}
		l.windows[k] = w
	}
	w.last = now
	if w.count >= rule.MaxRequests {
		return false
	}
	w.count++
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
