package booking

import (
	"context"
	"flag"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/converse"
	"frontdoor/flows"
	"frontdoor/internal/conf"
	"frontdoor/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden transcripts in testdata/")

// A transcript step of the booking goldens: "text:…", "choice:…",
// "pick:PREFIX" (presses the first choice of the last message whose id
// starts with PREFIX), "last:PREFIX" (the last such choice), "wait:…"
// (moves the clock and sends the reminders due).
type bookingTranscript struct {
	lang  string
	steps []string
}

// bookingTranscripts are, in every language, booking, moving, cancelling
// and asking for help as the person sees them with the real conversation:
// no page is ever said twice, a turn that changes nothing is one line with
// the buttons in view, and the desk is closed on 8 December (a national
// holiday) and 24 June (its own closure).
func bookingTranscripts() map[string]bookingTranscript {
	common := func(lang, cancelWords, thanks string) bookingTranscript {
		return bookingTranscript{lang, []string{
			"text:/start lang_" + lang, "choice:consent.yes", "choice:menu.legal", "choice:legal.permit_renewal",
			"choice:legal_permit_renewal.book", "pick:bk.y.", "pick:bk.t.", "choice:bk.yes",
			"text:" + thanks, "text:/appointments", "pick:bk.mv.", "pick:bk.more", "last:bk.y.", "pick:bk.t.", "choice:bk.yes",
			"text:" + cancelWords, "pick:bk.x.", "pick:bk.xx.", "text:/help", "text:qwertz uiop",
		}}
	}
	return map[string]bookingTranscript{
		"book_move_cancel_it":  common("it", "voglio annullare l appuntamento", "grazie"),
		"book_move_cancel_en":  common("en", "I want to cancel my appointment please", "thank you"),
		"book_move_cancel_fr":  common("fr", "je veux annuler mon rendez-vous", "merci"),
		"book_move_cancel_es":  common("es", "quiero cancelar mi cita", "gracias"),
		"book_move_cancel_ar":  common("ar", "أريد إلغاء الموعد", "شكرا"),
		"book_move_cancel_uk":  common("uk", "хочу скасувати запис", "дякую"),
		"book_move_cancel_sq":  common("sq", "dua të anuloj takimin", "faleminderit"),
		"book_move_cancel_bn":  common("bn", "আমি অ্যাপয়েন্টমেন্ট বাতিল করতে চাই", "ধন্যবাদ"),
		"book_move_cancel_ur":  common("ur", "میں اپنی ملاقات منسوخ کرنا چاہتا ہوں", "شکریہ"),
		"book_move_cancel_zh":  common("zh", "我想取消预约", "谢谢"),
		"book_move_cancel_ro":  common("ro", "vreau să anulez programarea", "mulțumesc"),
		"book_move_cancel_ru":  common("ru", "хочу отменить запись", "спасибо"),
		"book_move_cancel_tr":  common("tr", "randevumu iptal etmek istiyorum", "teşekkürler"),
		"book_move_cancel_fil": common("fil", "gusto kong kanselahin ang appointment ko", "salamat po"),
		"book_move_cancel_wo":  common("wo", "bëgg naa far sama rendez-vous", "jërëjëf"),
		"book_move_cancel_fa":  common("fa", "می\u200cخواهم نوبتم را لغو کنم", "ممنون"),
		"book_move_cancel_ps":  common("ps", "غواړم خپل وخت لغوه کړم", "مننه"),
		"book_move_cancel_so":  common("so", "waxaan rabaa inaan ballanta joojiyo", "mahadsanid"),
		"book_move_cancel_pa":  common("pa", "ਮੈਂ ਆਪਣੀ ਮੁਲਾਕਾਤ ਰੱਦ ਕਰਨਾ ਚਾਹੁੰਦਾ ਹਾਂ", "ਧੰਨਵਾਦ"),
		"book_move_cancel_ti":  common("ti", "ቆጸራይ ክሰርዞ እደሊ", "የቐንየለይ"),
		"book_move_cancel_am":  common("am", "ቀጠሮዬን መሰረዝ እፈልጋለሁ", "አመሰግናለሁ"),
		// Pages of days: More, then Previous and From today.
		"days_pages_back_and_today_uk": {"uk", []string{
			"text:/start lang_uk", "choice:consent.yes", "choice:menu.legal", "choice:legal.permit_renewal",
			"choice:legal_permit_renewal.book", "choice:bk.more", "choice:bk.more", "choice:bk.prev", "choice:bk.more", "choice:bk.today",
			"pick:bk.y.", "choice:bk.more", "choice:bk.prev",
		}},
		// A person asked for in the middle of the dialogue, an urgent
		// message there, and a service no desk books: the case opens
		// with the turns before it, the dialogue's screens included.
		"person_while_booking_en": {"en", []string{
			"text:/start lang_en", "choice:consent.yes", "choice:menu.legal", "choice:legal.permit_renewal",
			"choice:legal_permit_renewal.book", "pick:bk.y.", "text:2", "text:/person",
		}},
		"urgent_while_booking_it": {"it", []string{
			"text:/start lang_it", "choice:consent.yes", "text:devo rinnovare il permesso di soggiorno", "choice:triage.yes",
			"choice:legal_permit_renewal.book", "pick:bk.more", "text:mio marito mi picchia, ho paura",
		}},
		// A danger half told with the words that ask to change an
		// appointment, after booking and in the middle of the dialogue:
		// the list answers, with the numbers of that danger under it.
		"half_told_while_changing_en": {"en", halfToldWhileChanging},
		"no_desk_books_housing_fr": {"fr", []string{
			"text:/start lang_fr", "choice:consent.yes", "choice:menu.welfare", "choice:welfare.housing",
			"choice:welfare_housing.book",
		}},
		// Two appointments: the list says what each is for, and its
		// buttons name them by number and day, not by code.
		"two_appointments_listed_en": {"en", []string{
			"text:/start lang_en", "choice:consent.yes", "choice:menu.legal", "choice:legal.permit_renewal",
			"choice:legal_permit_renewal.book", "pick:bk.y.", "pick:bk.t.", "choice:bk.yes", "choice:g.menu",
			"choice:menu.work", "choice:work.cv", "choice:work_cv.book", "pick:bk.more", "pick:bk.y.", "pick:bk.t.", "choice:bk.yes",
			"text:/appointments",
		}},
		// A service whose page lists documents though the desk's config
		// names none (the CV), and a reminder in the language the person
		// changed to after booking.
		"book_cv_then_reminder_in_new_language": {"it", []string{
			"text:/start lang_it", "choice:consent.yes", "choice:menu.work", "choice:work.cv", "choice:work_cv.book",
			"pick:bk.more", "last:bk.y.", "pick:bk.t.", "choice:bk.yes", "text:/language", "choice:lang.fr", "wait:217h",
		}},
	}
}

var halfToldWhileChanging = []string{
	"text:/start lang_en", "choice:consent.yes", "choice:menu.legal", "choice:legal.permit_renewal",
	"choice:legal_permit_renewal.book", "pick:bk.y.", "pick:bk.t.", "choice:bk.yes",
	"text:I need to change my appointment, my husband threatened me again",
	"choice:legal_permit_renewal.book", "pick:bk.y.",
	"text:I want to cancel my appointment, I can't go on anymore",
}

// TestHalfToldWhileChangingKeepsTheNumbers: booking's list answers "I
// need to change my appointment" in place of the conversation, and the
// numbers of the danger the same words half tell (violence, then suicide)
// stay under it; the words that ask for the change alone get none.
func TestHalfToldWhileChangingKeepsTheNumbers(t *testing.T) {
	cat := cat(t)
	eng, err := flows.New(cat, flows.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t)
	e.clock.Set(time.Date(2026, 12, 7, 8, 0, 0, 0, rome))
	s := e.service(t, transcriptConfig())
	h := s.Wrap(converse.Conversation{Engine: eng, Catalog: cat})
	steps := append(slices.Clone(halfToldWhileChanging), "text:I want to cancel my appointment")
	got, _, _ := runBookingTranscript(t, e, s, h, steps)
	turns := strings.Split(got, "\n> ")
	answer := func(text string) string {
		for _, tr := range turns {
			if strings.HasPrefix(tr, "text "+strconv.Quote(text)) {
				return tr
			}
		}
		t.Fatalf("no turn %q in\n%s", text, got)
		return ""
	}
	for _, tc := range []struct{ text, want, not string }{
		{"I need to change my appointment, my husband threatened me again", "1522", "2327"},
		{"I want to cancel my appointment, I can't go on anymore", "02 2327 2327", "1522"},
		{"I want to cancel my appointment", "", ""},
	} {
		a := answer(tc.text)
		if !strings.Contains(a, "[bk.x.") && !strings.Contains(a, "[bk.mv.") {
			t.Errorf("%q is not answered with the appointments:\n%s", tc.text, a)
		}
		switch {
		case tc.want == "" && strings.Contains(a, "📞"):
			t.Errorf("%q got numbers:\n%s", tc.text, a)
		case tc.want != "" && (!strings.Contains(a, tc.want) || strings.Contains(a, tc.not)):
			t.Errorf("%q: want %s (not %s) under the list:\n%s", tc.text, tc.want, tc.not, a)
		}
	}
}

// transcriptConfig is the demo desk: closed on Italy's holidays and on its
// own closures, open Monday to Friday.
func transcriptConfig() Config {
	cfg := testConfig()
	cfg.Desks[0].Closed = []string{"2026-06-24", "2026-12-24"}
	cfg.Desks[0].MapURL = "https://www.openstreetmap.org/?mlat=45.07&mlon=7.68"
	cfg.Desks[0].Services = append(cfg.Desks[0].Services, Offering{Area: "work", Topic: "cv", Duration: conf.Duration(30 * time.Minute), Capacity: 2})
	cfg.Reminders = []conf.Duration{conf.Duration(24 * time.Hour)}
	return cfg
}

func TestBookingTranscripts(t *testing.T) {
	cat := cat(t)
	eng, err := flows.New(cat, flows.Options{Facts: map[string]string{
		"DeskName": "Sportello Centro", "DeskAddress": "Via Roma 1, Torino", "DeskPhone": "+39 011 000", "DeskHours": "lun-ven 9-13",
	}})
	if err != nil {
		t.Fatal(err)
	}
	var sends, inbound int
	for name, tr := range bookingTranscripts() {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t)
			// Monday 7 December 2026, 08:00: the 8th is a holiday.
			e.clock.Set(time.Date(2026, 12, 7, 8, 0, 0, 0, rome))
			s := e.service(t, transcriptConfig())
			h := s.Wrap(converse.Conversation{Engine: eng, Catalog: cat})
			got, n, in := runBookingTranscript(t, e, s, h, tr.steps)
			sends, inbound = sends+n, inbound+in
			golden.Check(t, name, got, *update, "go test ./booking -run Transcripts -update")
		})
	}
	t.Logf("replies per inbound message: %d / %d = %.2f", sends, inbound, float64(sends)/float64(max(inbound, 1)))
}

// runBookingTranscript plays the steps and writes what the person sees;
// it returns the transcript, the replies sent and the messages sent in.
func runBookingTranscript(t *testing.T, e *env, s *Service, h bot.Handler, steps []string) (string, int, int) {
	t.Helper()
	ctx := context.Background()
	c := person(1)
	var b strings.Builder
	var state []byte
	var last []bot.Choice
	seen := map[string]bool{}
	replies, inbound := 0, 0
	show := func(r bot.Reply) {
		dir := ""
		if r.RTL {
			dir = " [rtl]"
		}
		fmt.Fprintf(&b, "<%s %s\n", dir, strings.ReplaceAll(r.Text, "\n", "\n   "))
		for i, ch := range r.Choices {
			fmt.Fprintf(&b, "   %d. [%s] %s\n", i+1, ch.ID, ch.Label)
		}
	}
	for _, step := range steps {
		kind, arg, _ := strings.Cut(step, ":")
		m := bot.Message{Contact: c}
		switch kind {
		case "text":
			m.Text = arg
		case "choice":
			m.Choice = arg
		case "pick", "last":
			found := ""
			for _, ch := range last {
				if strings.HasPrefix(ch.ID, arg) {
					found = ch.ID
					if kind == "pick" {
						break
					}
				}
			}
			if found == "" {
				t.Fatalf("step %q: no choice %s* in %v\n%s", step, arg, last, b.String())
			}
			m.Choice, kind, arg = found, "choice", found
		case "wait":
			d, err := time.ParseDuration(arg)
			if err != nil {
				t.Fatal(err)
			}
			e.clock.Set(e.clock.Now().Add(d))
			fmt.Fprintf(&b, "… %s later\n", arg)
			before := len(e.out.all())
			if _, err := s.SendDue(ctx); err != nil {
				t.Fatal(err)
			}
			for _, sent := range e.out.all()[before:] {
				show(sent.Reply)
			}
			continue
		default:
			t.Fatalf("bad step %q", step)
		}
		fmt.Fprintf(&b, "> %s %q\n", kind, arg)
		out, err := h.Handle(ctx, bot.Turn{Contact: c, State: state, Message: m, Now: e.clock.Now()})
		if err != nil {
			t.Fatal(err)
		}
		if out.State != nil {
			state = out.State
		}
		inbound++
		replies += len(out.Replies)
		for _, r := range out.Replies {
			show(r)
			if len(r.Choices) > 0 {
				last = r.Choices
			}
			// A page of more than a line is never said again.
			if strings.Contains(r.Text, "\n") && len(r.Text) > 200 {
				if seen[r.Text] {
					t.Errorf("step %q repeats a page already shown:\n%s", step, r.Text)
				}
				seen[r.Text] = true
			}
		}
		for _, ev := range out.Events {
			if h, ok := ev.(bot.HandoffRequested); ok {
				fmt.Fprintf(&b, "! handoff reason=%q\n", h.Reason)
				// The turns the case opens with (State.Recent).
				for _, m := range h.Said {
					fmt.Fprintf(&b, "   said %q\n", m)
				}
				for _, x := range h.Recent {
					fmt.Fprintf(&b, "   turn person=%q kind=%q bot=%q\n", x.Person, x.Kind, x.Bot)
				}
			}
		}
		e.clock.Set(e.clock.Now().Add(time.Minute))
	}
	return stableCodes(b.String()), replies, inbound
}

var codeInChoice = regexp.MustCompile(`\[bk\.(?:mv|x|xx|ok)\.([A-Z0-9]+)\]`)

// stableCodes replaces the booking codes, random, by CODE1, CODE2... in
// the order they appear in buttons.
func stableCodes(s string) string {
	n := 0
	for _, m := range codeInChoice.FindAllStringSubmatch(s, -1) {
		if !strings.Contains(s, m[1]) {
			continue
		}
		n++
		s = strings.ReplaceAll(s, m[1], fmt.Sprintf("CODE%d", n))
	}
	return s
}

// TestNoSlotsThenPersonTranscript: the desk is full, and the person asks
// for a person on the "nothing free" screen (a case the dialogue opens
// itself): the case takes the turns before it, the dialogue's included,
// and a later case does not get them again.
func TestNoSlotsThenPersonTranscript(t *testing.T) {
	cat := cat(t)
	eng, err := flows.New(cat, flows.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t)
	cfg := testConfig()
	cfg.HorizonDays = 1
	s := e.service(t, cfg)
	for i, hm := range []string{"09:00", "10:00", "11:00", "12:00"} {
		if _, err := s.Book(context.Background(), person(100+i), "en", "centro", "work.", at("2026-03-03", hm)); err != nil {
			t.Fatal(err)
		}
	}
	e.clock.Set(at("2026-03-02", "12:30"))
	h := s.Wrap(converse.Conversation{Engine: eng, Catalog: cat})
	got, _, _ := runBookingTranscript(t, e, s, h, []string{
		"text:/start lang_en", "choice:consent.yes", "choice:menu.work", "choice:work.cv", "choice:work_cv.book",
		"choice:bk.hp", "text:/person",
	})
	golden.Check(t, "no_slots_then_person_en", got, *update, "go test ./booking -run Transcript -update")
	first, second, ok := strings.Cut(got, "! handoff")
	if !ok || !strings.Contains(second, `person="Book an appointment"`) || !strings.Contains(second, cat.Text("en", "booking.none_wait", nil)) {
		t.Errorf("the case from the dialogue lacks its turns:\n%s", got)
	}
	if _, again, _ := strings.Cut(second, "! handoff"); strings.Contains(again, "Book an appointment") {
		t.Errorf("a later case got the first one's turns again:\n%s", first+second)
	}
}
