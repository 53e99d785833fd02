package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
)

const (
	adminEmail    = "admin@chatbench.local"
	adminPassword = "chatbench-admin-1234"
	userPassword  = "chatbench-user-1234"
)

// user is a benchmark user and a long-lived auth token.
type user struct {
	ID, Token string
}

// world is what setup made: a data dir to copy for each run, its people and
// conversations.
type world struct {
	dir   string
	users []user
	dms   []string // dms[i] holds users 2i and 2i+1
	group string   // holds users [0, groupSize)
}

// setup creates the data dir once: a superuser, n users (the bcrypt cost
// of the users collection lowered so that making 10,000 takes seconds, not
// minutes; sign-in is not measured), the DM pairs and the group.
func setup(bin string, n, groupSize int, bar *progress) (*world, error) {
	dir, err := os.MkdirTemp("", "chatbench-template-")
	if err != nil {
		return nil, err
	}
	out, err := exec.Command(bin, "superuser", "upsert", adminEmail, adminPassword, "--dir="+dir).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("superuser: %v: %s", err, out)
	}
	srv, a, admin, err := serveAsAdmin(bin, dir)
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	ctx := context.Background()

	var users struct {
		Fields []map[string]any `json:"fields"`
	}
	if err := a.do(ctx, "GET", "/api/collections/users", admin, nil, &users); err != nil {
		return nil, err
	}
	for _, f := range users.Fields {
		if f["name"] == "password" {
			f["cost"] = 4
		}
	}
	if err := a.do(ctx, "PATCH", "/api/collections/users", admin, map[string]any{"fields": users.Fields}, nil); err != nil {
		return nil, err
	}

	w := &world{dir: dir, users: make([]user, n)}
	bar.start("setup: users", n)
	err = parallel(n, 8, func(i int) error {
		var rec struct{ ID string }
		email := fmt.Sprintf("u%05d@chatbench.local", i)
		if err := a.do(ctx, "POST", "/api/collections/users/records", admin, map[string]any{
			"email": email, "password": userPassword, "passwordConfirm": userPassword,
			"name": fmt.Sprintf("User %d", i), "verified": true,
			"whoCanAdd": "everyone", // a workspace: people add each other
		}, &rec); err != nil {
			return err
		}
		var tok struct{ Token string }
		if err := a.do(ctx, "POST", "/api/collections/users/impersonate/"+rec.ID, admin,
			map[string]any{"duration": 7 * 86400}, &tok); err != nil {
			return err
		}
		w.users[i] = user{ID: rec.ID, Token: tok.Token}
		bar.add(1)
		return nil
	})
	bar.finish()
	if err != nil {
		return nil, err
	}

	if groupSize == 0 {
		return w, nil // the caller makes its own conversations
	}
	newConv := func(members []user) (string, error) {
		ids := make([]string, len(members))
		for i, u := range members {
			ids[i] = u.ID
		}
		var rec struct{ ID string }
		// titled: two people have one untitled (direct) conversation, and
		// the benchmark may pair the same two twice
		err := a.do(ctx, "POST", "/api/collections/conversations/records", admin,
			map[string]any{"title": "bench", "members": ids, "createdBy": ids[0]}, &rec)
		return rec.ID, err
	}
	pairs := min(groupSize, n) / 2
	w.dms = make([]string, pairs)
	bar.start("setup: conversations", pairs+1)
	err = parallel(pairs, 8, func(i int) error {
		id, err := newConv(w.users[2*i : 2*i+2])
		w.dms[i] = id
		bar.add(1)
		return err
	})
	if err != nil {
		return nil, err
	}
	if w.group, err = newConv(w.users[:min(groupSize, n)]); err != nil {
		return nil, err
	}
	bar.add(1)
	bar.finish()
	return w, nil
}

// serveAsAdmin starts bin on dir and signs in as the benchmark's
// superuser; stop the server when done.
func serveAsAdmin(bin, dir string) (*server, *api, string, error) {
	srv, err := startServer(bin, dir)
	if err != nil {
		return nil, nil, "", err
	}
	a := newAPI(srv.url, 8)
	admin, err := a.superuser(context.Background())
	if err == nil {
		// The benchmarks measure the server, not the per-user posting
		// limits; the setting stays in the data dir, and its copies.
		err = a.do(context.Background(), "PATCH", "/api/settings", admin,
			map[string]any{"rateLimits": map[string]any{"enabled": false}}, nil)
	}
	if err != nil {
		srv.stop()
		return nil, nil, "", err
	}
	return srv, a, admin, nil
}

// superuser signs in as the benchmark's superuser and returns its token.
func (a *api) superuser(ctx context.Context) (string, error) {
	var auth struct{ Token string }
	err := a.do(ctx, "POST", "/api/collections/_superusers/auth-with-password", "",
		map[string]string{"identity": adminEmail, "password": adminPassword}, &auth)
	return auth.Token, err
}
