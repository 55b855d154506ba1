package handoff_test

import (
	"testing"

	"frontdoor/flows"
	"frontdoor/flows/flowstest"
	"frontdoor/locales"
)

// shared is the catalogue and flow engine this package's tests share
// (flowstest says why); nothing in them changes texts.
var shared = flowstest.New()

// sharedCatalog is the shipped catalogue, shared by the tests.
func sharedCatalog(t testing.TB) *locales.Catalog { t.Helper(); return shared.Catalog(t) }

// sharedEngine is the flow engine on the shipped catalogue, shared by the tests.
func sharedEngine(t testing.TB) *flows.Engine { t.Helper(); return shared.Engine(t) }
