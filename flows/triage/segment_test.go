package triage

import (
	"strings"
	"testing"
	"testing/fstest"
)

// A listed word of Thai, Lao, Khmer or Burmese is found as a word of the
// message, never inside a longer word (segment.go): per script, words
// that must count, and longer words holding them that must not. With the
// shipped lists: a child (@minor) and harm (@harm) make a child in danger.
func TestSegmentedWordsMatchOnlyAsWords(t *testing.T) {
	c := newClassifier(t)
	for _, tt := range []struct {
		lang, text, urgent string
	}{
		// Thai: ลูก (a child), and a customer, an employee, a subordinate.
		{"th", "ลูกถูกตี", "child"},
		{"th", "ลูกสาวถูกตี", "child"},
		{"th", "ลูกค้าถูกตี", ""},
		{"th", "ลูกจ้างถูกตี", ""},
		{"th", "ลูกน้องถูกตี", ""},
		{"th", "ตอนนี้ลูกหนูหายใจไม่ออก", "child"},
		{"th", "ลูกค้าหายใจไม่ออก", "medical"}, // a customer who cannot breathe: an adult's emergency
		// Lao: ລູກ (a child), and a customer, an employee.
		{"lo", "ລູກຖືກຕີ", "child"},
		{"lo", "ລູກຄ້າຖືກຕີ", ""},
		{"lo", "ລູກຈ້າງຖືກຕີ", ""},
		// Khmer: កូន (a child), and a key.
		{"km", "កូនត្រូវវាយ", "child"},
		{"km", "កូនស្រីត្រូវវាយ", "child"},
		{"km", "កូនសោត្រូវវាយ", ""},
		// Burmese: သား (a son), and meat and fish, leather.
		{"my", "သားအရိုက်ခံရ", "child"},
		{"my", "သားငါးအရိုက်ခံရ", ""},
		{"my", "သားရေအရိုက်ခံရ", ""},
		// Whole messages of the held-out sets (urgent, and ordinary).
		{"th", "แม่ขอโทษนะ หนูเหนื่อยมาก อยากนอนหลับไปแล้วไม่ต้องตื่นอีก ทุกคนคงดีขึ้นถ้าไม่มีหนู", "suicide"},
		{"th", "ช่วยด้วย เพื่อนหนูหมดสติ ไม่หายใจ อยู่ที่มิลาน", "medical"},
		{"th", "ทำงานนวดที่อิตาลีต้องมีใบอนุญาตอะไรบ้างคะ", ""},
		{"lo", "ໝູ່ບອກວ່າລາວສະຫຼົບ", "medical"},
		{"km", "មិត្តខ្ញុំប្រាប់ថាគាត់សន្លប់", "medical"},
		{"my", "သူငယ်ချင်းပြောတယ်သူသတိလစ်နေတယ်", "medical"},
		{"my", "အခုကျွန်မသေချင်တယ်", "suicide"},
	} {
		r := c.Classify(tt.text)
		if r.Urgent != tt.urgent || r.Detected != tt.lang {
			t.Errorf("%s %q: urgent %q detected %q, want %q", tt.lang, tt.text, r.Urgent, r.Detected, tt.urgent)
		}
	}
}

// The Thai lists carried "ignore" lines for the words that hold a shorter
// listed word (a customer, an employee, to persuade, "rather", a book):
// they are common words now (data/words/th.txt), and hide the same.
func TestThaiIgnoreCasesAreWords(t *testing.T) {
	// ชัก (a seizure) alone, as a list may write it: persuading and
	// "rather" hold it.
	c, err := NewWithExtra(fstest.MapFS{"safety/th.tsv": {Data: []byte("medical\t1\tชัก\n")}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ text, urgent string }{
		{"ลูกค้าโดนตี", ""},                      // the customer was hit: no child
		{"ลูกจ้างโดนตี", ""},                     // the employee was hit
		{"ลูกโดนตี", "child"},                    // the child was hit
		{"เขาชักชวนไปทำงาน", ""},                 // he persuaded me to work
		{"ชักจะเบื่อแล้ว", ""},                   // getting rather bored
		{"ดูหนังสือแล้วเพื่อนหมดสติ", "medical"}, // reading a book, a friend fainted: a book is no film (calm)
		{"ดูหนังแล้วเพื่อนหมดสติ", ""},           // watching a film (calm): the bar is higher
	} {
		if r := c.Classify(tt.text); r.Urgent != tt.urgent {
			t.Errorf("%q: urgent %q, want %q", tt.text, r.Urgent, tt.urgent)
		}
	}
	for _, l := range strings.Split(readData(t, "data/safety/th.tsv"), "\n") {
		if strings.HasPrefix(l, "ignore\t") {
			t.Errorf("th.tsv still patches words inside words: %s", l)
		}
	}
}

func readData(t *testing.T, p string) string {
	t.Helper()
	b, err := data.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A common word is a word of its file's language, in a script written
// without spaces; anything else is refused at load, naming the line.
func TestBadWordsFileIsRefused(t *testing.T) {
	for _, tt := range []struct{ name, file, text, want string }{
		{"a Latin word", "data/words/th.txt", "ลูกค้า\ncustomer\n", "data/words/th.txt:2"},
		{"another script", "data/words/th.txt", "ລູກຄ້າ\n", "data/words/th.txt:1"},
		{"an unknown language", "data/words/xx.txt", "ลูกค้า\n", `unknown language "xx"`},
	} {
		_, err := newFrom(withFile(t, tt.file, tt.text), nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}

// Cutting a message into words allocates nothing once the scratch memory
// is warm (Classify's promise; one scratch held, as TestClassifyAllocs).
func TestSegmentAllocatesNothing(t *testing.T) {
	c := newClassifier(t)
	sc := c.get()
	defer c.put(sc)
	for _, m := range unspacedMessages(t) {
		c.read(m, sc)
		if n := testing.AllocsPerRun(20, func() { c.read(m, sc) }); n > 0 {
			t.Errorf("reading %q allocates %.0f times, want none", m, n)
		}
	}
}

// BenchmarkSegment is the word cutter alone, on the messages of the
// held-out sets in Thai, Lao, Khmer and Burmese: its share of
// BenchmarkClassifyUnspaced.
func BenchmarkSegment(b *testing.B) {
	c := newClassifier(b)
	ex := unspacedMessages(b)
	sc := c.get()
	defer c.put(sc)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		c.tokenize(ex[i%len(ex)], sc)
		b.StartTimer()
		c.segment(sc)
	}
}
