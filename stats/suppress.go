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
//
// A withheld cell starts from the narrowest interval an attacker might
// know it to lie in, so that the audit errs on the side of hiding more:
// "<5" is 1..threshold-1; "hidden" is at least threshold when the count
// is (the attacker may guess which cells were hidden only to protect
// others), and otherwise at least 1, because zeros are published as 0 and
// a withheld cell is therefore known not to be one.
func (s *sheet) bounds(threshold int64) (lo, hi []int64) {
	lo, hi = make([]int64, len(s.vals)), make([]int64, len(s.vals))
	for i, v := range s.vals {
		switch s.states[i] {
		case Shown:
			lo[i], hi[i] = v, v
		case Small:
			lo[i], hi[i] = 1, threshold-1
		default:
			lo[i], hi[i] = min(v, 1), unbounded
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

// pinned is the first withheld cell whose value the published numbers fix,
// or -1.
func (s *sheet) pinned(threshold int64) int {
	lo, hi := s.bounds(threshold)
	for i := range s.vals {
		if s.states[i] != Shown && lo[i] == hi[i] {
			return i
		}
	}
	return -1
}

// audit withholds one more cell when a withheld cell is pinned to a single
// value; it reports whether it did. It never gives up while a cell is
// pinned: a pin needs an upper bound, which only a shown or a "<5" cell
// gives, and every one of those in the pinned cell's reach is a candidate.
//
// In order, it tries:
//  1. the shown cells of the pinned cell's groups, smallest first (the
//     classic complementary cell), keeping the first that frees it;
//  2. any single cell within reach, "<5" ones (relabelled "hidden", which
//     loses less than hiding a number) before shown ones, nearest first on
//     the side of the totals the pinned cell adds up to;
//  3. when no single cell frees it (every cell of a week of four
//     conversations is "<5", say, and four areas of at least 1 fix the
//     total of at most 4), the first of those candidates, and again at the
//     next round until nothing is pinned.
func (s *sheet) audit(threshold int64) bool {
	i := s.pinned(threshold)
	if i < 0 {
		return false
	}
	frees := func(c int) bool {
		old := s.states[c]
		s.states[c] = Hidden
		lo, hi := s.bounds(threshold)
		if lo[i] < hi[i] {
			return true
		}
		s.states[c] = old
		return false
	}
	for _, c := range s.neighbours(i) {
		if frees(c) {
			return true
		}
	}
	cands := s.reach(i)
	for _, c := range cands {
		if frees(c) {
			return true
		}
	}
	if len(cands) == 0 {
		return false
	}
	s.states[cands[0]] = Hidden
	return true
}

// neighbours lists the shown cells of i's groups, narrowest group first and
// in each the smallest non-zero count first (a zero protects nothing:
// subtracting it is free).
func (s *sheet) neighbours(i int) []int {
	gs := s.groupsOf(i)
	sort.SliceStable(gs, func(a, b int) bool { return len(gs[a].members) < len(gs[b].members) })
	var out []int
	for _, g := range gs {
		cells := append([]int{g.total}, g.members...)
		sort.SliceStable(cells, func(a, b int) bool {
			va, vb := s.vals[cells[a]], s.vals[cells[b]]
			if (va == 0) != (vb == 0) {
				return vb == 0
			}
			return va < vb
		})
		for _, c := range cells {
			if s.states[c] == Shown && !contains(out, c) {
				out = append(out, c)
			}
		}
	}
	return out
}

// reach lists the cells that can still be withheld in i's part of the
// sheet, in the order audit tries them: "<5" cells before shown ones, and
// within each, first the side of i's totals (breadth first from them, not
// through i's own groups), then the cells that add up to i, and last i's
// siblings and i itself, so that the breakdown with the pinned cell keeps
// its "<5"s where the sums allow; then the rest of the part.
func (s *sheet) reach(i int) []int {
	own := map[int]bool{i: true}
	var parents []int
	for _, g := range s.groups {
		if contains(g.members, i) {
			parents = append(parents, g.total)
			for _, m := range g.members {
				own[m] = true
			}
		}
	}
	var order []int
	seen := map[int]bool{}
	bfs := func(start []int) {
		queue := []int{}
		for _, c := range start {
			if !seen[c] && !own[c] {
				seen[c] = true
				queue = append(queue, c)
			}
		}
		for len(queue) > 0 {
			c := queue[0]
			queue = queue[1:]
			order = append(order, c)
			for _, g := range s.groupsOf(c) {
				for _, n := range append([]int{g.total}, g.members...) {
					if !seen[n] && !own[n] {
						seen[n] = true
						queue = append(queue, n)
					}
				}
			}
		}
	}
	bfs(parents)
	var children []int
	for _, g := range s.groups {
		if g.total == i {
			children = append(children, g.members...)
		}
	}
	bfs(children)
	for c := range s.vals {
		if own[c] && c != i {
			order = append(order, c)
		}
	}
	order = append(order, i)
	// Then the rest of the part, beyond the siblings (their own
	// breakdowns bound them too).
	for c := range own {
		seen[c] = true
	}
	ownCells := make([]int, 0, len(own))
	for c := range s.vals {
		if own[c] {
			ownCells = append(ownCells, c)
		}
	}
	clear(own)
	for _, c := range ownCells {
		for _, g := range s.groupsOf(c) {
			bfs(append([]int{g.total}, g.members...))
		}
	}
	var small, shown []int
	for _, c := range order {
		switch s.states[c] {
		case Small:
			small = append(small, c)
		case Shown:
			shown = append(shown, c)
		}
	}
	return append(small, shown...)
}

// groupsOf lists the groups c takes part in, as total or member.
func (s *sheet) groupsOf(c int) []group {
	var gs []group
	for _, g := range s.groups {
		if g.total == c || contains(g.members, c) {
			gs = append(gs, g)
		}
	}
	return gs
}

func contains(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
