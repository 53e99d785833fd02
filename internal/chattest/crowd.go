package chattest

import (
	"fmt"
	"sync"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"golang.org/x/crypto/bcrypt"
)

var (
	hashOnce sync.Once
	hash     string
)

// Person is a generated user and their auth token.
type Person struct {
	ID, Token string
}

// AddUsers creates n users with ids prefixed by prefix, faster than
// signing each up: the password is hashed once for all of them.
func AddUsers(t testing.TB, app core.App, prefix string, n int) []Person {
	t.Helper()
	hashOnce.Do(func() {
		b, err := bcrypt.GenerateFromPassword([]byte(Password), bcrypt.MinCost)
		if err != nil {
			panic(err)
		}
		hash = string(b)
	})
	users, err := app.FindCachedCollectionByNameOrId("users")
	if err != nil {
		t.Fatal(err)
	}
	people := make([]Person, n)
	err = app.RunInTransaction(func(tx core.App) error {
		for i := range people {
			r := core.NewRecord(users)
			r.Id = fmt.Sprintf("%s%0*d", prefix, 15-len(prefix), i)
			r.SetEmail(r.Id + "@example.com")
			r.SetRaw(core.FieldNamePassword, &core.PasswordFieldValue{Hash: hash})
			r.RefreshTokenKey()
			r.SetVerified(true)
			r.Set("name", fmt.Sprintf("Person %d", i))
			r.Set("whoCanAdd", "everyone") // a crowd forms groups freely
			if err := tx.SaveNoValidate(r); err != nil {
				return err
			}
			token, err := r.NewAuthToken()
			if err != nil {
				return err
			}
			people[i] = Person{ID: r.Id, Token: token}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("chattest: add users: %v", err)
	}
	return people
}

// AddConversation creates a conversation of the given people, the first
// its creator and owner, through the hooks like any other save: register
// them first.
func AddConversation(t testing.TB, app core.App, people []Person) string {
	t.Helper()
	col, err := app.FindCachedCollectionByNameOrId("conversations")
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, len(people))
	for i, p := range people {
		ids[i] = p.ID
	}
	r := core.NewRecord(col)
	r.Set("createdBy", ids[0])
	r.Set("members", ids[1:])
	if err := app.Save(r); err != nil {
		t.Fatalf("chattest: add conversation: %v", err)
	}
	return r.Id
}
