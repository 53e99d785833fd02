//go:build faults

// Package faults runs pbchat as real processes (a server; a real
// nats-server, a primary and three edges) and kills them with SIGKILL,
// several times, while people post and listen. make test runs a short
// form (go test -tags faults), make soak a long one (-rounds).
package faults

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var rounds = flag.Int("rounds", 3, "kill -9 rounds of each fault (make soak raises it)")

const (
	adminEmail = "admin@faults.test"
	password   = "faults-password-1234"
	secret     = "a-shared-secret-for-the-fault-test"
)

// binaries builds pbchat (unless $PBCHAT_BIN names one) and nats-server
// from the module's own dependency, once per run.
var binaries = sync.OnceValues(func() (map[string]string, error) {
	dir, err := os.MkdirTemp("", "pbchat-faults-bin-")
	if err != nil {
		return nil, err
	}
	out := map[string]string{"pbchat": os.Getenv("PBCHAT_BIN"), "nats-server": filepath.Join(dir, "nats-server")}
	if out["pbchat"] == "" {
		out["pbchat"] = filepath.Join(dir, "pbchat")
		if b, err := exec.Command("go", "build", "-o", out["pbchat"], "github.com/pbchat/pbchat").CombinedOutput(); err != nil {
			return nil, fmt.Errorf("build pbchat: %v\n%s", err, b)
		}
	} else if abs, err := filepath.Abs(filepath.Join("../..", out["pbchat"])); err == nil && !filepath.IsAbs(out["pbchat"]) {
		out["pbchat"] = abs
	}
	if b, err := exec.Command("go", "build", "-o", out["nats-server"], "github.com/nats-io/nats-server/v2").CombinedOutput(); err != nil {
		return nil, fmt.Errorf("build nats-server: %v\n%s", err, b)
	}
	return out, nil
})

func binary(t *testing.T, name string) string {
	t.Helper()
	bins, err := binaries()
	if err != nil {
		t.Fatal(err)
	}
	return bins[name]
}

// proc is one process, started again with the same arguments (the same
// data dir, the same port) after each kill.
type proc struct {
	t     *testing.T
	name  string
	bin   string
	args  []string
	ready func() bool
	env   []string

	mu   sync.Mutex
	cmd  *exec.Cmd
	done chan struct{}
	log  bytes.Buffer
}

func (p *proc) start() {
	p.t.Helper()
	cmd := exec.Command(p.bin, p.args...)
	cmd.Env = append(os.Environ(), p.env...)
	cmd.Stdout, cmd.Stderr = &p.log, &p.log
	p.mu.Lock()
	if err := cmd.Start(); err != nil {
		p.mu.Unlock()
		p.t.Fatalf("%s: %v", p.name, err)
	}
	done := make(chan struct{})
	p.cmd, p.done = cmd, done
	p.mu.Unlock()
	go func() { cmd.Wait(); close(done) }()
	deadline := time.Now().Add(30 * time.Second)
	for !p.ready() {
		select {
		case <-done:
			p.t.Fatalf("%s exited at start:\n%s", p.name, p.log.String())
		default:
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("%s did not start in 30s:\n%s", p.name, p.log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// kill9 kills the process with SIGKILL: no shutdown of any kind.
func (p *proc) kill9() {
	p.mu.Lock()
	cmd, done := p.cmd, p.done
	p.mu.Unlock()
	cmd.Process.Signal(syscall.SIGKILL)
	<-done
}

// stop ends the process with SIGTERM, as a deploy does.
func (p *proc) stop() {
	p.mu.Lock()
	cmd, done := p.cmd, p.done
	p.mu.Unlock()
	if cmd == nil {
		return
	}
	cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		cmd.Process.Kill()
		<-done
	}
}

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func healthy(url string) func() bool {
	return func() bool {
		res, err := http.Get(url + "/api/health")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == 200
	}
}

func listening(addr string) func() bool {
	return func() bool {
		c, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
		if err != nil {
			return false
		}
		c.Close()
		return true
	}
}

// newServer makes a data dir with a superuser and returns pbchat serve on
// it (not started), with resumes unbounded so that every gap is healed by
// a resume the test can check exactly.
func newServer(t *testing.T, extra ...string) (*proc, string) {
	t.Helper()
	dir := t.TempDir()
	bin := binary(t, "pbchat")
	if b, err := exec.Command(bin, "superuser", "upsert", adminEmail, password, "--dir="+dir).CombinedOutput(); err != nil {
		t.Fatalf("superuser: %v\n%s", err, b)
	}
	addr := freeAddr(t)
	url := "http://" + addr
	p := &proc{t: t, name: "pbchat serve", bin: bin, ready: healthy(url),
		args: append([]string{"serve", "--http=" + addr, "--dir=" + dir,
			"--chatResumeLimit=1000000", "--chatResumeBytes=1073741824"}, extra...)}
	t.Cleanup(p.stop)
	return p, url
}

// api is the REST API of the server at url.
type api struct{ url string }

// do sends a JSON request as token and decodes a 2xx answer into out; any
// other answer, or none, is an error carrying the status.
func (a api) do(method, path, token string, body, out any) (int, error) {
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, a.url+path, r)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	client := http.Client{Timeout: 10 * time.Second}
	res, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode/100 != 2 {
		return res.StatusCode, fmt.Errorf("%s %s: %d %s", method, path, res.StatusCode, b)
	}
	if out != nil {
		return res.StatusCode, json.Unmarshal(b, out)
	}
	return res.StatusCode, nil
}

func (a api) must(t *testing.T, method, path, token string, body, out any) {
	t.Helper()
	if _, err := a.do(method, path, token, body, out); err != nil {
		t.Fatal(err)
	}
}

// person is a signed-up user and a token of theirs.
type person struct {
	id, name, token string
}

// setup turns the posting limits off (the test posts faster than people)
// and signs up n people.
func setup(t *testing.T, a api, n int) (admin string, people []person) {
	t.Helper()
	var auth struct{ Token string }
	a.must(t, "POST", "/api/collections/_superusers/auth-with-password", "",
		map[string]string{"identity": adminEmail, "password": password}, &auth)
	a.must(t, "PATCH", "/api/settings", auth.Token, map[string]any{"rateLimits": map[string]any{"enabled": false}}, nil)
	for i := range n {
		name := fmt.Sprintf("p%02d", i)
		email := name + "@faults.test"
		var rec struct{ ID string }
		a.must(t, "POST", "/api/collections/users/records", "",
			// a team: each may add the others (the default asks strangers to invite)
			map[string]any{"name": name, "email": email, "password": password, "passwordConfirm": password, "whoCanAdd": "everyone"}, &rec)
		var u struct{ Token string }
		a.must(t, "POST", "/api/collections/users/auth-with-password", "",
			map[string]string{"identity": email, "password": password}, &u)
		people = append(people, person{id: rec.ID, name: name, token: u.Token})
	}
	return auth.Token, people
}

// waitUntil polls cond until it holds, or fails after d.
func waitUntil(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("%s did not happen within %s", what, d)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// newID is a message id the client chooses, as chat-client.js does.
func newID() string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 15)
	rand.Read(b)
	var s strings.Builder
	for _, c := range b {
		s.WriteByte(alphabet[int(c)%len(alphabet)])
	}
	return s.String()
}
