package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// quietInstaller replaces PocketBase's first-start installer, which prints
// a link holding a token that can create the first superuser: a secret in
// the log (journald keeps it, anyone who reads logs could use it). pbchat
// says how to create the superuser instead.
func quietInstaller(app core.App) {
	app.OnServe().BindFunc(func(e *core.ServeEvent) error {
		e.InstallerFunc = func(app core.App, _ *core.Record, baseURL string) error {
			// --dir as this server runs: without it the command would
			// write to pb_data beside the binary, not this server's data
			fmt.Fprintf(os.Stderr, "No superuser yet: create one for the admin UI (%s/_/) with\n  %s superuser upsert EMAIL PASSWORD --dir=%s\n",
				baseURL, os.Args[0], shellQuote(app.DataDir()))
			return nil
		}
		return e.Next()
	})
}

// shellQuote quotes s for a POSIX shell where it needs it.
func shellQuote(s string) string {
	if s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !(r == '/' || r == '.' || r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
