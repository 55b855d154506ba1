package locales

import (
	"strings"
	"testing"
)

// TestRefusingLineUsesTheProgressLinesWord: the campaigns page says, under
// the progress line, that the recipients a platform keeps refusing are
// counted as not delivered by a given time (console.campaigns.refusing).
// The operator then looks for them in the progress line's "not delivered"
// figures (console.campaigns.line.failed), so the two say it with the same
// word: a catalogue's "failed" where its progress line says "not
// delivered" sends the operator looking for a figure that is not there.
// Each row is the word the speakers' review of issue 16 found in both,
// and words the review took out (another language's word, a misspelling,
// a term the rest of the page does not use). The line is rendered with a
// time of today and a date, as the page writes them.
func TestRefusingLineUsesTheProgressLinesWord(t *testing.T) {
	c := mustLoad(t)
	for _, tt := range []struct {
		lang string
		word string   // in both the progress line and the refusing line ("": not checked)
		not  []string // never in the refusing line
	}{
		// Romance: the recipients it waits for are known ones (the
		// article), and they are counted in the future.
		{lang: "es", word: "no entregados", not: []string{"fallidos", "a destinatarios que"}},
		{lang: "fr", word: "non remis", not: []string{"en échec", "que des destinataires"}},
		{lang: "it", word: "non consegnati", not: []string{"sono contati", "solo destinatari che"}},
		{lang: "ro", word: "nelivrate", not: []string{"eșuați", "doar destinatari pe care"}},
		// Slavic: the page calls them отримувачі (not одержувачі), and
		// Ukrainian counts "до недоставлених", not "як недоставлені".
		{lang: "ru", word: "доставлен"},
		{lang: "uk", word: "доставлен", not: []string{"одержувач", "як недоставлені"}},
		// Right to left: "failed" (ناکام, ناموفق, الإرسال الفاشل) is not
		// the progress line's "not arrived / not delivered"; Arabic's word
		// is لم تُسلَّم, spelt as the progress line spells it.
		{lang: "ar", word: "\u0644\u0645 \u062a\u064f\u0633\u0644\u064e\u0651\u0645", not: []string{"الإرسال الفاشل", "إلا مستلمين"}},
		{lang: "fa", word: "نرسیده", not: []string{"ناموفق"}},
		{lang: "ps", word: "رسېدلي", not: []string{"ناکام"}},
		{lang: "ur", word: "پہنچے", not: []string{"ناکام"}},
		// South Asia: "failed" (ব্যর্থ, ਅਸਫਲ) is not the progress line's
		// "did not arrive"; "সর্বশেষ" is "the last", not "at the latest".
		{lang: "bn", word: "পৌঁছায়নি", not: []string{"ব্যর্থ", "সর্বশেষ"}},
		{lang: "pa", word: "ਪਹੁੰਚੇ", not: []string{"ਅਸਫਲ", "ਗਲਤੀ"}},
		// The others. Somali "ugu dambeyn" is "finally", "ugu daahid" "at
		// the latest"; Wolof "gënn" is a misspelling of "gën". Wolof keeps
		// "ni ñu ko jotul" (as ones it did not reach, after the page's Ñi
		// ko jot) rather than the progress line's agsiwul, until a fluent
		// reader says which: no word to check there.
		{lang: "sq", word: "padorëzuar", not: []string{"të dështuar", "vetëm marrës që"}},
		{lang: "tr", word: "teslim edilme", not: []string{"başarısız"}},
		{lang: "fil", word: "hindi naihatid", not: []string{"naipadala", "Pinakahuli sa"}},
		{lang: "so", word: "gaarin", not: []string{"Ugu dambeyn"}},
		{lang: "wo", not: []string{"gënn"}},
		{lang: "zh", word: "未送达", not: []string{"发送失败", "只在等待"}},
		// Ethiopic: left as drafted (እንዳልደረሳቸው / ከም ዘይበጽሖም, as
		// its progress line's ያልደረሱ / ኣይበጽሑን); the rows keep it so.
		{lang: "am", word: "ልደረ"},
		{lang: "ti", word: "በጽ"},
	} {
		line := c.Text(tt.lang, "console.campaigns.line.failed", sampleData("", nil))
		if tt.word != "" && !strings.Contains(line, tt.word) {
			t.Errorf("%s: the progress line %q does not say %q: is it still its word?", tt.lang, line, tt.word)
		}
		for _, until := range []string{"15:05", "2026-12-07 05:15"} {
			s := c.Text(tt.lang, "console.campaigns.refusing", map[string]any{"Channel": "Telegram", "Since": "23:10", "Until": until})
			if !strings.Contains(s, until) || !strings.Contains(s, "Telegram") {
				t.Errorf("%s: %q leaves out the channel or the time", tt.lang, s)
			}
			if tt.word != "" && !strings.Contains(s, tt.word) {
				t.Errorf("%s: %q does not count them with the progress line's word %q", tt.lang, s, tt.word)
			}
			for _, w := range tt.not {
				if strings.Contains(s, w) {
					t.Errorf("%s: %q says %q", tt.lang, s, w)
				}
			}
		}
	}
}
