package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"log"
	"mime"
	"net/http"
	"os"
	"path"
	"regexp"
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
//
// Files that don't change while the server runs (built into the binary:
// fixed) are read once: each carries an ETag (a hash of its content), so a
// browser revalidates instead of downloading it again (304), and text goes
// out gzipped to those that accept it, from a copy compressed at start. A
// folder given with --publicDir, edited while served, is served as it is
// on disk.
func serveStatic(app core.App, public fs.FS, fixed bool) {
	serve := apis.Static(public, false)
	if fixed {
		files, err := loadAssets(public)
		if err != nil {
			log.Fatal(err)
		}
		serve = files.serve
	}
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Func: func(e *core.ServeEvent) error {
			if !e.Router.HasRoute(http.MethodGet, "/{path...}") {
				e.Router.GET("/{path...}", func(re *core.RequestEvent) error {
					if strings.HasPrefix(re.Request.URL.Path, "/api/") {
						return re.NotFoundError("", nil)
					}
					return serve(re)
				})
			}
			return e.Next()
		},
		Priority: 999,
	})
}

func init() {
	// not in Go's table, and what browsers expect of a web app manifest
	mime.AddExtensionType(".webmanifest", "application/manifest+json")
}

// asset is one file as it is served.
type asset struct {
	body, gzipped []byte // gzipped is nil where compressing doesn't pay
	etag, kind    string
}

type assets map[string]*asset

// minGzip is the smallest file worth compressing.
const minGzip = 512

// loadAssets reads every file of public, hashes it and compresses what
// compresses.
func loadAssets(public fs.FS) (assets, error) {
	files := assets{}
	err := fs.WalkDir(public, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(public, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		a := &asset{body: body, etag: `"` + hex.EncodeToString(sum[:12]) + `"`, kind: mime.TypeByExtension(path.Ext(name))}
		if a.kind == "" {
			a.kind = http.DetectContentType(body)
		}
		if compressible(a.kind) && len(body) >= minGzip {
			var b bytes.Buffer
			w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
			w.Write(body)
			w.Close()
			if b.Len() < len(body) {
				a.gzipped = b.Bytes()
			}
		}
		files[name] = a
		return nil
	})
	return files, err
}

func compressible(kind string) bool {
	return strings.HasPrefix(kind, "text/") || strings.Contains(kind, "javascript") ||
		strings.Contains(kind, "json") || strings.Contains(kind, "svg") || strings.Contains(kind, "typescript")
}

// hashed matches the files named by their content's hash (ui/build.mjs's
// chunks): a new content is a new name, so a browser may keep them for good.
var hashed = regexp.MustCompile(`^elements/[^/]+-[A-Z0-9]{8}\.js$`)

// serve answers a GET or HEAD of a file: 304 when the browser's copy is
// current, else the file, gzipped if it may be. Files named by their hash
// are immutable; every other answer says to revalidate (no-cache), since
// those names stay when the content changes.
func (files assets) serve(e *core.RequestEvent) error {
	name := strings.TrimPrefix(path.Clean("/"+e.Request.PathValue("path")), "/")
	if name == "" {
		name = "index.html"
	}
	a := files[name]
	if a == nil {
		a = files[path.Join(name, "index.html")]
	}
	if a == nil {
		return e.NotFoundError("", nil)
	}
	h := e.Response.Header()
	h.Set("ETag", a.etag)
	h.Set("Cache-Control", "no-cache")
	if hashed.MatchString(name) {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	}
	h.Set("Vary", "Accept-Encoding")
	if match := e.Request.Header.Get("If-None-Match"); match != "" && etagMatches(match, a.etag) {
		e.Response.WriteHeader(http.StatusNotModified)
		return nil
	}
	body := a.body
	if a.gzipped != nil && acceptsGzip(e.Request.Header.Get("Accept-Encoding")) {
		body = a.gzipped
		h.Set("Content-Encoding", "gzip")
	}
	h.Set("Content-Type", a.kind)
	h.Set("Content-Length", fmt.Sprint(len(body)))
	e.Response.WriteHeader(http.StatusOK)
	if e.Request.Method != http.MethodHead {
		_, err := e.Response.Write(body)
		return err
	}
	return nil
}

// etagMatches reads an If-None-Match list (or *).
func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(t), "W/"))
		if t == etag || t == "*" {
			return true
		}
	}
	return false
}

// acceptsGzip reads an Accept-Encoding header: gzip, not refused with q=0.
func acceptsGzip(header string) bool {
	for _, part := range strings.Split(header, ",") {
		fields := strings.Split(part, ";")
		if strings.TrimSpace(fields[0]) != "gzip" {
			continue
		}
		for _, p := range fields[1:] {
			if q := strings.TrimSpace(p); q == "q=0" || q == "q=0.0" || q == "q=0.00" || q == "q=0.000" {
				return false
			}
		}
		return true
	}
	return false
}
