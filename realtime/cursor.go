package realtime

import (
	"errors"
	"strconv"
)

// A cursor is an event's seq in the journal, which follows commit order.
// Clients treat it as opaque: they keep the last one they saw and send it
// back as since.

func formatCursor(seq int64) string {
	return strconv.FormatInt(seq, 10)
}

var errCursor = errors.New("malformed cursor")

// parseCursor accepts only what formatCursor makes: a positive decimal
// without sign or leading zeros. "0" stands for the start of the journal.
func parseCursor(s string) (int64, error) {
	if s == "" || len(s) > 19 || (len(s) > 1 && s[0] == '0') {
		return 0, errCursor
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, errCursor
		}
	}
	seq, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, errCursor
	}
	return seq, nil
}
