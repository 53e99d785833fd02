package realtime

import (
	"encoding/json/v2"
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"

	"github.com/pbchat/pbchat/journal"
)

// DeliverEvent is fired before an event fans out: live, once for all its
// recipients (User is empty), or in a replay, once per resuming socket
// (User is the recipient). Handlers may change Event.Payload, or stop the
// event by returning without calling e.Next(). Membership changes apply
// even to a stopped event.
type DeliverEvent struct {
	hook.Event
	App       core.App
	ChatEvent *journal.Event
	User      string
}

// MissedEvent is fired after a new message fans out, with the members it
// reached on no socket (none was open): for push notifications, say.
// Handlers run on the sender's goroutine and must not block.
type MissedEvent struct {
	hook.Event
	ChatEvent *journal.Event
	Users     []string
}

// OnMissed returns the hook fired for the members a new message reached on
// no socket.
func (h *Hub) OnMissed() *hook.Hook[*MissedEvent] {
	return h.onMissed
}

// OnDeliver returns the hook fired before each event fans out.
func (h *Hub) OnDeliver() *hook.Hook[*DeliverEvent] {
	return h.onDeliver
}

// Data returns the event's record decoded (a message, conversation or
// member as a member gets it over REST), for handlers that read or change
// it; JS hooks, where the payload's bytes are of no use, especially.
func (e *DeliverEvent) Data() (map[string]any, error) {
	var data map[string]any
	if err := json.Unmarshal(e.ChatEvent.Payload, &data); err != nil {
		return nil, fmt.Errorf("realtime: decode the payload of event %d: %w", e.ChatEvent.Seq, err)
	}
	return data, nil
}

// SetData replaces the event's record with v encoded, for every recipient
// of this delivery (or this replay, when User is set).
func (e *DeliverEvent) SetData(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("realtime: encode the payload of event %d: %w", e.ChatEvent.Seq, err)
	}
	e.ChatEvent.Payload = b
	return nil
}
