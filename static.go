package main

import (
	"embed"
	"io/fs"
	"log"
	"net/http"
	"os"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

//go:embed all:pb_public
var embedded embed.FS

// webApp is the web app's files: the copy built into the binary, or dir.
func webApp(dir string) fs.FS {
	if dir != "" {
		return os.DirFS(dir)
	}
	public, err := fs.Sub(embedded, "pb_public")
	if err != nil {
		log.Fatal(err)
	}
	return public
}

// serveStatic serves the web app at /, after every other route so that an
// app's own routes win. The app routes by the URL's fragment, so a path
// that is no file is a 404 in PocketBase's JSON, not the app's page: an
// unknown /api/… route reads as the API's error, a missing asset as one.
func serveStatic(app core.App, public fs.FS) {
	files := apis.Static(public, false)
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Func: func(e *core.ServeEvent) error {
			if !e.Router.HasRoute(http.MethodGet, "/{path...}") {
				e.Router.GET("/{path...}", func(re *core.RequestEvent) error {
					if strings.HasPrefix(re.Request.URL.Path, "/api/") {
						return re.NotFoundError("", nil)
					}
					return files(re)
				})
			}
			return e.Next()
		},
		Priority: 999,
	})
}
