package push

import (
	"fmt"
	"sync"

	webpush "github.com/SherClockHolmes/webpush-go"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// keysTable holds the server's VAPID key pair, made on first use.
const keysTable = "_chat_push_keys"

// vapid is the server's key pair. The private half never leaves the
// database and the sending code: not logged, not served.
type vapid struct {
	mu      sync.Mutex
	private string
	public  string
}

// load reads the key pair, making and storing one the first time. Two
// servers starting at once keep the one stored first.
func (v *vapid) load(app core.App) (private, public string, err error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.public != "" {
		return v.private, v.public, nil
	}
	var row struct {
		Private string `db:"private"`
		Public  string `db:"public"`
	}
	err = app.DB().Select("private", "public").From(keysTable).Where(dbx.HashExp{"id": 1}).One(&row)
	if err != nil {
		priv, pub, genErr := webpush.GenerateVAPIDKeys()
		if genErr != nil {
			return "", "", fmt.Errorf("push: make VAPID keys: %w", genErr)
		}
		_, err = app.DB().NewQuery(`INSERT OR IGNORE INTO {{` + keysTable + `}} ([[id]], [[private]], [[public]])
			VALUES (1, {:priv}, {:pub})`).Bind(dbx.Params{"priv": priv, "pub": pub}).Execute()
		if err != nil {
			return "", "", fmt.Errorf("push: store VAPID keys: %w", err)
		}
		if err = app.DB().Select("private", "public").From(keysTable).Where(dbx.HashExp{"id": 1}).One(&row); err != nil {
			return "", "", fmt.Errorf("push: read VAPID keys: %w", err)
		}
	}
	v.private, v.public = row.Private, row.Public
	return v.private, v.public, nil
}
