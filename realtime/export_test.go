package realtime

import "time"

// SetAuthWait shortens the time a socket has to authenticate, for tests.
func (h *Hub) SetAuthWait(d time.Duration) { h.authWait = d }

// ParseCursor and FormatCursor expose the cursor format to tests.
var (
	ParseCursor  = parseCursor
	FormatCursor = formatCursor
	DecodeFrame  = decodeFrame
)

// EncodeEvent exposes frame building to benchmarks.
var EncodeEvent = encodeEvent
