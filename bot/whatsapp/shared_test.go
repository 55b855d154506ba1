package whatsapp

import "frontdoor/flows/flowstest"

// shared is the catalogue and flow engine the tests that run a real
// conversation share (flowstest says why); none of them changes texts.
var shared = flowstest.New()
