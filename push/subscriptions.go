package push

import (
	"net/url"
	"strings"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// knownHosts are the push services of the browsers people use.
var knownHosts = []string{
	"fcm.googleapis.com",                // Chrome, Edge on Android, Opera
	"updates.push.services.mozilla.com", // Firefox
	"push.services.mozilla.com",
	"notify.windows.com", // Edge on Windows (*.notify.windows.com)
	"push.apple.com",     // Safari (web.push.apple.com)
}

// KnownServices allows the https endpoints of the public push services,
// on port 443 only: a push is a POST the server makes, and nothing else of
// those hosts is for it.
func KnownServices(endpoint string) bool {
	u, err := url.Parse(endpoint)
	if err != nil || u.Scheme != "https" || u.User != nil || (u.Port() != "" && u.Port() != "443") {
		return false
	}
	host := strings.ToLower(u.Hostname())
	for _, h := range knownHosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return true
		}
	}
	return false
}

// subscribe makes the signed-in user a subscription's owner, holds its
// endpoint to AllowEndpoint, and lets a browser's endpoint belong to the
// one user who subscribed it last (two people sharing a browser take
// turns).
func (s *Service) subscribe(e *core.RecordRequestEvent) error {
	if !e.HasSuperuserAuth() {
		if v := e.Record.GetString("user"); v != "" && v != e.Auth.Id {
			return e.BadRequestError("Failed to create record.", validation.Errors{
				"user": validation.NewError("validation_server_set", "Set by the server to the signed-in user; leave it out."),
			})
		}
		e.Record.Set("user", e.Auth.Id)
	}
	endpoint := e.Record.GetString("endpoint")
	if !s.config.AllowEndpoint(endpoint) {
		return e.BadRequestError("Failed to create record.", validation.Errors{
			"endpoint": validation.NewError("validation_unknown_push_service", "That is not the endpoint of a known push service."),
		})
	}
	if _, err := e.App.NonconcurrentDB().Delete(Subscriptions, dbx.HashExp{"endpoint": endpoint}).Execute(); err != nil {
		return e.InternalServerError("Failed to create record.", err)
	}
	return e.Next()
}
