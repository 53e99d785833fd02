package search

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Limits of a query.
const (
	maxQueryRunes = 200
	maxTerms      = 20

	// maxExpansions is how many indexed words a prefix stands for, the
	// most common first: FTS5 reads every document of every word a prefix
	// matches before the first result, which for a prefix of a word in
	// most messages would cost the whole index.
	maxExpansions = 64
)

// term is one required word, phrase or prefix of a search.
type term struct {
	text   string
	prefix bool
}

// parse reads what a person typed: words (a trailing * makes one a prefix)
// and "quoted phrases", all required. Nothing typed is FTS5 syntax: each
// term goes to FTS5 as a quoted string, so only an unmatched quote or
// nothing to search for is an error.
func parse(q string) ([]term, error) {
	if utf8.RuneCountInString(q) > maxQueryRunes {
		return nil, errors.New("A search is at most 200 characters.")
	}
	var terms []term
	add := func(text string, prefix bool) {
		if !strings.ContainsFunc(text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) {
			return // punctuation alone: nothing FTS5 would index
		}
		terms = append(terms, term{text, prefix})
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
				return nil, errors.New(`A quote is not closed: put the phrase between two " marks.`)
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
		return nil, errors.New("Type a word to search for.")
	}
	if len(terms) > maxTerms {
		return nil, errors.New("A search has at most 20 words.")
	}
	return terms, nil
}

// quote makes s an FTS5 string.
func quote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// fold lowercases s and takes its accents off, as the index's tokenizer
// does (unicode61, remove_diacritics 2), so that a prefix is looked up
// among the words as indexed.
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, strings.ToLower(s))
	if err != nil {
		return strings.ToLower(s)
	}
	return out
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
