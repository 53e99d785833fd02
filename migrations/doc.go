// Package migrations creates the chat's schema: the rules of the users
// directory, the conversations and messages collections, and the event
// journal that realtime delivery and resume read from.
//
// Import it for its side effect, next to PocketBase's own migrations:
//
//	import _ "github.com/pbchat/pbchat/migrations"
//
// Each file is one step, applied by "migrate up" (and on serve) and
// reverted by "migrate down".
package migrations
