package handoff_test

import (
	"sync"
	"testing"

	"frontdoor/flows"
	"frontdoor/locales"
)

// The shipped catalogue and the flow engine built on it cost seconds of
// CPU each under -race (every language's file, the triage lexicons); loaded
// again by every test they were most of this package's time on two busy
// cores. Neither changes once built (a Catalog only through SetLive, which
// no test here calls, nor handoff; an Engine never), so the tests share one
// of each. A test that changes texts must load a catalogue of its own.
var (
	loadCatalog = sync.OnceValues(locales.Load)
	buildEngine = sync.OnceValues(func() (*flows.Engine, error) {
		cat, err := loadCatalog()
		if err != nil {
			return nil, err
		}
		return flows.New(cat, flows.Options{})
	})
)

// sharedCatalog is the shipped catalogue, shared by the tests.
func sharedCatalog(t testing.TB) *locales.Catalog {
	t.Helper()
	cat, err := loadCatalog()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// sharedEngine is the flow engine on the shipped catalogue, shared by the tests.
func sharedEngine(t testing.TB) *flows.Engine {
	t.Helper()
	e, err := buildEngine()
	if err != nil {
		t.Fatal(err)
	}
	return e
}
