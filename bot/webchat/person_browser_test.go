package webchat

import (
	"context"
	"strings"
	"testing"

	"frontdoor/bot"
)

// What a person sees on a phone and on a desktop: the desk's name in the
// header, the counter at the server's limit and never over the buttons,
// phone numbers that can be tapped, and web addresses as short links.
func TestBrowserChatPersonDetails(t *testing.T) {
	browser := startChromium(t)
	for _, size := range []struct {
		name          string
		width, height int
		mobile        bool
	}{{"phone", 390, 760, true}, {"desktop", 1280, 800, false}} {
		t.Run(size.name, func(t *testing.T) {
			h := newHarness(t, true, func(ch *Channel) {
				ch.opts.Title = "Sportello <Stranieri>"
				ch.assets = buildAssets(ch.opts.MaxText, ch.opts.Title)
			})
			h.inbox.onAccept = func(m bot.Message) {
				if !strings.HasPrefix(m.Text, "/start") {
					return
				}
				r := bot.Reply{
					Text:    "Telefono: +39 011 000 0000\nMappa: https://www.openstreetmap.org/?mlat=45.0677&mlon=7.6825#map=18/45.0677/7.6825",
					Choices: []bot.Choice{{ID: "a", Label: "Prendi un appuntamento"}, {ID: "b", Label: "Parla con una persona"}, {ID: "c", Label: "Menu principale"}},
				}
				if err := h.ch.Send(context.Background(), m.Contact, r); err != nil {
					t.Errorf("Send: %v", err)
				}
			}
			p := browser.open(t, h.srv.URL+"/?start=lang_it")
			p.do("Emulation.setDeviceMetricsOverride", map[string]any{"width": size.width, "height": size.height, "deviceScaleFactor": 1, "mobile": size.mobile})
			p.waitTrue("the reply with its buttons", `document.querySelectorAll('#log .choices button').length === 3`)
			// Nearly at the limit: the counter shows, beside the send
			// button, at the server's limit.
			p.mustEval(`(() => {
				const i = document.getElementById('text');
				i.value = 'a'.repeat(3500);
				i.dispatchEvent(new Event('input', {bubbles: true}));
			})()`, nil)
			var got struct {
				Title, Heading, Count string
				Tel, TelText          string
				Map, MapText          string
				Overlap               []string
			}
			p.mustEval(`(() => {
				const count = document.getElementById('count').getBoundingClientRect();
				const over = [...document.querySelectorAll('#log .choices button, #send, #text')].filter(b => {
					const r = b.getBoundingClientRect();
					return !(r.right <= count.left || r.left >= count.right || r.bottom <= count.top || r.top >= count.bottom);
				}).map(b => b.id || b.textContent);
				const tel = document.querySelector('#log a[href^="tel:"]') || {};
				const map = document.querySelector('#log a[href^="https:"]') || {};
				return {
					title: document.title, heading: document.querySelector('.title').textContent,
					count: document.getElementById('count').textContent,
					tel: tel.href || '', telText: tel.textContent || '',
					map: map.href || '', mapText: map.textContent || '',
					overlap: over,
				};
			})()`, &got)
			p.screenshot("person-" + size.name)
			if got.Title != "Sportello <Stranieri>" || got.Heading != "Sportello <Stranieri>" {
				t.Errorf("title %q, heading %q: want the desk's name", got.Title, got.Heading)
			}
			if got.Count != "3500 / 4096" {
				t.Errorf("counter = %q, want 3500 / 4096 (the server's limit)", got.Count)
			}
			if len(got.Overlap) > 0 {
				t.Errorf("the counter covers %q", got.Overlap)
			}
			if got.Tel != "tel:+390110000000" || got.TelText != "+39 011 000 0000" {
				t.Errorf("phone link = %q %q", got.Tel, got.TelText)
			}
			if !strings.HasPrefix(got.Map, "https://www.openstreetmap.org/?mlat=45.0677") || got.MapText != "www.openstreetmap.org/… ↗" {
				t.Errorf("map link = %q shown as %q", got.Map, got.MapText)
			}
		})
	}
}
