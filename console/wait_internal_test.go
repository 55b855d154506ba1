package console

import (
	"testing"
	"time"

	"frontdoor/locales"
)

// TestWaitTextPluralForms: the sign-in wait is said with the language's
// plural forms, in whole minutes rounded up, or in seconds under one.
func TestWaitTextPluralForms(t *testing.T) {
	cat, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	g := &Gate{cat: cat}
	for _, tt := range []struct {
		lang string
		wait time.Duration
		want string
	}{
		{"en", time.Minute, "1 minute"},
		{"en", 14*time.Minute + time.Second, "15 minutes"},
		{"en", 30 * time.Second, "30 seconds"},
		{"it", time.Minute, "1 minuto"},
		{"it", 15 * time.Minute, "15 minuti"},
		{"it", time.Second, "1 secondo"},
		{"ru", time.Minute, "1 минуту"},
		{"ru", 2 * time.Minute, "2 минуты"},
		{"ru", 5 * time.Minute, "5 минут"},
		{"ru", 21 * time.Minute, "21 минуту"},
		{"ro", 20 * time.Minute, "20 de minute"},
		{"ar", 15 * time.Minute, "\u206615\u2069 دقيقة"},
	} {
		if got := g.waitText(tt.lang, tt.wait); got != tt.want {
			t.Errorf("%s, %s = %q, want %q", tt.lang, tt.wait, got, tt.want)
		}
	}
}
