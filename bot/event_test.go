package bot_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"testing"

	"frontdoor/bot"
)

// TestEventWireFormat: the outbox keeps the format of the versions before
// typed events. Records written by them (maps of strings, "1"/"0" flags)
// decode into the typed values, and what this version writes is the map an
// older process reads.
func TestEventWireFormat(t *testing.T) {
	tests := []struct {
		name string
		// wire is a record as the previous version wrote it.
		wire string
		want bot.Event
	}{
		{"urgent handoff", `{"kind":"handoff","data":{"area":"legal","topic":"asylum","reason":"urgent_suicide","lang":"ar","message":"m1","urgent":"1","kind":"suicide","text":"help","said":"[\"hi\",\"please\"]"}}`,
			bot.HandoffRequested{Area: "legal", Topic: "asylum", Reason: "urgent_suicide", Lang: "ar", Message: "m1",
				Urgent: true, UrgentKind: "suicide", Text: "help", Said: []string{"hi", "please"}}},
		{"handoff with the turns before it", `{"kind":"handoff","data":{"area":"legal","topic":"","reason":"asked","lang":"it","message":"m2","text":"aiuto","recent":"[{\"p\":\"Documenti\",\"b\":\"Scegli un argomento.\"},{\"k\":\"photo\",\"b\":\"Scrivi la tua domanda.\"}]"}}`,
			bot.HandoffRequested{Area: "legal", Reason: "asked", Lang: "it", Message: "m2", Text: "aiuto",
				Recent: []bot.Exchange{{Person: "Documenti", Bot: "Scegli un argomento."}, {Kind: "photo", Bot: "Scrivi la tua domanda."}}}},
		{"handoff with the ids of the person's messages", `{"kind":"handoff","data":{"area":"legal","topic":"","reason":"asked","lang":"it","message":"m3","said":"[\"a\",\"b\"]","said_ids":"[\"\",\"w2\"]","recent":"[{\"p\":\"b\",\"b\":\"Non ho capito.\",\"i\":\"w2\"},{\"b\":\"Scegli.\",\"i\":\"w1\",\"del\":true}]"}}`,
			bot.HandoffRequested{Area: "legal", Reason: "asked", Lang: "it", Message: "m3", Said: []string{"a", "b"}, SaidIDs: []string{"", "w2"},
				Recent: []bot.Exchange{{Person: "b", Bot: "Non ho capito.", ID: "w2"}, {Bot: "Scegli.", ID: "w1", Deleted: true}}}},
		{"booking's handoff, fewer fields", `{"kind":"handoff","data":{"area":"work","topic":"cv","reason":"no_slots","lang":"bn"}}`,
			bot.HandoffRequested{Area: "work", Topic: "cv", Reason: "no_slots", Lang: "bn"}},
		{"need", `{"kind":"need","data":{"area":"health","topic":"doctor","lang":"ur","source":"text"}}`,
			bot.NeedReached{Area: "health", Topic: "doctor", Lang: "ur", Source: "text"}},
		{"subscribe", `{"kind":"subscribe","data":{"topic":"jobs","on":"1","lang":"it"}}`,
			bot.Subscribed{Topic: "jobs", On: true, Lang: "it"}},
		{"stop", `{"kind":"subscribe","data":{"topic":"*","on":"0","lang":"it"}}`,
			bot.Subscribed{Topic: "*", Lang: "it"}},
		{"booked", `{"kind":"booked","data":{"desk":"centro"}}`, bot.Booked{Desk: "centro"}},
		{"profile", `{"kind":"profile","data":{"field":"age","value":"18_29"}}`, bot.ProfileAnswered{Field: "age", Value: "18_29"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := bot.UnmarshalEvent([]byte(tt.wire))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("decoded %+v, want %+v", got, tt.want)
			}
			// What this version writes, read as the previous version
			// read it: the same map, except keys it left out when empty
			// (it wrote them as "").
			b, err := bot.MarshalEvent(got)
			if err != nil {
				t.Fatal(err)
			}
			var old, now struct {
				Kind string            `json:"kind"`
				Data map[string]string `json:"data"`
			}
			if err := json.Unmarshal([]byte(tt.wire), &old); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &now); err != nil {
				t.Fatal(err)
			}
			if now.Kind != old.Kind {
				t.Fatalf("kind %q, the previous version wrote %q", now.Kind, old.Kind)
			}
			for k, v := range old.Data {
				if now.Data[k] != v {
					t.Errorf("data[%q] = %q, the previous version wrote %q", k, now.Data[k], v)
				}
			}
			for k, v := range now.Data {
				if old.Data[k] != v {
					t.Errorf("data[%q] = %q, which the previous version did not write", k, v)
				}
			}
		})
	}
}

// TestEventWireFormatDamaged: a stored handoff whose earlier messages are
// unreadable still opens its case, marked so the loss is logged; a kind
// from a newer version is an ErrUnknownEvent, not a crash.
func TestEventWireFormatDamaged(t *testing.T) {
	for _, said := range []string{`"hello"`, `"[1,2]"`} {
		e, err := bot.UnmarshalEvent([]byte(`{"kind":"handoff","data":{"area":"legal","said":` + said + `}}`))
		if err != nil {
			t.Fatal(err)
		}
		if h := e.(bot.HandoffRequested); !h.SaidLost || h.Said != nil || h.Area != "legal" {
			t.Fatalf("said %s: decoded %+v, want the area and SaidLost", said, h)
		}
	}
	for _, recent := range []string{`"hello"`, `"[1,2]"`, `"{\"p\":1}"`} {
		e, err := bot.UnmarshalEvent([]byte(`{"kind":"handoff","data":{"area":"legal","said":"[\"hi\"]","recent":` + recent + `}}`))
		if err != nil {
			t.Fatal(err)
		}
		if h := e.(bot.HandoffRequested); !h.SaidLost || h.Recent != nil || h.Area != "legal" || len(h.Said) != 1 {
			t.Fatalf("recent %s: decoded %+v, want the area, Said and SaidLost", recent, h)
		}
	}
	if _, err := bot.UnmarshalEvent([]byte(`{"kind":"teleport","data":{}}`)); !errors.Is(err, bot.ErrUnknownEvent) {
		t.Fatalf("unknown kind: err = %v, want ErrUnknownEvent", err)
	}
}
