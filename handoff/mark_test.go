package handoff_test

import (
	"context"
	"testing"

	"frontdoor/handoff"
)

// TestOperatorReplyIsMarked: the person reads that a person of the desk
// writes, by name or by role as the desk chose, in their own language, with
// the operator's words unchanged; the transcript keeps the words alone.
func TestOperatorReplyIsMarked(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  handoff.Config
		lang string
		want func(f fixture) string
	}{
		{"the account name by default", handoff.Config{}, "it", func(f fixture) string {
			return f.cat.Text("it", "handoff.reply_from_name", map[string]any{"Name": "amina"})
		}},
		{"the name the desk gave", handoff.Config{ReplyNames: map[string]string{"amina": "Amina"}}, "fr", func(f fixture) string {
			return f.cat.Text("fr", "handoff.reply_from_name", map[string]any{"Name": "Amina"})
		}},
		{"the role", handoff.Config{ReplyLabel: handoff.LabelRole, ReplyNames: map[string]string{"amina": "Amina"}}, "it", func(f fixture) string {
			return f.cat.Text("it", "handoff.reply_from_desk", nil)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newService(t, tc.cfg)
			ctx := context.Background()
			addOperator(t, f.svc, "amina", []string{tc.lang}, []string{"*"}, 3)
			cs := open(t, f.svc, "31", tc.lang, "legal", false)
			if err := f.svc.Claim(ctx, "amina", cs.ID); err != nil {
				t.Fatal(err)
			}
			if err := f.svc.Reply(ctx, "amina", cs.ID, "Ciao"); err != nil {
				t.Fatal(err)
			}
			said := f.sent.to(cs.Contact)
			label := tc.want(f)
			if label == "" || label == "handoff.reply_from_name" || label == "handoff.reply_from_desk" {
				t.Fatalf("no label in the catalogue: %q", label)
			}
			if got := said[len(said)-1].Text; got != label+"\nCiao" {
				t.Fatalf("the person reads %q, want %q", got, label+"\nCiao")
			}
			tx, err := f.svc.Transcript(ctx, cs.ID)
			if err != nil {
				t.Fatal(err)
			}
			if e := tx[len(tx)-1]; e.By != "operator" || e.Text != "Ciao" {
				t.Fatalf("transcript ends with %+v, want the operator's words alone", e)
			}
		})
	}
}
