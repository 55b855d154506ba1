package booking

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"frontdoor/internal/browsertest"
)

// TestAgendaInBrowser drives the agenda in a real headless Chromium on a
// phone-sized screen: sign in, see the day (a note with a script shows as
// text), mark an appointment attended, book for a walk-in and read the
// code.
func TestAgendaInBrowser(t *testing.T) {
	browsertest.Skip(t)
	con := newConsole(t, testConfig())
	ctx := context.Background()
	con.clock.Set(at("2026-03-02", "10:10"))
	evil := `<script>document.title="pwned"</script> calls back`
	a, err := con.s.BookFor(ctx, "centro", "legal.permit_renewal", at("2026-03-02", "10:00"), "it", "Marta", evil, "sara")
	if err != nil {
		t.Fatal(err)
	}

	bctx := browsertest.New(t)
	run := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(bctx, actions...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	read := func(what string, a chromedp.Action[string]) string {
		t.Helper()
		v, err := chromedp.Run(bctx, a)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		return v
	}

	run("sign in",
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(con.base+"/console/login"),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "sara"),
		chromedp.SendKeys(chromedp.ID("password"), "password-sara"),
		chromedp.Click(chromedp.ID("signin")),
		chromedp.WaitVisible(chromedp.ID("next")),
		chromedp.Navigate(con.base+"/console/agenda/"),
		chromedp.WaitVisible(chromedp.ID("appointments")),
	)
	item := `li[data-code="` + a.Code + `"]`
	text := read("appointment", chromedp.Text(chromedp.CSS(item)))
	if !strings.Contains(text, evil) || !strings.Contains(text, "10:00–10:30") || read("title", chromedp.Title()) == "pwned" {
		t.Fatalf("appointment shows %q: the note must show as text", text)
	}
	width, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if width > 390 {
		t.Fatalf("the agenda is %dpx wide on a 390px screen", width)
	}

	run("mark attended",
		chromedp.Click(chromedp.CSS(item+" button.attended")),
		chromedp.WaitVisible(chromedp.CSS(`li.status-attended[data-code="`+a.Code+`"]`)),
	)
	if flash := read("flash", chromedp.Text(chromedp.ID("flash"))); !strings.Contains(flash, a.Code+" marked attended") {
		t.Fatalf("flash = %q", flash)
	}
	day, _ := con.s.AgendaDay(ctx, "centro", "2026-03-02")
	if day.Appointments[0].Status != StatusAttended {
		t.Fatalf("not recorded: %+v", day.Appointments)
	}

	run("book for a walk-in",
		chromedp.SetValue(chromedp.CSS(`#bookfor select[name="lang"]`), "ar"),
		chromedp.SendKeys(chromedp.CSS(`#bookfor input[name="name"]`), "Samir"),
		chromedp.Click(chromedp.CSS(`#bookfor button`)),
		chromedp.WaitVisible(chromedp.ID("code")),
	)
	code := read("code", chromedp.Text(chromedp.ID("code")))
	readout := read("read-out", chromedp.Text(chromedp.ID("readout")))
	b, err := con.s.Get(ctx, code)
	if err != nil || b.Name != "Samir" || b.Lang != "ar" || !strings.Contains(readout, code) {
		t.Fatalf("booked %q = %+v, %v; read-out %q", code, b, err, readout)
	}
}

// TestAgendaAtEachSize: on a phone and on a desktop the agenda is reached
// from the console's menu and leads back to the cases; its day and week
// pages, a person's appointments and a booking's read-out are styled,
// whole, within the window, with nothing blocked by the console's
// Content-Security-Policy.
func TestAgendaAtEachSize(t *testing.T) {
	browsertest.Skip(t)
	con := newConsole(t, testConfig())
	con.clock.Set(at("2026-03-02", "10:10"))
	walkIn, err := con.s.BookFor(context.Background(), "centro", "legal.permit_renewal", at("2026-03-02", "10:00"), "ar", "Amal", "", "sara")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := con.s.Book(context.Background(), person(7), "uk", "centro", "legal.permit_renewal", at("2026-03-03", "10:00")); err != nil {
		t.Fatal(err)
	}
	for _, size := range browsertest.Sizes() {
		t.Run(size.Name, func(t *testing.T) {
			bctx := browsertest.New(t)
			if err := chromedp.Do(bctx, browsertest.RecordCSP(), size.Emulate(),
				browsertest.SignIn(con.base, "sara", "password-sara"),
				chromedp.Click(chromedp.CSS(`nav.menu a[href="/console/agenda/"]`)),
				chromedp.WaitVisible(chromedp.ID("appointments")),
			); err != nil {
				t.Fatalf("from the menu to the agenda: %v", err)
			}
			browsertest.MustBeWhole(t, bctx, "the day")
			if err := chromedp.Do(bctx, chromedp.Navigate(con.base+"/console/agenda/week?desk=centro&date=2026-03-02"),
				chromedp.WaitVisible(chromedp.CSS(".week"))); err != nil {
				t.Fatal(err)
			}
			browsertest.MustBeWhole(t, bctx, "the week")
			if err := chromedp.Do(bctx, chromedp.Navigate(con.base+PersonPath(person(7))),
				chromedp.WaitVisible(chromedp.ID("appointments"))); err != nil {
				t.Fatalf("a person's appointments: %v", err)
			}
			browsertest.MustBeWhole(t, bctx, "a person's appointments")
			if err := chromedp.Do(bctx, chromedp.Navigate(con.base+"/console/agenda/booked?code="+walkIn.Code),
				chromedp.WaitVisible(chromedp.ID("readout")),
				chromedp.Click(chromedp.ID("back-to-day")),
				chromedp.WaitVisible(chromedp.ID("appointments"))); err != nil {
				t.Fatalf("a booking's read-out, and back to its day: %v", err)
			}
			browsertest.MustBeWhole(t, bctx, "the booking's read-out")
			if err := chromedp.Do(bctx, chromedp.Click(chromedp.CSS(`nav.menu a[href="/console/"]`)),
				chromedp.WaitVisible(chromedp.ID("next"))); err != nil {
				t.Fatalf("back to the cases from the menu: %v", err)
			}
			browsertest.MustBeWhole(t, bctx, "the queue")
		})
	}
}
