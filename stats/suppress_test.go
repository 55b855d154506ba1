package stats

import (
	"bytes"
	"context"
	"encoding/csv"
	"math/big"
	"strings"
	"testing"
	"time"
)

// TestSuppressSheet: primary and complementary suppression and the audit on
// one group (a total and its members).
func TestSuppressSheet(t *testing.T) {
	for _, tc := range []struct {
		name    string
		total   int64
		members []int64
		want    string // states of total then members: S shown, s small, h hidden
	}{
		{"nothing small", 30, []int64{10, 20}, "SSS"},
		{"one small: the next smallest goes too", 30, []int64{3, 20, 7}, "SsSh"},
		{"zeros protect nothing", 23, []int64{3, 0, 20}, "SsSh"},
		{"two small summing to 2 would pin both", 32, []int64{1, 1, 30}, "Sssh"},
		{"small total hides with its member", 3, []int64{3, 0}, "ssS"},
		{"1 + 5 = 6 pins both", 6, []int64{1, 5}, "hsh"},
		{"all zero", 0, []int64{0, 0}, "SSS"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var sh sheet
			g := group{total: sh.add(tc.total)}
			for _, m := range tc.members {
				g.members = append(g.members, sh.add(m))
			}
			sh.groups = []group{g}
			sh.suppress(5)
			got := ""
			for _, st := range sh.states {
				got += map[State]string{Shown: "S", Small: "s", Hidden: "h"}[st]
			}
			if got != tc.want {
				t.Errorf("states %s, want %s", got, tc.want)
			}
			lo, hi := sh.bounds(5)
			for i, st := range sh.states {
				if st != Shown && lo[i] == hi[i] {
					t.Errorf("cell %d (%d) pinned to %d", i, sh.vals[i], lo[i])
				}
			}
		})
	}
}

// TestSuppressLinkedGroups: languages and areas share the week's total; one
// small language forces a second hidden cell among the languages, and the
// areas are untouched.
func TestSuppressLinkedGroups(t *testing.T) {
	var sh sheet
	n := sh.add(40)
	areas := group{total: n, members: []int{sh.add(25), sh.add(15)}}
	langs := group{total: n, members: []int{sh.add(30), sh.add(8), sh.add(2)}}
	sh.groups = []group{areas, langs}
	sh.suppress(5)
	want := []State{Shown, Shown, Shown, Shown, Hidden, Small}
	for i := range want {
		if sh.states[i] != want[i] {
			t.Errorf("cell %d (%d): %v, want %v", i, sh.vals[i], sh.states[i], want[i])
		}
	}
}

// equations is what an attacker knows: linear equations over the true
// weekly counts (one unknown per week and counter), with big.Rat rows.
type equations struct {
	vars map[string]int
	rows [][]*big.Rat
}

func (e *equations) v(name string) int {
	if i, ok := e.vars[name]; ok {
		return i
	}
	e.vars[name] = len(e.vars)
	return e.vars[name]
}

// add records sum(names) = some known number (the value itself does not
// matter for whether a variable is determined).
func (e *equations) add(names ...string) {
	idx := make([]int, len(names))
	for i, n := range names {
		idx[i] = e.v(n)
	}
	row := map[int]bool{}
	for _, i := range idx {
		row[i] = true
	}
	r := make([]*big.Rat, 0)
	for i := range len(e.vars) {
		if row[i] {
			r = append(r, big.NewRat(1, 1))
		} else {
			r = append(r, new(big.Rat))
		}
	}
	e.rows = append(e.rows, r)
}

func rank(rows [][]*big.Rat, width int) int {
	m := make([][]*big.Rat, len(rows))
	for i, r := range rows {
		m[i] = make([]*big.Rat, width)
		for j := range width {
			m[i][j] = new(big.Rat)
			if j < len(r) {
				m[i][j].Set(r[j])
			}
		}
	}
	rk := 0
	for col := 0; col < width && rk < len(m); col++ {
		p := -1
		for i := rk; i < len(m); i++ {
			if m[i][col].Sign() != 0 {
				p = i
				break
			}
		}
		if p < 0 {
			continue
		}
		m[rk], m[p] = m[p], m[rk]
		for i := range m {
			if i == rk || m[i][col].Sign() == 0 {
				continue
			}
			f := new(big.Rat).Quo(m[i][col], m[rk][col])
			for j := col; j < width; j++ {
				m[i][j].Sub(m[i][j], new(big.Rat).Mul(f, m[rk][j]))
			}
		}
		rk++
	}
	return rk
}

// determined reports whether the equations fix the value of name.
func (e *equations) determined(name string) bool {
	i, ok := e.vars[name]
	if !ok {
		return false
	}
	w := len(e.vars)
	unit := make([]*big.Rat, w)
	for j := range unit {
		unit[j] = new(big.Rat)
	}
	unit[i].SetInt64(1)
	return rank(e.rows, w) == rank(append(append([][]*big.Rat{}, e.rows...), unit), w)
}

// craft writes counters straight into the weekly hashes.
func craft(t *testing.T, s *Stats, week, src string, fields map[string]int64) {
	t.Helper()
	for f, v := range fields {
		if err := s.rdb.HSet(context.Background(), s.weekKey(week, src), f, v).Err(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestDifferencingAttack: exports of totals and subtotals, over ranges
// that differ by one week, never let a suppressed count be worked out by
// linear algebra over everything they publish together.
func TestDifferencingAttack(t *testing.T) {
	c := newClock(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	s, _, _ := newStats(t, Config{}, c)
	weeks := map[string]map[string]int64{
		"2026-W45": {"a|legal": 10, "a|work": 3, "a|health": 8, "l|it": 12, "l|ar": 6, "l|uk": 3, "c|telegram": 18, "c|web": 3,
			"t|legal|permit": 6, "t|legal|asylum": 4},
		"2026-W46": {"a|legal": 12, "a|work": 7, "l|it": 19, "c|telegram": 15, "c|whatsapp": 4},
		"2026-W47": {"a|legal": 1, "a|work": 9, "a|health": 9, "l|it": 14, "l|ar": 5, "c|telegram": 19, "t|legal|permit": 1, "t|work|cv": 9},
		"2026-W48": {"a|legal": 20, "a|work": 2, "l|it": 17, "l|ar": 5, "c|telegram": 22, "t|legal|permit": 17, "t|work|cv": 2},
	}
	handoffs := map[string]map[string]int64{
		"2026-W46": {"n": 32, "a|legal": 1, "a|work": 1, "a|health": 30, "r|asked": 32, "u|1": 0},
		"2026-W47": {"n": 6, "a|legal": 1, "a|work": 5, "r|asked": 6, "u|1": 1},
	}
	for w, f := range weeks {
		var n int64
		for k, v := range f {
			if strings.HasPrefix(k, "a|") {
				n += v
			}
		}
		f["n"] = n
		craft(t, s, w, "need", f)
	}
	// What the export shows as "(no topic)": the rest of an area that
	// has topics.
	for _, f := range weeks {
		sums := map[string]int64{}
		for k, v := range f {
			if rest, ok := strings.CutPrefix(k, "t|"); ok {
				area, _, _ := strings.Cut(rest, "|")
				sums[area] += v
			}
		}
		for area, sum := range sums {
			if rest := f["a|"+area] - sum; rest > 0 {
				f["t|"+area+"|"+noTopic] = rest
			}
		}
	}
	for w, f := range handoffs {
		craft(t, s, w, "handoff", f)
	}

	eq := &equations{vars: map[string]int{}}
	// The attacker knows how the tables add up, week by week.
	for w, f := range weeks {
		for _, p := range []string{"a|", "l|", "c|"} {
			names := []string{}
			for k := range f {
				if strings.HasPrefix(k, p) {
					names = append(names, w+" need:"+k)
				}
			}
			eq.addRelation(w+" need:n", names)
		}
		// Topics add up to their area.
		byArea := map[string][]string{}
		for k := range f {
			if rest, ok := strings.CutPrefix(k, "t|"); ok {
				area, _, _ := strings.Cut(rest, "|")
				byArea[area] = append(byArea[area], w+" need:"+k)
			}
		}
		for area, names := range byArea {
			eq.addRelation(w+" need:a|"+area, names)
		}
	}
	for w, f := range handoffs {
		for _, p := range []string{"a|", "r|", "u|"} {
			names := []string{}
			for k := range f {
				if strings.HasPrefix(k, p) {
					names = append(names, w+" handoff:"+k)
				}
			}
			if p == "u|" {
				names = append(names, w+" handoff:u|0")
			}
			eq.addRelation(w+" handoff:n", names)
		}
	}
	// Sanity check of the attacker: with the small cells alone withheld,
	// subtraction finds them.
	naive := &equations{vars: map[string]int{}, rows: nil}
	naive.addRelation("W n", []string{"W a|legal", "W a|work"})
	naive.add("W n")
	naive.add("W a|legal")
	if !naive.determined("W a|work") {
		t.Fatal("the attacker cannot subtract: the test proves nothing")
	}

	ranges := [][2]string{
		{"2026-11-02", "2026-11-29"}, // W45..W48
		{"2026-11-02", "2026-11-22"}, // W45..W47
		{"2026-11-09", "2026-11-29"}, // W46..W48
		{"2026-11-09", "2026-11-22"}, // W46..W47
	}
	for w := 45; w <= 48; w++ {
		d := time.Date(2026, 11, 2+7*(w-45), 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		ranges = append(ranges, [2]string{d, d})
	}
	srcOf := map[string]string{"topics": "need", "needs": "need", "languages": "need", "channels": "need", "handoffs": "handoff", "handoff_reasons": "handoff", "handoff_urgent": "handoff"}
	prefixOf := map[string]string{"topics": "t|", "needs": "a|", "languages": "l|", "channels": "c|", "handoffs": "a|", "handoff_reasons": "r|", "handoff_urgent": "u|"}
	for _, r := range ranges {
		from, _ := s.ParseDate(r[0])
		to, _ := s.ParseDate(r[1])
		rep, err := s.Report(context.Background(), from, to)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		rep.WriteCSV(&b)
		recs, _ := csv.NewReader(&b).ReadAll()
		for _, rec := range recs[1:] {
			table, row, period, value := rec[0], rec[1], rec[2], rec[3]
			src, ok := srcOf[table]
			if !ok {
				continue
			}
			if value == "<5" || value == "hidden" {
				continue
			}
			field := prefixOf[table] + row
			if row == "total" {
				field = "n"
			}
			if period != "total" {
				eq.add(period + " " + src + ":" + field)
				continue
			}
			var parts []string
			for _, w := range rep.Weeks {
				parts = append(parts, w+" "+src+":"+field)
			}
			eq.add(parts...)
		}
	}
	checked := 0
	check := func(w, src string, f map[string]int64) {
		for k, v := range f {
			if v > 0 && v < 5 {
				checked++
				if eq.determined(w + " " + src + ":" + k) {
					t.Errorf("%s %s %s = %d can be worked out from the exports", w, src, k, v)
				}
			}
		}
	}
	for w, f := range weeks {
		check(w, "need", f)
	}
	for w, f := range handoffs {
		check(w, "handoff", f)
	}
	if checked < 12 {
		t.Fatalf("only %d small cells checked", checked)
	}
}

// addRelation: total = sum(members).
func (e *equations) addRelation(total string, members []string) {
	ti := e.v(total)
	idx := map[int]int64{ti: -1}
	for _, m := range members {
		idx[e.v(m)] = 1
	}
	r := make([]*big.Rat, len(e.vars))
	for i := range r {
		r[i] = big.NewRat(idx[i], 1)
	}
	e.rows = append(e.rows, r)
}
