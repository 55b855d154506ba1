// Package console is what every page of the operators' console shares:
// who is signed in (Viewer) as the pages of other packages see it, the
// roles that open those pages, the security headers with the one strict
// Content-Security-Policy, the layout (head, navigation by role, foot), the
// one stylesheet and the one script, and the template helpers.
//
// The feature packages (handoff, booking, broadcast, stats) plug their
// pages into it and import none of each other for signing in: the sign-in
// middleware (Require) is handed to them by cmd/frontdoor, and puts the
// Viewer in the request's context, where SignedIn and FormToken read it.
//
// No page has inline style or script: the policy allows only the
// console's own files, so an injected <script> or style attribute is
// inert, whatever a template forgets to escape.
package console

import (
	"context"
	"net/http"
	"slices"
)

// Roles of operators' accounts, beyond the case queue every operator has.
const (
	// RoleOutreach opens the campaigns.
	RoleOutreach = "outreach"
	// RoleCoordinator opens the statistics.
	RoleCoordinator = "coordinator"
	// RoleStaff opens the desks' agenda.
	RoleStaff = "staff"
	// RoleEditor opens the texts: what the bot says, in every language.
	RoleEditor = "editor"
)

// Roles lists the roles an account can have.
func Roles() []string { return []string{RoleOutreach, RoleCoordinator, RoleStaff, RoleEditor} }

// Viewer is the signed-in operator as a page sees it.
type Viewer struct {
	Name  string
	Admin bool
	Roles []string
	// Lang is the language the console speaks to them (a catalogue's
	// code): the one they chose, else their browser's.
	Lang string
}

// Has reports whether the viewer may use the pages of role; admins may use
// them all.
func (v Viewer) Has(role string) bool { return v.Admin || slices.Contains(v.Roles, role) }

// Require is the sign-in middleware a package's pages are mounted behind:
// only a signed-in operator with role (or an admin) reaches h, and every
// request that changes something carries the session's form token.
type Require func(role string, h http.Handler) http.Handler

type signedInKey struct{}

type signedIn struct {
	v    Viewer
	csrf string
}

// WithViewer returns ctx carrying the signed-in operator and the form
// token of their session; the sign-in middleware calls it.
func WithViewer(ctx context.Context, v Viewer, csrf string) context.Context {
	return context.WithValue(ctx, signedInKey{}, signedIn{v: v, csrf: csrf})
}

// SignedIn returns the operator of a request that passed Require.
func SignedIn(r *http.Request) (Viewer, bool) {
	s, ok := r.Context().Value(signedInKey{}).(signedIn)
	return s.v, ok
}

// FormToken returns the form token to put in the forms of a page behind
// Require (field "csrf", or header X-CSRF-Token).
func FormToken(r *http.Request) string {
	s, _ := r.Context().Value(signedInKey{}).(signedIn)
	return s.csrf
}

// CSP is the console's one Content-Security-Policy: its own files only, no
// inline style or script, no framing, forms only to itself.
const CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

// Headers sets the security headers of every console page and API answer.
func Headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", CSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		next.ServeHTTP(w, r)
	})
}
