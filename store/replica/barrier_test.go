package replica_test

import (
	"testing"

	"frontdoor/store/replica"
)

// TestBarrierKey: a barrier's key shares its Cluster slot with the key it
// stands for (the same hash tag), and a key whose slot cannot be shared
// by another name here is refused rather than written elsewhere.
func TestBarrierKey(t *testing.T) {
	for _, tc := range []struct {
		key, want string
		ok        bool
	}{
		{"fd:{c:1.2}:in:test:1", "fd:{c:1.2}:barrier", true},
		{"fd:{handoff}:op:ann", "fd:{handoff}:barrier", true},
		{"{a}{b}", "{a}:barrier", true},
		{"fd:erasures", "{fd:erasures}:barrier", true},
		{"fd:{}x", "", false},
		{"fd:{open", "", false},
		{"fd:close}", "", false},
	} {
		got, ok := replica.BarrierKey(tc.key)
		if got != tc.want || ok != tc.ok {
			t.Errorf("BarrierKey(%q) = %q %v, want %q %v", tc.key, got, ok, tc.want, tc.ok)
		}
	}
}
