package main

import (
	"errors"
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"
)

// The demo's people and their password: printed, never for a real server.
const (
	demoPassword   = "pbchat-demo"
	demoSuperuser  = "admin@example.com"
	demoFirstEmail = "alice@example.com"
)

var demoPeople = []string{"Alice", "Bob", "Carol", "Dave"}

// demoConversations are said in order; "@Name" mentions a member.
var demoConversations = []struct {
	title   string
	members []string // the first creates it
	lines   [][2]string
}{
	{"Welcome to pbchat", []string{"Alice", "Bob", "Carol", "Dave"}, [][2]string{
		{"Alice", "Hi all! This is a live chat: open a second browser as someone else and talk to yourself."},
		{"Bob", "Messages arrive as they are sent; try replying, reacting, or @Alice to mention."},
		{"Carol", "Type /roll 2d6 if the demo's hooks are on (make demo), and Dice answers."},
	}},
	{"", []string{"Alice", "Bob"}, [][2]string{
		{"Bob", "Lunch at noon?"},
		{"Alice", "Sure, the usual place."},
	}},
	{"Weekend plans", []string{"Carol", "Alice", "Dave"}, [][2]string{
		{"Carol", "Hike on Saturday?"},
		{"Dave", "I'm in. @Alice?"},
	}},
}

// seedCommand is `pbchat seed`: a few people and conversations with known
// passwords, for a newcomer's first look. It refuses a database that has
// other people in it.
func seedCommand(app core.App) *cobra.Command {
	return &cobra.Command{
		Use:   "seed",
		Short: "Adds demo people (password " + demoPassword + ") and conversations to an empty database",
		Args:  cobra.NoArgs,
		// a refusal is a sentence, not the flags
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := app.RunAllMigrations(); err != nil {
				return fmt.Errorf("seed: migrate: %w", err)
			}
			if _, err := app.FindAuthRecordByEmail("users", demoFirstEmail); err == nil {
				printDemo(cmd)
				return nil // seeded already
			}
			if n, err := app.CountRecords("users"); err != nil || n > 0 {
				return errors.New("seed: this database already has users; seed an empty one (make demo uses pb_demo/)")
			}
			if err := app.RunInTransaction(seed); err != nil {
				return fmt.Errorf("seed: %w", err)
			}
			printDemo(cmd)
			return nil
		},
	}
}

func seed(tx core.App) error {
	admins, err := tx.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		return err
	}
	admin := core.NewRecord(admins)
	admin.SetEmail(demoSuperuser)
	admin.SetPassword(demoPassword)
	if err := tx.Save(admin); err != nil {
		return fmt.Errorf("superuser: %w", err)
	}

	users, err := tx.FindCollectionByNameOrId("users")
	if err != nil {
		return err
	}
	ids := map[string]string{}
	for _, name := range demoPeople {
		u := core.NewRecord(users)
		u.Set("name", name)
		u.SetEmail(demoEmail(name))
		u.SetPassword(demoPassword)
		u.SetVerified(true)
		if err := tx.Save(u); err != nil {
			return fmt.Errorf("user %s: %w", name, err)
		}
		ids[name] = u.Id
	}

	conversations, err := tx.FindCollectionByNameOrId("conversations")
	if err != nil {
		return err
	}
	messages, err := tx.FindCollectionByNameOrId("messages")
	if err != nil {
		return err
	}
	for _, c := range demoConversations {
		conv := core.NewRecord(conversations)
		conv.Set("title", c.title)
		conv.Set("createdBy", ids[c.members[0]])
		var others []string
		for _, name := range c.members[1:] {
			others = append(others, ids[name])
		}
		conv.Set("members", others) // the chat's hooks make them members
		if err := tx.Save(conv); err != nil {
			return fmt.Errorf("conversation %q: %w", c.title, err)
		}
		for _, line := range c.lines {
			m := core.NewRecord(messages)
			m.Set("conversation", conv.Id)
			m.Set("author", ids[line[0]])
			m.Set("text", line[1])
			var mentions []string
			for _, name := range c.members {
				if containsWord(line[1], "@"+name) {
					mentions = append(mentions, ids[name])
				}
			}
			m.Set("mentions", mentions)
			if err := tx.Save(m); err != nil {
				return fmt.Errorf("message %q: %w", line[1], err)
			}
		}
	}
	return nil
}

func containsWord(text, word string) bool {
	for i := 0; i+len(word) <= len(text); i++ {
		if text[i:i+len(word)] == word && (i+len(word) == len(text) || !isLetter(text[i+len(word)])) {
			return true
		}
	}
	return false
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

func demoEmail(name string) string {
	return fmt.Sprintf("%s@example.com", string(name[0]|0x20)+name[1:])
}

func printDemo(cmd *cobra.Command) {
	out := cmd.OutOrStdout()
	fmt.Fprintln(out, "Demo people, each with the password "+demoPassword+":")
	for _, name := range demoPeople {
		fmt.Fprintf(out, "  %-6s %s\n", name, demoEmail(name))
	}
	fmt.Fprintf(out, "Admin UI (/_/): %s, password %s\n", demoSuperuser, demoPassword)
}
