package triage

// A language written in another script is also typed in Latin letters,
// each writer spelling it their own way: Roman Urdu "jeena", "jina" and
// "jiina" (to live), "khudkushi" and "khudkhushi" (suicide), "zindagi"
// and "jindagi" (life), Arabizi "wallah" and "walla". A list cannot hold
// every spelling, so a word of such a transliteration is also known by
// its skeleton, the letters that do not vary: long vowels short, "h"
// after a consonant dropped, w as v, z as j, q as k, doubled letters
// single. A message word that is no word of any list nor of any language
// is then read as the listed word of the same skeleton.

// skeletonMin is the shortest word (in letters) read by its skeleton:
// shorter ones have too many neighbours ("gaar", a station in Wolof, is
// "ghar", a house in Roman Urdu).
const skeletonMin = 5

// maxSkeletonWords bounds the listed spellings one skeleton stands for
// (they fill token.exact and token.stems).
const maxSkeletonWords = 1 + maxStems

// skeleton writes into dst the skeleton of an ASCII-folded Latin word.
func skeleton(dst []byte, w []byte) []byte {
	start := len(dst)
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch c {
		case 'w':
			c = 'v'
		case 'z':
			c = 'j'
		case 'q':
			c = 'k'
		case 'e':
			if i+1 < len(w) && w[i+1] == 'e' { // ee: a long i
				c = 'i'
				i++
			}
		case 'o':
			if i+1 < len(w) && w[i+1] == 'o' { // oo: a long u
				c = 'u'
				i++
			}
		case 'h':
			// Aspiration is written or not: kh, gh, bh, dh, th, sh, ph.
			// After a vowel or first, h is a letter ("hai", "rah").
			if len(dst) > start && !isVowel(dst[len(dst)-1]) {
				if dst[len(dst)-1] == 'p' {
					dst[len(dst)-1] = 'f'
				}
				continue
			}
		}
		if len(dst) > start && dst[len(dst)-1] == c {
			continue // doubled letters: "maar", "bachcha"
		}
		dst = append(dst, c)
	}
	return dst
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// addSkeleton records a transliterated lexicon word under its skeleton.
func (c *Classifier) addSkeleton(word string, id int32) {
	if c.skeletons == nil {
		c.skeletons = map[string][]int32{}
	}
	k := string(skeleton(nil, []byte(word)))
	ids := c.skeletons[k]
	for _, x := range ids {
		if x == id {
			return
		}
	}
	if len(ids) < maxSkeletonWords {
		c.skeletons[k] = append(ids, id)
	}
}

// bySkeleton reads an unknown Latin word s as the listed transliterated
// words of its skeleton, if any.
func (c *Classifier) bySkeleton(t *token, s []byte, sc *scratch) {
	sc.tri = skeleton(sc.tri[:0], s)
	ids := c.skeletons[string(sc.tri)]
	if len(ids) == 0 {
		return
	}
	t.exact = ids[0]
	// The other spellings take the free places after the word's stems.
	k := 0
	for _, id := range ids[1:] {
		for k < len(t.stems) && t.stems[k] >= 0 {
			k++
		}
		if k == len(t.stems) {
			return
		}
		t.stems[k] = id
	}
}
