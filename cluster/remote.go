package cluster

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/pbchat/pbchat/journal"
	"github.com/pbchat/pbchat/realtime"
)

// requestWait bounds one question to the primary.
const requestWait = 10 * time.Second

// remoteStore is an edge's realtime.Store: it asks the primary.
type remoteStore struct {
	primary string // base URL
	secret  string
	client  *http.Client

	// stopped holds the seqs of events the primary's OnDeliver handlers
	// stopped, read from it but not yet delivered here.
	stopped *sync.Map
}

func newRemoteStore(primary, secret string, stopped *sync.Map) *remoteStore {
	return &remoteStore{
		primary: primary,
		secret:  secret,
		client:  &http.Client{Timeout: requestWait},
		stopped: stopped,
	}
}

// call sends a request to the primary's internal route and decodes its
// JSON answer into out. A 401 with a reason is a refusal of a token.
func (s *remoteStore) call(method, path string, query url.Values, body, out any) error {
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		r = bytes.NewReader(b)
	}
	u := s.primary + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	ctx, cancel := context.WithTimeout(context.Background(), requestWait)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, u, r)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+s.secret)
	req.Header.Set("Content-Type", "application/json")
	res, err := s.client.Do(req)
	if err != nil {
		return fmt.Errorf("primary %s: %w", path, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(io.LimitReader(res.Body, 64<<20))
	if err != nil {
		return fmt.Errorf("primary %s: %w", path, err)
	}
	if res.StatusCode == http.StatusUnauthorized && path == pathAuth {
		var refusal struct{ Reason string }
		if json.Unmarshal(b, &refusal) == nil && refusal.Reason != "" {
			r := realtime.Refusal(refusal.Reason)
			return &r
		}
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("primary %s: %d %s", path, res.StatusCode, bytes.TrimSpace(b))
	}
	if err := json.Unmarshal(b, out); err != nil {
		return fmt.Errorf("primary %s: %w", path, err)
	}
	return nil
}

// Authenticate implements realtime.Store.
func (s *remoteStore) Authenticate(token string) (realtime.Identity, error) {
	var id realtime.Identity
	if err := s.call(http.MethodPost, pathAuth, nil, map[string]string{"token": token}, &id); err != nil {
		return realtime.Identity{}, err
	}
	return id, nil
}

type bounds struct {
	First int64 `json:"first"`
	Last  int64 `json:"last"`
}

// Bounds implements realtime.Store.
func (s *remoteStore) Bounds() (int64, int64, error) {
	var b bounds
	err := s.call(http.MethodGet, pathBounds, nil, nil, &b)
	return b.First, b.Last, err
}

// Read implements realtime.Store, noting which events the primary stopped.
func (s *remoteStore) Read(after int64, limit int) ([]journal.Event, error) {
	var answer struct{ Events []wireEvent }
	q := url.Values{"after": {strconv.FormatInt(after, 10)}, "limit": {strconv.Itoa(limit)}}
	if err := s.call(http.MethodGet, pathEvents, q, nil, &answer); err != nil {
		return nil, err
	}
	events := make([]journal.Event, len(answer.Events))
	for i, w := range answer.Events {
		if w.Stopped {
			s.stopped.Store(w.Seq, struct{}{})
		}
		events[i] = w.Event
	}
	return events, nil
}

// MembersAt implements realtime.Store.
func (s *remoteStore) MembersAt(conv string, seq int64) ([]string, error) {
	var answer struct{ Members []string }
	q := url.Values{"conversation": {conv}, "seq": {strconv.FormatInt(seq, 10)}}
	err := s.call(http.MethodGet, pathMembers, q, nil, &answer)
	return answer.Members, err
}

type replayRequest struct {
	User     string `json:"user"`
	After    int64  `json:"after"`
	Through  int64  `json:"through"`
	Limit    int    `json:"limit"`
	MaxBytes int    `json:"maxBytes"`
}

type replayAnswer struct {
	Events []journal.Event `json:"events"`
	Read   int             `json:"read"`
	OK     bool            `json:"ok"`
}

// Replay implements realtime.Store: the primary runs its OnDeliver
// handlers for the user, and leaves out what they stop.
func (s *remoteStore) Replay(user string, after, through int64, limit, maxBytes int) ([]journal.Event, int, bool, error) {
	var a replayAnswer
	err := s.call(http.MethodPost, pathReplay, nil, replayRequest{user, after, through, limit, maxBytes}, &a)
	return a.Events, a.Read, a.OK, err
}

// Peers implements realtime.Store.
func (s *remoteStore) Peers(user string, maxMembers int) ([]string, error) {
	var answer struct{ Peers []string }
	err := s.call(http.MethodGet, pathPeers, url.Values{"user": {user}, "max": {strconv.Itoa(maxMembers)}}, nil, &answer)
	return answer.Peers, err
}

// Hidden implements realtime.Store.
func (s *remoteStore) Hidden(user string) bool {
	var answer struct{ Hidden bool }
	_ = s.call(http.MethodGet, pathHidden, url.Values{"user": {user}}, nil, &answer)
	return answer.Hidden
}

// Ties implements realtime.Store.
func (s *remoteStore) Ties(user string) (realtime.Ties, error) {
	var answer realtime.Ties
	err := s.call(http.MethodGet, pathTies, url.Values{"user": {user}}, nil, &answer)
	return answer, err
}
