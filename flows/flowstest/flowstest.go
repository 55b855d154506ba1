// Package flowstest gives tests the shipped catalogue and a flow engine on
// it, loaded once per test binary.
//
// Both cost seconds of CPU under -race (every language's file, the triage
// lexicons); loaded again by every test, they were most of the handoff and
// broadcast packages' time on two busy cores. Neither changes once built (a
// Catalog only through SetLive, an Engine never), so a package's tests may
// share one of each. A test that changes texts must load a catalogue of its
// own.
package flowstest

import (
	"sync"
	"testing"

	"frontdoor/flows"
	"frontdoor/locales"
)

// Shared holds the catalogue and engine a test binary shares. It is built
// by New and kept in one test package variable, so that nothing here is
// package-level state.
type Shared struct {
	catalog func() (*locales.Catalog, error)
	engine  func() (*flows.Engine, error)
}

// New returns a Shared that loads each part on first use, once.
func New() *Shared {
	s := &Shared{catalog: sync.OnceValues(locales.Load)}
	s.engine = sync.OnceValues(func() (*flows.Engine, error) {
		cat, err := s.catalog()
		if err != nil {
			return nil, err
		}
		return flows.New(cat, flows.Options{})
	})
	return s
}

// Catalog is the shipped catalogue; it fails the test when it cannot load.
func (s *Shared) Catalog(t testing.TB) *locales.Catalog {
	t.Helper()
	cat, err := s.catalog()
	if err != nil {
		t.Fatalf("loading the catalogue: %v", err)
	}
	return cat
}

// Engine is the flow engine on the shipped catalogue.
func (s *Shared) Engine(t testing.TB) *flows.Engine {
	t.Helper()
	e, err := s.engine()
	if err != nil {
		t.Fatalf("building the flow engine: %v", err)
	}
	return e
}
