package hooks

import "unicode/utf8"

// isOneEmoji reports whether s is a single emoji: one pictograph, with the
// modifiers, variation selectors, keycaps and tags that make one symbol, or
// several joined by zero-width joiners (a family), or a pair of regional
// indicators (a flag). Anything else (text, two emoji, a stray joiner) is
// not.
func isOneEmoji(s string) bool {
	if s == "" || !utf8.ValidString(s) {
		return false
	}
	symbols, regional, joined, keycapBase := 0, 0, false, false
	for i, r := range s {
		switch {
		case r == 0x200D: // zero-width joiner: the next pictograph joins this one
			if symbols == 0 || joined {
				return false
			}
			joined = true
		case r == 0xFE0F || r == 0xFE0E || (r >= 0x1F3FB && r <= 0x1F3FF) || (r >= 0xE0020 && r <= 0xE007F):
			// variation selectors, skin tones, tag sequences: part of the symbol before
			if symbols == 0 && !keycapBase {
				return false
			}
		case r == 0x20E3: // combining keycap
			if !keycapBase {
				return false
			}
			keycapBase, symbols = false, symbols+1
		case i == 0 && (r == '#' || r == '*' || (r >= '0' && r <= '9')):
			keycapBase = true
		case r >= 0x1F1E6 && r <= 0x1F1FF: // regional indicators: two make a flag
			regional++
			if regional%2 == 1 {
				symbols++
			}
		case pictographic(r):
			if !joined {
				symbols++
			}
			joined = false
		default:
			return false
		}
	}
	return symbols == 1 && !joined && !keycapBase && regional%2 == 0
}

// pictographic is an approximation of Unicode's Extended_Pictographic.
func pictographic(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF, r >= 0x2600 && r <= 0x27BF, r >= 0x2300 && r <= 0x23FF,
		r >= 0x2B00 && r <= 0x2BFF, r >= 0x2190 && r <= 0x21FF, r >= 0x25A0 && r <= 0x25FF,
		r >= 0x2900 && r <= 0x297F:
		return true
	}
	switch r {
	case 0x00A9, 0x00AE, 0x203C, 0x2049, 0x2122, 0x2139, 0x24C2, 0x3030, 0x303D, 0x3297, 0x3299:
		return true
	}
	return false
}
