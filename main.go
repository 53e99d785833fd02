// Command pbchat is PocketBase with private, realtime chat: the chat
// collections and rules, their hooks, websocket delivery and the web app,
// all in one binary.
package main

import (
	"log"
	"net/http"
	_ "net/http/pprof"
	"os"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/plugins/migratecmd"

	"github.com/pbchat/pbchat/cluster"
	"github.com/pbchat/pbchat/digest"
	"github.com/pbchat/pbchat/hooks"
	"github.com/pbchat/pbchat/jshooks"
	"github.com/pbchat/pbchat/metrics"
	_ "github.com/pbchat/pbchat/migrations"
	"github.com/pbchat/pbchat/push"
	"github.com/pbchat/pbchat/ratelimit"
	"github.com/pbchat/pbchat/realtime"
)

func main() {
	// Never dev mode unless asked (--dev, make dev): PocketBase would
	// otherwise turn it on for a binary under the temp dir, logging every
	// SQL statement, secrets included.
	app := pocketbase.NewWithConfig(pocketbase.Config{})
	app.RootCmd.Use = "pbchat"
	app.RootCmd.Short = "pbchat: PocketBase with private, realtime chat"
	app.RootCmd.Version = versionString()

	flags := app.RootCmd.PersistentFlags()
	var publicDir string
	flags.StringVar(&publicDir, "publicDir", "",
		"serve the web app from this folder instead of the copy built into the binary (for development)")
	var chat realtime.Config
	chat.BindFlags(flags)
	var chatHooks hooks.Config
	chatHooks.BindFlags(flags)
	var pushes push.Config
	pushes.BindFlags(flags)
	var js jshooks.Config
	js.BindFlags(flags)
	var stats metrics.Config
	stats.BindFlags(flags)
	var nodes cluster.Config
	nodes.BindFlags(flags)
	app.RootCmd.ParseFlags(os.Args[1:])

	// The schema lives in Go migrations; collections changed in the admin UI
	// are not written back as new migration files.
	migratecmd.MustRegister(app, app.RootCmd, migratecmd.Config{})

	hub := realtime.MustRegister(app, chat)
	chatHooks.Sender, chatHooks.ReceiptMembers = hub, chat.ReceiptMembers
	hooks.MustRegister(app, chatHooks)
	ratelimit.MustRegister(app)
	pusher := push.MustRegister(app, hub, pushes)
	digests := digest.MustRegister(app, hub, digest.Config{})
	metrics.MustRegister(app, metrics.Sources{Hub: hub, Push: pusher, Digest: digests}, stats)
	jshooks.MustRegister(app, hub, js)
	cluster.MustRegister(app, hub, nodes)
	serveStatic(app, webApp(publicDir), publicDir == "")
	quietInstaller(app)
	app.RootCmd.AddCommand(seedCommand(app), edgeCommand(&chat, &nodes, &stats))

	// PBCHAT_PPROF=127.0.0.1:6060 serves Go's profiles there, for finding
	// where time and memory go (see BENCHMARKS.md).
	if addr := os.Getenv("PBCHAT_PPROF"); addr != "" {
		go func() { log.Println(http.ListenAndServe(addr, nil)) }()
	}

	if len(os.Args) > 1 && os.Args[1] == "edge" {
		// an edge opens no database: run its command without PocketBase's
		// bootstrap, which would
		if err := app.RootCmd.Execute(); err != nil {
			os.Exit(1)
		}
		return
	}
	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}
