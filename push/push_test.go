package push_test

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/pbchat/pbchat/hooks"
	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/push"
	"github.com/pbchat/pbchat/realtime"
)

func TestMain(m *testing.M) { Main(m) }

// device is a browser's push subscription: the test holds its private key
// and auth secret, as the browser would, to decrypt what arrives.
type device struct {
	path string
	key  *ecdh.PrivateKey
	auth []byte
}

func newDevice(t *testing.T, path string) *device {
	key, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	auth := make([]byte, 16)
	rand.Read(auth)
	return &device{path: path, key: key, auth: auth}
}

// received is one push as the service got it.
type received struct {
	device  string
	ttl     string
	topic   string
	payload push.Payload
}

// service is a local push service: it checks each push's VAPID token
// against the server's public key, decrypts it (RFC 8291, aes128gcm) with
// the device's keys, and answers as told.
type service struct {
	t       *testing.T
	srv     *httptest.Server
	vapid   []byte // the server's public key, as /api/chat/push/key gives it
	mu      sync.Mutex
	devices map[string]*device
	got     []received
	answers map[string][]int // per device path, statuses to answer first
}

func newService(t *testing.T) *service {
	s := &service{t: t, devices: map[string]*device{}, answers: map[string][]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.handle))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *service) handle(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.devices[r.URL.Path]
	if d == nil {
		http.Error(w, "unknown", http.StatusNotFound)
		return
	}
	if answers := s.answers[r.URL.Path]; len(answers) > 0 {
		s.answers[r.URL.Path] = answers[1:]
		w.WriteHeader(answers[0])
		return
	}
	if err := s.checkVAPID(r.Header.Get("Authorization")); err != nil {
		s.t.Errorf("VAPID: %v", err)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	body, _ := io.ReadAll(r.Body)
	plain, err := decrypt(body, d)
	if err != nil || r.Header.Get("Content-Encoding") != "aes128gcm" {
		s.t.Errorf("decrypt (%s): %v", r.Header.Get("Content-Encoding"), err)
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	var p push.Payload
	if err := json.Unmarshal(plain, &p); err != nil {
		s.t.Errorf("payload %q: %v", plain, err)
	}
	s.got = append(s.got, received{device: r.URL.Path, ttl: r.Header.Get("TTL"), topic: r.Header.Get("Topic"), payload: p})
	w.WriteHeader(http.StatusCreated)
}

// checkVAPID verifies "vapid t=<jwt>, k=<key>": the key is the server's,
// the token is signed with it (ES256) for this service's origin and not
// expired.
func (s *service) checkVAPID(h string) error {
	rest, ok := strings.CutPrefix(h, "vapid t=")
	if !ok {
		return fmt.Errorf("no vapid token in %q", h)
	}
	token, key, _ := strings.Cut(rest, ", k=")
	k, err := base64.RawURLEncoding.DecodeString(key)
	if err != nil || string(k) != string(s.vapid) {
		return errors.New("the key is not the server's public key")
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return errors.New("not a JWT")
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil || len(sig) != 64 {
		return errors.New("bad signature encoding")
	}
	pub, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), k)
	if err != nil {
		return err
	}
	digest := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if !ecdsa.Verify(pub, digest[:], new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])) {
		return errors.New("the signature doesn't verify")
	}
	claims, _ := base64.RawURLEncoding.DecodeString(parts[1])
	var c struct {
		Aud string `json:"aud"`
		Exp int64  `json:"exp"`
		Sub string `json:"sub"`
	}
	if err := json.Unmarshal(claims, &c); err != nil {
		return err
	}
	if c.Aud != s.srv.URL || c.Exp < time.Now().Unix() || c.Sub != "mailto:ops@example.com" {
		return fmt.Errorf("claims %+v", c)
	}
	return nil
}

// decrypt opens an aes128gcm body (RFC 8188) with the keys of RFC 8291.
func decrypt(body []byte, d *device) ([]byte, error) {
	if len(body) < 21 {
		return nil, errors.New("short body")
	}
	salt, idlen := body[:16], int(body[20])
	_ = binary.BigEndian.Uint32(body[16:20]) // the record size: one record here
	serverKey := body[21 : 21+idlen]
	ciphertext := body[21+idlen:]
	as, err := ecdh.P256().NewPublicKey(serverKey)
	if err != nil {
		return nil, err
	}
	shared, err := d.key.ECDH(as)
	if err != nil {
		return nil, err
	}
	prkKey, err := hkdf.Extract(sha256.New, shared, d.auth)
	if err != nil {
		return nil, err
	}
	info := append(append([]byte("WebPush: info\x00"), d.key.PublicKey().Bytes()...), serverKey...)
	ikm, err := hkdf.Expand(sha256.New, prkKey, string(info), 32)
	if err != nil {
		return nil, err
	}
	prk, err := hkdf.Extract(sha256.New, ikm, salt)
	if err != nil {
		return nil, err
	}
	cek, _ := hkdf.Expand(sha256.New, prk, "Content-Encoding: aes128gcm\x00", 16)
	nonce, _ := hkdf.Expand(sha256.New, prk, "Content-Encoding: nonce\x00", 12)
	block, err := aes.NewCipher(cek)
	if err != nil {
		return nil, err
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	plain, err := gcm.Open(nil, nonce, ciphertext, nil)
	if err != nil {
		return nil, err
	}
	i := len(plain) - 1
	for i >= 0 && plain[i] == 0 {
		i--
	}
	if i < 0 || plain[i] != 2 {
		return nil, errors.New("no padding delimiter")
	}
	return plain[:i], nil
}

// env is a served app with the hooks, a hub and push to a local service.
type env struct {
	*Server
	push    *service
	service *push.Service
}

func newEnv(t *testing.T, config push.Config) *env {
	f := Load(t)
	app := f.NewApp(t)
	hub := realtime.MustRegister(app, realtime.Config{})
	hooks.MustRegister(app, hooks.Config{Sender: hub})
	ps := newService(t)
	config.AllowEndpoint = func(endpoint string) bool { return strings.HasPrefix(endpoint, ps.srv.URL+"/") }
	config.Subscriber = "mailto:ops@example.com"
	config.Workers = 1 // in order: a later push arriving says an earlier one won't
	config.Backoff = 5 * time.Millisecond
	svc := push.MustRegister(app, hub, config)
	e := &env{Server: f.Serve(t, app), push: ps, service: svc}
	var key struct{ PublicKey string }
	st, b := e.Do(t, "", "GET", push.KeyPath, nil)
	if st != 200 || json.Unmarshal(b, &key) != nil || strings.Contains(string(b), "rivate") {
		t.Fatalf("the key route: %d %s", st, b)
	}
	ps.vapid, _ = base64.RawURLEncoding.DecodeString(key.PublicKey)
	return e
}

// subscribe registers a device of who through the REST API.
func (e *env) subscribe(t *testing.T, who, path string) *device {
	d := newDevice(t, path)
	e.push.mu.Lock()
	e.push.devices[path] = d
	e.push.mu.Unlock()
	st, b := e.Do(t, who, "POST", "/api/collections/pushSubscriptions/records", map[string]any{
		"endpoint": e.push.srv.URL + path,
		"p256dh":   base64.RawURLEncoding.EncodeToString(d.key.PublicKey().Bytes()),
		"auth":     base64.RawURLEncoding.EncodeToString(d.auth),
	})
	if st != 200 {
		t.Fatalf("subscribe %s: %d %s", who, st, b)
	}
	return d
}

func (e *env) post(t *testing.T, who, conv, text string, extra map[string]any) {
	body := map[string]any{"conversation": conv, "text": text}
	for k, v := range extra {
		body[k] = v
	}
	if st, b := e.Do(t, who, "POST", "/api/collections/messages/records", body); st != 200 {
		t.Fatalf("post: %d %s", st, b)
	}
}

// waitFor waits until the service has n pushes.
func (e *env) waitFor(t *testing.T, n int) []received {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		e.push.mu.Lock()
		got := append([]received(nil), e.push.got...)
		e.push.mu.Unlock()
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d pushes came, want %d: %+v", len(got), n, got)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestPushReachesMembersAwayAndNobodyElse(t *testing.T) {
	e := newEnv(t, push.Config{})
	e.subscribe(t, Bob, "/bob")
	e.subscribe(t, Carol, "/carol")
	e.subscribe(t, Dave, "/dave")

	e.post(t, Alice, ConvAB, "are you there, Bob?", nil)
	got := e.waitFor(t, 1)[0]
	if got.device != "/bob" || got.payload.Title != "Alice Archer in Alice & Bob" || got.payload.Body != "are you there, Bob?" ||
		got.payload.Conversation != ConvAB || got.topic != ConvAB || got.ttl != "86400" {
		t.Fatalf("the push %+v", got)
	}

	// Bob with a socket open: nothing by push. Then Dave's marker arrives
	// alone: with one worker, anything for Bob would have come before it.
	ws, _, err := websocket.DefaultDialer.Dial("ws"+strings.TrimPrefix(e.URL, "http")+realtime.SocketPath,
		http.Header{"Authorization": {e.Fixture.Tokens[Bob]}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := ws.ReadMessage(); err != nil { // ready
		t.Fatal(err)
	}
	e.post(t, Alice, ConvAB, "while you're here", nil)
	e.post(t, Carol, ConvCD, "marker 1", nil)
	if got := e.waitFor(t, 2); got[1].device != "/dave" {
		t.Fatalf("pushed %+v", got)
	}
	ws.Close()
	time.Sleep(100 * time.Millisecond) // the server sees the socket go

	// Muted: nothing, except a mention where Bob asked for that.
	mute := func(v bool) {
		if st, b := e.Do(t, Bob, "PATCH", "/api/collections/members/records/"+MemABBob, map[string]any{"muted": v}); st != 200 {
			t.Fatalf("%d %s", st, b)
		}
	}
	mute(true)
	e.post(t, Alice, ConvAB, "muted", nil)
	e.Do(t, Bob, "PATCH", "/api/collections/users/records/"+Bob, map[string]any{"mentionsBreakMute": true})
	e.post(t, Alice, ConvAB, "@Bob this one", map[string]any{"mentions": []string{Bob}})
	got2 := e.waitFor(t, 3)
	if got2[2].device != "/bob" || got2[2].payload.Body != "@Bob this one" {
		t.Fatalf("pushed %+v", got2)
	}
	mute(false)

	// Someone who left gets nothing more of it.
	if st, b := e.Do(t, Bob, "DELETE", "/api/collections/members/records/"+MemABBob, nil); st != 204 {
		t.Fatalf("%d %s", st, b)
	}
	e.post(t, Alice, ConvAB, "after you left", nil)
	e.post(t, Carol, ConvCD, "marker 2", nil)
	if got := e.waitFor(t, 4); got[3].device != "/dave" || len(got) != 4 {
		t.Fatalf("pushed %+v", got)
	}
	for _, g := range e.waitFor(t, 4) {
		if g.device == "/carol" {
			t.Fatalf("Carol, in neither conversation, got %+v", g)
		}
	}
}

// A 429 or a 5xx is tried again; a 404 or 410 drops the subscription.
func TestPushRetriesAndPrunes(t *testing.T) {
	e := newEnv(t, push.Config{PrivatePreviews: true})
	e.subscribe(t, Bob, "/bob")
	e.subscribe(t, Dave, "/dave")
	e.push.mu.Lock()
	e.push.answers["/bob"] = []int{http.StatusTooManyRequests, http.StatusServiceUnavailable}
	e.push.answers["/dave"] = []int{http.StatusGone}
	e.push.mu.Unlock()

	e.post(t, Alice, ConvAB, "secret plans", nil)
	got := e.waitFor(t, 1)[0]
	if got.device != "/bob" || got.payload.Body != "New message" || strings.Contains(fmt.Sprint(got.payload), "secret") {
		t.Fatalf("after two refusals: %+v", got)
	}
	e.post(t, Carol, ConvCD, "for dave", nil)
	deadline := time.Now().Add(5 * time.Second)
	for e.service.Stats().Pruned == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n, _ := e.App.CountRecords(push.Subscriptions); n != 1 {
		t.Fatalf("%d subscriptions left after a 410, want Bob's alone", n)
	}
}

// Subscriptions are their user's alone; endpoints are held to the allowed
// push services.
func TestSubscriptionsAreOwnAndChecked(t *testing.T) {
	e := newEnv(t, push.Config{})
	e.subscribe(t, Bob, "/bob")
	st, b := e.Do(t, Alice, "GET", "/api/collections/pushSubscriptions/records", nil)
	if st != 200 || strings.Contains(string(b), "/bob") {
		t.Fatalf("Alice lists Bob's subscription: %d %s", st, b)
	}
	st, b = e.Do(t, Alice, "POST", "/api/collections/pushSubscriptions/records", map[string]any{
		"endpoint": "http://169.254.169.254/latest/meta-data", "p256dh": "x", "auth": "y",
	})
	if st != 400 || !strings.Contains(string(b), "validation_unknown_push_service") {
		t.Fatalf("an endpoint of no push service: %d %s", st, b)
	}
	for endpoint, want := range map[string]bool{
		"https://fcm.googleapis.com/fcm/send/abc":            true,
		"https://updates.push.services.mozilla.com/wpush/v2": true,
		"https://db5p.notify.windows.com/w/?token=x":         true,
		"https://web.push.apple.com/abc":                     true,
		"http://fcm.googleapis.com/fcm/send/abc":             false,
		"https://fcm.googleapis.com.evil.example/x":          false,
		"https://user@fcm.googleapis.com/x":                  false,
		"https://localhost/x":                                false,
		"https://fcm.googleapis.com:443/fcm/send/abc":        true,
		"https://fcm.googleapis.com:8443/fcm/send/abc":       false,
		"https://web.push.apple.com:22/abc":                  false,
	} {
		if got := push.KnownServices(endpoint); got != want {
			t.Errorf("KnownServices(%q) = %v", endpoint, got)
		}
	}
}

// Nobody is pushed what someone they block wrote, mention or not; lifted,
// they are again.
func TestPushSkipsWhatABlockedPersonWrote(t *testing.T) {
	e := newEnv(t, push.Config{})
	e.subscribe(t, Bob, "/bob")
	e.subscribe(t, Dave, "/dave")
	st, b := e.Do(t, Bob, "POST", "/api/collections/blocks/records", map[string]any{"blocker": Bob, "blocked": Alice})
	if st != 200 {
		t.Fatalf("%d %s", st, b)
	}
	var block struct{ ID string }
	json.Unmarshal(b, &block)
	e.post(t, Alice, ConvAB, "@Bob blocked", map[string]any{"mentions": []string{Bob}})
	e.post(t, Carol, ConvCD, "marker", nil)
	if got := e.waitFor(t, 1); got[0].device != "/dave" {
		t.Fatalf("pushed %+v", got)
	}
	if st, b := e.Do(t, Bob, "DELETE", "/api/collections/blocks/records/"+block.ID, nil); st != 204 {
		t.Fatalf("%d %s", st, b)
	}
	e.post(t, Alice, ConvAB, "lifted", nil)
	if got := e.waitFor(t, 2); got[1].device != "/bob" || got[1].payload.Body != "lifted" {
		t.Fatalf("pushed %+v", got)
	}
}
