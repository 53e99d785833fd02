package realtime

import (
	"time"

	"github.com/spf13/pflag"

	"github.com/pbchat/pbchat/hooks"
)

// Defaults for the zero values of Config.
const (
	DefaultMaxSocketsPerUser = 16
	DefaultSendBuffer        = 256
	DefaultQueueSize         = 8192
	DefaultResumeLimit       = 1000
	DefaultResumeBytes       = 1 << 20
	DefaultPingInterval      = 30 * time.Second
	DefaultReceiptMembers    = hooks.DefaultReceiptMembers
	DefaultPresenceInterval  = 5 * time.Second
	DefaultPresenceMembers   = 100
)

// Timing of one socket, in one place (as in gorilla/websocket's chat example).
const (
	// authWait is how long a new socket has to send its auth frame.
	authWait = 10 * time.Second

	// writeWait bounds one write to a socket.
	writeWait = 10 * time.Second

	// closeWait bounds the close frame sent to a socket that is going away.
	closeWait = time.Second

	// gapWait is how long the sender holds a later event while an earlier
	// one, committed but not yet handed over, is on its way; after that it
	// reads the journal.
	gapWait = 20 * time.Millisecond

	// maxGapRetry is the longest the sender waits between tries to read a
	// journal it can't reach (an edge whose primary is down).
	maxGapRetry = 5 * time.Second

	// pollInterval is how often the sender checks the journal for events
	// that reached it by no hook (written by another process, say).
	pollInterval = time.Second

	// frameWait is how long a frame from an idle socket, once begun, may
	// take to arrive whole.
	frameWait = 10 * time.Second

	// behindWait is how long a resuming socket waits for a hub that is
	// behind its cursor (an edge) before it is told to try again.
	behindWait = 5 * time.Second

	// shutdownWait bounds the delivery of queued events on shutdown.
	shutdownWait = 5 * time.Second

	// typingInterval is the least time between two typing frames of one
	// user in one conversation.
	typingInterval = time.Second

	// pingWorkers is how many goroutines send the pings of a tick.
	pingWorkers = 4

	// maxFrameSize is the largest frame a client may send.
	maxFrameSize = 4096

	// resumeBurst is how many replays of ResumeBytes a user may have at
	// once, and resumeRefill how long refilling one takes: a user's resumes
	// replay at most ResumeBytes per resumeRefill over time.
	resumeBurst  = 2
	resumeRefill = 4 * time.Second

	// A resume costs its user's budget ResumeBytes/resumeOverhead besides
	// the bytes it reads from the journal, for authentication and the
	// queries: a user may resume 128 times at once, then 16 times a second.
	resumeOverhead = 64

	// maxResumeBudgets is how many users' resume budgets are kept before
	// the full ones are forgotten.
	maxResumeBudgets = 4096
)

// Config configures the realtime sender. The zero value is usable.
type Config struct {
	// AllowedOrigins lists the origins (scheme://host[:port]) that may open
	// a socket from a browser besides the server's own; "*" allows any.
	// Requests without an Origin header (non-browser clients) are allowed.
	AllowedOrigins []string

	// MaxSocketsPerUser caps one user's open sockets (default 16); a socket
	// over the cap is closed with CloseTooManySockets.
	MaxSocketsPerUser int

	// SendBuffer is how many frames may wait for one socket (default 256);
	// a socket that falls further behind is closed with CloseSlow.
	SendBuffer int

	// QueueSize is how many committed events may wait for the sender
	// (default 8192). Past it the sender reads the journal instead.
	QueueSize int

	// ResumeLimit is the most events replayed to a resuming socket (default
	// 1000); past it the socket gets a resync frame.
	ResumeLimit int

	// ResumeBytes is the most bytes replayed to a resuming socket (default
	// 1 MiB); past it the socket gets a resync frame. One user's resumes
	// replay at most twice that at once, and that much again every 4 s:
	// a client resuming in a loop waits for its turn.
	ResumeBytes int

	// PingInterval is how often sockets are pinged (default 30s); a socket
	// silent for twice as long is closed.
	PingInterval time.Duration

	// ReceiptMembers is the largest conversation whose members get each
	// other's reads as read receipts (default 100); a negative value sends
	// none. A reader's own sockets always get their reads.
	ReceiptMembers int

	// PresenceInterval is the least time between two presence frames about
	// one user (default 5s): a connection that drops and comes back within
	// it tells nobody anything.
	PresenceInterval time.Duration

	// PresenceMembers is the largest conversation whose members learn each
	// other's presence (default 100); a negative value shares none. In a
	// larger one, telling everyone of everyone would cost each connect the
	// whole membership.
	PresenceMembers int
}

func (c Config) withDefaults() Config {
	if c.MaxSocketsPerUser <= 0 {
		c.MaxSocketsPerUser = DefaultMaxSocketsPerUser
	}
	if c.SendBuffer <= 0 {
		c.SendBuffer = DefaultSendBuffer
	}
	if c.QueueSize <= 0 {
		c.QueueSize = DefaultQueueSize
	}
	if c.ResumeLimit <= 0 {
		c.ResumeLimit = DefaultResumeLimit
	}
	if c.ResumeBytes <= 0 {
		c.ResumeBytes = DefaultResumeBytes
	}
	if c.PingInterval <= 0 {
		c.PingInterval = DefaultPingInterval
	}
	if c.ReceiptMembers == 0 {
		c.ReceiptMembers = DefaultReceiptMembers
	}
	if c.PresenceInterval <= 0 {
		c.PresenceInterval = DefaultPresenceInterval
	}
	if c.PresenceMembers == 0 {
		c.PresenceMembers = DefaultPresenceMembers
	}
	return c
}

// BindFlags adds a flag for each setting to fs (for example
// app.RootCmd.PersistentFlags()), with c's values as defaults.
func (c *Config) BindFlags(fs *pflag.FlagSet) {
	fs.StringSliceVar(&c.AllowedOrigins, "chatOrigins", c.AllowedOrigins,
		`origins allowed to open chat websockets besides the server's own (comma-separated; "*" for any)`)
	fs.IntVar(&c.MaxSocketsPerUser, "chatMaxSockets", or(c.MaxSocketsPerUser, DefaultMaxSocketsPerUser),
		"most chat websockets one user may have open")
	fs.IntVar(&c.SendBuffer, "chatSendBuffer", or(c.SendBuffer, DefaultSendBuffer),
		"frames that may wait for one chat websocket before it is closed as slow")
	fs.IntVar(&c.QueueSize, "chatQueue", or(c.QueueSize, DefaultQueueSize),
		"committed chat events that may wait for the sender before it reads the journal instead")
	fs.IntVar(&c.ResumeLimit, "chatResumeLimit", or(c.ResumeLimit, DefaultResumeLimit),
		"most events replayed to a resuming chat websocket before it is told to resync")
	fs.IntVar(&c.ResumeBytes, "chatResumeBytes", or(c.ResumeBytes, DefaultResumeBytes),
		"most bytes replayed to a resuming chat websocket before it is told to resync")
	fs.DurationVar(&c.PingInterval, "chatPing", or(c.PingInterval, DefaultPingInterval),
		"how often chat websockets are pinged; twice as long without a pong closes one")
	fs.IntVar(&c.ReceiptMembers, "chatReceiptMembers", or(c.ReceiptMembers, DefaultReceiptMembers),
		"largest conversation whose members get each other's read receipts (-1: none)")
	fs.DurationVar(&c.PresenceInterval, "chatPresenceInterval", or(c.PresenceInterval, DefaultPresenceInterval),
		"least time between two presence frames about one user")
	fs.IntVar(&c.PresenceMembers, "chatPresenceMembers", or(c.PresenceMembers, DefaultPresenceMembers),
		"largest conversation whose members learn each other's presence (-1: none)")
}

func or[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}
