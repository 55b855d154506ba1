package console

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/url"
)

// A page message (a "flash": "case closed", a refusal in the operator's
// language) rides in the address of the page a form redirects to
// (post/redirect/get). It is signed with the session's CSRF token, a
// secret of that session alone, so that a link made by anyone else cannot
// make the console show an operator a sentence of its choosing.

// FlashQuery is the query, without "?", that carries msg to the next page
// of the session whose CSRF token is token.
func FlashQuery(token, msg string) string {
	return "m=" + url.QueryEscape(msg) + "&ms=" + flashMAC(token, msg)
}

// Flash is the message a redirect left for this page (FlashQuery), if it
// was signed for this session; anything else in the address is not shown.
func Flash(r *http.Request, token string) string {
	m := r.URL.Query().Get("m")
	if m == "" || token == "" || !hmac.Equal([]byte(r.URL.Query().Get("ms")), []byte(flashMAC(token, m))) {
		return ""
	}
	return m
}

func flashMAC(token, msg string) string {
	h := hmac.New(sha256.New, []byte(token))
	h.Write([]byte("flash\x00" + msg))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil)[:16])
}
