package booking

import (
	"context"
	"crypto/subtle"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// FeedHandler serves each desk's agenda to the staff as an iCalendar feed
// and a CSV export, at /booking/{desk}/{token}.ics and .csv, token being
// the desk's feed_token. The lead mounts it at "/booking/". It lists the
// appointments from a week ago to the end of the horizon.
//
// Entries carry the booking code, the service and the person's channel and
// language, not their chat id, nor the name or note the staff wrote: a
// calendar synced to a phone must not hold more than the desk needs to
// receive the person.
func (s *Service) FeedHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest, ok := strings.CutPrefix(r.URL.Path, "/booking/")
		deskID, file, ok2 := strings.Cut(rest, "/")
		d := s.desks[deskID]
		// The refusals are in the desk's language when the address names
		// a desk, else in the catalogue's default: the token is the
		// secret, not which desks exist.
		lang := s.cat.Default()
		if d != nil {
			lang = s.deskLang(d)
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			s.feedRefuse(w, http.StatusMethodNotAllowed, lang, "console.feed.method")
			return
		}
		token, ext, _ := strings.Cut(file, ".")
		if !ok || !ok2 || d == nil || d.FeedToken == "" ||
			subtle.ConstantTimeCompare([]byte(token), []byte(d.FeedToken)) != 1 ||
			(ext != "ics" && ext != "csv") {
			s.feedRefuse(w, http.StatusNotFound, lang, "console.feed.not_found")
			return
		}
		as, err := s.agenda(r.Context(), d)
		if err != nil {
			s.log.Error("booking feed", "desk", d.ID, "err", err)
			// A calendar app that honours Retry-After waits before its
			// next try instead of hammering a store that is down.
			w.Header().Set("Retry-After", strconv.Itoa(feedRetryAfter))
			s.feedRefuse(w, http.StatusServiceUnavailable, lang, "console.feed.unavailable")
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		switch ext {
		case "ics":
			w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
			w.Write([]byte(s.ical(d, as)))
		case "csv":
			w.Header().Set("Content-Type", "text/csv; charset=utf-8")
			w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", "appointments-"+d.ID+".csv"))
			cw := csv.NewWriter(w)
			cw.Write([]string{"code", "date", "start", "end", "service", "channel", "language", "booked_at"})
			for _, a := range as {
				st, en := a.Start.In(d.loc), a.End().In(d.loc)
				cw.Write([]string{a.Code, st.Format(time.DateOnly), st.Format("15:04"), en.Format("15:04"), a.Service,
					a.Contact.Channel, a.Lang, a.Booked.In(d.loc).Format(time.RFC3339)})
			}
			cw.Flush()
		}
	})
}

// feedRetryAfter is the Retry-After of a feed that cannot be read, in
// seconds: calendar apps poll every few minutes or hours anyway.
const feedRetryAfter = 300

// feedRefuse answers a feed request that gets no calendar: the status a
// calendar app acts on, and one short line of plain text in lang for the
// person who opened the address in a browser or reads the app's error.
// Plain text, not a console page: the feed is reached with a token, not
// a session, and a calendar app renders no HTML; no-store so that an app
// or a proxy does not keep the refusal in place of the calendar.
func (s *Service) feedRefuse(w http.ResponseWriter, status int, lang, id string) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("Content-Language", lang)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	fmt.Fprintln(w, s.msg(lang, id))
}

// agenda reads the desk's appointments day by day.
func (s *Service) agenda(ctx context.Context, d *desk) ([]Appointment, error) {
	local := s.clock().In(d.loc)
	var out []Appointment
	for i := -7; i <= s.cfg.HorizonDays+1; i++ {
		day := time.Date(local.Year(), local.Month(), local.Day()+i, 12, 0, 0, 0, d.loc).Format(time.DateOnly)
		all, err := s.rdb.HGetAll(ctx, dayKey(s.keys, d.ID, day, "appts")).Result()
		if err != nil {
			return nil, fmt.Errorf("agenda %s: %w", day, err)
		}
		for _, js := range all {
			var a Appointment
			if json.Unmarshal([]byte(js), &a) == nil {
				out = append(out, a)
			}
		}
	}
	slices.SortFunc(out, func(a, b Appointment) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return strings.Compare(a.Code, b.Code)
	})
	return out, nil
}

// ical writes the desk's agenda as an RFC 5545 calendar: CRLF line ends,
// lines folded at 75 octets, text values escaped, UTC times, one UID per
// appointment that stays the same across fetches (its code and desk), and
// a DTSTAMP that changes only with the booking, so a calendar app updates
// an event rather than adding a copy. The words are in the desk's
// language (Desk.Lang): the service by its name, the person's language by
// its own; no name, chat id or note leaves the console.
func (s *Service) ical(d *desk, as []Appointment) string {
	lang := s.deskLang(d)
	var b strings.Builder
	line := func(name, value string) { b.WriteString(foldICal(name + ":" + value)) }
	const stamp = "20060102T150405Z"
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//Frontdoor//booking//EN")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	line("X-WR-CALNAME", escICal(d.name(lang)+" · "+s.msg(lang, "console.nav.agenda")))
	for _, a := range as {
		service := s.serviceName(lang, a.Service)
		channel := s.channelName(lang, a.Contact.Channel)
		if a.ByDesk() {
			channel = s.msg(lang, "console.feed.at_desk")
		}
		language := a.Lang
		if l, ok := s.cat.Language(a.Lang); ok {
			language = l.Native + " (" + l.Tag + ")"
		}
		line("BEGIN", "VEVENT")
		line("UID", a.Code+"@"+d.ID+".frontdoor")
		line("DTSTAMP", a.Booked.UTC().Format(stamp))
		line("DTSTART", a.Start.UTC().Format(stamp))
		line("DTEND", a.End().UTC().Format(stamp))
		line("SUMMARY", escICal(s.cat.Text(lang, "console.feed.summary", map[string]any{"Service": service, "Code": a.Code})))
		line("DESCRIPTION", escICal(s.cat.Text(lang, "console.feed.description", map[string]any{
			"Code": a.Code, "Service": service, "Language": language, "Channel": channel})))
		if d.Address != "" {
			line("LOCATION", escICal(d.Address))
		}
		line("STATUS", "CONFIRMED")
		line("TRANSP", "OPAQUE")
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return b.String()
}

// deskLang is the language the desk's staff read: Desk.Lang when
// Frontdoor speaks it, else the catalogue's default.
func (s *Service) deskLang(d *desk) string {
	if _, ok := s.cat.Language(d.Lang); ok {
		return d.Lang
	}
	return s.cat.Default()
}

// escICal escapes a TEXT value (RFC 5545 3.3.11): backslash, semicolon,
// comma and line ends; a carriage return alone is dropped.
func escICal(v string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", "").Replace(v)
}

// foldICal ends a content line with CRLF, folding it into lines of at
// most 75 octets (RFC 5545 3.1), each continuation starting with a space,
// never inside a UTF-8 sequence.
func foldICal(l string) string {
	var b strings.Builder
	limit := 75
	for len(l) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(l[cut]) {
			cut--
		}
		b.WriteString(l[:cut] + "\r\n ")
		l = l[cut:]
		limit = 74 // the space that starts a continuation counts
	}
	b.WriteString(l + "\r\n")
	return b.String()
}
