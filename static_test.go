package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"net/http"
	"testing"

	"github.com/pbchat/pbchat/internal/chattest"
)

// The web app's files carry an ETag: a browser that has them gets 304 and
// no body. Text goes out gzipped to a browser that accepts it, and as it
// is to one that doesn't; a missing file is a JSON 404.
func TestStaticFilesRevalidateAndCompress(t *testing.T) {
	f := chattest.Load(t)
	app := f.NewApp(t)
	public, err := fs.Sub(embedded, "pb_public")
	if err != nil {
		t.Fatal(err)
	}
	serveStatic(app, public, true)
	srv := f.Serve(t, app)
	want, _ := fs.ReadFile(public, "chat-client.js")

	get := func(path string, header ...string) (*http.Response, []byte) {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		// the transport would ask for gzip and undo it itself: ask as a browser
		res, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, b
	}

	res, plain := get("/chat-client.js")
	etag := res.Header.Get("ETag")
	if res.StatusCode != 200 || !bytes.Equal(plain, want) || etag == "" || res.Header.Get("Cache-Control") != "no-cache" ||
		res.Header.Get("Content-Encoding") != "" || res.Header.Get("Content-Type") != "text/javascript; charset=utf-8" {
		t.Fatalf("plain: %d %v, %d bytes", res.StatusCode, res.Header, len(plain))
	}

	res, zipped := get("/chat-client.js", "Accept-Encoding", "gzip, deflate, br")
	if res.Header.Get("Content-Encoding") != "gzip" || res.Header.Get("ETag") != etag || len(zipped) >= len(want)/2 {
		t.Fatalf("gzipped: %v, %d bytes of %d", res.Header, len(zipped), len(want))
	}
	r, err := gzip.NewReader(bytes.NewReader(zipped))
	if err != nil {
		t.Fatal(err)
	}
	if unzipped, _ := io.ReadAll(r); !bytes.Equal(unzipped, want) {
		t.Fatal("the gzipped file is not the file")
	}
	if res, _ := get("/chat-client.js", "Accept-Encoding", "gzip;q=0"); res.Header.Get("Content-Encoding") != "" {
		t.Fatal("gzip sent where refused")
	}

	res, body := get("/chat-client.js", "If-None-Match", etag, "Accept-Encoding", "gzip")
	if res.StatusCode != 304 || len(body) != 0 {
		t.Fatalf("revalidation: %d, %d bytes", res.StatusCode, len(body))
	}
	if res, _ := get("/chat-client.js", "If-None-Match", `"stale"`); res.StatusCode != 200 {
		t.Fatalf("a stale copy: %d", res.StatusCode)
	}

	// the chunks named by their content's hash are kept for good
	chunks, _ := fs.Glob(public, "elements/*.js")
	if len(chunks) == 0 {
		t.Fatal("no chunks built into pb_public/elements")
	}
	for _, c := range chunks {
		if res, _ := get("/" + c); res.StatusCode != 200 || res.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Fatalf("%s: %d %v", c, res.StatusCode, res.Header)
		}
	}
	if res, _ := get("/elements/emoji-en.json", "Accept-Encoding", "gzip"); res.StatusCode != 200 || res.Header.Get("Cache-Control") != "no-cache" || res.Header.Get("Content-Encoding") != "gzip" {
		t.Fatalf("the emoji data: %d %v", res.StatusCode, res.Header)
	}

	if res, _ := get("/manifest.webmanifest"); res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/manifest+json" {
		t.Fatalf("the manifest: %d %v", res.StatusCode, res.Header)
	}

	res, page := get("/")
	if res.StatusCode != 200 || !bytes.Contains(page, []byte("<!doctype html>")) && !bytes.Contains(page, []byte("<!DOCTYPE html>")) || res.Header.Get("ETag") == "" {
		t.Fatalf("the page: %d %v", res.StatusCode, res.Header)
	}
	for _, path := range []string{"/no-such-file.js", "/api/no-such-route", "/main.go"} {
		if res, body := get(path); res.StatusCode != 404 || !bytes.Contains(body, []byte(`"status":404`)) {
			t.Fatalf("%s: %d %s", path, res.StatusCode, body)
		}
	}
}
