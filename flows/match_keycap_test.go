package flows

import (
	"fmt"
	"testing"
)

// WhatsApp menus number their options with keycap emoji (1️⃣ … 🔟), and
// people answer by tapping the same emoji, or by typing the number in
// their own digits.
func TestMatchChoiceKeycapsAndDigits(t *testing.T) {
	labels := make([]string, 12)
	for i := range labels {
		labels[i] = fmt.Sprintf("Option %c", 'A'+i)
	}
	tests := []struct {
		name string
		in   string
		want int // 1-based; 0 means no match
	}{
		{"keycap", "2\ufe0f\u20e3", 2},
		{"keycap without variation selector", "3\u20e3", 3},
		{"keycap with spaces", " 1\ufe0f\u20e3 ", 1},
		{"keycap ten", "\U0001f51f", 10},
		{"keycap ten with variation selector", "\U0001f51f\ufe0f", 10},
		{"keycap out of range", "0\ufe0f\u20e3", 0},
		{"two keycaps", "1\ufe0f\u20e32\ufe0f\u20e3", 12},
		{"keycap ten and a digit", "\U0001f51f1", 0},
		{"Western", "12", 12},
		{"Arabic-Indic", "١٢", 12},
		{"Arabic-Indic one digit", "٣", 3},
		{"Persian", "۱۲", 12},
		{"Persian one digit", "۷", 7},
		{"Persian with a full stop", "۱۱.", 11},
		{"too large", "١٣", 0},
		{"mixed with words", "2\ufe0f\u20e3 please", 0},
		{"lone keycap mark", "\u20e3", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := MatchChoice(tt.in, labels)
			if tt.want == 0 {
				if ok {
					t.Errorf("MatchChoice(%q) = %d, want no match", tt.in, got+1)
				}
				return
			}
			if !ok || got != tt.want-1 {
				t.Errorf("MatchChoice(%q) = %d, %v; want %d", tt.in, got+1, ok, tt.want)
			}
		})
	}
}
