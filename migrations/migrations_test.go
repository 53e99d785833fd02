package migrations_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	_ "github.com/pbchat/pbchat/migrations"
)

// The chat's steps, newest last.
var steps = []string{
	"1764000000_users_directory.go",
	"1764000001_conversations.go",
	"1764000002_messages.go",
	"1764000003_chat_events.go",
}

func TestMigrationsApplyAndRollBack(t *testing.T) {
	// An empty data dir: NewTestAppWithConfig runs every registered migration.
	app, err := tests.NewTestAppWithConfig(core.BaseAppConfig{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()

	for name, rules := range map[string][5]string{
		"conversations": {
			`participants.id ?= @request.auth.id`, `participants.id ?= @request.auth.id`,
			`@request.auth.collectionName = "users"`, `participants.id ?= @request.auth.id`,
			`createdBy = @request.auth.id && participants.id ?= @request.auth.id`,
		},
		"messages": {
			`@request.auth.collectionName = "users" && conversation.participants.id ?= @request.auth.id`,
			`@request.auth.collectionName = "users" && conversation.participants.id ?= @request.auth.id`,
			`@request.auth.collectionName = "users" && conversation.participants.id ?= @request.auth.id`,
			`author = @request.auth.id && conversation.participants.id ?= @request.auth.id`,
			`author = @request.auth.id && conversation.participants.id ?= @request.auth.id`,
		},
	} {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got := [5]string{*c.ListRule, *c.ViewRule, *c.CreateRule, *c.UpdateRule, *c.DeleteRule}
		if got != rules {
			t.Fatalf("%s rules:\n%q\nwant\n%q", name, got, rules)
		}
	}
	messages, _ := app.FindCollectionByNameOrId("messages")
	if len(messages.Indexes) != 1 || messages.Indexes[0] != "CREATE INDEX `idx_messages_conversation_created` ON `messages` (conversation, created)" {
		t.Fatalf("messages indexes %q", messages.Indexes)
	}
	users, _ := app.FindCollectionByNameOrId("users")
	if *users.ListRule != `@request.auth.id != ""` {
		t.Fatalf("users list rule %q", *users.ListRule)
	}
	if !app.HasTable("_chat_events") {
		t.Fatal("no journal table")
	}

	reverted, err := core.NewMigrationsRunner(app, core.AppMigrations).Down(len(steps))
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range reverted {
		if want := steps[len(steps)-1-i]; name != want {
			t.Fatalf("reverted %v, want the chat's steps newest first %v", reverted, steps)
		}
	}
	for _, name := range []string{"conversations", "messages"} {
		if _, err := app.FindCollectionByNameOrId(name); err == nil {
			t.Fatalf("%s survived the rollback", name)
		}
	}
	if app.HasTable("_chat_events") {
		t.Fatal("the journal survived the rollback")
	}
	users, _ = app.FindCollectionByNameOrId("users")
	if *users.ListRule != "id = @request.auth.id" || *users.ViewRule != "id = @request.auth.id" {
		t.Fatalf("users rules not restored: %q %q", *users.ListRule, *users.ViewRule)
	}

	// and forward again
	if _, err := core.NewMigrationsRunner(app, core.AppMigrations).Up(); err != nil {
		t.Fatal(err)
	}
	if _, err := app.FindCollectionByNameOrId("messages"); err != nil {
		t.Fatal(err)
	}
}
