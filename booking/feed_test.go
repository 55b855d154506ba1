package booking

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// vevent is one event of a parsed calendar: its properties by name, each
// with its values (text unescaped).
type vevent map[string][]string

// parseICal reads an RFC 5545 calendar strictly enough to fail on what a
// calendar app would stumble on: a line not ended by CRLF, a line over 75
// octets, a content line without a name, BEGIN and END that do not pair,
// a calendar without VERSION or PRODID, an event without UID, DTSTAMP,
// DTSTART or SUMMARY, a date-time not in UTC form, an unescaped comma or
// semicolon in a text.
func parseICal(t *testing.T, body string) []vevent {
	t.Helper()
	if !strings.HasSuffix(body, "\r\n") {
		t.Fatal("the calendar does not end with CRLF")
	}
	physical := strings.Split(strings.TrimSuffix(body, "\r\n"), "\r\n")
	var lines []string
	for i, l := range physical {
		if strings.ContainsAny(l, "\r\n") {
			t.Fatalf("line %d has a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Fatalf("line %d is %d octets, over 75: %q", i+1, len(l), l)
		}
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			if len(lines) == 0 {
				t.Fatal("the calendar starts with a continuation")
			}
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	name := regexp.MustCompile(`^([A-Z][A-Z0-9-]*)(;[^:]*)?:(.*)$`)
	utc := regexp.MustCompile(`^\d{8}T\d{6}Z$`)
	text := map[string]bool{"SUMMARY": true, "DESCRIPTION": true, "LOCATION": true, "X-WR-CALNAME": true}
	var stack []string
	var events []vevent
	var cal vevent = vevent{}
	for _, l := range lines {
		m := name.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("not a content line: %q", l)
		}
		prop, value := m[1], m[3]
		switch prop {
		case "BEGIN":
			stack = append(stack, value)
			if value == "VEVENT" {
				events = append(events, vevent{})
			}
			continue
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != value {
				t.Fatalf("END:%s closes %v", value, stack)
			}
			stack = stack[:len(stack)-1]
			continue
		}
		if text[prop] {
			if regexp.MustCompile(`(^|[^\\])(\\\\)*[,;]`).MatchString(value) {
				t.Fatalf("%s has an unescaped , or ;: %q", prop, value)
			}
			value = strings.NewReplacer(`\\`, `\`, `\;`, ";", `\,`, ",", `\n`, "\n", `\N`, "\n").Replace(value)
		}
		if prop == "DTSTAMP" || prop == "DTSTART" || prop == "DTEND" {
			if !utc.MatchString(value) {
				t.Fatalf("%s is not a UTC date-time: %q", prop, value)
			}
		}
		switch {
		case len(stack) == 2 && stack[1] == "VEVENT":
			events[len(events)-1][prop] = append(events[len(events)-1][prop], value)
		case len(stack) == 1 && stack[0] == "VCALENDAR":
			cal[prop] = append(cal[prop], value)
		default:
			t.Fatalf("%s outside a calendar or event (%v)", prop, stack)
		}
	}
	if len(stack) != 0 {
		t.Fatalf("not closed: %v", stack)
	}
	if len(cal["VERSION"]) != 1 || cal["VERSION"][0] != "2.0" || len(cal["PRODID"]) != 1 {
		t.Fatalf("calendar properties %v", cal)
	}
	uids := map[string]bool{}
	for _, e := range events {
		for _, p := range []string{"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"} {
			if len(e[p]) != 1 {
				t.Fatalf("an event has %d %s: %v", len(e[p]), p, e)
			}
		}
		if uids[e["UID"][0]] {
			t.Fatalf("UID %s twice", e["UID"][0])
		}
		uids[e["UID"][0]] = true
	}
	events = append(events, vevent{"X-CALENDAR": nil})
	for k, v := range cal {
		events[len(events)-1][k] = v
	}
	return events
}

// TestFeedIsAProperCalendar: the desk's feed parses as an iCalendar, its
// events titled with the service's name and the code in the desk's
// language, their details in words (the person's language by its own
// name, the channel by its name), with a UID and a DTSTAMP that do not
// change between two fetches; no chat id, no name or note the staff
// wrote, no raw service id; long lines folded without splitting a
// character.
func TestFeedIsAProperCalendar(t *testing.T) {
	e := newEnv(t)
	cfg := testConfig()
	// A long address with commas and a semicolon: escaped and folded.
	cfg.Desks[0].Address = "Via Roma 1, Torino; piano terra, sportello 3 — ingresso dal cortile interno, accanto alla farmacia comunale"
	s := e.service(t, cfg)
	ctx := context.Background()
	a, err := s.Book(ctx, person(1), "uk", "centro", "legal.permit_renewal", at("2026-03-03", "09:30"))
	if err != nil {
		t.Fatal(err)
	}
	desk, err := s.BookFor(ctx, "centro", "work.", at("2026-03-03", "10:00"), "ar", "Amina Haddad", "needs an interpreter", "ada")
	if err != nil {
		t.Fatal(err)
	}
	fetch := func(s *Service) string {
		t.Helper()
		w := httptest.NewRecorder()
		s.FeedHandler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/booking/centro/0123456789abcdef-secret.ics", nil))
		if w.Code != 200 || w.Header().Get("Content-Type") != "text/calendar; charset=utf-8" {
			t.Fatalf("feed: %d %s", w.Code, w.Header())
		}
		return w.Body.String()
	}
	body := fetch(s)
	all := parseICal(t, body)
	events, cal := all[:len(all)-1], all[len(all)-1]
	if len(events) != 2 {
		t.Fatalf("%d events, want 2", len(events))
	}
	c := cat(t)
	it := func(id string) string { return c.Text("it", id, nil) }
	if got, want := cal["X-WR-CALNAME"], "Sportello Centro · "+it("console.nav.agenda"); len(got) != 1 || got[0] != want {
		t.Errorf("calendar name %q, want %q", got, want)
	}
	byUID := map[string]vevent{}
	for _, ev := range events {
		byUID[ev["UID"][0]] = ev
	}
	renewal := c.Text("it", "legal.permit_renewal.title", nil)
	for _, tt := range []struct {
		code, start, stamp, summary string
		details                     []string
	}{
		{a.Code, "20260303T083000Z", a.Booked.UTC().Format("20060102T150405Z"), renewal + " · " + a.Code,
			[]string{a.Code, renewal, "Українська (uk)", "Lingua", "Canale"}},
		{desk.Code, "20260303T090000Z", desk.Booked.UTC().Format("20060102T150405Z"), it("area.work") + " · " + desk.Code,
			[]string{"العربية (ar)", it("console.feed.at_desk")}},
	} {
		ev, ok := byUID[tt.code+"@centro.frontdoor"]
		if !ok {
			t.Fatalf("no event for %s: %v", tt.code, byUID)
		}
		if ev["DTSTART"][0] != tt.start || ev["DTSTAMP"][0] != tt.stamp || ev["SUMMARY"][0] != tt.summary {
			t.Errorf("%s: start %s stamp %s summary %q, want %s %s %q", tt.code, ev["DTSTART"], ev["DTSTAMP"], ev["SUMMARY"], tt.start, tt.stamp, tt.summary)
		}
		for _, want := range tt.details {
			if len(ev["DESCRIPTION"]) != 1 || !strings.Contains(ev["DESCRIPTION"][0], want) {
				t.Errorf("%s: description %q lacks %q", tt.code, ev["DESCRIPTION"], want)
			}
		}
		if len(ev["LOCATION"]) != 1 || ev["LOCATION"][0] != cfg.Desks[0].Address {
			t.Errorf("%s: location %q", tt.code, ev["LOCATION"])
		}
	}
	for _, private := range []string{person(1).ID, "Amina", "Haddad", "interpreter", "ada", "legal.permit_renewal", "work.", "code ", "service "} {
		if strings.Contains(body, private) {
			t.Errorf("the feed holds %q:\n%s", private, body)
		}
	}
	// Fetched again later: the same events, so a calendar updates them.
	e.clock.Set(monday.Add(3 * time.Hour))
	if again := fetch(s); again != body {
		t.Errorf("the feed changed without a booking changing:\n%s\n---\n%s", body, again)
	}
	// A desk whose staff read English.
	cfg.Desks[0].Lang = "en"
	en := parseICal(t, fetch(e.service(t, cfg)))
	if got := en[0]["SUMMARY"][0]; got != c.Text("en", "legal.permit_renewal.title", nil)+" · "+a.Code {
		t.Errorf("English summary %q", got)
	}
	if got := en[0]["DESCRIPTION"][0]; !strings.Contains(got, "Language: Українська (uk)") || !strings.Contains(got, "Booking code: "+a.Code) {
		t.Errorf("English description %q", got)
	}
}

// TestFoldICal: lines are cut at 75 octets, and never inside a character.
func TestFoldICal(t *testing.T) {
	long := "SUMMARY:" + strings.Repeat("è", 60)
	got := foldICal(long)
	parts := strings.Split(strings.TrimSuffix(got, "\r\n"), "\r\n")
	if len(parts) < 2 {
		t.Fatalf("not folded: %q", got)
	}
	joined := parts[0]
	for _, p := range parts[1:] {
		if !strings.HasPrefix(p, " ") {
			t.Fatalf("continuation without a space: %q", p)
		}
		joined += p[1:]
	}
	for _, p := range parts {
		if len(p) > 75 || !strings.ContainsRune(p, 'è') && p != parts[0] {
			t.Fatalf("bad line %q (%d octets)", p, len(p))
		}
	}
	if joined != long {
		t.Fatalf("unfolded %q, want %q", joined, long)
	}
}

// storeAway fails every command while on, as a Redis that went away
// does; the test's own clean-up runs with it off.
type storeAway struct{ on atomic.Bool }

func (h *storeAway) DialHook(next redis.DialHook) redis.DialHook { return next }
func (h *storeAway) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		if h.on.Load() {
			err := errors.New("dial tcp: connection refused")
			for _, c := range cmds {
				c.SetErr(err)
			}
			return err
		}
		return next(ctx, cmds)
	}
}
func (h *storeAway) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if h.on.Load() {
			err := errors.New("dial tcp: connection refused")
			cmd.SetErr(err)
			return err
		}
		return next(ctx, cmd)
	}
}

// TestFeedRefusalsAreClear: an address that gets no calendar answers
// the status a calendar app acts on (404 no such calendar, 405 with
// Allow for a method other than GET or HEAD, 503 with Retry-After when
// the agenda cannot be read) and one line of plain text in the desk's
// language from the catalogue, never Go's English "404 page not found"
// or "unavailable"; an unknown desk answers in the catalogue's default.
// Nothing of a refusal is cached.
func TestFeedRefusalsAreClear(t *testing.T) {
	e := newEnv(t)
	away := &storeAway{}
	e.rdb.AddHook(away)
	t.Cleanup(func() { away.on.Store(false) })
	cfg := testConfig()
	// The desk reads French; the catalogue's default is another language.
	cfg.Desks[0].Lang = "fr"
	s := e.service(t, cfg)
	c := cat(t)
	if c.Default() == "fr" {
		t.Fatal("the desk must read another language than the default")
	}
	const good = "/booking/centro/0123456789abcdef-secret"
	for _, tt := range []struct {
		name, method, path string
		storeAway          bool
		status             int
		lang, msg          string
	}{
		{"wrong token", http.MethodGet, "/booking/centro/wrong-token-wrong-token.ics", false, 404, "fr", "console.feed.not_found"},
		{"no token", http.MethodGet, "/booking/centro", false, 404, "fr", "console.feed.not_found"},
		{"unknown desk", http.MethodGet, "/booking/nowhere/0123456789abcdef-secret.ics", false, 404, c.Default(), "console.feed.not_found"},
		{"unknown file type", http.MethodGet, good + ".pdf", false, 404, "fr", "console.feed.not_found"},
		{"no file type", http.MethodGet, good, false, 404, "fr", "console.feed.not_found"},
		{"a form posted", http.MethodPost, good + ".ics", false, 405, "fr", "console.feed.method"},
		{"store away", http.MethodGet, good + ".ics", true, 503, "fr", "console.feed.unavailable"},
		{"store away, csv", http.MethodGet, good + ".csv", true, 503, "fr", "console.feed.unavailable"},
		{"calendar", http.MethodGet, good + ".ics", false, 200, "", ""},
		{"a calendar app's HEAD", http.MethodHead, good + ".ics", false, 200, "", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			away.on.Store(tt.storeAway)
			defer away.on.Store(false)
			w := httptest.NewRecorder()
			s.FeedHandler().ServeHTTP(w, httptest.NewRequest(tt.method, tt.path, nil))
			if w.Code != tt.status {
				t.Fatalf("%s %s: %d, want %d: %q", tt.method, tt.path, w.Code, tt.status, w.Body)
			}
			h := w.Header()
			if tt.status == 200 {
				if ct := h.Get("Content-Type"); ct != "text/calendar; charset=utf-8" {
					t.Errorf("Content-Type %q", ct)
				}
				return
			}
			want := c.Text(tt.lang, tt.msg, nil)
			if want == tt.msg || (tt.lang != "en" && want == c.Text("en", tt.msg, nil)) {
				t.Fatalf("the catalogue has no %s words for %s", tt.lang, tt.msg)
			}
			if got := w.Body.String(); got != want+"\n" {
				t.Errorf("body %q, want %q", got, want+"\n")
			}
			for name, want := range map[string]string{
				"Content-Type":     "text/plain; charset=utf-8",
				"Content-Language": tt.lang,
				"Cache-Control":    "no-store",
			} {
				if got := h.Get(name); got != want {
					t.Errorf("%s %q, want %q", name, got, want)
				}
			}
			if got := h.Get("Allow"); (tt.status == 405) != (got == "GET, HEAD") {
				t.Errorf("Allow %q on a %d", got, tt.status)
			}
			if ra, err := strconv.Atoi(h.Get("Retry-After")); (tt.status == 503) != (err == nil && ra > 0) {
				t.Errorf("Retry-After %q on a %d", h.Get("Retry-After"), tt.status)
			}
		})
	}
}
