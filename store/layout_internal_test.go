package store

import (
	"testing"
	"time"
)

// A key that expires within the millisecond (PTTL 0) keeps an expiry when
// restored: RESTORE's 0 is none, and a lock restored so would be held for
// ever.
func TestRestoreTTL(t *testing.T) {
	for pttl, want := range map[int64]time.Duration{-1: 0, 0: time.Millisecond, 1: time.Millisecond, 1500: 1500 * time.Millisecond} {
		if got := restoreTTL(pttl); got != want {
			t.Errorf("restoreTTL(%d) = %v, want %v", pttl, got, want)
		}
	}
}
