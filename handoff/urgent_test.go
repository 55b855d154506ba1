package handoff_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/console/consoletest"
	"frontdoor/handoff"
	"frontdoor/internal/conf"
	"frontdoor/internal/logbuf"
	"frontdoor/locales"
	"frontdoor/store/storetest"
)

// lines is a transcript as "by:before:text" lines.
func lines(t *testing.T, svc *handoff.Service, id string) []string {
	t.Helper()
	tx, err := svc.Transcript(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range tx {
		before := ""
		if e.Before {
			before = "before"
		}
		out = append(out, e.By+":"+before+":"+e.Text)
	}
	return out
}

// TestOpeningTranscript: a case opens with what the person wrote before
// (marked as such), the message that opened it, then why it opened, in
// words; a replayed event adds nothing; the info log keeps no text.
func TestOpeningTranscript(t *testing.T) {
	tests := []struct {
		name string
		ev   bot.Event
		want []string
	}{
		{"urgent, with earlier messages",
			bot.HandoffRequested{Lang: "en", Area: "legal", Topic: "permit_renewal", Reason: "urgent_suicide", Urgent: true, UrgentKind: "suicide", Text: "I do not want to live any more", Said: []string{"hello", "my permit expired and nobody helps me"}},
			[]string{"person:before:hello", "person:before:my permit expired and nobody helps me",
				"person::I do not want to live any more", "system::opened: urgent — suicide / self-harm"}},
		{"urgent, a language Frontdoor does not speak",
			bot.HandoffRequested{Detected: "ru", Reason: "urgent_violence", Urgent: true, UrgentKind: "violence", Text: "муж меня бьёт"},
			[]string{"person::муж меня бьёт", "system::opened: urgent — violence"}},
		{"asked with the button", bot.HandoffRequested{Lang: "it", Reason: "asked"},
			[]string{"system::opened: asked for a person"}},
		{"asked in words", bot.HandoffRequested{Lang: "it", Reason: "asked", Text: "voglio parlare con una persona"},
			[]string{"person::voglio parlare con una persona", "system::opened: asked for a person"}},
		{"asked with the command", bot.HandoffRequested{Lang: "it", Reason: "asked", Text: "/person"},
			[]string{"system::opened: asked for a person"}},
		{"a command with words", bot.HandoffRequested{Lang: "it", Reason: "asked", Text: "/person aiuto con il permesso"},
			[]string{"person::/person aiuto con il permesso", "system::opened: asked for a person"}},
		{"not understood twice", bot.HandoffRequested{Lang: "fr", Reason: "triage_failed", Text: "bof", Said: []string{"euh"}},
			[]string{"person:before:euh", "person::bof", "system::opened: not understood twice"}},
		{"an urgent screen of the menu", bot.HandoffRequested{Lang: "it", Area: "work", Topic: "exploitation", Reason: "flow", Urgent: true},
			[]string{"system::opened: urgent — chose an urgent subject in the menu"}},
		{"booking found nothing", bot.HandoffRequested{Lang: "it", Area: "legal", Topic: "permit_renewal", Reason: "no_slots"},
			[]string{"system::opened: no free appointment"}},
		{"earlier messages unreadable", bot.HandoffRequested{Lang: "en", Reason: "asked", Text: "help", SaidLost: true},
			[]string{"person::help", "system::opened: asked for a person"}},
		{"with the bot's answers of the opening turn", bot.HandoffRequested{Lang: "en", Reason: "urgent_suicide", UrgentKind: "suicide", Text: "I cannot go on",
			Told: []string{"You are not alone. Call 112 now.", "", "You are number 1 in the queue."}},
			[]string{"person::I cannot go on", "bot::You are not alone. Call 112 now.", "bot::You are number 1 in the queue.",
				"system::opened: urgent — suicide / self-harm"}},
		{"with the turns before, the bot's part included, in order",
			bot.HandoffRequested{Lang: "en", Reason: "asked", Text: "I want a person", Said: []string{"my permit was stolen", "help"},
				Recent: []bot.Exchange{
					{Person: "Documents and residence permit", Bot: "Choose a topic."},
					{Person: "help", Bot: "Sorry, I did not understand."},
					{Kind: "photo", Bot: "Please write your question."},
				}, Told: []string{"You are number 1 in the queue."}},
			[]string{"person:before:my permit was stolen",
				"person:before:Documents and residence permit", "bot:before:Choose a topic.",
				"person:before:help", "bot:before:Sorry, I did not understand.",
				"person:before:", "bot:before:Please write your question.",
				"person::I want a person", "bot::You are number 1 in the queue.", "system::opened: asked for a person"}},
		{"the bot's answers unreadable", decoded(t, `{"kind":"handoff","data":{"lang":"en","reason":"asked","text":"help","told":"{not a list"}}`),
			[]string{"person::help", "system::opened: asked for a person"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rdb, keys := storetest.Redis(t)
			storetest.CheckScriptKeys(t, rdb)
			cat := shared.Catalog(t)
			var logs logbuf.Buffer
			log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
			svc, err := handoff.New(rdb, keys, handoff.Config{}, cat, handoff.Options{PasswordCost: 4, Log: log,
				Out: &sent{}})
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			c := bot.Contact{Channel: "telegram", ID: "301"}
			for range 2 { // the second is a replay
				if err := svc.HandleEvent(ctx, c, tt.ev); err != nil {
					t.Fatal(err)
				}
			}
			cs, err := svc.OpenCase(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			if got := lines(t, svc, cs.ID); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("transcript\n got %q\nwant %q", got, tt.want)
			}
			out := logs.String()
			if !strings.Contains(out, "case opened") {
				t.Fatalf("no opening in the log:\n%s", out)
			}
			h := tt.ev.(bot.HandoffRequested)
			texts := append(slices.Clone(h.Said), h.Text)
			for _, x := range h.Recent {
				texts = append(texts, x.Person, x.Bot)
			}
			for _, text := range texts {
				if text != "" && strings.Contains(out, text) {
					t.Errorf("the log holds the person's words %q:\n%s", text, out)
				}
			}
			if k := h.UrgentKind; k != "" && strings.Contains(out, k) {
				t.Errorf("the info log tells the kind of danger %q next to the contact:\n%s", k, out)
			}
		})
	}
}

// TestUrgentCaseFields: the urgent kind and the language recognised are
// kept with the case and given by the API, with the earlier messages
// marked "before".
func TestUrgentCaseFields(t *testing.T) {
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	c := bot.Contact{Channel: "telegram", ID: "302"}
	if err := f.svc.HandleEvent(ctx, c, bot.HandoffRequested{Detected: "ti", Reason: "urgent_child", Urgent: true, UrgentKind: "child", Text: "ሓገዝ", Said: []string{"ሰላም"}}); err != nil {
		t.Fatal(err)
	}
	cs, err := f.svc.OpenCase(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if cs.Lang != "" || cs.Detected != "ti" || cs.Kind != "child" || !cs.Urgent || cs.Reason != "urgent_child" {
		t.Fatalf("case = %+v", cs)
	}
	// A language code that is not one of the catalogue's is what the
	// person writes, not a language to answer in.
	// (German: recognised, not spoken.)
	de, _, err := f.svc.Queue().Open(ctx, handoff.Case{Contact: bot.Contact{Channel: "telegram", ID: "303"}, Lang: "de", Reason: "asked"})
	if err != nil {
		t.Fatal(err)
	}
	if de.Lang != "" || de.Detected != "de" {
		t.Fatalf("case in German = lang %q detected %q, want \"\" and de", de.Lang, de.Detected)
	}
	// A spoken language leaves nothing in detected.
	it, _, err := f.svc.Queue().Open(ctx, handoff.Case{Contact: bot.Contact{Channel: "telegram", ID: "304"}, Lang: "it", Detected: "it", Reason: "asked"})
	if err != nil {
		t.Fatal(err)
	}
	if it.Lang != "it" || it.Detected != "" {
		t.Fatalf("case in Italian = lang %q detected %q", it.Lang, it.Detected)
	}

	addOperator(t, f.svc, "ana", []string{"it"}, []string{"*"}, 3)
	tok, err := f.svc.Queue().NewToken(ctx, "ana")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(f.svc.Handler())
	defer srv.Close()
	api := apiClient{t, srv.URL, tok}
	code, m := api.do("GET", "/api/v1/cases", "")
	if code != 200 {
		t.Fatalf("list = %d %v", code, m)
	}
	var first map[string]any
	for _, w := range m["waiting"].([]any) {
		if w.(map[string]any)["id"] == cs.ID {
			first = w.(map[string]any)
		}
	}
	if first == nil || first["kind"] != "child" || first["detected"] != "ti" || first["lang"] != "" || first["urgent"] != true {
		t.Fatalf("the urgent case in the list = %v", first)
	}
	code, m = api.do("GET", "/api/v1/cases/"+cs.ID, "")
	if code != 200 {
		t.Fatalf("get = %d %v", code, m)
	}
	tx := m["transcript"].([]any)
	if len(tx) != 3 || tx[0].(map[string]any)["before"] != true || tx[0].(map[string]any)["text"] != "ሰላም" ||
		tx[1].(map[string]any)["before"] != nil || tx[1].(map[string]any)["text"] != "ሓገዝ" {
		t.Fatalf("transcript = %v", tx)
	}
}

// TestUnknownLanguageIsRouted: a case in a language Frontdoor does not
// speak waits in a queue of its own that every operator covering its area
// may take, whatever their languages; it has its own place in line, and
// can be transferred.
func TestUnknownLanguageIsRouted(t *testing.T) {
	ops := []struct {
		name         string
		langs, areas []string
		may          bool
	}{
		{"ita", []string{"it"}, []string{"legal"}, true},
		{"ara", []string{"ar"}, []string{"*"}, true},
		{"all", []string{"*"}, []string{"*"}, true},
		{"work", []string{"it"}, []string{"work"}, false},
	}
	for _, op := range ops {
		t.Run(op.name, func(t *testing.T) {
			f := newService(t, handoff.Config{})
			ctx := context.Background()
			addOperator(t, f.svc, op.name, op.langs, op.areas, 3)
			cs := open(t, f.svc, "401", "", "legal", true)
			open(t, f.svc, "402", "it", "legal", false)
			err := f.svc.Claim(ctx, op.name, cs.ID)
			if op.may && err != nil || !op.may && !errors.Is(err, handoff.ErrSkills) {
				t.Fatalf("claim by %s: %v, may %v", op.name, err, op.may)
			}
		})
	}

	f := newService(t, handoff.Config{})
	ctx := context.Background()
	addOperator(t, f.svc, "ita", []string{"it"}, []string{"legal"}, 3)
	addOperator(t, f.svc, "ara", []string{"ar"}, []string{"legal"}, 3)
	it := open(t, f.svc, "410", "it", "legal", false)
	f.clock.Add(time.Second)
	a := open(t, f.svc, "411", "", "legal", false)
	f.clock.Add(time.Second)
	b := open(t, f.svc, "412", "", "legal", false)
	// Their own line, and what their takers take first: ita, who may
	// take them too, takes the older Italian case first (the Italian case
	// has only ita, and nothing of hers ahead).
	for id, want := range map[string]int64{it.ID: 1, a.ID: 2, b.ID: 3} {
		if got, err := f.svc.Position(ctx, id); err != nil || got != want {
			t.Errorf("position of %s = %d %v, want %d", id, got, err, want)
		}
	}
	// The Arabic speaker takes the oldest case they may take.
	if id, err := f.svc.Next(ctx, "ara"); err != nil || id != a.ID {
		t.Fatalf("next for ara = %q %v, want %s", id, err, a.ID)
	}
	if err := f.svc.Transfer(ctx, "ara", a.ID, "ita", "she has an interpreter", false); err != nil {
		t.Fatalf("transfer of a case in an unknown language: %v", err)
	}
	if got, _ := f.svc.Get(ctx, a.ID); got.Operator != "ita" {
		t.Fatalf("after transfer: %+v", got)
	}
	if pos, _ := f.svc.Position(ctx, b.ID); pos != 2 {
		t.Fatalf("position of the second case after the first was taken = %d, want 2 (behind the Italian case ita takes first)", pos)
	}

	// The turn that opens such a case tells the person their place, in
	// the catalogue's fallback language: behind the other case in a
	// language Frontdoor does not speak and the Italian case ita takes
	// first.
	h := f.svc.Wrap(asksAPerson{bot.HandoffRequested{Detected: "ps", Reason: "asked", Area: "legal"}})
	c := bot.Contact{Channel: "telegram", ID: "413"}
	out, err := h.Handle(ctx, bot.Turn{Contact: c, Now: f.clock.Now(), Message: bot.Message{Contact: c, ID: "1", Text: "کومک"}})
	if err != nil {
		t.Fatal(err)
	}
	want := f.cat.Text("", "handoff.wait.position", map[string]any{"Position": 3}) + "\n" + f.cat.Text("", "handoff.wait.unknown", nil)
	if len(out.Replies) != 1 || out.Replies[0].Text != want {
		t.Fatalf("told %+v, want %q", out.Replies, want)
	}
}

// TestUrgentNeverOffersBooking: out of hours, a person in danger is told
// that their message is kept for the first operator and to call the
// numbers now, never offered to book an appointment instead, whether at
// the turn that opens the case or in the queue updates; nor when the wait
// is long. Others keep the choice.
// opensTomorrow is the closed-desk message of a desk staffed every day
// from 09:00 UTC, seen after closing time on the day of now.
func opensTomorrow(cat *locales.Catalog, lang string, now time.Time) string {
	next := now.UTC().AddDate(0, 0, 1)
	return cat.Text(lang, "handoff.out_of_hours_opens", map[string]any{
		"Day": cat.Weekday(lang, next), "Time": cat.Clock(lang, time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)),
	})
}

func TestUrgentNeverOffersBooking(t *testing.T) {
	hours := handoff.Hours{Timezone: "UTC", Open: "09:00", Close: "17:00"}
	for _, urgent := range []bool{true, false} {
		name := map[bool]string{true: "urgent", false: "not urgent"}[urgent]
		ev := bot.HandoffRequested{Lang: "ar", Area: "legal", Topic: "permit_renewal", Reason: "asked"}
		if urgent {
			ev = bot.HandoffRequested{Lang: "ar", Area: "legal", Topic: "permit_renewal", Reason: "urgent_violence", Urgent: true, UrgentKind: "violence"}
		}
		check := func(t *testing.T, f fixture, when string, r bot.Reply, wantID string) {
			t.Helper()
			if urgent {
				// The catalogue renders the message (Text gives the id
				// back when it has none), in Arabic, not the closed one.
				if r.Text != f.cat.Text("ar", handoff.MsgUrgentClosed, nil) || r.Text == handoff.MsgUrgentClosed ||
					r.Text == f.cat.Text("en", handoff.MsgUrgentClosed, nil) || r.Text == f.cat.Text("ar", "handoff.out_of_hours", nil) ||
					len(r.Choices) != 0 || !r.RTL {
					t.Fatalf("%s, urgent: told %+v, want %s without choices", when, r, handoff.MsgUrgentClosed)
				}
				return
			}
			if r.Text != wantID || len(r.Choices) != 1 || r.Choices[0].ID != handoff.ChoiceBookInstead {
				t.Fatalf("%s: told %+v, want %s with the choice to book", when, r, wantID)
			}
		}
		t.Run(name+", the turn that opens the case", func(t *testing.T) {
			f := newService(t, handoff.Config{Hours: hours})
			f.clock.Add(9 * time.Hour) // 19:00 UTC: closed
			c := bot.Contact{Channel: "telegram", ID: "501"}
			out, err := f.svc.Wrap(asksAPerson{ev}).Handle(context.Background(),
				bot.Turn{Contact: c, Now: f.clock.Now(), Message: bot.Message{Contact: c, ID: "1", Text: "help"}})
			if err != nil || len(out.Replies) != 1 {
				t.Fatalf("replies %+v, %v", out.Replies, err)
			}
			check(t, f, "closed, at the opening", out.Replies[0], opensTomorrow(f.cat, "ar", f.clock.Now()))
		})
		t.Run(name+", the queue update when the desk closes", func(t *testing.T) {
			f := newService(t, handoff.Config{Hours: hours, UpdateEvery: conf.Duration(time.Minute)})
			ctx := context.Background()
			c := bot.Contact{Channel: "telegram", ID: "502"}
			if err := f.svc.HandleEvent(ctx, c, ev); err != nil { // 10:00: open, told their place
				t.Fatal(err)
			}
			f.clock.Add(7*time.Hour + 30*time.Minute)
			f.svc.Tick(ctx)
			said := f.sent.to(c)
			if len(said) != 1 {
				t.Fatalf("after closing time the person was told %+v, want one message", said)
			}
			check(t, f, "closed, queue update", said[0], opensTomorrow(f.cat, "ar", f.clock.Now()))
			// Told once: the next rounds say nothing new.
			f.clock.Add(10 * time.Minute)
			f.svc.Tick(ctx)
			if said := f.sent.to(c); len(said) != 1 {
				t.Fatalf("told again: %+v", said)
			}
		})
		t.Run(name+", a long wait", func(t *testing.T) {
			f := newService(t, handoff.Config{PaceWindow: conf.Duration(10 * time.Minute), UpdateEvery: conf.Duration(time.Minute),
				LongWait: conf.Duration(15 * time.Minute)})
			ctx := context.Background()
			addOperator(t, f.svc, "op", []string{"*"}, []string{"*"}, 10)
			var last bot.Contact
			for _, id := range []string{"a", "b", "c", "d", "e"} {
				last = bot.Contact{Channel: "telegram", ID: "503" + id}
				if err := f.svc.HandleEvent(ctx, last, ev); err != nil {
					t.Fatal(err)
				}
				f.clock.Add(time.Second)
			}
			for range 2 {
				f.clock.Add(2 * time.Minute)
				if _, err := f.svc.Next(ctx, "op"); err != nil {
					t.Fatal(err)
				}
			}
			f.svc.Tick(ctx) // 0.2 a minute, third in line: 15 minutes, long
			said := f.sent.to(last)
			if len(said) != 1 || !strings.HasSuffix(said[0].Text, f.cat.Text("ar", "handoff.wait.long", nil)) {
				t.Fatalf("third in line was told %+v, want the long wait", said)
			}
			if offered := len(said[0].Choices) > 0; offered == urgent {
				t.Fatalf("long wait, urgent %v: choices %+v", urgent, said[0].Choices)
			}
		})
	}
}

// TestOldBookButtonKeepsUrgentCase: a "book instead" button left in the
// chat from an earlier case does not take a person in danger out of the
// queue: it reaches the operator like any message, by its words.
func TestOldBookButtonKeepsUrgentCase(t *testing.T) {
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	c := bot.Contact{Channel: "telegram", ID: "601"}
	if err := f.svc.HandleEvent(ctx, c, bot.HandoffRequested{Lang: "it", Area: "legal", Topic: "permit_renewal", Reason: "urgent_trafficking", Urgent: true, UrgentKind: "trafficking"}); err != nil {
		t.Fatal(err)
	}
	next := &recordingHandler{}
	out, err := f.svc.Wrap(next).Handle(ctx, bot.Turn{Contact: c, Now: f.clock.Now(),
		Message: bot.Message{Contact: c, ID: "2", Choice: handoff.ChoiceBookInstead}})
	if err != nil {
		t.Fatal(err)
	}
	if len(next.got) != 0 || len(out.Events) != 0 {
		t.Fatalf("the conversation got %+v, events %+v", next.got, out.Events)
	}
	cs, err := f.svc.OpenCase(ctx, c)
	if err != nil || cs.Status != handoff.StatusWaiting {
		t.Fatalf("the urgent case after an old book button: %+v %v", cs, err)
	}
	// The operator reads the button as the person saw it, in the case's
	// language, not its id.
	if tx, want := lines(t, f.svc, cs.ID), "person::["+f.cat.Text("it", "choice.book", nil)+"]"; tx[len(tx)-1] != want {
		t.Fatalf("transcript = %q, want it to end with %q", tx, want)
	}
}

// caseItem returns the queue list item of case id in a console page.
func caseItem(t *testing.T, page, id string) string {
	t.Helper()
	m := regexp.MustCompile(`(?s)<li class="case[^"]*" data-case="` + id + `".*?</li>`).FindString(page)
	if m == "" {
		t.Fatalf("case %s not in the page:\n%s", id, page)
	}
	return m
}

// TestConsoleShowsCasesInWords: the queue and the case page name the
// urgent kind in a badge instead of the stale menu topic, say when the
// person's language is not spoken, and show no ids; the transcript marks
// what was written before the case.
func TestConsoleShowsCasesInWords(t *testing.T) {
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	addOperator(t, f.svc, "ana", []string{"it", "en"}, []string{"*"}, 5)
	srv := httptest.NewServer(f.svc.Handler())
	defer srv.Close()
	en := func(id string) string { return f.cat.Text("en", id, nil) }

	cases := []struct {
		name      string
		ev        bot.Event
		want      []string
		wantNot   []string
		case_page []string
	}{
		{"suicide, on a stale menu topic",
			bot.HandoffRequested{Lang: "en", Area: "legal", Topic: "permit_renewal", Reason: "urgent_suicide", Urgent: true, UrgentKind: "suicide", Text: "I cannot go on", Said: []string{"hello", "where is the office"}},
			[]string{`data-urgent="1"`, "URGENT · suicide / self-harm", "English (en)"},
			[]string{en("legal.permit_renewal.title"), en("area.legal")},
			[]string{"URGENT · suicide / self-harm", "urgent — suicide / self-harm", "before the case", "I cannot go on", "where is the office",
				"opened: urgent — suicide / self-harm"}},
		{"child, in Pashto",
			bot.HandoffRequested{Detected: "ps", Reason: "urgent_child", Urgent: true, UrgentKind: "child", Text: "مرسته"},
			[]string{"URGENT · child in danger", "language: Pashto (ps, not supported)"},
			nil,
			[]string{`<dd id="case-lang"><span class="unsupported">Pashto (ps, not supported)</span>`, `dir="auto" lang="ps"`,
				"they write Pashto, which Frontdoor does not speak"}},
		{"violence, language not recognised",
			bot.HandoffRequested{Reason: "urgent_violence", Urgent: true, UrgentKind: "violence"},
			[]string{"URGENT · violence", "language: unknown"}, nil,
			[]string{`<dd id="case-lang"><span class="unsupported">unknown</span>`, "their language is not known"}},
		{"an urgent screen of the menu",
			bot.HandoffRequested{Lang: "it", Area: "work", Topic: "exploitation", Reason: "flow", Urgent: true},
			[]string{"URGENT · " + en("work.exploitation.title")}, nil, []string{"urgent — chose an urgent subject in the menu",
				// Italian's catalogue is not reviewed yet: the operator is told.
				`(it) · <small id="case-lang-draft"`}},
		{"not urgent",
			bot.HandoffRequested{Lang: "it", Area: "legal", Topic: "permit_renewal", Reason: "triage_failed"},
			[]string{en("area.legal") + " · " + en("legal.permit_renewal.title")},
			[]string{"URGENT", "data-urgent"},
			[]string{en("area.legal") + " · " + en("legal.permit_renewal.title"), "not understood twice"}},
	}
	ids := make([]string, len(cases))
	for i, tc := range cases {
		c := bot.Contact{Channel: "telegram", ID: "70" + string(rune('0'+i))}
		if err := f.svc.HandleEvent(ctx, c, tc.ev); err != nil {
			t.Fatal(err)
		}
		cs, err := f.svc.OpenCase(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = cs.ID
	}
	b := consoletest.New(t, srv.URL)
	b.MustSignIn("ana", "password-ana")
	code, queue := b.Get("/console/")
	if code != 200 {
		t.Fatalf("queue = %d", code)
	}
	for _, bad := range []string{"urgent_", "permit_renewal", "triage_failed"} {
		if strings.Contains(queue, bad) {
			t.Errorf("the queue page shows the id %q", bad)
		}
	}
	if !strings.Contains(queue, `id="alerts"`) || !strings.Contains(queue, "Alert me of urgent cases") {
		t.Error("the queue page has no button to allow the alerts")
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			li := caseItem(t, queue, ids[i])
			for _, w := range tc.want {
				if !strings.Contains(li, w) {
					t.Errorf("queue item lacks %q:\n%s", w, li)
				}
			}
			for _, w := range tc.wantNot {
				if strings.Contains(li, w) {
					t.Errorf("queue item shows %q:\n%s", w, li)
				}
			}
			// Claimed, so the page has the reply form too.
			if err := f.svc.Claim(ctx, "ana", ids[i]); err != nil {
				t.Fatal(err)
			}
			code, page := b.Get("/console/cases/" + ids[i])
			if code != 200 {
				t.Fatalf("case page = %d", code)
			}
			for _, w := range tc.case_page {
				if !strings.Contains(page, w) {
					t.Errorf("case page lacks %q", w)
				}
			}
			for _, bad := range []string{"urgent_", "permit_renewal", "triage_failed"} {
				if strings.Contains(page, bad) {
					t.Errorf("the case page shows the id %q", bad)
				}
			}
		})
	}
	// The export says the same in words.
	code, export := b.Get("/console/cases/" + ids[0] + "/export")
	if code != 200 || !strings.Contains(export, "Subject: URGENT · suicide / self-harm") ||
		!strings.Contains(export, "person (before the case): hello") || strings.Contains(export, "urgent_") {
		t.Fatalf("export = %d\n%s", code, export)
	}
}

// decoded is an event as a process reads it from the outbox's wire format.
func decoded(t *testing.T, wire string) bot.Event {
	t.Helper()
	e, err := bot.UnmarshalEvent([]byte(wire))
	if err != nil {
		t.Fatal(err)
	}
	return e
}
