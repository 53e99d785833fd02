package search

import "strings"

// snippetWords is how many words a snippet shows around the first match.
const snippetWords = 16

// snippet returns the part of text around its first match of terms, with
// where the matches are (UTF-16 [start, end) offsets, as JavaScript counts),
// and whether text matches at all: the text a reader sees may differ from
// the one indexed (an onRecordEnrich hook, such as moderation, masked it),
// and a hit must show why it was found.
func snippet(text string, terms []term) (string, [][2]int, bool) {
	tokens := tokenize(text)
	marked := make([]bool, len(tokens))
	for _, t := range terms {
		found := false
		for i := 0; i+len(t.words) <= len(tokens); i++ {
			if matchesAt(tokens[i:], t) {
				found = true
				for k := range t.words {
					marked[i+k] = true
				}
			}
		}
		if !found {
			return "", nil, false
		}
	}
	first := 0
	for first < len(marked) && !marked[first] {
		first++
	}
	from := max(0, min(first-snippetWords/4, len(tokens)-snippetWords))
	to := min(len(tokens), from+snippetWords)

	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	start := tokens[from].start
	if from == 0 {
		start = 0
	}
	pos := start
	for i := from; i < to; i++ {
		t := tokens[i]
		b.WriteString(text[pos:t.start])
		if marked[i] {
			b.WriteString(markOpen + text[t.start:t.end] + markClose)
		} else {
			b.WriteString(text[t.start:t.end])
		}
		pos = t.end
	}
	if to == len(tokens) {
		b.WriteString(text[pos:])
	} else {
		b.WriteString("…")
	}
	s, ranges := highlight(b.String())
	return s, ranges, true
}

// matchesAt reports whether the words of tokens start with term t.
func matchesAt(tokens []token, t term) bool {
	for k, w := range t.words {
		if k == len(t.words)-1 && t.prefix {
			if !strings.HasPrefix(tokens[k].word, w) {
				return false
			}
		} else if tokens[k].word != w {
			return false
		}
	}
	return true
}
