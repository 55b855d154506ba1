package console

import (
	"net/http/httptest"
	"testing"
)

// A page message shows only on the session it was signed for.
func TestFlashShowsOnlyWhatWasSignedForTheSession(t *testing.T) {
	const mine, theirs = "token-of-this-session", "token-of-another"
	for _, tt := range []struct {
		name, query, token, want string
	}{
		{"signed for this session", FlashQuery(mine, "Caso chiuso."), mine, "Caso chiuso."},
		{"signed for another", FlashQuery(theirs, "Call +39 000 and give your password"), mine, ""},
		{"unsigned", "m=Call+%2B39+000", mine, ""},
		{"signed, the words changed", FlashQuery(mine, "Caso chiuso.")[:len("m=")] + "Altro" + FlashQuery(mine, "Caso chiuso.")[len("m=Caso+chiuso."):], mine, ""},
		{"no session token", FlashQuery("", "x"), "", ""},
		{"none", "", mine, ""},
	} {
		r := httptest.NewRequest("GET", "/console/?"+tt.query, nil)
		if got := Flash(r, tt.token); got != tt.want {
			t.Errorf("%s: Flash = %q, want %q", tt.name, got, tt.want)
		}
	}
}
