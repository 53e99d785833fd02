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
)

// term is one required word, phrase or prefix of a search: the words it
// is made of, in order (a word typed with punctuation inside, such as
// "don't", is a phrase of its parts), the last of them a prefix if the
// term ends with *.
type term struct {
	words  []string
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
		tokens := tokenize(text)
		if len(tokens) == 0 {
			return // punctuation alone: nothing is indexed so
		}
		words := make([]string, len(tokens))
		for i, t := range tokens {
			words[i] = t.word
		}
		terms = append(terms, term{words, prefix})
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

// match builds the FTS5 query for terms in convs: every term required,
// each found in any of the conversations, as a phrase of its scoped words
// (a prefix query for a prefix term, which FTS5 answers from the terms of
// that conversation alone). Nothing typed is FTS5 syntax: every word goes
// in a quoted string.
func match(convs []string, terms []term) string {
	var b strings.Builder
	for i, t := range terms {
		if i > 0 {
			b.WriteString(" AND ")
		}
		b.WriteByte('(')
		for j, c := range convs {
			if j > 0 {
				b.WriteString(" OR ")
			}
			words := make([]string, len(t.words))
			for k, w := range t.words {
				words[k] = c + scope + w
			}
			b.WriteString(quote(strings.Join(words, " ")))
			if t.prefix {
				b.WriteByte('*')
			}
		}
		b.WriteByte(')')
	}
	return b.String()
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
