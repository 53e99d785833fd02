package realtime_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/pbchat/pbchat/realtime"
)

func TestCursorRoundTrip(t *testing.T) {
	for _, seq := range []int64{0, 1, 42, 1 << 62} {
		got, err := realtime.ParseCursor(realtime.FormatCursor(seq))
		if err != nil || got != seq {
			t.Fatalf("%d: %d %v", seq, got, err)
		}
	}
	for _, bad := range []string{"", "-1", "+1", "01", "1.5", "1e3", " 1", "9223372036854775808", "abc", "１"} {
		if _, err := realtime.ParseCursor(bad); err == nil {
			t.Fatalf("%q accepted", bad)
		}
	}
}

func FuzzParseCursor(f *testing.F) {
	for _, s := range []string{"0", "1", "123456789", "01", "-1", "", "9223372036854775807", "9223372036854775808"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		seq, err := realtime.ParseCursor(s)
		if err != nil {
			return
		}
		if seq < 0 || realtime.FormatCursor(seq) != s {
			t.Fatalf("%q parsed as %d, which formats as %q", s, seq, strconv.FormatInt(seq, 10))
		}
	})
}

func TestDecodeFrame(t *testing.T) {
	for raw, want := range map[string]string{
		`{"type":"auth","token":"t"}`:                   "",
		`{"type":"auth","token":"t","since":"5","x":1}`: "",
		`{"type":"typing","conversation":"c"}`:          "",
		`{"type":"auth"}`:                               "needs a token",
		`{"type":"typing"}`:                             "needs a conversation",
		`{"type":"dance"}`:                              "unknown frame type",
		`{}`:                                            "needs a type",
		`{"type":1}`:                                    "JSON object",
		`[]`:                                            "JSON object",
		`{"type":"auth","token":"a","token":"b"}`:       "JSON object",
		`{"type":"typing","conversation":"c"} trailing`: "JSON object",
	} {
		_, err := realtime.DecodeFrame([]byte(raw))
		if want == "" && err != nil || want != "" && (err == nil || !strings.Contains(err.Error(), want)) {
			t.Fatalf("%s: %v, want %q", raw, err, want)
		}
	}
}

func FuzzDecodeFrame(f *testing.F) {
	for _, s := range []string{
		`{"type":"auth","token":"abc","since":"12"}`, `{"type":"typing","conversation":"convab000000000"}`,
		`{"type":"x"}`, `{`, `null`, `{"type":"auth","token":""}`, "\x00", `{"type":"typing","conversation":"\ud800"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fr, err := realtime.DecodeFrame(data)
		if err != nil {
			return
		}
		switch fr.Type {
		case "auth":
			if fr.Token == "" {
				t.Fatal("an auth frame without a token passed")
			}
		case "typing":
			if fr.Conversation == "" {
				t.Fatal("a typing frame without a conversation passed")
			}
		default:
			t.Fatalf("type %q passed", fr.Type)
		}
	})
}
