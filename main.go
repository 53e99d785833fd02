// Command pbchat is PocketBase with private, realtime chat: the chat
// collections and rules, their hooks, websocket delivery and the web app,
// all in one binary.
package main

import (
	"embed"
	"io/fs"
	"log"
	"net/http"
	_ "net/http/pprof"
	"os"

	"github.com/pocketbase/pocketbase"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/plugins/migratecmd"
	"github.com/pocketbase/pocketbase/tools/hook"

	"github.com/pbchat/pbchat/digest"
	"github.com/pbchat/pbchat/hooks"
	"github.com/pbchat/pbchat/jshooks"
	_ "github.com/pbchat/pbchat/migrations"
	"github.com/pbchat/pbchat/push"
	"github.com/pbchat/pbchat/realtime"
)

//go:embed all:pb_public
var embedded embed.FS

// serveStatic serves the web app at /, after every other route so that an
// app's own routes win.
func serveStatic(app core.App, public fs.FS) {
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Func: func(e *core.ServeEvent) error {
			if !e.Router.HasRoute(http.MethodGet, "/{path...}") {
				e.Router.GET("/{path...}", apis.Static(public, true))
			}
			return e.Next()
		},
		Priority: 999,
	})
}

func main() {
	app := pocketbase.New()

	var publicDir string
	app.RootCmd.PersistentFlags().StringVar(&publicDir, "publicDir", "",
		"serve the web app from this folder instead of the copy built into the binary (for development)")
	var chat realtime.Config
	chat.BindFlags(app.RootCmd.PersistentFlags())
	var pushes push.Config
	pushes.BindFlags(app.RootCmd.PersistentFlags())
	var js jshooks.Config
	js.BindFlags(app.RootCmd.PersistentFlags())
	app.RootCmd.ParseFlags(os.Args[1:])

	// The schema lives in Go migrations; collections changed in the admin UI
	// are not written back as new migration files.
	migratecmd.MustRegister(app, app.RootCmd, migratecmd.Config{})

	hub := realtime.MustRegister(app, chat)
	hooks.MustRegister(app, hooks.Config{Sender: hub})
	push.MustRegister(app, hub, pushes)
	digest.MustRegister(app, hub, digest.Config{})
	jshooks.MustRegister(app, hub, js)

	public, err := fs.Sub(embedded, "pb_public")
	if err != nil {
		log.Fatal(err)
	}
	if publicDir != "" {
		public = os.DirFS(publicDir)
	}
	serveStatic(app, public)

	// PBCHAT_PPROF=127.0.0.1:6060 serves Go's profiles there, for finding
	// where time and memory go (see BENCHMARKS.md).
	if addr := os.Getenv("PBCHAT_PPROF"); addr != "" {
		go func() { log.Println(http.ListenAndServe(addr, nil)) }()
	}

	if err := app.Start(); err != nil {
		log.Fatal(err)
	}
}
