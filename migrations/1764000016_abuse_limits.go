package migrations

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Bounds on abuse for a database made before them: per-user limits on
// renames (each reaches every member) and on people added (one by one, or
// as a new conversation's members), beside the other chat:* rules. A rule
// of the same label an operator set already stays as they set it.
func init() {
	labels := []string{"chat:rename", "chat:member"}
	m.Register(func(app core.App) error {
		s := app.Settings()
		for _, rule := range ChatRateLimits {
			if slices.Contains(labels, rule.Label) &&
				!slices.ContainsFunc(s.RateLimits.Rules, func(r core.RateLimitRule) bool { return r.Label == rule.Label }) {
				s.RateLimits.Rules = append(s.RateLimits.Rules, rule)
			}
		}
		return app.Save(s)
	}, func(app core.App) error {
		s := app.Settings()
		s.RateLimits.Rules = slices.DeleteFunc(s.RateLimits.Rules, func(r core.RateLimitRule) bool {
			return slices.Contains(labels, r.Label)
		})
		return app.Save(s)
	})
}
