// Package hooks holds the chat's write side: the rules PocketBase API rules
// can't express (fields only the server sets, who may remove whom,
// idempotent sends), the invariants of conversations and messages, and the
// journaling of every committed change, handed to a Sender after commit.
// Registering it also registers package access, which bounds what clients
// may filter, sort and expand on: the read side's half of the rules.
//
// Register it once per app:
//
//	hooks.MustRegister(app, hooks.Config{Sender: hub})
package hooks

import (
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/spf13/pflag"

	"github.com/pbchat/pbchat/access"
	"github.com/pbchat/pbchat/journal"
	"github.com/pbchat/pbchat/search"
)

// Collection names: a contract with clients.
const (
	Users         = "users"
	Conversations = "conversations"
	Messages      = "messages"
	Members       = journal.Members
)

// DefaultJournalRetention is how long events stay in the journal for
// clients to resume from when Config.JournalRetention is zero.
const DefaultJournalRetention = 7 * 24 * time.Hour

// Sender takes each chat event once its transaction has committed.
// realtime.Hub implements it. Send is called on the request path, so it
// must not block; the journal keeps every event in case it drops one.
type Sender interface {
	Send(ev journal.Event)
}

// Config configures the chat hooks. The zero value is usable: events are
// journaled and handed to nobody.
type Config struct {
	// Sender receives each event after its change commits.
	Sender Sender

	// JournalRetention is how long events are kept for clients to resume
	// from (default DefaultJournalRetention); a negative value keeps them
	// forever.
	JournalRetention time.Duration

	// Access is what clients may filter, sort and expand on, and the
	// largest page they get (default: access.DefaultPolicy()).
	Access access.Config

	// MaxMembers is the most members a conversation may have (default
	// DefaultMaxMembers).
	MaxMembers int

	// RetentionDays is how long the server keeps messages, in days (0:
	// for good); a conversation's owners may keep them for less.
	RetentionDays int

	// ReceiptMembers is the largest conversation whose members see each
	// other's lastReadAt (default DefaultReceiptMembers; negative: none).
	// Give it the realtime hub's value, so that REST shows what the
	// websocket does.
	ReceiptMembers int
}

// DefaultReceiptMembers is Config.ReceiptMembers when it is zero.
const DefaultReceiptMembers = 100

// BindFlags adds a flag for the settings an operator chooses to fs (for
// example app.RootCmd.PersistentFlags()), with c's values as defaults.
func (c *Config) BindFlags(fs *pflag.FlagSet) {
	if c.MaxMembers == 0 {
		c.MaxMembers = DefaultMaxMembers
	}
	fs.IntVar(&c.MaxMembers, "chatMaxMembers", c.MaxMembers,
		"most members a chat conversation may have (each message fans out to all of them)")
	fs.IntVar(&c.RetentionDays, "chatRetentionDays", c.RetentionDays,
		"delete messages older than this many days (0: keep them; a conversation's owners may keep them for less)")
}

// MustRegister registers the chat hooks on app and panics on error.
func MustRegister(app core.App, config Config) {
	if err := Register(app, config); err != nil {
		panic(err)
	}
}

// Register registers the chat hooks on app.
func Register(app core.App, config Config) error {
	if config.JournalRetention == 0 {
		config.JournalRetention = DefaultJournalRetention
	}
	if config.ReceiptMembers == 0 {
		config.ReceiptMembers = DefaultReceiptMembers
	}
	if config.MaxMembers <= 0 {
		config.MaxMembers = DefaultMaxMembers
	}
	h := &handlers{app: app, config: config}

	if err := access.Register(app, config.Access); err != nil {
		return fmt.Errorf("hooks: %w", err)
	}
	search.Register(app)

	app.OnRecordCreateRequest(Conversations).BindFunc(h.conversationCreateRequest)
	app.OnRecordUpdateRequest(Conversations).BindFunc(h.conversationUpdateRequest)
	app.OnRecordCreateRequest(Conversations).BindFunc(h.retentionRequest)
	app.OnRecordUpdateRequest(Conversations).BindFunc(h.retentionRequest)
	app.OnRecordCreate(Conversations).BindFunc(h.conversationCreate)
	app.OnRecordUpdateExecute(Users).BindFunc(h.journaled(tokenRevoked))
	app.OnRecordDeleteExecute(Users).BindFunc(h.journaled(userRevoked))
	app.OnCollectionUpdateExecute(Users).Bind(&hook.Handler[*core.CollectionEvent]{Func: h.secretRotated, Priority: 100})

	app.OnRecordCreateExecute(Conversations).BindFunc(h.journaled(h.conversationCreated))
	app.OnRecordUpdateExecute(Conversations).BindFunc(h.journaled(conversationUpdated))
	app.OnRecordDeleteExecute(Conversations).BindFunc(h.journaledDelete(conversationDeleted))

	app.OnRecordCreateRequest(Members).BindFunc(h.memberCreateRequest)
	app.OnRecordUpdateRequest(Members).BindFunc(h.memberUpdateRequest)
	app.OnRecordDeleteRequest(Members).BindFunc(h.memberDeleteRequest)
	app.OnRecordCreate(Members).BindFunc(h.memberCreate)
	app.OnRecordEnrich(Users).BindFunc(hidePresenceSetting)
	app.OnRecordEnrich(Members).BindFunc(h.hideMemberFields)
	app.OnRecordsListRequest(Members, Conversations).BindFunc(h.annotateList)
	app.OnRecordEnrich(Members, Conversations).BindFunc(h.annotateOne)
	app.OnRecordCreateExecute(Members).BindFunc(h.journaled(h.memberCreated))
	app.OnRecordUpdateExecute(Members).BindFunc(h.journaled(memberUpdated))
	app.OnRecordDeleteExecute(Members).BindFunc(h.journaledDelete(memberDeleted))
	// bound after journaledDelete, so that it runs in its transaction
	app.OnRecordDeleteExecute(Members).BindFunc(h.memberAfterDelete)

	app.OnRecordCreateRequest(Messages).BindFunc(h.messageCreateRequest)
	app.OnRecordUpdateRequest(Messages).BindFunc(h.messageUpdateRequest)
	app.OnRecordValidate(Messages).BindFunc(removedValidate)
	app.OnRecordValidate(Messages).BindFunc(h.messageValidate)
	app.OnRecordValidate(Messages).BindFunc(h.replyValidate)
	app.OnRecordValidate(Messages).BindFunc(h.mentionsValidate)
	app.OnRecordValidate(Messages).BindFunc(h.filesValidate)
	app.OnRecordCreateExecute(Messages).BindFunc(h.journaled(messageCreated))
	// bound after journaled, so that it runs inside its transaction
	app.OnRecordCreateExecute(Messages).BindFunc(h.messageOrder)
	app.OnRecordUpdateExecute(Messages).BindFunc(h.journaled(messageUpdated))
	app.OnRecordDeleteExecute(Messages).BindFunc(h.journaledDelete(messageDeleted))

	app.OnRecordCreateRequest(Reactions).BindFunc(h.reactionCreateRequest)
	app.OnRecordValidate(Reactions).BindFunc(h.reactionValidate)
	app.OnRecordCreateExecute(Reactions).BindFunc(h.journaled(reactionCreated))
	app.OnRecordDeleteExecute(Reactions).BindFunc(h.journaledDelete(reactionDeleted))
	app.OnRecordEnrich(Messages).BindFunc(h.withholdMessages)

	app.OnRecordValidate(Blocks).BindFunc(h.blockValidate)
	app.OnRecordCreateExecute(Blocks).BindFunc(h.journaled(blockEvent(journal.BlockCreated)))
	app.OnRecordDeleteExecute(Blocks).BindFunc(h.journaledDelete(blockEvent(journal.BlockDeleted)))
	app.OnRecordAfterCreateSuccess(Blocks).BindFunc(h.blockChanged)
	app.OnRecordAfterDeleteSuccess(Blocks).BindFunc(h.blockChanged)

	app.OnRecordCreateRequest(Messages).BindFunc(moderationRequest("removed"))
	app.OnRecordUpdateRequest(Messages).BindFunc(moderationRequest("removed"))
	app.OnRecordCreateRequest(Users).BindFunc(moderationRequest("suspended"))
	app.OnRecordUpdateRequest(Users).BindFunc(moderationRequest("suspended"))
	app.OnRecordUpdate(Users).BindFunc(suspendedUpdate)
	// bound after the journaled handlers, so that each runs in their transaction
	app.OnRecordUpdateExecute(Messages).BindFunc(logModeration("removed"))
	app.OnRecordUpdateExecute(Users).BindFunc(logModeration("suspended"))
	app.OnRecordAuthRequest(Users).BindFunc(refuseSuspendedSignIn)
	app.OnServe().BindFunc(h.serveModeration)
	app.OnServe().BindFunc(h.serveExport)
	app.OnServe().BindFunc(h.serveVersions)

	app.OnRecordCreateRequest(Pins).BindFunc(h.pinRequest)
	app.OnRecordDeleteRequest(Pins).BindFunc(h.pinRequest)
	app.OnRecordValidate(Pins).BindFunc(h.pinValidate)
	app.OnRecordCreateExecute(Pins).BindFunc(h.journaled(pinEvent(journal.PinCreated)))
	app.OnRecordDeleteExecute(Pins).BindFunc(h.journaledDelete(pinEvent(journal.PinDeleted)))
	app.OnRecordUpdateRequest(Conversations).BindFunc(h.pinsByRequest)

	app.OnRecordCreateRequest(Invitations).BindFunc(h.invitationCreateRequest)
	app.OnRecordValidate(Invitations).BindFunc(h.invitationValidate)
	app.OnRecordEnrich(Invitations).BindFunc(h.summarizeInvitations)
	app.OnRecordCreateExecute(Invitations).BindFunc(h.journaled(h.invitationCreated))
	app.OnRecordUpdateExecute(Invitations).BindFunc(h.journaled(h.invitationUpdated))
	app.OnRecordDeleteExecute(Invitations).BindFunc(h.journaledDelete(h.invitationDeleted))
	app.OnServe().BindFunc(h.serveInvitations)

	app.OnRecordCreateRequest(InviteLinks).BindFunc(h.linkCreateRequest)
	app.OnRecordValidate(InviteLinks).BindFunc(h.linkValidate)
	app.OnServe().BindFunc(h.serveLinks)

	app.OnRecordCreateRequest(Reports).BindFunc(h.reportCreateRequest)
	app.OnRecordValidate(Reports).BindFunc(h.reportValidate)
	app.OnRecordCreateExecute(Reports).BindFunc(h.journaled(h.reportCreated))
	app.OnRecordAfterCreateSuccess(Reports).BindFunc(h.reportChanged)
	app.OnRecordAfterDeleteSuccess(Reports).BindFunc(h.reportChanged)

	app.OnRecordsListRequest(Messages).BindFunc(h.summarizeList)
	app.OnRecordViewRequest(Messages).BindFunc(h.summarizeView)

	if err := app.Cron().Add("chatRetention", retentionSchedule, h.applyRetention); err != nil {
		return fmt.Errorf("hooks: schedule retention: %w", err)
	}
	if err := app.Cron().Add("chatReportsMail", reportsMailSchedule, h.mailReports); err != nil {
		return fmt.Errorf("hooks: schedule the reports mail: %w", err)
	}
	if config.JournalRetention > 0 {
		if err := app.Cron().Add("chatJournalPrune", "17 * * * *", h.pruneJournal); err != nil {
			return fmt.Errorf("hooks: schedule journal pruning: %w", err)
		}
	}
	return nil
}

type handlers struct {
	app    core.App
	config Config

	// starting holds the member records a conversation's create is saving
	// (by pointer), which journal nothing of their own.
	starting sync.Map

	receipts receiptCache
	ties     tiesCache
	reported reportedCache
}

func (h *handlers) pruneJournal() {
	n, err := journal.Prune(h.app, time.Now().Add(-h.config.JournalRetention))
	if err != nil {
		h.app.Logger().Error("chat: journal pruning failed", slog.String("error", err.Error()))
		return
	}
	if n > 0 {
		h.app.Logger().Debug("chat: journal pruned", slog.Int64("events", n))
	}
}
