// Package chattest builds seeded chat apps for the tests of the other
// packages: a data dir with every migration applied and a few users,
// conversations and messages with known ids, cloned afresh for each test.
package chattest

import (
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/pbchat/pbchat/journal"
	_ "github.com/pbchat/pbchat/migrations"
	"github.com/pbchat/pbchat/search"
)

// Seeded ids. Alice created ConvAB with Bob; Carol created ConvCD with Dave.
// Every message is unread by the other member.
// Bob shows his email to others, the rest don't.
// They let everyone add them (whoCanAdd), so that tests of other things
// form groups freely; the tests of consent set it back to the default.
const (
	Alice = "alice0000000000"
	Bob   = "bob000000000000"
	Carol = "carol0000000000"
	Dave  = "dave00000000000"

	ConvAB = "convab000000000"
	ConvCD = "convcd000000000"

	// Members: the creator of each conversation is its owner.
	MemABAlice = "memabalice00000"
	MemABBob   = "memabbob0000000"
	MemCDCarol = "memcdcarol00000"
	MemCDDave  = "memcddave000000"

	MsgAB1 = "msgab1000000000" // by Alice
	MsgAB2 = "msgab2000000000" // by Bob
	MsgCD1 = "msgcd1000000000" // by Carol

	Password       = "password-1234"
	SuperuserEmail = "admin@example.com"
)

// Email returns the seeded email of a user id.
func Email(id string) string { return id[:3] + "@example.com" }

// Fixture is a seeded data dir and the auth tokens of its people.
type Fixture struct {
	Dir string

	// Tokens maps each seeded user id to a users auth token.
	Tokens map[string]string

	// Superuser is a superuser's auth token.
	Superuser string
}

var (
	once    sync.Once
	fixture *Fixture
	initErr error
)

// Load returns the process-wide fixture, building it on first use. Call
// Cleanup from TestMain to remove it.
func Load(t testing.TB) *Fixture {
	t.Helper()
	once.Do(func() { fixture, initErr = build() })
	if initErr != nil {
		t.Fatalf("chattest: %v", initErr)
	}
	return fixture
}

// Main runs a package's tests, then removes the fixture: call it from
// TestMain.
func Main(m *testing.M) {
	code := m.Run()
	Cleanup()
	os.Exit(code)
}

// Cleanup removes the fixture's data dir, if one was built.
func Cleanup() {
	if fixture != nil {
		os.RemoveAll(fixture.Dir)
	}
}

// NewApp returns a fresh app on a clone of the fixture's data. No chat
// hooks are registered: each test registers what it tests.
func (f *Fixture) NewApp(t testing.TB) *tests.TestApp {
	t.Helper()
	app, err := tests.NewTestAppWithConfig(core.BaseAppConfig{DataDir: f.Dir, EncryptionEnv: "pb_test_env"})
	if err != nil {
		t.Fatalf("chattest: new app: %v", err)
	}
	t.Cleanup(app.Cleanup)
	return app
}

// Auth returns the headers of a request by the given user id, or by a
// superuser for "superuser", or none for "".
func (f *Fixture) Auth(who string) map[string]string {
	switch who {
	case "":
		return nil
	case "superuser":
		return map[string]string{"Authorization": f.Superuser}
	}
	return map[string]string{"Authorization": f.Tokens[who]}
}

func build() (*Fixture, error) {
	dir, err := os.MkdirTemp("", "pbchat_fixture_*")
	if err != nil {
		return nil, err
	}
	// NewTestAppWithConfig clones dir and runs every migration on the clone.
	app, err := tests.NewTestAppWithConfig(core.BaseAppConfig{DataDir: dir, EncryptionEnv: "pb_test_env"})
	os.RemoveAll(dir)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	defer app.ResetBootstrapState()

	f := &Fixture{Dir: app.DataDir(), Tokens: map[string]string{}}
	if err := seed(app, f); err != nil {
		os.RemoveAll(f.Dir)
		return nil, fmt.Errorf("seed: %w", err)
	}
	return f, nil
}

func seed(app core.App, f *Fixture) error {
	su, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		return err
	}
	admin := core.NewRecord(su)
	admin.SetEmail(SuperuserEmail)
	admin.SetPassword(Password)
	if err := app.Save(admin); err != nil {
		return err
	}
	if f.Superuser, err = admin.NewAuthToken(); err != nil {
		return err
	}

	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	for _, u := range []struct{ id, name string }{
		{Alice, "Alice Archer"}, {Bob, "Bob Baker"}, {Carol, "Carol Chen"}, {Dave, "Dave Diaz"},
	} {
		r := core.NewRecord(users)
		r.Id = u.id
		r.SetEmail(Email(u.id))
		r.SetPassword(Password)
		r.SetVerified(true)
		r.SetEmailVisibility(u.id == Bob)
		r.Set("name", u.name)
		r.Set("whoCanAdd", "everyone")
		if err := app.Save(r); err != nil {
			return fmt.Errorf("user %s: %w", u.id, err)
		}
		if f.Tokens[u.id], err = r.NewAuthToken(); err != nil {
			return err
		}
	}

	conversations, err := app.FindCollectionByNameOrId("conversations")
	if err != nil {
		return err
	}
	for _, c := range []struct{ id, title, creator, other string }{
		{ConvAB, "Alice & Bob", Alice, Bob}, {ConvCD, "Carol & Dave", Carol, Dave},
	} {
		r := core.NewRecord(conversations)
		r.Id = c.id
		r.Set("title", c.title)
		r.Set("createdBy", c.creator)
		r.Set("lastMessageAt", "2025-01-01 00:00:00.000Z")
		if err := app.Save(r); err != nil {
			return fmt.Errorf("conversation %s: %w", c.id, err)
		}
	}

	members, err := app.FindCollectionByNameOrId("members")
	if err != nil {
		return err
	}
	for _, m := range []struct{ id, conv, user, role string }{
		{MemABAlice, ConvAB, Alice, "owner"}, {MemABBob, ConvAB, Bob, "member"},
		{MemCDCarol, ConvCD, Carol, "owner"}, {MemCDDave, ConvCD, Dave, "member"},
	} {
		r := core.NewRecord(members)
		r.Id = m.id
		r.Set("conversation", m.conv)
		r.Set("user", m.user)
		r.Set("role", m.role)
		r.Set("lastReadAt", "2025-01-01 00:00:00.000Z")
		if err := app.Save(r); err != nil {
			return fmt.Errorf("member %s: %w", m.id, err)
		}
	}

	messages, err := app.FindCollectionByNameOrId("messages")
	if err != nil {
		return err
	}
	for _, m := range []struct{ id, conv, author, text string }{
		{MsgAB1, ConvAB, Alice, "hello bob"}, {MsgAB2, ConvAB, Bob, "hi alice"}, {MsgCD1, ConvCD, Carol, "secret of carol"},
	} {
		r := core.NewRecord(messages)
		r.Id = m.id
		r.Set("conversation", m.conv)
		r.Set("author", m.author)
		r.Set("text", m.text)
		if err := app.Save(r); err != nil {
			return fmt.Errorf("message %s: %w", m.id, err)
		}
	}

	// as the hooks keep them: each conversation's latest message
	_, err = app.DB().NewQuery(`UPDATE conversations SET
		lastMessage = (SELECT id FROM messages m WHERE m.conversation = conversations.id ORDER BY created DESC, id DESC LIMIT 1),
		lastMessageAt = (SELECT MAX(created) FROM messages m WHERE m.conversation = conversations.id)`).Execute()
	if err != nil {
		return err
	}

	// saved without the hooks: index them for search as the hooks would have
	if err := search.Rebuild(app); err != nil {
		return err
	}

	// Every clone starts with an empty journal: tests count what they cause.
	_, err = app.DB().NewQuery("DELETE FROM {{" + journal.Table + "}}").Execute()
	return err
}

// Recorder is an in-memory Sender: it keeps every event it is handed.
type Recorder struct {
	mu     sync.Mutex
	events []journal.Event
}

// Send records ev.
func (r *Recorder) Send(ev journal.Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, ev)
}

// Events returns a copy of what was sent so far.
func (r *Recorder) Events() []journal.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]journal.Event(nil), r.events...)
}
