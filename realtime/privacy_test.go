package realtime_test

import (
	"strings"
	"testing"

	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/realtime"
)

// A member's mute is theirs alone, on every path: no member.* frame to
// anyone else carries it, live or on resume, while their own sockets get
// the whole record. Above the receipt limit, nobody else's frames or REST
// reads carry a member's lastReadAt either, as no read frame tells it.
func TestOwnerOnlyMemberFieldsStayWithTheirOwner(t *testing.T) {
	for _, tc := range []struct {
		name     string
		receipts int
		lastRead bool // whether others see lastReadAt
	}{{"with receipts", 0, true}, {"above the receipt limit", 1, false}} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, realtime.Config{ReceiptMembers: tc.receipts})
			e.addMember(t, Alice, ConvAB, Carol) // three members
			if st, b := e.Do(t, Bob, "PATCH", "/api/collections/members/records/"+MemABBob,
				map[string]any{"muted": true, "mutedUntil": "2099-01-01 00:00:00.000Z"}); st != 200 {
				t.Fatalf("%d %s", st, b)
			}
			e.settle(t) // what was set up is sent before the sockets come, not to them
			bob, _ := e.connect(t, Bob, "")
			carol, _ := e.connect(t, Carol, "")
			post(t, e.App, ConvAB, Alice, "marker")
			cursor := carol.expectMessage("marker").Cursor
			bob.expectMessage("marker")
			carol.ws.Close()

			// a role change, then a removal, each carrying Bob's record
			if st, b := e.Do(t, Alice, "PATCH", "/api/collections/members/records/"+MemABBob, map[string]any{"role": "owner"}); st != 200 {
				t.Fatalf("%d %s", st, b)
			}
			own := bob.expect("member.updated")
			if !strings.Contains(string(own.Record), `"muted":true`) || !strings.Contains(string(own.Record), `"lastReadAt"`) {
				t.Fatalf("Bob's own frame lacks his record: %s", own.Record)
			}
			e.removeMember(t, Alice, MemABBob)
			bob.expect("conversation.removed")

			alice, replayed := e.connect(t, Alice, cursor)
			_, carols := e.connect(t, Carol, cursor)
			for who, frames := range map[string][]frame{"alice": replayed, "carol": carols} {
				var types []string
				for _, f := range frames {
					types = append(types, f.Type)
					if !strings.HasPrefix(f.Type, "member.") {
						continue
					}
					r := string(f.Record)
					if strings.Contains(r, "muted") {
						t.Errorf("%s's %s frame carries Bob's mute: %s", who, f.Type, r)
					}
					if strings.Contains(r, `"lastReadAt"`) != tc.lastRead {
						t.Errorf("%s's %s frame: lastReadAt shown %v, want %v: %s", who, f.Type, !tc.lastRead, tc.lastRead, r)
					}
				}
				if strings.Join(types, ",") != "member.updated,member.deleted" {
					t.Errorf("%s resumed %v", who, types)
				}
			}
			_ = alice

			// REST: Carol reads Alice's record as others do
			_, b := e.Do(t, Carol, "GET", "/api/collections/members/records/"+MemABAlice, nil)
			if strings.Contains(string(b), `"lastReadAt"`) != tc.lastRead {
				t.Errorf("REST: Alice's lastReadAt shown to Carol: %s", b)
			}
			if _, b := e.Do(t, Alice, "GET", "/api/collections/members/records/"+MemABAlice, nil); !strings.Contains(string(b), `"lastReadAt"`) {
				t.Errorf("REST: Alice's own lastReadAt hidden from her: %s", b)
			}
		})
	}
}
