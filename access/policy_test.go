package access_test

import (
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/pbchat/pbchat/access"
	. "github.com/pbchat/pbchat/internal/chattest"
)

// Every field of a policy collection is decided on: a field added to the
// schema without a line in the policy fails here. Every listed path
// exists, and what may be expanded is a single relation at each step, so
// that one record expands to at most one record per path.
func TestPolicyCoversTheSchema(t *testing.T) {
	app := Load(t).NewApp(t)
	// every collection the chat's migrations make (PocketBase's system
	// ones aside) is in the policy: outside it a collection counts as the
	// app's own and goes unchecked, so a new one fails here until it is
	// decided on
	all, err := app.FindAllCollections()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range all {
		if _, ok := access.DefaultPolicy()[c.Name]; !ok && !c.System {
			t.Errorf("collection %s is not in the policy: decide what clients may filter, sort and expand on", c.Name)
		}
	}
	for name, coll := range access.DefaultPolicy() {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range c.Fields {
			if _, ok := coll.Paths[f.GetName()]; !ok {
				t.Errorf("%s.%s is in the schema but not in the policy: decide what clients may do with it", name, f.GetName())
			}
		}
		for path, use := range coll.Paths {
			last, singles := resolve(t, app, c, path)
			if last == nil {
				t.Errorf("%s: %q names nothing in the schema", name, path)
				continue
			}
			if use&access.Expand != 0 && (!singles || last.Type() != core.FieldTypeRelation) {
				t.Errorf("%s: %q may be expanded but is not a chain of single relations", name, path)
			}
		}
	}
}

// resolve follows path through forward relations and returns its last
// field, and whether every relation on the way (the last included) holds
// at most one record.
func resolve(t *testing.T, app core.App, c *core.Collection, path string) (core.Field, bool) {
	singles := true
	segs := strings.Split(path, ".")
	for i, seg := range segs {
		f := c.Fields.GetByName(seg)
		if f == nil {
			return nil, false
		}
		rel, ok := f.(*core.RelationField)
		if ok && rel.IsMultiple() {
			singles = false
		}
		if i == len(segs)-1 {
			return f, singles
		}
		if !ok {
			return nil, false
		}
		next, err := app.FindCachedCollectionByNameOrId(rel.CollectionId)
		if err != nil {
			t.Fatal(err)
		}
		c = next
	}
	return nil, false
}

// The manual's table of what clients may filter, sort and expand on
// (docs/rest-api.md) is the policy's.
func TestManualShowsThePolicy(t *testing.T) {
	readme, err := os.ReadFile("../docs/rest-api.md")
	if err != nil {
		t.Fatal(err)
	}
	policy := access.DefaultPolicy()
	for _, name := range slices.Sorted(maps.Keys(policy)) {
		coll := policy[name]
		row := "| `" + name + "` | " + cell(coll.List(access.Filter)) + " | " + cell(coll.List(access.Sort)) + " | " + cell(coll.List(access.Expand)) + " |"
		if !strings.Contains(string(readme), row) {
			t.Errorf("docs/rest-api.md lacks the row\n%s", row)
		}
	}
}

func cell(paths []string) string {
	if len(paths) == 0 {
		return "none"
	}
	return "`" + strings.Join(paths, "`, `") + "`"
}
