package stats

import "sort"

// State says how a published cell shows.
type State uint8

// Cell states.
const (
	// Shown: the exact value is published.
	Shown State = iota
	// Small: 1..threshold-1, shown as "<5".
	Small
	// Hidden: withheld so that a small cell cannot be worked out (or a
	// range total with a withheld part).
	Hidden
)

// group is one additive relation published in a week: the members add up
// to the total. Indexes point into a sheet's cells.
type group struct {
	total   int
	members []int
}

// sheet is one week's cells and the relations between them, to be
// suppressed together.
type sheet struct {
	vals   []int64
	states []State
	groups []group
}

func (s *sheet) add(v int64) int {
	s.vals = append(s.vals, v)
	s.states = append(s.states, Shown)
	return len(s.vals) - 1
}

// suppress applies primary suppression, complementary suppression and the
// bounds audit (see the package doc) until nothing changes. It only ever
// hides more cells, so it ends.
func (s *sheet) suppress(threshold int64) {
	for i, v := range s.vals {
		if v > 0 && v < threshold {
			s.states[i] = Small
		}
	}
	for {
		if s.complement() {
			continue
		}
		if s.audit(threshold) {
			continue
		}
		return
	}
}

// complement hides one more cell in the first group with exactly one hidden
// member; it reports whether it hid anything.
func (s *sheet) complement() bool {
	for _, g := range s.groups {
		all := append([]int{g.total}, g.members...)
		hidden := 0
		for _, i := range all {
			if s.states[i] != Shown {
				hidden++
			}
		}
		if hidden == 1 && s.hideSmallest(all) {
			return true
		}
	}
	return false
}

// hideSmallest hides the smallest shown non-zero cell of all (a zero
// protects nothing: subtracting it is free), or a zero cell when there is
// no other.
func (s *sheet) hideSmallest(all []int) bool {
	best := -1
	for _, i := range all {
		if s.states[i] != Shown {
			continue
		}
		if best < 0 || (s.vals[i] > 0 && (s.vals[best] == 0 || s.vals[i] < s.vals[best])) {
			best = i
		}
	}
	if best < 0 {
		return false
	}
	s.states[best] = Hidden
	return true
}

const unbounded = int64(1) << 50

// bounds is what an attacker can deduce about every cell from what is
// published: interval propagation through the groups to a fixed point.
func (s *sheet) bounds(threshold int64) (lo, hi []int64) {
	lo, hi = make([]int64, len(s.vals)), make([]int64, len(s.vals))
	for i, v := range s.vals {
		switch s.states[i] {
		case Shown:
			lo[i], hi[i] = v, v
		case Small:
			lo[i], hi[i] = 1, threshold-1
		default:
			// Hidden to protect another: not small, so 0 or at least
			// threshold; the interval must contain the true value.
			lo[i], hi[i] = 0, unbounded
			if v >= threshold {
				lo[i] = threshold
			}
		}
	}
	for round := 0; round < 100; round++ {
		changed := false
		tighten := func(i int, l, h int64) {
			if l > lo[i] {
				lo[i], changed = l, true
			}
			if h < hi[i] {
				hi[i], changed = h, true
			}
		}
		for _, g := range s.groups {
			var sumLo, sumHi int64
			for _, m := range g.members {
				sumLo += lo[m]
				sumHi = min(unbounded, sumHi+hi[m])
			}
			tighten(g.total, sumLo, sumHi)
			for _, m := range g.members {
				othersLo := sumLo - lo[m]
				othersHi := sumHi - hi[m]
				if sumHi >= unbounded {
					othersHi = unbounded // cannot subtract from infinity
				}
				l := lo[g.total] - othersHi
				h := hi[g.total] - othersLo
				if hi[g.total] >= unbounded {
					h = unbounded
				}
				tighten(m, l, h)
			}
		}
		if !changed {
			break
		}
	}
	return lo, hi
}

// audit hides one more cell next to the first withheld cell whose value the
// published numbers pin down; it reports whether it hid anything.
func (s *sheet) audit(threshold int64) bool {
	lo, hi := s.bounds(threshold)
	for i := range s.vals {
		if s.states[i] == Shown || lo[i] < hi[i] {
			continue
		}
		// Widen the narrowest group of the pinned cell.
		gs := make([]group, 0, 2)
		for _, g := range s.groups {
			if g.total == i || contains(g.members, i) {
				gs = append(gs, g)
			}
		}
		sort.SliceStable(gs, func(a, b int) bool { return len(gs[a].members) < len(gs[b].members) })
		for _, g := range gs {
			if s.hideSmallest(append([]int{g.total}, g.members...)) {
				return true
			}
		}
	}
	return false
}

func contains(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
