package chattest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// Server is an app served over real HTTP, as `serve` would: its OnServe
// hooks have run, so routes and lifecycle-bound services are in place. Unlike
// tests.ApiScenario's recorder, its connections can be hijacked (websockets).
type Server struct {
	*httptest.Server
	App     *tests.TestApp
	Fixture *Fixture
}

// Serve serves app until the test ends; the app terminates after the server
// closes, so OnTerminate hooks see no new connections.
func (f *Fixture) Serve(t testing.TB, app *tests.TestApp) *Server {
	t.Helper()
	s := &Server{Server: httptest.NewServer(Handler(t, app)), App: app, Fixture: f}
	t.Cleanup(s.Close) // runs before app.Cleanup, registered earlier
	return s
}

// Handler starts app's OnServe hooks and returns its router, for tests
// that call it without a network.
func Handler(t testing.TB, app *tests.TestApp) http.Handler {
	t.Helper()
	router, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	// as apis.Serve does: pages of other origins may call the API
	router.Bind(apis.CORS(apis.CORSConfig{
		AllowMethods: []string{http.MethodGet, http.MethodHead, http.MethodPut, http.MethodPatch, http.MethodPost, http.MethodDelete},
	}))
	se := &core.ServeEvent{Router: router}
	se.App = app
	var handler http.Handler
	err = app.OnServe().Trigger(se, func(e *core.ServeEvent) error {
		mux, err := e.Router.BuildMux()
		handler = mux
		return err
	})
	if err != nil {
		t.Fatalf("chattest: serve: %v", err)
	}
	return handler
}

// Do sends a JSON request as who (see Fixture.Auth) and returns the status
// and the body.
func (s *Server) Do(t testing.TB, who, method, path string, body any) (int, []byte) {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, s.URL+path, r)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range s.Fixture.Auth(who) {
		req.Header.Set(k, v)
	}
	return s.send(t, req)
}

// Post sends a request with the given content type (a multipart form, say).
func (s *Server) Post(t testing.TB, who, path, contentType string, body io.Reader) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.URL+path, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	for k, v := range s.Fixture.Auth(who) {
		req.Header.Set(k, v)
	}
	return s.send(t, req)
}

func (s *Server) send(t testing.TB, req *http.Request) (int, []byte) {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res.StatusCode, b
}
