package hooks_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/search"

	. "github.com/pbchat/pbchat/internal/chattest"
)

// Every rule is answered by index seeks: no json_each over a relation, no
// scan of the members, conversations or messages tables, for a list (the
// rule, with the filter a list of members or messages must have: see
// access.Collection.ListBy) or a view (the rule for one record). A rule
// that scanned would cost what the whole table costs.
func TestRulesAreIndexSeeks(t *testing.T) {
	app := Load(t).NewApp(t)
	alice, err := app.FindRecordById("users", Alice)
	if err != nil {
		t.Fatal(err)
	}
	info := &core.RequestInfo{Auth: alice, Method: "GET"}
	for _, name := range []string{"conversations", "members", "messages", "reactions"} {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			t.Fatal(err)
		}
		rules := map[string]*string{"list": c.ListRule, "view": c.ViewRule, "update": c.UpdateRule, "delete": c.DeleteRule}
		for kind, rule := range rules {
			if rule == nil {
				continue // superusers only
			}
			q := app.ConcurrentDB().Select(c.Name + ".*").From(c.Name)
			switch {
			case kind != "list":
				q.AndWhere(dbx.HashExp{c.Name + ".id": "someid000000000"})
			case name == "reactions":
				q.AndWhere(dbx.HashExp{c.Name + ".message": MsgAB1})
			case name != "conversations":
				q.AndWhere(dbx.HashExp{c.Name + ".conversation": ConvAB})
			}
			resolver := core.NewRecordFieldResolver(app, c, info, true)
			expr, err := search.FilterData(*rule).BuildExpr(resolver)
			if err != nil {
				t.Fatal(err)
			}
			q.AndWhere(expr)
			if err := resolver.UpdateQuery(q); err != nil {
				t.Fatal(err)
			}
			sql := q.Build().SQL()
			if strings.Contains(sql, "json_each") {
				t.Errorf("%s %s rule uses json_each: %s", name, kind, sql)
			}
			var plan []struct {
				Detail string `db:"detail"`
			}
			if err := app.ConcurrentDB().NewQuery("EXPLAIN QUERY PLAN " + q.Build().SQL()).Bind(q.Build().Params()).All(&plan); err != nil {
				t.Fatalf("%s %s: %v", name, kind, err)
			}
			for _, step := range plan {
				if strings.HasPrefix(step.Detail, "SCAN ") && !strings.Contains(step.Detail, "CONSTANT ROW") {
					t.Errorf("%s %s rule scans (%s):\n%s", name, kind, step.Detail, sql)
				}
			}
		}
	}
}
