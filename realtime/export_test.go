package realtime

import (
	"time"

	"github.com/gorilla/websocket"

	"github.com/pbchat/pbchat/journal"
)

// SetAuthWait shortens the time a socket has to authenticate, for tests.
func (h *Hub) SetAuthWait(d time.Duration) { h.authWait = d }

// ParseCursor and FormatCursor expose the cursor format to tests.
var (
	ParseCursor  = parseCursor
	FormatCursor = formatCursor
	DecodeFrame  = decodeFrame
)

// EncodeEvent exposes frame building to benchmarks.
func EncodeEvent(ev *journal.Event, typ string) (*websocket.PreparedMessage, error) {
	return encodeEvent(ev, frameKey{typ: typ})
}
