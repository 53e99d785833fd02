package migrations

import (
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"
)

// Email digests: a user may turn them off (emailDigestsOff). Package
// digest keeps what it owes (_chat_digest_pending: a conversation with
// news for a member), what it sent (_chat_digests: when, per member and
// conversation) and where it is in the journal, with the secret that
// signs unsubscribe links (_chat_digest_state), so that a restart neither
// repeats nor forgets.
func init() {
	m.Register(func(app core.App) error {
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		users.Fields.Add(&core.BoolField{Name: "emailDigestsOff"})
		if err := app.Save(users); err != nil {
			return err
		}
		_, err = app.DB().NewQuery(`
			CREATE TABLE {{_chat_digest_state}} (
				[[id]]     INTEGER PRIMARY KEY CHECK ([[id]] = 1),
				[[seq]]    INTEGER NOT NULL,
				[[secret]] TEXT NOT NULL
			);
			CREATE TABLE {{_chat_digest_pending}} (
				[[user]]         TEXT NOT NULL,
				[[conversation]] TEXT NOT NULL,
				PRIMARY KEY ([[user]], [[conversation]])
			) WITHOUT ROWID;
			CREATE TABLE {{_chat_digests}} (
				[[user]]         TEXT NOT NULL,
				[[conversation]] TEXT NOT NULL,
				[[sentAt]]       TEXT NOT NULL,
				PRIMARY KEY ([[user]], [[conversation]])
			) WITHOUT ROWID;
		`).Execute()
		return err
	}, func(app core.App) error {
		_, err := app.DB().NewQuery(`DROP TABLE IF EXISTS {{_chat_digests}};
			DROP TABLE IF EXISTS {{_chat_digest_pending}}; DROP TABLE IF EXISTS {{_chat_digest_state}}`).Execute()
		if err != nil {
			return err
		}
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		users.Fields.RemoveByName("emailDigestsOff")
		return app.Save(users)
	})
}
