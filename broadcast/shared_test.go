package broadcast_test

import "frontdoor/flows/flowstest"

// shared is the catalogue and flow engine this package's tests share
// (flowstest says why); nothing in them changes texts.
var shared = flowstest.New()
