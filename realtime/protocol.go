package realtime

import (
	"encoding/json/jsontext"
	"encoding/json/v2"
	"errors"
	"fmt"

	"github.com/gorilla/websocket"

	"github.com/pbchat/pbchat/hooks"
	"github.com/pbchat/pbchat/journal"
)

// Close codes sent to clients, beside the standard 1001 (server going away),
// 1009 (frame over 4 KB) and 1013 (try again later: the token can't be
// checked now, or an edge is behind the client's cursor).
const (
	// CloseUnauthorized: a missing, invalid, expired or revoked token, or a
	// token of another auth collection. Sign in again, then reconnect.
	CloseUnauthorized = 4401

	// CloseSlow: the socket fell too far behind. Reconnect and resume from
	// the last cursor; nothing is lost.
	CloseSlow = 4008

	// CloseTooManySockets: the user already has the most sockets allowed.
	CloseTooManySockets = 4429
)

// Frame types.
const (
	frameAuth   = "auth"
	frameReady  = "ready"
	frameResync = "resync"
	frameTyping = "typing"
	frameError  = "error"

	framePresence = "presence"
)

// inFrame is any frame a client may send.
type inFrame struct {
	Type         string `json:"type"`
	Token        string `json:"token,omitempty"`
	Since        string `json:"since,omitempty"`
	Conversation string `json:"conversation,omitempty"`
}

// decodeFrame reads one client frame. Unknown fields are ignored, so that
// newer clients keep working; unknown types are an error.
func decodeFrame(data []byte) (inFrame, error) {
	var f inFrame
	if err := json.Unmarshal(data, &f); err != nil {
		return f, errors.New("a frame must be a JSON object with a string type")
	}
	switch f.Type {
	case frameAuth:
		if f.Token == "" {
			return f, errors.New("an auth frame needs a token")
		}
	case frameTyping:
		if f.Conversation == "" {
			return f, errors.New("a typing frame needs a conversation")
		}
	case "":
		return f, errors.New("a frame needs a type")
	default:
		return f, fmt.Errorf("unknown frame type %q", f.Type)
	}
	return f, nil
}

// eventFrame is what clients receive for a journaled event.
type eventFrame struct {
	Type         string         `json:"type"`
	Conversation string         `json:"conversation"`
	Record       jsontext.Value `json:"record"`
	Cursor       string         `json:"cursor"`
}

// encodeEvent builds the frame of ev as type typ, with what view shows of
// a member record: once per event and view, whatever the number of
// recipients. A member event reaches the person it added as
// conversation.created and the person it removed as conversation.removed,
// with the conversation as record; a read goes out as a read frame.
func encodeEvent(ev *journal.Event, k frameKey) (*websocket.PreparedMessage, error) {
	typ, view := k.typ, k.view
	var v any
	switch {
	case typ == journal.MemberRead:
		var m memberRecord
		if err := json.Unmarshal(ev.Payload, &m); err != nil {
			return nil, fmt.Errorf("encode event %d: %w", ev.Seq, err)
		}
		v = readFrame{Type: typ, Conversation: ev.Conversation, User: m.User, LastReadAt: m.LastReadAt, Cursor: formatCursor(ev.Seq)}
	case typ != ev.Type: // a member event, told to the person it concerns
		var m memberRecord
		if err := json.Unmarshal(ev.Payload, &m); err != nil {
			return nil, fmt.Errorf("encode event %d: %w", ev.Seq, err)
		}
		record := m.Expand.Conversation
		if len(record) == 0 {
			record = jsontext.Value("null") // the conversation was gone when the event was written
		}
		v = eventFrame{Type: typ, Conversation: ev.Conversation, Record: record, Cursor: formatCursor(ev.Seq)}
	case k.withheld != "" || k.quoteWithheld:
		record, err := hooks.Withhold(ev.Payload, k.withheld, k.quoteWithheld)
		if err != nil {
			return nil, fmt.Errorf("encode event %d: %w", ev.Seq, err)
		}
		v = eventFrame{Type: typ, Conversation: ev.Conversation, Record: record, Cursor: formatCursor(ev.Seq)}
	case personal(ev):
		// a block or an invitation: of no conversation the client knows
		v = eventFrame{Type: typ, Record: jsontext.Value(ev.Payload), Cursor: formatCursor(ev.Seq)}
	default:
		record, err := without(ev.Payload, view.Hidden())
		if err != nil {
			return nil, fmt.Errorf("encode event %d: %w", ev.Seq, err)
		}
		v = eventFrame{Type: typ, Conversation: ev.Conversation, Record: record, Cursor: formatCursor(ev.Seq)}
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode event %d: %w", ev.Seq, err)
	}
	return websocket.NewPreparedMessage(websocket.TextMessage, b)
}

func personal(ev *journal.Event) bool {
	_, ok := journal.PersonalUser(ev.Conversation)
	return ok
}

// memberRecord is what the frames of member events take from their payload.
type memberRecord struct {
	User       string `json:"user"`
	LastReadAt string `json:"lastReadAt"`
	Expand     struct {
		Conversation jsontext.Value `json:"conversation"`
	} `json:"expand"`
}

// recordOwner returns whose member record a member or read event
// carries, or "" for any other event.
func recordOwner(ev *journal.Event) string {
	switch ev.Type {
	case journal.MemberCreated, journal.MemberUpdated, journal.MemberDeleted, journal.MemberRead:
		var m memberRecord
		_ = json.Unmarshal(ev.Payload, &m)
		return m.User
	}
	return ""
}

// without returns the JSON object record less the given top-level fields.
func without(record []byte, fields []string) (jsontext.Value, error) {
	if len(fields) == 0 {
		return jsontext.Value(record), nil
	}
	var m map[string]jsontext.Value
	if err := json.Unmarshal(record, &m); err != nil {
		return nil, err
	}
	for _, f := range fields {
		delete(m, f)
	}
	b, err := json.Marshal(m, json.Deterministic(true))
	return jsontext.Value(b), err
}

// readFrame tells that a member has read a conversation up to lastReadAt.
type readFrame struct {
	Type         string `json:"type"`
	Conversation string `json:"conversation"`
	User         string `json:"user"`
	LastReadAt   string `json:"lastReadAt"`
	Cursor       string `json:"cursor"`
}

// encode builds any other server frame.
func encode(v any) (*websocket.PreparedMessage, error) {
	b, err := json.Marshal(v, jsontext.AllowInvalidUTF8(true))
	if err != nil {
		return nil, err
	}
	return websocket.NewPreparedMessage(websocket.TextMessage, b)
}

// readyFrame carries the cursor the socket is live from, so that a client
// that has received no event yet still has a point to resume from.
type readyFrame struct {
	Type   string `json:"type"`
	User   string `json:"user"`
	Cursor string `json:"cursor"`
}

type typingFrame struct {
	Type         string `json:"type"`
	Conversation string `json:"conversation"`
	User         string `json:"user"`
}

type errorFrame struct {
	Type  string `json:"type"`
	Error string `json:"error"`
}

// customFrame carries an event sent by Hub.Notify.
type customFrame struct {
	Type string `json:"type"`
	Data any    `json:"data"`
}

// reserved reports whether typ belongs to the protocol itself.
func reserved(typ string) bool {
	switch typ {
	case frameAuth, frameReady, frameResync, frameTyping, frameError, framePresence,
		journal.MessageCreated, journal.MessageUpdated, journal.MessageDeleted,
		journal.ConversationCreated, journal.ConversationUpdated, journal.ConversationRemoved,
		journal.MemberCreated, journal.MemberUpdated, journal.MemberDeleted, journal.MemberRead,
		journal.ReactionCreated, journal.ReactionDeleted, journal.PinCreated, journal.PinDeleted,
		journal.BlockCreated, journal.BlockDeleted,
		journal.InvitationCreated, journal.InvitationDeleted, journal.ReportCreated:
		return true
	}
	return false
}
