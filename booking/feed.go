package booking

import (
	"context"
	"crypto/subtle"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// FeedHandler serves each desk's agenda to the staff as an iCalendar feed
// and a CSV export, at /booking/{desk}/{token}.ics and .csv, token being
// the desk's feed_token. The lead mounts it at "/booking/". It lists the
// appointments from a week ago to the end of the horizon.
//
// Entries carry the booking code, the service and the person's channel and
// language, not their chat id: a calendar synced to a phone must not hold
// more than the desk needs to receive the person.
func (s *Service) FeedHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rest, ok := strings.CutPrefix(r.URL.Path, "/booking/")
		deskID, file, ok2 := strings.Cut(rest, "/")
		d := s.desks[deskID]
		if !ok || !ok2 || d == nil || d.FeedToken == "" || r.Method != http.MethodGet {
			http.NotFound(w, r)
			return
		}
		token, ext, _ := strings.Cut(file, ".")
		if subtle.ConstantTimeCompare([]byte(token), []byte(d.FeedToken)) != 1 {
			http.NotFound(w, r)
			return
		}
		as, err := s.agenda(r.Context(), d)
		if err != nil {
			s.log.Error("booking feed", "desk", d.ID, "err", err)
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
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
		default:
			http.NotFound(w, r)
		}
	})
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

// ical writes RFC 5545 text: CRLF line ends, UTC times, escaped text.
func (s *Service) ical(d *desk, as []Appointment) string {
	var b strings.Builder
	line := func(format string, a ...any) { b.WriteString(fmt.Sprintf(format, a...) + "\r\n") }
	esc := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\n", `\n`)
	const stamp = "20060102T150405Z"
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//Frontdoor//booking//EN")
	line("CALSCALE:GREGORIAN")
	line("X-WR-CALNAME:%s", esc.Replace(d.Name))
	now := s.clock().UTC().Format(stamp)
	for _, a := range as {
		line("BEGIN:VEVENT")
		line("UID:%s@%s.frontdoor", a.Code, d.ID)
		line("DTSTAMP:%s", now)
		line("DTSTART:%s", a.Start.UTC().Format(stamp))
		line("DTEND:%s", a.End().UTC().Format(stamp))
		line("SUMMARY:%s", esc.Replace(a.Code+" "+a.Service))
		line("DESCRIPTION:%s", esc.Replace(fmt.Sprintf("code %s, service %s, channel %s, language %s", a.Code, a.Service, a.Contact.Channel, a.Lang)))
		if d.Address != "" {
			line("LOCATION:%s", esc.Replace(d.Address))
		}
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return b.String()
}
