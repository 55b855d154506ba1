package locales

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestDatesAndTimes(t *testing.T) {
	c := mustLoad(t)
	rome, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 7, 14, 5, 0, 0, rome) // a Monday
	tests := []struct {
		lang, date, clock, labelled string
	}{
		{"en", "Monday 7 December", "14:05", "Date: Monday 7 December"},
		{"it", "lunedì 7 dicembre", "14:05", "Data: lunedì 7 dicembre"},
		{"fr", "lundi 7 décembre", "14:05", "Date\u00a0: lundi 7 décembre"},
		{"zh", "12月7日 星期一", "14:05", "日期：12月7日 星期一"},
		{"ru", "понедельник, 7 декабря", "14:05", "Дата: понедельник, 7 декабря"},
		{"tr", "7 Aralık Pazartesi", "14:05", "Tarih: 7 Aralık Pazartesi"},
		{"ar", "الاثنين \u20667\u2069 ديسمبر", "\u206614:05\u2069", ""},
		{"ps", "دوشنبه، \u20667\u2069 دسمبر", "\u206614:05\u2069", ""},
	}
	for _, tt := range tests {
		if got := c.Date(tt.lang, at); got != tt.date {
			t.Errorf("Date(%s) = %q, want %q", tt.lang, got, tt.date)
		}
		if got := c.Clock(tt.lang, at); got != tt.clock {
			t.Errorf("Clock(%s) = %q, want %q", tt.lang, got, tt.clock)
		}
		if tt.labelled == "" {
			continue
		}
		if got := c.Labelled(tt.lang, c.Text(tt.lang, "booking.label.date", nil), c.Date(tt.lang, at)); got != tt.labelled {
			t.Errorf("Labelled(%s) = %q, want %q", tt.lang, got, tt.labelled)
		}
	}
	// Early hours keep two digits; 24-hour everywhere.
	if got := c.Clock("en", time.Date(2026, 12, 7, 9, 0, 0, 0, rome)); got != "09:00" {
		t.Errorf("Clock(en, 9:00) = %q, want 09:00", got)
	}
}

// TestDateFormatIsTheCatalogues: the order and the words of a date come
// from the file, so a language is added or corrected without Go; a
// right-to-left format that leaves the day's digits bare is refused.
func TestDateFormatIsTheCatalogues(t *testing.T) {
	names := func(weekday, month string) string {
		return `["format.weekday.1"]` + "\nother = \"" + weekday + "\"\n" + `["format.month.12"]` + "\nother = \"" + month + "\"\n"
	}
	c, err := LoadFS(fstest.MapFS{
		"en.toml": catFile("English", false, names("Monday", "December")+`
["format.date"]
other = "{{.Weekday}} {{.MonthDay}} {{.Month}}"
["format.time"]
other = "{{.Hour}}:{{.Minute}}"
`),
		"it.toml": catFile("Italiano", false, names("lunedì", "dicembre")+`
["format.date"]
other = "{{.MonthDay}} {{.Month}}, {{.Weekday}}"
["format.time"]
other = "{{.Hour}}.{{.Minute}}"
`),
		"ar.toml": catFile("العربية", true, names("الاثنين", "ديسمبر")+`
["format.date"]
other = "{{.Weekday}} {{.MonthDay}} {{.Month}}"
["format.time"]
other = "\u2066{{.Hour}}:{{.Minute}}\u2069"
`),
	})
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 12, 7, 9, 30, 0, 0, time.UTC)
	if got, want := c.Date("it", at)+" "+c.Clock("it", at), "7 dicembre, lunedì 09.30"; got != want {
		t.Errorf("it: %q, want %q", got, want)
	}
	all := checkErrors(c)
	if !slices.ContainsFunc(all, func(e string) bool {
		return strings.Contains(e, "ar.toml: format.date:") && strings.Contains(e, "directional isolate")
	}) {
		t.Errorf("Check() accepted a right-to-left date format with bare digits: %v", all)
	}
}
