package migrations

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Defaults of a chat product rather than of a blank PocketBase: the app is
// named pbchat (where it still has PocketBase's "Acme"), and posting is
// rate limited per user (package ratelimit enforces the chat:* rules,
// which PocketBase's own limiter, keyed by IP, never matches).
//
// Rate limiting was off, so PocketBase's own rules (by IP) limited
// nothing: they are set aside, so that turning limits on doesn't turn
// them on behind the admin's back (sign-ins two per 3 s per IP would lock
// out an office behind one address). A database whose admin had turned
// limits on keeps its rules, and gets the chat's beside them. Going down
// takes the chat's rules out (and limits off where none are left); the
// set-aside rules, which limited nothing, are not put back.
func init() {
	m.Register(func(app core.App) error {
		s := app.Settings()
		if s.Meta.AppName == "Acme" {
			s.Meta.AppName = "pbchat"
		}
		if !s.RateLimits.Enabled {
			s.RateLimits.Rules = nil
			s.RateLimits.Enabled = true
		}
		for _, rule := range ChatRateLimits {
			if !slices.ContainsFunc(s.RateLimits.Rules, func(r core.RateLimitRule) bool { return r.Label == rule.Label }) {
				s.RateLimits.Rules = append(s.RateLimits.Rules, rule)
			}
		}
		return app.Save(s)
	}, func(app core.App) error {
		s := app.Settings()
		if s.Meta.AppName == "pbchat" {
			s.Meta.AppName = "Acme"
		}
		s.RateLimits.Rules = slices.DeleteFunc(s.RateLimits.Rules, func(r core.RateLimitRule) bool {
			return slices.ContainsFunc(ChatRateLimits, func(c core.RateLimitRule) bool { return c.Label == r.Label })
		})
		if len(s.RateLimits.Rules) == 0 {
			s.RateLimits.Enabled = false
		}
		return app.Save(s)
	})
}

// ChatRateLimits are the chat's per-user limits as the migration sets them
// (the admin UI's Settings → Rate limiting changes them): a person types a
// message every few seconds, a paste or a script sends faster.
var ChatRateLimits = []core.RateLimitRule{
	{Label: "chat:message", Audience: core.RateLimitRuleAudienceAuth, MaxRequests: 30, Duration: 10},
	{Label: "chat:reaction", Audience: core.RateLimitRuleAudienceAuth, MaxRequests: 60, Duration: 10},
	{Label: "chat:conversation", Audience: core.RateLimitRuleAudienceAuth, MaxRequests: 20, Duration: 60},
	// added by 1764000016_abuse_limits.go on a database from before it
	{Label: "chat:rename", Audience: core.RateLimitRuleAudienceAuth, MaxRequests: 10, Duration: 60},
	{Label: "chat:member", Audience: core.RateLimitRuleAudienceAuth, MaxRequests: 200, Duration: 60},
}
