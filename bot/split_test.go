package bot

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSplitText(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		limit int
		want  []string
	}{
		{"short stays whole", "Hello.", 10, []string{"Hello."}},
		{"sentence boundary", "One two. Three four five.", 16, []string{"One two.", "Three four five."}},
		{"space when no sentence end", "aaaa bbbb cccc", 10, []string{"aaaa bbbb", "cccc"}},
		{"hard cut in a long word", "abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"arabic question mark", "سؤال؟ جواب طويل جدا", 8, []string{"سؤال؟", "جواب", "طويل جدا"}},
		{"urdu full stop", "یہ پہلا ہے۔ دوسرا جملہ", 14, []string{"یہ پہلا ہے۔", "دوسرا جملہ"}},
		{"chinese full stop", "第一句。第二句很长很长", 6, []string{"第一句。第二", "句很长很长"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SplitText(tt.text, tt.limit)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("SplitText(%q, %d) = %q, want %q", tt.text, tt.limit, got, tt.want)
			}
		})
	}
}

func TestSplitTextLimitAndContent(t *testing.T) {
	text := strings.Repeat("Il permesso di soggiorno scade. Rinnovalo presto! ", 200)
	parts := SplitText(text, 4096)
	if len(parts) < 3 {
		t.Fatalf("got %d parts, want at least 3", len(parts))
	}
	for i, p := range parts {
		if n := utf8.RuneCountInString(p); n > 4096 {
			t.Fatalf("part %d has %d runes", i, n)
		}
		if i < len(parts)-1 && !strings.HasSuffix(p, ".") && !strings.HasSuffix(p, "!") {
			t.Fatalf("part %d does not end at a sentence: %q", i, p[len(p)-20:])
		}
	}
	if got := strings.Join(strings.Fields(strings.Join(parts, " ")), " "); got != strings.Join(strings.Fields(text), " ") {
		t.Fatal("splitting lost or changed text")
	}
}
