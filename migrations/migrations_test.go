package migrations_test

import (
	"slices"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"

	"github.com/pbchat/pbchat/migrations"
)

// The chat's steps, newest last.
var steps = []string{
	"1764000000_users_directory.go",
	"1764000001_conversations.go",
	"1764000002_messages.go",
	"1764000003_chat_events.go",
	"1764000004_members.go",
	"1764000005_replies.go",
	"1764000006_reactions.go",
	"1764000007_mentions.go",
	"1764000008_search.go",
	"1764000009_presence.go",
	"1764000010_files.go",
	"1764000011_mute.go",
	"1764000012_push.go",
	"1764000013_digests.go",
	"1764000014_product.go",
	"1764000015_search_scoped.go",
	"1764000016_abuse_limits.go",
	"1764000017_blocks.go",
	"1764000018_invitations.go",
	"1764000019_invite_links.go",
	"1764000020_reports.go",
	"1764000021_moderation.go",
	"1764000022_retention.go",
	"1764000023_versions.go",
	"1764000024_pins.go",
}

func TestMigrationsApplyAndRollBack(t *testing.T) {
	// An empty data dir: NewTestAppWithConfig runs every registered migration.
	app, err := tests.NewTestAppWithConfig(core.BaseAppConfig{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()

	const (
		member         = `members_via_conversation.user ?= @request.auth.id`
		inConversation = `conversation.members_via_conversation.user ?= @request.auth.id`
		user           = `@request.auth.collectionName = "users" && `
	)
	for name, rules := range map[string][5]string{
		"conversations": {member, member, `@request.auth.collectionName = "users"`, member,
			member + ` && members_via_conversation.role ?= "owner"`},
		"members": {inConversation, inConversation, user + inConversation, inConversation, inConversation},
		"messages": {user + inConversation, user + inConversation, user + inConversation,
			`author = @request.auth.id && ` + inConversation, `author = @request.auth.id && ` + inConversation},
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
	blocks, _ := app.FindCollectionByNameOrId("blocks")
	if blocks == nil || *blocks.ListRule != `blocker = @request.auth.id` || *blocks.ViewRule != `blocker = @request.auth.id` ||
		*blocks.CreateRule != `@request.auth.collectionName = "users" && blocker = @request.auth.id` ||
		blocks.UpdateRule != nil || *blocks.DeleteRule != `blocker = @request.auth.id` {
		t.Fatalf("blocks rules %+v", blocks)
	}
	members, _ := app.FindCollectionByNameOrId("members")
	if !slices.Equal(members.Indexes, []string{
		"CREATE UNIQUE INDEX `idx_members_conversation_user` ON `members` (conversation, user)",
		"CREATE INDEX `idx_members_user` ON `members` (user)",
	}) {
		t.Fatalf("members indexes %q", members.Indexes)
	}
	messages, _ := app.FindCollectionByNameOrId("messages")
	if !slices.Equal(messages.Indexes, []string{
		"CREATE INDEX `idx_messages_conversation_created_author` ON `messages` (conversation, created, author)",
		"CREATE INDEX `idx_messages_replyTo` ON `messages` (replyTo) WHERE replyTo != ''",
		"CREATE INDEX `idx_messages_author` ON `messages` (author) WHERE author != ''",
	}) {
		t.Fatalf("messages indexes %q", messages.Indexes)
	}
	users, _ := app.FindCollectionByNameOrId("users")
	if *users.ListRule != `@request.auth.id != ""` {
		t.Fatalf("users list rule %q", *users.ListRule)
	}
	if !app.HasTable("_chat_events") {
		t.Fatal("no journal table")
	}

	if s := app.Settings(); s.Meta.AppName != "pbchat" || !s.RateLimits.Enabled ||
		!slices.Equal(s.RateLimits.Rules, migrations.ChatRateLimits) {
		t.Fatalf("settings: app name %q, rate limits %v %v", s.Meta.AppName, s.RateLimits.Enabled, s.RateLimits.Rules)
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
	for _, name := range []string{"conversations", "members", "messages", "blocks", "invitations", "inviteLinks", "reports", "moderation", "messageVersions", "pins"} {
		if _, err := app.FindCollectionByNameOrId(name); err == nil {
			t.Fatalf("%s survived the rollback", name)
		}
	}
	if app.HasTable("_chat_events") {
		t.Fatal("the journal survived the rollback")
	}
	if s := app.Settings(); s.Meta.AppName != "Acme" || s.RateLimits.Enabled || len(s.RateLimits.Rules) != 0 {
		t.Fatalf("settings not restored: %q %v %v", s.Meta.AppName, s.RateLimits.Enabled, s.RateLimits.Rules)
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

// The members step moves what the participants arrays held, and its
// rollback puts it back.
func TestMembersStepMovesParticipants(t *testing.T) {
	app, err := tests.NewTestAppWithConfig(core.BaseAppConfig{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	runner := core.NewMigrationsRunner(app, core.AppMigrations)
	// back to before the members step, and the steps after it
	downToMembers := len(steps) - slices.Index(steps, "1764000004_members.go")
	if _, err := runner.Down(downToMembers); err != nil {
		t.Fatal(err)
	}

	// the old shape: ann created c1 with bob and cy; cy's c2 lost its creator
	users, _ := app.FindCollectionByNameOrId("users")
	for _, id := range []string{"ann000000000000", "bob000000000000", "cy0000000000000"} {
		u := core.NewRecord(users)
		u.Id = id
		u.SetEmail(id[:3] + "@example.com")
		u.SetPassword("password-1234")
		if err := app.Save(u); err != nil {
			t.Fatal(err)
		}
	}
	conversations, _ := app.FindCollectionByNameOrId("conversations")
	for _, c := range []struct {
		id, creator  string
		participants []string
	}{
		{"c10000000000000", "ann000000000000", []string{"bob000000000000", "ann000000000000", "cy0000000000000"}},
		{"c20000000000000", "", []string{"cy0000000000000", "bob000000000000"}},
	} {
		r := core.NewRecord(conversations)
		r.Id = c.id
		r.Set("createdBy", c.creator)
		r.Set("participants", c.participants)
		r.Set("lastMessageAt", "2025-01-01 00:00:00.000Z")
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	messages, _ := app.FindCollectionByNameOrId("messages")
	for i, text := range []string{"first", "last"} {
		m := core.NewRecord(messages)
		m.Id = []string{"m10000000000000", "m20000000000000"}[i]
		m.Set("conversation", "c10000000000000")
		m.Set("author", "ann000000000000")
		m.Set("text", text)
		if err := app.Save(m); err != nil {
			t.Fatal(err)
		}
	}

	if _, err := runner.Up(); err != nil {
		t.Fatal(err)
	}
	members := func(conv string) []string {
		ms, err := app.FindAllRecords("members", dbx.HashExp{"conversation": conv})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, m := range ms {
			out = append(out, m.GetString("user")[:3]+":"+m.GetString("role"))
		}
		slices.Sort(out)
		return out
	}
	if got := members("c10000000000000"); !slices.Equal(got, []string{"ann:owner", "bob:member", "cy0:member"}) {
		t.Fatalf("c1 members %v", got)
	}
	if got := members("c20000000000000"); !slices.Equal(got, []string{"bob:member", "cy0:owner"}) {
		t.Fatalf("c2 members %v: the first participant owns a conversation without its creator", got)
	}
	c1, _ := app.FindRecordById("conversations", "c10000000000000")
	if c1.GetString("lastMessage") == "" || c1.Get("participants") != nil {
		t.Fatalf("c1 after the step: %v", c1.PublicExport())
	}

	if _, err := runner.Down(downToMembers); err != nil {
		t.Fatal(err)
	}
	c1, _ = app.FindRecordById("conversations", "c10000000000000")
	if got := c1.GetStringSlice("participants"); !slices.Equal(got, []string{"ann000000000000", "bob000000000000", "cy0000000000000"}) {
		t.Fatalf("c1 participants restored as %v", got)
	}
	if app.HasTable("members") {
		t.Fatal("members survived the rollback")
	}
}
