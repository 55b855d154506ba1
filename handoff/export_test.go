package handoff

// Queue is the service's raw queue, for tests that set cases up or look
// at them without the service's side effects (telling the person, the
// transcript's opening lines).
func (s *Service) Queue() *Queue { return s.q }

// ScriptHash is the SHA1 by which go-redis sends the named script
// (EVALSHA), for tests that lose its reply.
func ScriptHash(name string) string {
	return map[string]string{"claim": claimScript.Hash(), "next": nextScript.Hash()}[name]
}
