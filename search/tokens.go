package search

import (
	"strings"
	"unicode"
)

// token is one indexed word of a text: folded (lowercase, without
// accents) and where it stands in the text, in bytes.
type token struct {
	word       string
	start, end int
}

// inWord reports whether r belongs to a word: letters, numbers, the marks
// that some scripts write inside words, private-use characters.
func inWord(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mn, r) ||
		unicode.Is(unicode.Mc, r) || unicode.Is(unicode.Co, r)
}

// tokenize splits text into its words, as the index and the queries both
// see them: runs of word characters, folded. Scripts written without
// spaces come out as one word per run.
func tokenize(text string) []token {
	var out []token
	start := -1
	for i, r := range text {
		if inWord(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			out = appendWord(out, text, start, i)
			start = -1
		}
	}
	if start >= 0 {
		out = appendWord(out, text, start, len(text))
	}
	return out
}

func appendWord(out []token, text string, start, end int) []token {
	if w := fold(text[start:end]); w != "" {
		out = append(out, token{word: w, start: start, end: end})
	}
	return out
}

// scope is what separates a conversation's id from a word in the index: a
// character that is never in a word (inWord), and that FTS5's ascii
// tokenizer keeps inside a token, as it does every non-ASCII character.
const scope = "·"

// scoped is how the index holds the words of a message of conv: each one
// prefixed by its conversation, so that a search reads only the entries
// of the reader's conversations, and nothing else of the index shapes its
// answer or its cost.
func scoped(conv string, tokens []token) string {
	var b strings.Builder
	for i, t := range tokens {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(conv)
		b.WriteString(scope)
		b.WriteString(t.word)
	}
	return b.String()
}
