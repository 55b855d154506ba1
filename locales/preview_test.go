package locales

import (
	"strings"
	"testing"
	"unicode"
)

// unprompted are the messages Frontdoor sends without the person having
// just written (queue updates, the end of a case, reminders, offers from
// the waiting list): they pop up as notifications, perhaps on a phone
// someone else holds.
func unprompted() []string {
	return []string{
		"handoff.wait.next", "handoff.wait.position", "handoff.wait.minutes", "handoff.wait.unknown",
		"handoff.wait.long", "handoff.closed", "booking.reminder", "booking.offer", "booking.offer_late",
	}
}

// sensitiveTitles are the messages whose words must not show in a
// notification: the names of the legal services and of the exploitation
// report, and the legal area itself.
func sensitiveTitles(c *Catalog) []string {
	ids := []string{"area.legal", "work.exploitation.title"}
	for _, id := range c.IDs() {
		if strings.HasPrefix(id, "legal.") && strings.HasSuffix(id, ".title") {
			ids = append(ids, id)
		}
	}
	return ids
}

// words splits a text into the words a reader would notice: runs of
// letters of five or more, and in scripts without spaces (Chinese) every
// pair of characters.
func words(text string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsMark(r) }) {
		rs := []rune(w)
		if unicode.Is(unicode.Han, rs[0]) {
			for i := 0; i+1 < len(rs); i++ {
				out = append(out, string(rs[i:i+2]))
			}
			continue
		}
		if len(rs) >= 5 {
			out = append(out, w)
		}
	}
	return out
}

// TestNotificationPreviewsAreNeutral: the first line of every unprompted
// message, in every language, names no legal service and no exploitation:
// a notification on a shared phone must not tell what the person asked.
func TestNotificationPreviewsAreNeutral(t *testing.T) {
	c := mustLoad(t)
	// Chinese pairs that are parts of everyday words here: 工作 (in
	// 工作人员, the staff) and 预约 (an appointment, any appointment).
	neutral := map[string]bool{"工作": true, "预约": true}
	data := map[string]any{"Count": 3, "Minutes": 20, "Position": 2}
	for _, l := range c.Languages() {
		sensitive := map[string]string{}
		for _, id := range sensitiveTitles(c) {
			for _, w := range words(c.Text(l.Tag, id, data)) {
				if !neutral[w] {
					sensitive[w] = id
				}
			}
		}
		if len(sensitive) == 0 {
			t.Fatalf("%s: no sensitive words found: the test would check nothing", l.Tag)
		}
		for _, id := range unprompted() {
			first, _, _ := strings.Cut(c.Text(l.Tag, id, data), "\n")
			for _, w := range words(first) {
				if from, ok := sensitive[w]; ok {
					t.Errorf("%s %s: the notification shows %q (from %s): %q", l.Tag, id, w, from, first)
				}
			}
		}
	}
}
