// Package jshooks lets JavaScript in pb_hooks/*.pb.js extend the chat, as
// most PocketBase apps are extended: it registers PocketBase's jsvm plugin
// (so every PocketBase JS hook works on the chat collections) and adds
//
//   - $chat.notify(userIds, type, data), $chat.disconnect(...userIds) and
//     $chat.stats(), the hub's Notify, Disconnect and Stats;
//   - $chat.blocks(blocker, blocked): whether one person blocks another;
//   - $chat.removeMessage(id, reason), $chat.suspend(userId, reason),
//     $chat.lift(userId, reason): moderation, logged as the hook's;
//   - onChatDeliver((e) => { …; e.next() }), the hub's OnDeliver: fired
//     before each event fans out, it may change the event (e.data(),
//     e.setData(v)) or stop it (return without e.next()).
//
// Register it once per app, after the hub:
//
//	jshooks.MustRegister(app, hub, jshooks.Config{})
package jshooks

import (
	"fmt"
	"path/filepath"

	"github.com/dop251/goja"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/plugins/jsvm"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/spf13/pflag"

	"github.com/pbchat/pbchat/blocks"
	"github.com/pbchat/pbchat/hooks"
	"github.com/pbchat/pbchat/realtime"
)

// DefaultHooksPool is how many JS runtimes are kept warm when
// Config.HooksPool is zero, as in PocketBase's own binary.
const DefaultHooksPool = 15

// Config configures the JS hooks. The zero value loads pb_hooks/ beside
// the data dir, without watching it.
type Config struct {
	// HooksDir holds the *.pb.js files (default: pb_data/../pb_hooks).
	HooksDir string

	// HooksWatch restarts the app when a file in HooksDir changes (for
	// development: make dev sets it).
	HooksWatch bool

	// HooksPool is how many JS runtimes are kept warm for running handlers
	// (default DefaultHooksPool).
	HooksPool int

	// MigrationsDir holds JS migrations (default: pb_data/../pb_migrations).
	MigrationsDir string
}

// BindFlags adds --hooksDir, --hooksWatch, --hooksPool and --migrationsDir
// to fs, with c's values as defaults, as PocketBase's own binary names them.
func (c *Config) BindFlags(fs *pflag.FlagSet) {
	fs.StringVar(&c.HooksDir, "hooksDir", c.HooksDir,
		"the folder of JS app hooks, *.pb.js (default pb_data/../pb_hooks)")
	fs.BoolVar(&c.HooksWatch, "hooksWatch", c.HooksWatch,
		"restart the app when a file in the hooks folder changes")
	fs.IntVar(&c.HooksPool, "hooksPool", max(c.HooksPool, DefaultHooksPool),
		"JS runtimes kept warm for running hook handlers")
	fs.StringVar(&c.MigrationsDir, "migrationsDir", c.MigrationsDir,
		"the folder of JS migrations (default pb_data/../pb_migrations)")
}

// MustRegister registers the JS hooks on app and panics on error, as a
// broken hook file should stop the server from starting.
func MustRegister(app core.App, hub *realtime.Hub, config Config) {
	if err := Register(app, hub, config); err != nil {
		panic(err)
	}
}

// Register registers the JS hooks on app.
func Register(app core.App, hub *realtime.Hub, config Config) error {
	if config.HooksPool == 0 {
		config.HooksPool = DefaultHooksPool
	}
	if config.HooksDir == "" {
		config.HooksDir = filepath.Join(app.DataDir(), "../pb_hooks")
	}
	chat := &Chat{app: app, hub: hub}
	// jsvm binds a JS function to every On… method of the app it is given:
	// wrapping the app adds onChatDeliver beside PocketBase's own hooks,
	// run in the same pooled runtimes, with the same e.next() contract.
	err := jsvm.Register(&chatApp{App: app, hub: hub}, jsvm.Config{
		HooksDir:      config.HooksDir,
		HooksWatch:    config.HooksWatch,
		HooksPoolSize: config.HooksPool,
		MigrationsDir: config.MigrationsDir,
		OnInit: func(vm *goja.Runtime) {
			vm.Set("$chat", chat)
		},
	})
	if err != nil {
		return fmt.Errorf("jshooks: %w", err)
	}
	return nil
}

// chatApp is the app as JS hooks see it: PocketBase's, plus the chat's hook.
type chatApp struct {
	core.App
	hub *realtime.Hub
}

// OnChatDeliver is onChatDeliver in JS.
func (a *chatApp) OnChatDeliver() *hook.Hook[*realtime.DeliverEvent] {
	return a.hub.OnDeliver()
}

// Chat is $chat in JS.
type Chat struct {
	app core.App
	hub *realtime.Hub
}

// Blocks reports whether blocker blocks blocked: a hook that tells people
// things of its own (a notification, a mail) asks it, as the chat does,
// before telling blocker of what blocked did.
func (c *Chat) Blocks(blocker, blocked string) (bool, error) {
	return blocks.Blocks(c.app.ConcurrentDB(), blocker, blocked)
}

// Notify sends {"type":typ,"data":data} to every socket of the users, now
// and without a cursor (a resume doesn't bring it back).
func (c *Chat) Notify(users []string, typ string, data any) error {
	return c.hub.Notify(users, typ, data)
}

// Disconnect closes every socket of the users; their clients reconnect
// and resume.
func (c *Chat) Disconnect(users ...string) {
	c.hub.Disconnect(users...)
}

// RemoveMessage removes a message as a moderator (hooks.RemoveMessage).
func (c *Chat) RemoveMessage(id, reason string) error {
	return hooks.RemoveMessage(c.app, id, "js", reason)
}

// Suspend suspends a person (hooks.Suspend).
func (c *Chat) Suspend(user, reason string) error {
	return hooks.Suspend(c.app, user, "js", reason)
}

// Lift lifts a person's suspension (hooks.Lift).
func (c *Chat) Lift(user, reason string) error {
	return hooks.Lift(c.app, user, "js", reason)
}

// Stats returns the hub's current figures.
func (c *Chat) Stats() realtime.Stats {
	return c.hub.Stats()
}
