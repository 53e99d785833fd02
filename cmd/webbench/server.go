package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// server is a pbchat process on demo data (pbchat seed) in a temporary
// data dir, on a free loopback port, in production mode.
type server struct {
	cmd  *exec.Cmd
	url  string
	dir  string
	done chan struct{}
}

func start(bin string) (*server, error) {
	dir, err := os.MkdirTemp("", "webbench-")
	if err != nil {
		return nil, err
	}
	if out, err := exec.Command(bin, "seed", "--dir="+dir).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("seed: %v: %s", err, out)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(bin, "serve", "--http="+addr, "--dir="+dir, "--dev=false")
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{cmd: cmd, url: "http://" + addr, dir: dir, done: make(chan struct{})}
	go func() { cmd.Wait(); close(s.done) }()
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if res, err := http.Get(s.url + "/api/health"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return s, nil
			}
		}
		if time.Now().After(deadline) {
			s.stop()
			return nil, errors.New("the server did not start in 30s")
		}
	}
}

func (s *server) stop() {
	s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
	}
	os.RemoveAll(s.dir)
}

// auth is a signed-in demo person: their token and record, as the SDK keeps them.
type auth struct {
	Token  string          `json:"token"`
	Record json.RawMessage `json:"record"`
	id     string
}

func (s *server) signIn(email string) (auth, error) {
	var a auth
	body, _ := json.Marshal(map[string]string{"identity": email, "password": "pbchat-demo"})
	res, err := http.Post(s.url+"/api/collections/users/auth-with-password", "application/json", bytes.NewReader(body))
	if err != nil {
		return a, err
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		b, _ := io.ReadAll(res.Body)
		return a, fmt.Errorf("sign in %s: %d %s", email, res.StatusCode, b)
	}
	if err := json.NewDecoder(res.Body).Decode(&a); err != nil {
		return a, err
	}
	var rec struct{ ID string }
	json.Unmarshal(a.Record, &rec)
	a.id = rec.ID
	return a, nil
}

// direct is the id of the demo's conversation of Alice and Bob alone.
func (s *server) direct(a auth) (string, error) {
	req, _ := http.NewRequest("GET", s.url+`/api/collections/conversations/records?perPage=50&filter=title=""`, nil)
	req.Header.Set("Authorization", a.Token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	var list struct{ Items []struct{ ID string } }
	if err := json.NewDecoder(res.Body).Decode(&list); err != nil || len(list.Items) == 0 {
		return "", fmt.Errorf("no direct conversation of Alice's: %v", err)
	}
	return list.Items[0].ID, nil
}
