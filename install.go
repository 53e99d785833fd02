package main

import (
	"fmt"
	"os"

	"github.com/pocketbase/pocketbase/core"
)

// quietInstaller replaces PocketBase's first-start installer, which prints
// a link holding a token that can create the first superuser: a secret in
// the log (journald keeps it, anyone who reads logs could use it). pbchat
// says how to create the superuser instead.
func quietInstaller(app core.App) {
	app.OnServe().BindFunc(func(e *core.ServeEvent) error {
		e.InstallerFunc = func(app core.App, _ *core.Record, baseURL string) error {
			fmt.Fprintf(os.Stderr, "No superuser yet: create one for the admin UI (%s/_/) with\n  %s superuser upsert EMAIL PASSWORD\n",
				baseURL, os.Args[0])
			return nil
		}
		return e.Next()
	})
}
