package hooks

import "testing"

func TestIsOneEmoji(t *testing.T) {
	for s, want := range map[string]bool{
		"👍": true, "👍🏽": true, "❤️": true, "❤": true, "🇫🇷": true, "👨‍👩‍👧": true, "1️⃣": true, "#️⃣": true,
		"🏳️‍🌈": true, "🏴󠁧󠁢󠁳󠁣󠁴󠁿": true, "©️": true,
		"": false, "a": false, "👍👍": false, "👍a": false, "ok": false, "🇫": false, "🇫🇷🇩🇪": false,
		"\u200d": false, "👍\u200d": false, "🏽": false, "1": false, "<b>": false, "👍 ": false, "\xff": false,
	} {
		if got := isOneEmoji(s); got != want {
			t.Errorf("isOneEmoji(%q) = %v, want %v", s, got, want)
		}
	}
}
