package handoff

import (
	"encoding/json"
	"reflect"
	"testing"

	"frontdoor/bot"
)

// TestDecodeOpening: a handoff event, as stored in the outbox by this
// version or an earlier one, is read tolerantly: absent fields are empty,
// a kind (or a reason naming one) makes the case urgent, the earlier
// messages are a JSON list cut to the last three, and a broken list is
// flagged without failing.
func TestDecodeOpening(t *testing.T) {
	tests := []struct {
		name string
		data map[string]string
		want opening
	}{
		{"nothing", nil, opening{}},
		{"booking's event: no kind, no text", map[string]string{"area": "legal", "topic": "permit_renewal", "reason": "no_slots", "lang": "it"},
			opening{Area: "legal", Topic: "permit_renewal", Reason: "no_slots", Lang: "it"}},
		{"urgent with everything", map[string]string{"reason": "urgent_suicide", "urgent": "1", "kind": "suicide", "lang": "en",
			"text": " I want to end it ", "said": `["hello","nobody helps me"]`},
			opening{Reason: "urgent_suicide", Urgent: true, Kind: "suicide", Lang: "en", Text: "I want to end it", Said: []string{"hello", "nobody helps me"}}},
		{"kind from the reason when absent", map[string]string{"reason": "urgent_violence", "urgent": "1"},
			opening{Reason: "urgent_violence", Urgent: true, Kind: "violence"}},
		{"a kind without the flag is urgent all the same", map[string]string{"kind": "child"},
			opening{Reason: "urgent_child", Urgent: true, Kind: "child"}},
		{"urgent menu screen: urgent, no kind", map[string]string{"reason": "flow", "urgent": "1", "area": "work", "topic": "exploitation"},
			opening{Reason: "flow", Urgent: true, Area: "work", Topic: "exploitation"}},
		{"language not spoken", map[string]string{"lang": "", "detected": "PS", "kind": "medical", "reason": "urgent_medical", "urgent": "1"},
			opening{Reason: "urgent_medical", Urgent: true, Kind: "medical", Detected: "ps"}},
		{"more than three earlier messages: the last three", map[string]string{"said": `["1","2"," ","3","4"]`},
			opening{Said: []string{"2", "3", "4"}}},
		{"empty list", map[string]string{"said": `[]`}, opening{}},
		{"empty field", map[string]string{"said": ""}, opening{}},
		{"not JSON", map[string]string{"said": "hello"}, opening{SaidBroken: true}},
		{"not a list of strings", map[string]string{"said": `[1,2]`}, opening{SaidBroken: true}},
		{"turns before: trimmed, empty ones dropped, the last six", map[string]string{"recent": `[{"p":"0"},{"p":"1"},{"p":" ","b":" "},{"p":" 2 ","b":" Menu "},{"k":"photo","b":"Write"},{"p":"4"},{"p":"5"},{"p":"6"},{"b":"7"}]`},
			opening{Recent: []bot.Exchange{{Person: "2", Bot: "Menu"}, {Kind: "photo", Bot: "Write"}, {Person: "4"}, {Person: "5"}, {Person: "6"}, {Bot: "7"}}}},
		{"turns before unreadable", map[string]string{"recent": `{"p":"hi"}`, "said": `["hi"]`}, opening{Said: []string{"hi"}, SaidBroken: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wire, err := json.Marshal(map[string]any{"kind": "handoff", "data": tt.data})
			if err != nil {
				t.Fatal(err)
			}
			e, err := bot.UnmarshalEvent(wire)
			if err != nil {
				t.Fatal(err)
			}
			if got := openingOf(e.(bot.HandoffRequested)); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("openingOf(%s)\n got %+v\nwant %+v", wire, got, tt.want)
			}
		})
	}
}

// TestReasonText: why a case opened, in words, for every reason the
// conversation and booking send, and for ones they may add later.
func TestReasonText(t *testing.T) {
	tests := []struct {
		reason, kind string
		urgent       bool
		want         string
	}{
		{"urgent_suicide", "suicide", true, "urgent — suicide / self-harm"},
		{"urgent_child", "", true, "urgent — child in danger"},
		{"urgent_medical", "medical", true, "urgent — medical emergency"},
		{"urgent_new_kind", "new_kind", true, "urgent — new kind"},
		{"asked", "", false, "asked for a person"},
		{"asked", "", true, "urgent — asked for a person"},
		{"flow", "", true, "urgent — chose an urgent subject in the menu"},
		{"flow", "", false, "handed over by a menu step"},
		{"triage_failed", "", false, "not understood twice"},
		{"appointment", "", false, "asked for a person while booking"},
		{"no_slots", "", false, "no free appointment"},
		{"", "", false, "no reason given"},
		{"some_new_reason", "", false, "some new reason"},
	}
	for _, tt := range tests {
		if got := reasonText(bot.Reason(tt.reason), tt.kind, tt.urgent); got != tt.want {
			t.Errorf("reasonText(%q, %q, %v) = %q, want %q", tt.reason, tt.kind, tt.urgent, got, tt.want)
		}
	}
}

func TestLanguageName(t *testing.T) {
	for code, want := range map[string]string{"ps": "Pashto", "ti": "Tigrinya", "ru": "Russian", "": "", "xx": "", "not a code": ""} {
		if got := languageName(code); got != want {
			t.Errorf("languageName(%q) = %q, want %q", code, got, want)
		}
	}
}
