package access

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/ganigeorgiev/fexpr"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/search"
)

// Refusal is a filter, sort or expand that names what clients may not use.
type Refusal struct {
	Param      string // "filter", "sort" or "expand"
	Collection string // the collection the request is about
	Path       string // as the client wrote it
	Reason     string
}

func (r *Refusal) Error() string {
	return fmt.Sprintf("%s on %s: %q %s", r.Param, r.Collection, r.Path, r.Reason)
}

// Message says what was refused and why, in a sentence.
func (r *Refusal) Message() string {
	return fmt.Sprintf("%q can't be used in %s on %s: %s.", r.Path, r.Param, r.Collection, r.Reason)
}

// Errors is the refusal as PocketBase's per-field error data, keyed by the
// query parameter.
func (r *Refusal) Errors() validation.Errors {
	return validation.Errors{r.Param: validation.NewError("validation_not_allowed", r.Message())}
}

// Identifiers that name no field: PocketBase's date macros and literals.
var literals = map[string]bool{
	"@now": true, "@yesterday": true, "@tomorrow": true, "@second": true, "@minute": true,
	"@hour": true, "@day": true, "@month": true, "@weekday": true, "@year": true,
	"@todayStart": true, "@todayEnd": true, "@monthStart": true, "@monthEnd": true,
	"@yearStart": true, "@yearEnd": true,
	"null": true, "true": true, "false": true,
}

var viaRegex = regexp.MustCompile(`^(\w+)_via_(\w+)$`)

// checker decides paths against a policy, loading collections from app.
type checker struct {
	app    core.App
	policy Policy
}

func (c *checker) filter(coll *core.Collection, filter string) *Refusal {
	groups, err := fexpr.Parse(filter)
	if err != nil {
		return &Refusal{"filter", coll.Name, filter, "isn't a valid filter (" + err.Error() + ")"}
	}
	return c.groups(coll, groups)
}

// pins reports whether filter requires one of fields to equal a value: an
// equality ANDed at its top level (or in a group so ANDed).
func pins(filter string, fields []string) bool {
	groups, err := fexpr.Parse(filter)
	return err == nil && pinsGroups(groups, fields)
}

func pinsGroups(groups []fexpr.ExprGroup, fields []string) bool {
	for i, g := range groups {
		if i > 0 && g.Join != fexpr.JoinAnd {
			return false // with an OR, no term is required
		}
	}
	for _, g := range groups {
		switch item := g.Item.(type) {
		case fexpr.Expr:
			if item.Op == fexpr.SignEq || item.Op == fexpr.SignAnyEq {
				if pinned(item.Left, item.Right, fields) || pinned(item.Right, item.Left, fields) {
					return true
				}
			}
		case fexpr.ExprGroup:
			if pinsGroups([]fexpr.ExprGroup{item}, fields) {
				return true
			}
		case []fexpr.ExprGroup:
			if pinsGroups(item, fields) {
				return true
			}
		}
	}
	return false
}

func pinned(field, value fexpr.Token, fields []string) bool {
	return field.Type == fexpr.TokenIdentifier && slices.Contains(fields, field.Literal) &&
		(value.Type == fexpr.TokenText || value.Type == fexpr.TokenNumber) && value.Literal != ""
}

func (c *checker) groups(coll *core.Collection, groups []fexpr.ExprGroup) *Refusal {
	for _, g := range groups {
		var err *Refusal
		switch item := g.Item.(type) {
		case fexpr.Expr:
			if err = c.token(coll, item.Left); err == nil {
				err = c.token(coll, item.Right)
			}
		case fexpr.ExprGroup:
			err = c.groups(coll, []fexpr.ExprGroup{item})
		case []fexpr.ExprGroup:
			err = c.groups(coll, item)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (c *checker) token(coll *core.Collection, t fexpr.Token) *Refusal {
	switch t.Type {
	case fexpr.TokenIdentifier:
		return c.identifier(coll, t.Literal, Filter)
	case fexpr.TokenFunction:
		args, _ := t.Meta.([]fexpr.Token)
		for _, a := range args {
			if err := c.token(coll, a); err != nil {
				return err
			}
		}
	}
	return nil
}

func (c *checker) sort(coll *core.Collection, sort string) *Refusal {
	for _, f := range search.ParseSortFromString(sort) {
		name := strings.TrimSpace(f.Name)
		if strings.HasPrefix(name, "@") {
			if _, ours := c.policy[coll.Name]; ours {
				return &Refusal{"sort", coll.Name, name, "is not a field clients may sort on"}
			}
			continue // @random, @rowid
		}
		if err := c.identifier(coll, name, Sort); err != nil {
			return err
		}
	}
	return nil
}

func (c *checker) expand(coll *core.Collection, expand string) *Refusal {
	for _, p := range strings.Split(expand, ",") {
		// as PocketBase normalizes them
		p = strings.Trim(strings.ReplaceAll(p, " ", ""), ".")
		if p == "" {
			continue
		}
		if reason := c.walk(coll, p, Expand); reason != "" {
			return &Refusal{Expand.String(), coll.Name, p, reason}
		}
	}
	return nil
}

// identifier checks one identifier of a filter or sort on coll.
func (c *checker) identifier(coll *core.Collection, ident string, use Use) *Refusal {
	reason := ""
	switch {
	case literals[ident] || literals[strings.ToLower(ident)]:
	case strings.HasPrefix(ident, "@"):
		// PocketBase itself keeps @request and @collection to superusers
		reason = "only date macros such as @now may be used"
	default:
		reason = c.walk(coll, ident, use)
	}
	if reason != "" {
		return &Refusal{use.String(), coll.Name, ident, reason}
	}
	return nil
}

// walk returns why path, from coll, may not be used so, or "". In a
// collection of the policy the path must be listed (an expand step by
// step: each relation it follows must be expandable where it starts);
// through the app's own collections it is followed until it enters one of
// the policy's.
func (c *checker) walk(coll *core.Collection, path string, use Use) string {
	if rules, ours := c.policy[coll.Name]; ours {
		if first, rest, nested := strings.Cut(path, "."); use == Expand && nested {
			if !rules.allows(first, Expand) {
				return "not among the paths clients may expand on " + coll.Name + " (see docs/rest-api.md)"
			}
			next := c.next(coll, first)
			if next == nil {
				return first + " is not a relation"
			}
			if reason := c.walk(next, rest, Expand); reason != "" {
				return "it reaches " + next.Name + "." + rest + ", " + reason
			}
			return ""
		}
		p, modifier, _ := strings.Cut(path, ":")
		switch {
		case !rules.allows(p, use):
			return "not among the paths clients may " + use.String() + " on " + coll.Name + " (see docs/rest-api.md)"
		case !allowsModifier(modifier, use):
			return "the :" + modifier + " modifier isn't allowed here"
		}
		return ""
	}

	segs := strings.Split(path, ".")
	for i, seg := range segs[:len(segs)-1] {
		next := c.next(coll, seg)
		if next == nil {
			return "" // a JSON path, or not a relation: PocketBase decides
		}
		if rules, ours := c.policy[next.Name]; ours {
			rest := strings.Join(segs[i+1:], ".")
			if use != Expand && !rules.Shared {
				return "it leads into " + next.Name
			}
			if reason := c.walk(next, rest, use); reason != "" {
				return "it reaches " + next.Name + "." + rest + ", " + reason
			}
			return ""
		}
		coll = next
	}
	return ""
}

// next is the collection a relation or back-relation step leads to, or nil.
func (c *checker) next(coll *core.Collection, seg string) *core.Collection {
	var id string
	if f := coll.Fields.GetByName(seg); f != nil {
		rel, ok := f.(*core.RelationField)
		if !ok {
			return nil
		}
		id = rel.CollectionId
	} else if m := viaRegex.FindStringSubmatch(seg); m != nil {
		id = m[1]
	}
	if id == "" {
		return nil
	}
	next, err := c.app.FindCachedCollectionByNameOrId(id)
	if err != nil {
		return nil
	}
	return next
}

func allowsModifier(m string, use Use) bool {
	switch m {
	case "":
		return true
	case "lower":
		return use != Expand
	case "length", "each":
		return use == Filter
	}
	return false
}
