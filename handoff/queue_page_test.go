package handoff_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"frontdoor/bot"
	"frontdoor/console/consoletest"
	"frontdoor/handoff"
)

// TestQueuePageForABusyDesk: the queue shows, for each case, the channel,
// the language, the waiting time and a preview of what the person last
// wrote; urgent cases first with their kind; it filters by area and
// language (and keeps the filters in its live updates); and an operator
// who chose Italian reads it in Italian, with names instead of ids.
func TestQueuePageForABusyDesk(t *testing.T) {
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	if err := f.svc.Queue().SaveOperator(ctx, handoff.Operator{Name: "giulia", Languages: []string{"it", "ar"}, Areas: []string{"*"}, Capacity: 3, Lang: "it"},
		"password-giulia"); err != nil {
		t.Fatal(err)
	}
	legal := open(t, f.svc, "91", "it", "legal", false)
	work, _, err := f.svc.Queue().Open(ctx, handoff.Case{Contact: bot.Contact{Channel: "webchat", ID: "92"}, Lang: "ar", Area: "work", Reason: "asked"})
	if err != nil {
		t.Fatal(err)
	}
	urgent, _, err := f.svc.Queue().Open(ctx, handoff.Case{Contact: bot.Contact{Channel: "whatsapp", ID: "93"}, Lang: "ar", Area: "health", Reason: "urgent_suicide",
		Urgent: true, Kind: "suicide"})
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("permesso ", 40)
	for _, e := range []struct {
		id string
		e  handoff.Entry
	}{
		{legal.ID, handoff.Entry{By: "person", Text: "il mio permesso scade domani"}},
		{legal.ID, handoff.Entry{By: "bot", Text: "Sei il numero 1 in coda."}},
		{work.ID, handoff.Entry{By: "person", Text: long}},
		{urgent.ID, handoff.Entry{By: "person", Kind: "voice"}},
	} {
		if err := f.svc.Queue().Append(ctx, e.id, e.e); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(f.svc.Handler())
	t.Cleanup(srv.Close)
	b := consoletest.New(t, srv.URL)
	b.MustSignIn("giulia", "password-giulia")

	_, page := b.Get("/console/")
	for _, want := range []string{
		"Prendi il prossimo caso", "In attesa", f.cat.Text("it", "area.legal", nil), "Telegram", "WhatsApp", f.cat.Text("it", "console.channel.webchat", nil),
		"URGENTE · suicidio / autolesionismo", "il mio permesso scade domani", "[" + f.cat.Text("it", "console.attachment.voice", nil) + "]", "Ultimo messaggio",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the queue lacks %q", want)
		}
	}
	for _, bad := range []string{"Take the next case", "urgent_suicide", "Sei il numero 1", "[voice]"} {
		if strings.Contains(page, bad) {
			t.Errorf("the queue shows %q", bad)
		}
	}
	if strings.Contains(page, long) {
		t.Error("the preview of a long message is the whole message")
	}
	// Urgent first.
	if u, l := strings.Index(page, `data-case="`+urgent.ID+`"`), strings.Index(page, `data-case="`+legal.ID+`"`); u < 0 || l < 0 || u > l {
		t.Errorf("the urgent case is not first (%d, %d)", u, l)
	}

	for _, c := range []struct {
		query      string
		show, hide []string
	}{
		{"?area=legal", []string{legal.ID}, []string{work.ID, urgent.ID}},
		{"?lang=ar", []string{work.ID, urgent.ID}, []string{legal.ID}},
		{"?lang=ar&area=work", []string{work.ID}, []string{legal.ID, urgent.ID}},
		{"?area=nonsense", []string{legal.ID, work.ID, urgent.ID}, nil},
	} {
		_, page := b.Get("/console/" + c.query)
		_, fragment := b.Get("/console/queue" + c.query)
		for _, id := range c.show {
			if !strings.Contains(page, `data-case="`+id+`"`) || !strings.Contains(fragment, `data-case="`+id+`"`) {
				t.Errorf("%s: case %s not shown", c.query, id)
			}
		}
		for _, id := range c.hide {
			if strings.Contains(page, `data-case="`+id+`"`) || strings.Contains(fragment, `data-case="`+id+`"`) {
				t.Errorf("%s: case %s shown", c.query, id)
			}
		}
		if c.hide != nil && !strings.Contains(page, `data-fragment="/console/queue?`) {
			t.Errorf("%s: the live updates forget the filters", c.query)
		}
	}
}
