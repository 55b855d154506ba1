package booking

import (
	"context"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"frontdoor/bot"
	"frontdoor/console"
	"frontdoor/console/consoletest"
	"frontdoor/handoff"
)

// deskConsole is the operator console as the lead mounts it: the console's
// sign-in, handoff's pages and, behind the console's Require, the agenda.
type deskConsole struct {
	*env
	s    *Service
	h    *handoff.Service
	base string
}

func newConsole(t *testing.T, cfg Config) deskConsole {
	t.Helper()
	e := newEnv(t)
	s := e.service(t, cfg)
	gate := consoletest.NewGate(t, e.rdb, e.keys, cat(t),
		console.Account{Name: "sara", Languages: []string{"it"}, Capacity: 1, Roles: []string{console.RoleStaff}},
		console.Account{Name: "dino", Languages: []string{"it"}, Capacity: 1, Roles: []string{console.RoleCoordinator}},
	)
	h, err := handoff.New(e.rdb, e.keys, handoff.Config{}, cat(t), handoff.Options{Gate: gate, Appointments: caseAppointments{s}})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/console/", h.Handler())
	mux.Handle("/console/agenda/", s.StaffHandler(gate.Require))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return deskConsole{env: e, s: s, h: h, base: srv.URL}
}

// caseAppointments gives the case page the agenda's summaries, as
// cmd/frontdoor wires them.
type caseAppointments struct{ s *Service }

func (a caseAppointments) Appointments(ctx context.Context, c bot.Contact, lang string) ([]handoff.Appointment, error) {
	sums, err := a.s.Summaries(ctx, c, lang)
	out := make([]handoff.Appointment, len(sums))
	for i, s := range sums {
		out[i] = handoff.Appointment(s)
	}
	return out, err
}

// TestCasePageShowsTheAgenda: a case's page lists the person's
// appointments, in the operator's language, and says so when there are
// none.
func TestCasePageShowsTheAgenda(t *testing.T) {
	con := newConsole(t, testConfig())
	ctx := context.Background()
	a, err := con.s.Book(ctx, person(5), "it", "centro", "legal.permit_renewal", at("2026-03-03", "10:00"))
	if err != nil {
		t.Fatal(err)
	}
	q := handoff.NewQueue(con.rdb, con.keys, nil)
	booked, _, err := q.Open(ctx, handoff.Case{Contact: person(5), Lang: "it", Reason: "asked"})
	if err != nil {
		t.Fatal(err)
	}
	none, _, err := q.Open(ctx, handoff.Case{Contact: person(6), Lang: "it", Reason: "asked"})
	if err != nil {
		t.Fatal(err)
	}
	b := consoletest.New(t, con.base)
	b.MustSignIn("sara", "password-sara")
	_, page := b.Lang("it").Get("/console/cases/" + booked.ID)
	if !strings.Contains(page, `id="case-appointments"`) {
		t.Error("the case page has no appointments")
	}
	for _, want := range []string{a.Code, con.s.formatDate("it", a.Start), "10:00–10:30", cat(t).Text("it", "legal.permit_renewal.title", nil),
		cat(t).Text("it", "console.agenda.status.booked", nil), cat(t).Text("it", "console.agenda.appointments", nil)} {
		if !strings.Contains(page, html.EscapeString(want)) {
			t.Errorf("the case page lacks %q", want)
		}
	}
	if _, page := b.Lang("en").Get("/console/cases/" + none.ID); !strings.Contains(page, `id="case-appointments"`) || !strings.Contains(page, "No appointments.") {
		t.Error("the case page of a person without appointments does not say so")
	}
}

func TestAgendaPagesNeedTheStaffRole(t *testing.T) {
	con := newConsole(t, testConfig())
	anon := consoletest.New(t, con.base)
	if code, _ := anon.Get("/console/agenda/day"); code != http.StatusSeeOther {
		t.Errorf("without a session = %d, want the sign-in page", code)
	}
	if code, _, _ := anon.Post("/console/agenda/block", url.Values{}); code != http.StatusUnauthorized {
		t.Errorf("POST without a session = %d", code)
	}
	dino := consoletest.New(t, con.base)
	dino.MustSignIn("dino", "password-dino")
	for _, path := range []string{"/console/agenda/day", "/console/agenda/week", "/console/agenda/person?ch=test&id=x"} {
		if code, _ := dino.Get(path); code != http.StatusForbidden {
			t.Errorf("%s without the staff role = %d", path, code)
		}
	}
	sara := consoletest.New(t, con.base)
	sara.MustSignIn("sara", "password-sara")
	code, page := sara.Get("/console/agenda/day?desk=centro&date=2026-03-03")
	if code != 200 || !strings.Contains(page, "Tuesday 3 March") {
		t.Fatalf("day page = %d\n%s", code, page)
	}
	if code, _, _ := sara.Post("/console/agenda/block", url.Values{"desk": {"centro"}, "date": {"2026-03-03"}, "from": {"09:00"}, "to": {"10:00"}}); code != http.StatusForbidden {
		t.Errorf("POST without the form token = %d", code)
	}
	if day, _ := con.s.AgendaDay(context.Background(), "centro", "2026-03-03"); len(day.Blocks) != 0 {
		t.Fatal("blocked without the form token")
	}
}

// TestAgendaPagesBookMarkBlock drives the pages as the staff does.
func TestAgendaPagesBookMarkBlock(t *testing.T) {
	con := newConsole(t, testConfig())
	ctx := context.Background()
	chatter, err := con.s.Book(ctx, person(5), "ar", "centro", "legal.permit_renewal", at("2026-03-02", "10:00"))
	if err != nil {
		t.Fatal(err)
	}
	b := consoletest.New(t, con.base)
	b.MustSignIn("sara", "password-sara")
	if code, _ := b.Get("/console/agenda/"); code != http.StatusSeeOther {
		t.Fatalf("agenda home = %d", code)
	}
	_, page := b.Get("/console/agenda/day?desk=centro&date=2026-03-02")
	tok := consoletest.FormToken(t, page)
	if !strings.Contains(page, chatter.Code) || !strings.Contains(page, "10:00–10:30") || !strings.Contains(page, "Monday 2 March") {
		t.Fatalf("day page lacks the appointment:\n%s", page)
	}
	form := func(kv ...string) url.Values {
		v := url.Values{"csrf": {tok}, "back": {"/console/agenda/day?desk=centro&date=2026-03-02"}, "desk": {"centro"}, "date": {"2026-03-02"}}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Set(kv[i], kv[i+1])
		}
		return v
	}

	// Book for a walk-in, with a note that tries to run a script.
	slot := "work.|" + itoa(int(at("2026-03-02", "11:00").Unix()))
	evil := `<script>alert("x")</script>`
	code, loc, _ := b.Post("/console/agenda/book", form("slot", slot, "lang", "uk", "name", "Olena", "note", evil))
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/console/agenda/booked?code=") {
		t.Fatalf("book = %d %s", code, loc)
	}
	walkCode := strings.TrimPrefix(loc, "/console/agenda/booked?code=")
	_, page = b.Get(loc)
	if !strings.Contains(page, `id="code">`+walkCode+`<`) || !strings.Contains(page, cat(t).Text("uk", "booking.booked", nil)) || !strings.Contains(page, "понеділок, 2 березня") {
		t.Fatalf("booked page:\n%s", page)
	}
	_, page = b.Get("/console/agenda/day?desk=centro&date=2026-03-02")
	if strings.Contains(page, evil) || !strings.Contains(page, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") {
		t.Fatalf("the note is not escaped:\n%s", page)
	}
	if !strings.Contains(page, walkCode) || !strings.Contains(page, "Olena") || !strings.Contains(page, "booked by sara") {
		t.Fatalf("the walk-in is not on the day:\n%s", page)
	}

	// Mark: too early for tomorrow, fine for today.
	con.clock.Set(at("2026-03-02", "10:20"))
	code, loc, _ = b.Post("/console/agenda/mark", form("code", chatter.Code, "status", "attended"))
	if code != http.StatusSeeOther || !strings.Contains(loc, "marked+attended") {
		t.Fatalf("mark = %d %s", code, loc)
	}
	_, page = b.Get(loc)
	if !strings.Contains(page, `status-attended" data-code="`+chatter.Code) {
		t.Fatalf("mark not shown:\n%s", page)
	}
	tomorrow, _ := con.s.Book(ctx, person(6), "it", "centro", "work.", at("2026-03-03", "09:00"))
	if _, loc, _ = b.Post("/console/agenda/mark", form("code", tomorrow.Code, "status", "no_show")); !strings.Contains(loc, "Not+marked") {
		t.Errorf("marking tomorrow's = %s", loc)
	}

	// Block: over an appointment refused with its code; elsewhere done; freed.
	_, loc, _ = b.Post("/console/agenda/block", form("from", "10:00", "to", "10:30", "note", "x"))
	if !strings.Contains(loc, "Not+blocked") || !strings.Contains(loc, chatter.Code) {
		t.Fatalf("blocking over an appointment = %s", loc)
	}
	_, loc, _ = b.Post("/console/agenda/block", form("from", "12:00", "to", "13:00", "note", "<i>meeting</i>"))
	if !strings.Contains(loc, "Blocked+12%3A00") {
		t.Fatalf("block = %s", loc)
	}
	_, page = b.Get("/console/agenda/day?desk=centro&date=2026-03-02")
	if !strings.Contains(page, "&lt;i&gt;meeting&lt;/i&gt;") || strings.Contains(page, `value="work.|`+itoa(int(at("2026-03-02", "12:00").Unix()))) {
		t.Fatalf("blocked time still offered, or note unescaped:\n%s", page)
	}
	if _, err := con.s.BookFor(ctx, "centro", "work.", at("2026-03-02", "12:00"), "it", "", "", "sara"); err == nil {
		t.Fatal("booked a blocked time")
	}
	blockID := regexp.MustCompile(`name="block" value="([0-9-]+)"`).FindStringSubmatch(page)
	if blockID == nil {
		t.Fatal("no free button")
	}
	if _, loc, _ = b.Post("/console/agenda/free", form("block", blockID[1])); !strings.Contains(loc, "Freed") {
		t.Fatalf("free = %s", loc)
	}
	if _, err := con.s.BookFor(ctx, "centro", "work.", at("2026-03-02", "12:00"), "it", "", "", "sara"); err != nil {
		t.Fatalf("booking after freeing: %v", err)
	}

	// Week view, the person's page (linked from a handoff case), cancel.
	_, page = b.Get("/console/agenda/week?desk=centro&date=2026-03-04")
	if !strings.Contains(page, "Monday 2 March") || !strings.Contains(page, "Sunday 8 March") || !strings.Contains(page, tomorrow.Code) {
		t.Fatalf("week page:\n%s", page)
	}
	if PersonPath(person(5)) != "/console/agenda/person?ch=test&id=p0005" {
		t.Fatalf("PersonPath = %s", PersonPath(person(5)))
	}
	_, page = b.Get(PersonPath(person(5)))
	if !strings.Contains(page, chatter.Code) || strings.Contains(page, walkCode) {
		t.Fatalf("person page:\n%s", page)
	}
	_, loc, _ = b.Post("/console/agenda/cancel", form("code", tomorrow.Code, "back", PersonPath(person(6))))
	if !strings.HasPrefix(loc, "/console/agenda/person?") || !strings.Contains(loc, "cancelled") {
		t.Fatalf("cancel = %s", loc)
	}
	if _, err := con.s.Get(ctx, tomorrow.Code); err == nil {
		t.Error("not cancelled")
	}
	if sent := con.out.all(); len(sent) != 1 || sent[0].To != person(6) {
		t.Errorf("the person was not told: %+v", sent)
	}
	// No open redirect through "back".
	if _, loc, _ = b.Post("/console/agenda/mark", form("code", chatter.Code, "status", "no_show", "back", "//evil.example/x")); !strings.HasPrefix(loc, "/console/agenda/") {
		t.Errorf("redirected to %s", loc)
	}
}

// TestAppointmentFromAHandedOffCase: staff looking at a person's case
// reach that person's appointments from it (the case page links the
// agenda's person page, which handoff cannot name itself: booking depends
// on handoff).
func TestAppointmentFromAHandedOffCase(t *testing.T) {
	c := newConsole(t, testConfig())
	ctx := context.Background()
	who := person(7)
	if err := c.h.HandleEvent(ctx, who, bot.HandoffRequested{Lang: "it", Area: "legal", Reason: "asked"}); err != nil {
		t.Fatal(err)
	}
	cs, err := c.h.OpenCase(ctx, who)
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.s.Book(ctx, who, "it", "centro", "legal.permit_renewal", at("2026-03-03", "10:00"))
	if err != nil {
		t.Fatal(err)
	}
	// Staff at the desk who also take legal cases in Italian.
	if err := c.h.Gate().Accounts().Save(ctx, handoff.Operator{Name: "lia", Languages: []string{"it"}, Areas: []string{"legal"}, Capacity: 2,
		Roles: []string{console.RoleStaff}}, "password-lia"); err != nil {
		t.Fatal(err)
	}
	b := consoletest.New(t, c.base)
	b.MustSignIn("lia", "password-lia")
	code, page := b.Get("/console/cases/" + cs.ID)
	if code != http.StatusOK {
		t.Fatalf("case page = %d", code)
	}
	m := regexp.MustCompile(`href="(/console/agenda/person[^"]*)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatalf("the case page has no link to the person's appointments:\n%s", page)
	}
	if link := html.UnescapeString(m[1]); link != PersonPath(who) {
		t.Fatalf("case page links %q, the agenda serves %q", link, PersonPath(who))
	}
	code, page = b.Get(html.UnescapeString(m[1]))
	if code != http.StatusOK || !strings.Contains(page, a.Code) {
		t.Fatalf("person page = %d, want the appointment %s:\n%s", code, a.Code, page)
	}
}

// TestAgendaPagesInEveryLanguage: the day, the week, a person's
// appointments and the booking's read-out speak the operator's language,
// every one of the catalogues: headings, forms, marks, the date and the
// service by name; never a catalogue id or a service's id.
func TestAgendaPagesInEveryLanguage(t *testing.T) {
	con := newConsole(t, testConfig())
	ctx := context.Background()
	chatter, err := con.s.Book(ctx, person(5), "ar", "centro", "legal.permit_renewal", at("2026-03-02", "10:00"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := con.s.Mark(ctx, chatter.Code, StatusAttended); err != nil {
		t.Fatal(err)
	}
	b := consoletest.New(t, con.base)
	b.MustSignIn("sara", "password-sara")
	get := func(lang, path string) string {
		t.Helper()
		return b.Lang(lang).MustGet(path)
	}
	raw := regexp.MustCompile(`console\.[a-z_]+\.[a-z_]|<no value>|>[^<]*(legal\.permit_renewal|permit_renewal|no_show)`)
	pages := []struct {
		path string
		ids  []string
	}{
		{"/console/agenda/day?desk=centro&date=2026-03-02", []string{"console.agenda.appointments", "console.agenda.book_for", "console.agenda.book_hint",
			"console.agenda.slots", "console.agenda.block_time", "console.agenda.previous", "console.agenda.week_view", "console.agenda.status.attended",
			"console.agenda.person_lang", "console.agenda.waiting_list"}},
		{"/console/agenda/week?desk=centro&date=2026-03-02", []string{"console.agenda.day_view", "console.agenda.today", "console.agenda.none"}},
		{PersonPath(person(5)), []string{"console.agenda.person_title", "console.agenda.appointments"}},
		{"/console/agenda/booked?code=" + chatter.Code, []string{"console.agenda.read_code", "console.agenda.back_to_day"}},
	}
	for _, l := range cat(t).Languages() {
		for _, p := range pages {
			page := get(l.Tag, p.path)
			want := append([]string{"legal.permit_renewal.title"}, p.ids...)
			if p.path != pages[3].path {
				want = append(want, "console.nav.agenda")
			}
			for _, id := range want {
				if id == "console.agenda.waiting_list" {
					continue // shown only when someone waits
				}
				if text := html.EscapeString(cat(t).Text(l.Tag, id, nil)); !strings.Contains(page, text) {
					t.Errorf("%s %s lacks %s %q", l.Tag, p.path, id, text)
				}
			}
			if bad := raw.FindString(page); bad != "" {
				t.Errorf("%s %s shows %q", l.Tag, p.path, bad)
			}
		}
		if date := html.EscapeString(con.s.formatDate(l.Tag, at("2026-03-02", "12:00"))); !strings.Contains(get(l.Tag, pages[0].path), date) {
			t.Errorf("%s: the day is not called %q", l.Tag, date)
		}
	}
	// What a form leaves on the next page is in the operator's language.
	form := url.Values{"csrf": {consoletest.FormToken(t, get("it", pages[0].path))}, "back": {pages[0].path}, "desk": {"centro"}, "date": {"2026-03-02"},
		"from": {"10:00"}, "to": {"10:30"}}
	_, loc, _ := b.Lang("it").Post("/console/agenda/block", form)
	want := url.QueryEscape(cat(t).Text("it", "console.agenda.not_blocked", map[string]any{"Codes": chatter.Code}))
	if !strings.Contains(loc, want) {
		t.Errorf("blocking a booked time leads to %q, want the Italian refusal %q", loc, want)
	}
}
