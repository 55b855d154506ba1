package stats

import (
	"strconv"
	"strings"

	"frontdoor/bot"
	"frontdoor/locales"
)

// words puts the statistics into a coordinator's language: tables, rows
// and withheld counts by name, never by id. The exports keep the ids and
// the English titles (they are data for other programs).
type words struct {
	cat  *locales.Catalog
	lang string
}

// t is a console text; without a catalogue (a test of the charts alone)
// the id itself.
func (w words) t(id string, data map[string]any) string {
	if w.cat == nil {
		return id
	}
	return w.cat.Text(w.lang, id, data)
}

// known is the catalogue's text for id, or "" when it has none.
func (w words) known(id string) string {
	if t := w.t(id, nil); t != id {
		return t
	}
	return ""
}

// title names a table.
func (w words) title(t Table) string {
	if s := w.known("console.stats.table." + t.ID); s != "" {
		return s
	}
	return t.Title
}

// cell writes a count, or why it is withheld.
func (w words) cell(c Cell) string {
	if c.State == Hidden {
		return w.t("console.stats.hidden", nil)
	}
	return c.String()
}

// column names a column: a week, or the total.
func (w words) column(name string) string {
	if name == "total" {
		return w.t("console.stats.total", nil)
	}
	return name
}

// row names a row of table by what its key holds: "legal|permit" is an
// area and its topic, "telegram|sent" a channel and a campaign outcome.
func (w words) row(table, key string) string {
	if key == "total" {
		return w.t("console.stats.total", nil)
	}
	parts := strings.Split(key, "|")
	kinds := rowKinds[table]
	for i, p := range parts {
		kind := ""
		if i < len(kinds) {
			kind = kinds[i]
		}
		parts[i] = w.part(kind, p, parts[0])
	}
	return strings.Join(parts, " / ")
}

// rowKinds says what each part of a table's row keys is.
var rowKinds = map[string][]string{
	"needs": {"area"}, "handoffs": {"area"}, "people": {"area"},
	"languages": {"lang"}, "channels": {"channel"}, "sources": {"source"},
	"topics":          {"area", "topic"},
	"handoff_reasons": {"reason"}, "handoff_urgent": {"urgent"},
	"outcomes":     {"outcome"},
	"appointments": {"appt"}, "appointments_by_desk": {"", "appt"},
	"campaigns": {"campaign"}, "campaigns_by_channel": {"channel", "campaign"}, "campaigns_by_language": {"lang", "campaign"},
	"hours": {"hour"}, "weekdays": {"weekday"},
}

func (w words) part(kind, v, first string) string {
	var id string
	switch kind {
	case "area":
		id = "area." + v
	case "topic":
		id = first + "." + v + ".title"
	case "lang":
		if w.cat != nil {
			if l, ok := w.cat.Language(v); ok {
				return l.Native
			}
		}
	case "channel":
		id = "console.channel." + v
	case "source":
		if v == "direct" {
			id = "console.stats.direct"
		}
	case "reason":
		if k, ok := bot.Reason(v).Urgent(); ok {
			if what := w.known("console.kind." + k); what != "" {
				return w.t("console.reason.urgent", map[string]any{"What": what})
			}
		}
		id = "console.reason." + v
	case "urgent":
		switch v {
		case "1":
			id = "console.stats.urgent"
		case "0":
			id = "console.stats.not_urgent"
		}
	case "outcome":
		id = "console.outcome." + v
	case "appt":
		id = "console.agenda.status." + v
	case "campaign":
		id = "console.stats.campaign." + v
	case "hour":
		return v + ":00"
	case "weekday":
		// ISO: Monday is 1, Sunday 7; the catalogue counts as Go does,
		// from Sunday 0.
		if n, err := strconv.Atoi(v); err == nil && n >= 1 && n <= 7 {
			id = "format.weekday." + strconv.Itoa(n%7)
		}
	}
	if id != "" {
		if s := w.known(id); s != "" {
			return s
		}
	}
	return strings.ReplaceAll(v, "_", " ")
}
