package migrations_test

import (
	"os"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// The manual's rules table (docs/data-model.md) is what the admin UI shows: every rule of every
// chat collection, written out, nothing paraphrased.
func TestManualShowsTheRulesAsTheAdminUIDoes(t *testing.T) {
	app, err := tests.NewTestAppWithConfig(core.BaseAppConfig{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()

	readme, err := os.ReadFile("../docs/data-model.md")
	if err != nil {
		t.Fatal(err)
	}
	const start = "| collection | rule | as the admin UI shows it |"
	text := string(readme)
	i := strings.Index(text, start)
	if i < 0 {
		t.Fatalf("docs/data-model.md has no rules table starting %q", start)
	}
	documented := map[string]string{} // "collection rule" → cell
	collection := ""
	for _, line := range strings.Split(text[i:], "\n")[2:] {
		if !strings.HasPrefix(line, "|") {
			break
		}
		cells := strings.Split(strings.Trim(line, "|"), " | ")
		if len(cells) != 3 {
			t.Fatalf("a row of the rules table without three cells: %q", line)
		}
		if c := strings.Trim(strings.TrimSpace(cells[0]), "`"); c != "" {
			collection = c
		}
		documented[collection+" "+strings.TrimSpace(cells[1])] = strings.TrimSpace(cells[2])
	}

	want := map[string]string{}
	for _, name := range []string{"conversations", "members", "messages", "reactions", "blocks", "invitations", "inviteLinks", "reports", "moderation", "messageVersions", "pins", "pushSubscriptions", "users"} {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			t.Fatal(err)
		}
		for kind, rule := range map[string]*string{
			"List/Search": c.ListRule, "View": c.ViewRule, "Create": c.CreateRule, "Update": c.UpdateRule, "Delete": c.DeleteRule,
		} {
			want[name+" "+kind] = cell(rule)
		}
	}
	for key, cell := range want {
		if documented[key] != cell {
			t.Errorf("docs/data-model.md, %s: %s\nthe admin UI shows: %s", key, documented[key], cell)
		}
	}
	for key := range documented {
		if _, ok := want[key]; !ok {
			t.Errorf("docs/data-model.md documents %s, which no chat collection has", key)
		}
	}
}

// cell is a rule as the admin UI shows it: locked to superusers, open to
// everyone, or the rule's text.
func cell(rule *string) string {
	switch {
	case rule == nil:
		return "superusers only"
	case *rule == "":
		return "everyone"
	}
	return "`" + *rule + "`"
}
