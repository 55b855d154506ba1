package broadcast_test

import (
	"testing"

	"frontdoor/broadcast"
)

// TestOutcomesHaveWords: every outcome the report can hold has its name
// in every language of the catalogue, so the localized CSV never shows
// one in English or as a raw id.
func TestOutcomesHaveWords(t *testing.T) {
	cat := shared.Catalog(t)
	for _, l := range cat.Languages() {
		for _, o := range broadcast.Outcomes() {
			if _, ok := cat.Shipped(l.Tag, "console.campaigns.csv.outcome."+o); !ok {
				t.Errorf("%s: the outcome %q has no words (console.campaigns.csv.outcome.%s)", l.Tag, o, o)
			}
		}
	}
}
