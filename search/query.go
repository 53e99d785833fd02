package search

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Limits of a query.
const (
	maxQueryRunes = 200
	maxTerms      = 20
)

// match builds the FTS5 query for what a person typed: words (a trailing *
// makes one a prefix) and "quoted phrases", all required. Every term goes
// to FTS5 as a quoted string, so nothing typed is FTS5 syntax: only an
// unmatched quote or nothing to search for is an error.
func match(q string) (string, error) {
	if utf8.RuneCountInString(q) > maxQueryRunes {
		return "", errors.New("A search is at most 200 characters.")
	}
	var terms []string
	add := func(text string, prefix bool) {
		if !strings.ContainsFunc(text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) {
			return // punctuation alone: nothing FTS5 would index
		}
		t := `"` + strings.ReplaceAll(text, `"`, `""`) + `"`
		if prefix {
			t += "*"
		}
		terms = append(terms, t)
	}
	rest := q
	for {
		rest = strings.TrimLeftFunc(rest, unicode.IsSpace)
		if rest == "" {
			break
		}
		if rest[0] == '"' {
			end := strings.IndexByte(rest[1:], '"')
			if end < 0 {
				return "", errors.New(`A quote is not closed: put the phrase between two " marks.`)
			}
			add(rest[1:1+end], false)
			rest = rest[2+end:]
			continue
		}
		end := strings.IndexFunc(rest, func(r rune) bool { return unicode.IsSpace(r) || r == '"' })
		if end < 0 {
			end = len(rest)
		}
		word := rest[:end]
		rest = rest[end:]
		prefix := strings.HasSuffix(word, "*")
		add(strings.TrimRight(word, "*"), prefix)
	}
	if len(terms) == 0 {
		return "", errors.New("Type a word to search for.")
	}
	if len(terms) > maxTerms {
		return "", errors.New("A search has at most 20 words.")
	}
	return strings.Join(terms, " "), nil
}

// Markers that FTS5's snippet puts around each match; they can't occur in
// a message's text as stored (control characters).
const (
	markOpen  = "\x02"
	markClose = "\x03"
)

// highlight strips the markers from a snippet and returns where the
// matches were, as [start, end) offsets in UTF-16 code units, as a
// JavaScript string counts them.
func highlight(s string) (string, [][2]int) {
	var out strings.Builder
	var ranges [][2]int
	pos, start := 0, -1
	for _, r := range s {
		switch string(r) {
		case markOpen:
			start = pos
		case markClose:
			if start >= 0 {
				ranges = append(ranges, [2]int{start, pos})
				start = -1
			}
		default:
			out.WriteRune(r)
			pos += len(utf16.Encode([]rune{r}))
		}
	}
	return out.String(), ranges
}
