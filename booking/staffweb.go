package booking

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"frontdoor/bot"
	"frontdoor/console"
)

// staffFiles holds the agenda's templates and style sheet; embed.FS is
// read-only, so this is not mutable state.
//
//go:embed web
var staffFiles embed.FS

// staffWeb serves the agenda pages of the operator console.
type staffWeb struct {
	s     *Service
	pages *template.Template
	mux   *http.ServeMux
}

const agendaPath = "/console/agenda/"

func newStaffWeb(s *Service) (*staffWeb, error) {
	t, err := console.Templates(s.cat, staffFiles, template.FuncMap{
		// status names an appointment's mark in the operator's language.
		"status": func(lang, status string) string { return s.msg(lang, "console.agenda.status."+status) },
	}, "web/*.html")
	if err != nil {
		return nil, fmt.Errorf("agenda templates: %w", err)
	}
	w := &staffWeb{s: s, pages: t, mux: http.NewServeMux()}
	m := w.mux
	m.HandleFunc("GET /console/agenda/{$}", w.home)
	m.HandleFunc("GET /console/agenda/day", w.dayPage)
	m.HandleFunc("GET /console/agenda/week", w.weekPage)
	m.HandleFunc("GET /console/agenda/person", w.personPage)
	m.HandleFunc("GET /console/agenda/booked", w.bookedPage)
	m.HandleFunc("POST /console/agenda/mark", w.mark)
	m.HandleFunc("POST /console/agenda/cancel", w.cancel)
	m.HandleFunc("POST /console/agenda/block", w.block)
	m.HandleFunc("POST /console/agenda/free", w.free)
	m.HandleFunc("POST /console/agenda/book", w.book)
	return w, nil
}

// StaffHandler serves the desks' agenda in the operator console under
// /console/agenda/: day and week views, marks, blocks, bookings for people
// without a chat, and a person's appointments (/console/agenda/person?ch=
// &id=, linked from a handoff case). require is the console's sign-in:
// it lets only signed-in operators with the staff role in, and checks the
// form token of every POST. Mount it at "/console/agenda/".
func (s *Service) StaffHandler(require console.Require) http.Handler {
	return require(console.RoleStaff, console.Pages(s.staff.mux, s.cat))
}

// PersonPath is the agenda page listing a person's appointments, for a
// link on the handoff case page.
func PersonPath(c bot.Contact) string {
	return agendaPath + "person?" + url.Values{"ch": {c.Channel}, "id": {c.ID}}.Encode()
}

// ---- views: everything formatted here, in the desk's time zone ----

type deskLink struct {
	ID, Name string
	Current  bool
}

type apptView struct {
	Code, Desk, Date, Time, Service, Lang, Who, Note, Status, By string
	Markable, Cancelable                                         bool
	DayURL                                                       string
}

type slotView struct {
	Time, Service    string
	Taken, Capacity  int
	Blocked          bool
	FromUnix, ToUnix int64
	Busy, Past       bool
}

type blockView struct{ ID, Time, Note string }

type dayView struct {
	Date, Title, URL string
	Closed           bool
	Appointments     []apptView
	Slots            []slotView
	Blocks           []blockView
	Waiting          []waitView
}

type waitView struct {
	Service string
	People  int
}

type option struct{ Value, Label string }

type page struct {
	Page                         console.Page
	Title, Op, CSRF, Flash, Back string
	Desks                        []deskLink
	Desk                         string
	DeskName                     string
	Date                         string
	Prev, Next, Today, Other     string // links
	Day                          dayView
	Week                         []dayView
	FreeSlots                    []option
	Langs                        []option
	Person                       []apptView
	PersonWho                    string
	Booked                       *bookedView
}

type bookedView struct {
	Appt     apptView
	Lang     string
	ReadOut  string
	DeskName string
}

func (w *staffWeb) base(r *http.Request, title string) page {
	op, _ := console.SignedIn(r)
	return page{Page: console.NewPage(r, title, console.SectionAgenda), Title: title, Op: op.Name, CSRF: console.FormToken(r), Flash: console.Flash(r, console.FormToken(r))}
}

// lang is the language the console speaks to the operator of r.
func lang(r *http.Request) string {
	if v, _ := console.SignedIn(r); v.Lang != "" {
		return v.Lang
	}
	return "en"
}

// channelName names a channel in lang ("browser chat"), or by its id when
// the catalogue has no name for it.
func (s *Service) channelName(lang, channel string) string {
	if id := "console.channel." + channel; s.known(id) {
		return s.msg(lang, id)
	}
	return channel
}

// say is a console text in the operator's language.
func (w *staffWeb) say(r *http.Request, id string, data map[string]any) string {
	return w.s.cat.Text(lang(r), id, data)
}

func (w *staffWeb) render(rw http.ResponseWriter, r *http.Request, name string, p page) {
	console.Render(rw, r, w.s.cat, w.pages, name, p, w.s.log)
}

// fail refuses a request in the operator's language: the details of a
// bad input (which date, which desk) go to the log, not to the page.
func (w *staffWeb) fail(rw http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, ErrBadInput):
		w.s.log.Info("agenda: refused", "err", err)
		console.Refuse(rw, r, w.s.cat, console.Denial{Status: http.StatusBadRequest, Code: "bad_input", Text: "console.refuse.bad_input"})
	case errors.Is(err, ErrNotFound):
		console.Refuse(rw, r, w.s.cat, console.Denial{Status: http.StatusNotFound, Code: "no_appointment", Text: "console.refuse.no_appointment"})
	default:
		w.s.log.Error("agenda", "err", err)
		console.Refuse(rw, r, w.s.cat, console.Internal())
	}
}

// deskAndDate reads ?desk= and ?date=, defaulting to the first desk and
// its today.
func (w *staffWeb) deskAndDate(r *http.Request) (*desk, string, error) {
	if len(w.s.order) == 0 {
		return nil, "", fmt.Errorf("%w: no desk is configured (booking.desks in config.yaml)", ErrBadInput)
	}
	id := r.FormValue("desk")
	if id == "" {
		id = w.s.order[0].ID
	}
	d, err := w.s.deskOf(id)
	if err != nil {
		return nil, "", err
	}
	date := r.FormValue("date")
	if date == "" {
		date = d.day(w.s.clock())
	}
	if _, err := d.noon(date); err != nil {
		return nil, "", err
	}
	return d, date, nil
}

func dayURL(deskID, date string) string {
	return agendaPath + "day?" + url.Values{"desk": {deskID}, "date": {date}}.Encode()
}
func weekURL(deskID, date string) string {
	return agendaPath + "week?" + url.Values{"desk": {deskID}, "date": {date}}.Encode()
}

func (w *staffWeb) desks(current string) []deskLink {
	var out []deskLink
	for _, d := range w.s.order {
		out = append(out, deskLink{ID: d.ID, Name: d.Name, Current: d.ID == current})
	}
	return out
}

func (w *staffWeb) langs() []option {
	var out []option
	for _, l := range w.s.cat.Languages() {
		out = append(out, option{Value: l.Tag, Label: l.Native + " (" + l.Tag + ")"})
	}
	return out
}

func (w *staffWeb) apptView(lang string, a Appointment) apptView {
	d := w.s.desks[a.Desk]
	v := apptView{Code: a.Code, Desk: a.Desk, Service: w.s.serviceName(lang, a.Service), Lang: a.Lang, Note: a.Note, Status: a.Status, By: a.By}
	switch {
	case a.Name != "":
		v.Who = a.Name
	case a.ByDesk():
		v.Who = w.s.msg(lang, "console.agenda.no_name")
	default:
		v.Who = w.s.channelName(lang, a.Contact.Channel) + " · " + bot.Pseudonym(a.Contact.ID)
	}
	if d != nil {
		v.Desk = d.Name
	}
	if d == nil {
		return v
	}
	st, en := a.Start.In(d.loc), a.End().In(d.loc)
	v.Date = w.s.formatDate(lang, st)
	v.Time = clockTime(st) + "–" + clockTime(en)
	v.DayURL = dayURL(d.ID, d.day(a.Start))
	now := w.s.clock()
	v.Markable = d.day(a.Start) <= d.day(now)
	v.Cancelable = a.End().After(now)
	return v
}

func (w *staffWeb) dayView(lang string, d *desk, day Day) dayView {
	v := dayView{Date: day.Date, Title: w.s.formatDate(lang, day.Noon), URL: dayURL(d.ID, day.Date), Closed: day.Closed}
	for _, a := range day.Appointments {
		v.Appointments = append(v.Appointments, w.apptView(lang, a))
	}
	now := w.s.clock()
	for _, si := range day.Slots {
		v.Slots = append(v.Slots, slotView{Time: clockTime(si.Start.In(d.loc)) + "–" + clockTime(si.End.In(d.loc)),
			Service: w.s.serviceName(lang, si.Service), Taken: si.Taken, Capacity: si.Capacity, Blocked: si.Blocked,
			FromUnix: si.Start.Unix(), ToUnix: si.End.Unix(), Busy: si.Taken > 0, Past: !si.End.After(now)})
	}
	for _, b := range day.Blocks {
		v.Blocks = append(v.Blocks, blockView{ID: b.ID, Time: clockTime(b.From.In(d.loc)) + "–" + clockTime(b.To.In(d.loc)), Note: b.Note})
	}
	for _, o := range d.Services {
		if n := day.Waiting[o.Key()]; n > 0 {
			v.Waiting = append(v.Waiting, waitView{Service: w.s.serviceName(lang, o.Key()), People: n})
		}
	}
	return v
}

// ---- pages ----

func (w *staffWeb) home(rw http.ResponseWriter, r *http.Request) {
	d, date, err := w.deskAndDate(r)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	http.Redirect(rw, r, dayURL(d.ID, date), http.StatusSeeOther)
}

func (w *staffWeb) dayPage(rw http.ResponseWriter, r *http.Request) {
	d, date, err := w.deskAndDate(r)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	day, err := w.s.AgendaDay(r.Context(), d.ID, date)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	p := w.base(r, w.say(r, "console.nav.agenda", nil)+" · "+d.Name+" · "+date)
	p.Desks, p.Desk, p.DeskName, p.Date = w.desks(d.ID), d.ID, d.Name, date
	p.Prev, p.Next, p.Today, p.Other = dayURL(d.ID, d.addDays(date, -1)), dayURL(d.ID, d.addDays(date, 1)), dayURL(d.ID, d.day(w.s.clock())), weekURL(d.ID, date)
	p.Back = dayURL(d.ID, date)
	p.Day = w.dayView(lang(r), d, day)
	now := w.s.clock()
	for _, si := range day.Slots {
		if si.Free() > 0 && w.s.bookable(d, mustOffering(d, si.Service), si.Start, now, true) {
			p.FreeSlots = append(p.FreeSlots, option{Value: si.Service + "|" + strconv.FormatInt(si.Start.Unix(), 10),
				Label: w.say(r, "console.agenda.free_slot", map[string]any{"Time": clockTime(si.Start.In(d.loc)),
					"Service": w.s.serviceName(lang(r), si.Service), "Free": si.Free()})})
		}
	}
	p.Langs = w.langs()
	w.render(rw, r, "day.html", p)
}

func mustOffering(d *desk, key string) Offering {
	o, _ := d.offering(key)
	return o
}

func (w *staffWeb) weekPage(rw http.ResponseWriter, r *http.Request) {
	d, date, err := w.deskAndDate(r)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	days, err := w.s.AgendaWeek(r.Context(), d.ID, date)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	monday := w.s.WeekStart(d.ID, date)
	p := w.base(r, w.say(r, "console.nav.agenda", nil)+" · "+d.Name+" · "+w.say(r, "console.agenda.week_of", map[string]any{"Date": monday}))
	p.Desks, p.Desk, p.DeskName, p.Date = w.desks(d.ID), d.ID, d.Name, monday
	p.Prev, p.Next, p.Today, p.Other = weekURL(d.ID, d.addDays(monday, -7)), weekURL(d.ID, d.addDays(monday, 7)), weekURL(d.ID, d.day(w.s.clock())), dayURL(d.ID, date)
	p.Back = weekURL(d.ID, monday)
	for _, day := range days {
		p.Week = append(p.Week, w.dayView(lang(r), d, day))
	}
	w.render(rw, r, "week.html", p)
}

func (w *staffWeb) personPage(rw http.ResponseWriter, r *http.Request) {
	c := bot.Contact{Channel: r.FormValue("ch"), ID: r.FormValue("id")}
	if c.Channel == "" || c.ID == "" {
		w.fail(rw, r, fmt.Errorf("%w: ch and id are needed", ErrBadInput))
		return
	}
	as, err := w.s.AppointmentsOf(r.Context(), c)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	p := w.base(r, w.say(r, "console.agenda.person_title", nil))
	p.Desks = w.desks("")
	p.PersonWho = c.String()
	p.Back = PersonPath(c)
	for _, a := range as {
		p.Person = append(p.Person, w.apptView(lang(r), a))
	}
	w.render(rw, r, "person.html", p)
}

func (w *staffWeb) bookedPage(rw http.ResponseWriter, r *http.Request) {
	a, err := w.s.Get(r.Context(), r.FormValue("code"))
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	d := w.s.desks[a.Desk]
	if d == nil {
		w.fail(rw, r, ErrNotFound)
		return
	}
	p := w.base(r, w.say(r, "console.agenda.booked_title", map[string]any{"Code": a.Code}))
	p.Desks, p.Desk, p.DeskName = w.desks(d.ID), d.ID, d.Name
	p.Back = dayURL(d.ID, d.day(a.Start))
	p.Booked = &bookedView{Appt: w.apptView(lang(r), a), Lang: a.Lang, DeskName: d.Name,
		ReadOut: w.s.msg(a.Lang, "booking.booked") + "\n\n" + w.s.details(a.Lang, a, w.s.docsFor(a, ""))}
	w.render(rw, r, "booked.html", p)
}

// ---- forms: post, then redirect back with a message ----

// back returns to the page the form came from (only agenda pages: never
// an open redirect), with a message signed for the session
// (console.FlashQuery).
func back(rw http.ResponseWriter, r *http.Request, msg string) {
	to := r.PostFormValue("back")
	if !strings.HasPrefix(to, agendaPath) || strings.Contains(to, "//") || strings.ContainsAny(to, "\\\r\n") {
		to = agendaPath
	}
	if msg != "" {
		sep := "?"
		if strings.Contains(to, "?") {
			sep = "&"
		}
		to += sep + console.FlashQuery(console.FormToken(r), msg)
	}
	http.Redirect(rw, r, to, http.StatusSeeOther)
}

// soft shows expected refusals as a message on the page, in the
// operator's language.
func (w *staffWeb) soft(rw http.ResponseWriter, r *http.Request, err error) {
	var conflict *ConflictError
	switch {
	case errors.As(err, &conflict) && len(conflict.Codes) > 0:
		back(rw, r, w.say(r, "console.agenda.not_blocked", map[string]any{"Codes": strings.Join(conflict.Codes, ", ")}))
	case errors.As(err, &conflict):
		back(rw, r, w.say(r, "console.agenda.not_blocked_held", nil))
	case errors.Is(err, ErrTooEarly):
		back(rw, r, w.say(r, "console.agenda.too_early", nil))
	case errors.Is(err, ErrTaken):
		back(rw, r, w.say(r, "console.agenda.full", nil))
	case errors.Is(err, ErrBlocked):
		back(rw, r, w.say(r, "console.agenda.blocked_time", nil))
	case errors.Is(err, ErrUnavailable):
		back(rw, r, w.say(r, "console.agenda.unavailable", nil))
	case errors.Is(err, ErrNotFound):
		back(rw, r, w.say(r, "console.agenda.gone", nil))
	case errors.Is(err, ErrBadInput):
		w.s.log.Info("agenda: refused", "err", err)
		back(rw, r, w.say(r, "console.refuse.bad_input", nil))
	default:
		w.fail(rw, r, err)
	}
}

func (w *staffWeb) mark(rw http.ResponseWriter, r *http.Request) {
	a, err := w.s.Mark(r.Context(), r.PostFormValue("code"), r.PostFormValue("status"))
	if err != nil {
		w.soft(rw, r, err)
		return
	}
	back(rw, r, w.say(r, "console.agenda.marked", map[string]any{"Code": a.Code, "Status": w.s.msg(lang(r), "console.agenda.status."+a.Status)}))
}

func (w *staffWeb) cancel(rw http.ResponseWriter, r *http.Request) {
	a, err := w.s.CancelByDesk(r.Context(), r.PostFormValue("code"))
	if err != nil {
		w.soft(rw, r, err)
		return
	}
	id := "console.agenda.cancelled_told"
	if a.ByDesk() {
		id = "console.agenda.cancelled"
	}
	back(rw, r, w.say(r, id, map[string]any{"Code": a.Code}))
}

// blockTimes reads the block's ends: Unix times (a slot's button) or
// HH:MM at the desk (the form; 24:00 is the end of the day).
func blockTimes(r *http.Request, d *desk, date string) (time.Time, time.Time, error) {
	if f, t := r.PostFormValue("from_unix"), r.PostFormValue("to_unix"); f != "" && t != "" {
		from, err1 := strconv.ParseInt(f, 10, 64)
		to, err2 := strconv.ParseInt(t, 10, 64)
		if err1 != nil || err2 != nil {
			return time.Time{}, time.Time{}, fmt.Errorf("%w: times", ErrBadInput)
		}
		return time.Unix(from, 0), time.Unix(to, 0), nil
	}
	noon, err := d.noon(date)
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	at := func(v string) (time.Time, error) {
		h, m, ok := strings.Cut(strings.TrimSpace(v), ":")
		hh, err1 := strconv.Atoi(h)
		mm, err2 := strconv.Atoi(m)
		if !ok || err1 != nil || err2 != nil || hh < 0 || hh > 24 || mm < 0 || mm > 59 || hh == 24 && mm != 0 {
			return time.Time{}, fmt.Errorf("%w: %q is not a time such as 09:30", ErrBadInput, v)
		}
		return time.Date(noon.Year(), noon.Month(), noon.Day(), hh, mm, 0, 0, d.loc), nil
	}
	from, err := at(r.PostFormValue("from"))
	if err != nil {
		return time.Time{}, time.Time{}, err
	}
	to, err := at(r.PostFormValue("to"))
	return from, to, err
}

func (w *staffWeb) block(rw http.ResponseWriter, r *http.Request) {
	d, date, err := w.deskAndDate(r)
	if err != nil {
		w.soft(rw, r, err)
		return
	}
	from, to, err := blockTimes(r, d, date)
	if err != nil {
		w.soft(rw, r, err)
		return
	}
	b, err := w.s.BlockTime(r.Context(), d.ID, date, from, to, r.PostFormValue("note"))
	if err != nil {
		w.soft(rw, r, err)
		return
	}
	back(rw, r, w.say(r, "console.agenda.blocked_done", map[string]any{"Time": clockTime(b.From.In(d.loc)) + "–" + clockTime(b.To.In(d.loc))}))
}

func (w *staffWeb) free(rw http.ResponseWriter, r *http.Request) {
	d, date, err := w.deskAndDate(r)
	if err != nil {
		w.soft(rw, r, err)
		return
	}
	if err := w.s.FreeTime(r.Context(), d.ID, date, r.PostFormValue("block")); err != nil {
		w.soft(rw, r, err)
		return
	}
	back(rw, r, w.say(r, "console.agenda.freed", nil))
}

func (w *staffWeb) book(rw http.ResponseWriter, r *http.Request) {
	d, _, err := w.deskAndDate(r)
	if err != nil {
		w.soft(rw, r, err)
		return
	}
	svc, unix, ok := strings.Cut(r.PostFormValue("slot"), "|")
	sec, err := strconv.ParseInt(unix, 10, 64)
	if !ok || err != nil {
		w.soft(rw, r, fmt.Errorf("%w: choose a time", ErrBadInput))
		return
	}
	op, _ := console.SignedIn(r)
	a, err := w.s.BookFor(r.Context(), d.ID, svc, time.Unix(sec, 0), r.PostFormValue("lang"), r.PostFormValue("name"), r.PostFormValue("note"), op.Name)
	if err != nil {
		w.soft(rw, r, err)
		return
	}
	http.Redirect(rw, r, agendaPath+"booked?code="+url.QueryEscape(a.Code), http.StatusSeeOther)
}

// Summary is one of a person's appointments in words, for the other pages
// of the console (a case's page): when, where, what, and how it went.
type Summary struct {
	Code, Date, Time, Desk, Service, Status string
}

// Summaries are the person's appointments from a week ago on, in lang.
func (s *Service) Summaries(ctx context.Context, c bot.Contact, lang string) ([]Summary, error) {
	as, err := s.AppointmentsOf(ctx, c)
	if err != nil {
		return nil, err
	}
	out := make([]Summary, 0, len(as))
	for _, a := range as {
		v := s.staff.apptView(lang, a)
		status := a.Status
		if status == "" {
			status = StatusBooked
		}
		out = append(out, Summary{Code: v.Code, Date: v.Date, Time: v.Time, Desk: v.Desk, Service: v.Service,
			Status: s.msg(lang, "console.agenda.status."+status)})
	}
	return out, nil
}
