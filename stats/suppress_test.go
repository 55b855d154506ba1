package stats

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"frontdoor/bot"
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
		// Four "<5" of at least 1 each make a "<5" total of exactly 4:
		// the total must lose its upper bound.
		{"all small: four 1s pin a total of 4", 4, []int64{1, 1, 1, 1}, "hssss"},
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

// TestSuppressAllSmallWeek: a week of four conversations, one per area,
// all in Arabic, all on Telegram. Every cell is below 5, but four areas of
// at least 1 each and a language of at most 4 that equals the total would
// make each area exactly 1. Areas keep their "<5"; the total and the
// breakdowns that cap it are hidden.
func TestSuppressAllSmallWeek(t *testing.T) {
	c := newClock(time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC))
	s, _, _ := newStats(t, Config{}, c)
	ctx := context.Background()
	for i, area := range []string{"legal", "work", "health", "housing"} {
		if err := s.HandleEvent(ctx, bot.Contact{Channel: "telegram", ID: fmt.Sprint(i)}, need(area, "", "ar")); err != nil {
			t.Fatal(err)
		}
	}
	ds, _, err := s.readWeeks(ctx, []string{"2026-W48"})
	if err != nil {
		t.Fatal(err)
	}
	pub := s.publishWeek(ds[0])
	for name, want := range map[string]string{
		"need:a|legal": "<5", "need:a|work": "<5", "need:a|health": "<5", "need:a|housing": "<5",
		"need:n": "hidden", "need:l|ar": "hidden", "need:c|telegram": "hidden",
	} {
		if got := pub[name].String(); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	// Through the attacker's eyes: the areas group with what is published.
	var sh sheet
	n := sh.add(4)
	areas := group{total: n}
	for range 4 {
		areas.members = append(areas.members, sh.add(1))
	}
	ar, tg := sh.add(4), sh.add(4)
	sh.groups = []group{areas, {total: n, members: []int{ar}}, {total: n, members: []int{tg}}}
	sh.suppress(5)
	lo, hi := sh.bounds(5)
	for i, st := range sh.states {
		if st != Shown && lo[i] == hi[i] {
			t.Errorf("cell %d (%d) pinned to %d", i, sh.vals[i], lo[i])
		}
	}
}

// bruteWeek is a small week for the brute-force attacker: three areas (the
// first with a topic), two languages and two channels, all adding up to
// the week's conversations. A zero is no cell at all, as in readWeeks.
type bruteWeek struct {
	a      [3]int64
	t1     int64 // conversations of area 0 that reached topic "x"
	l1, c1 int64 // language "ar" and channel "telegram"; the rest is "it" and "web"
}

func (w bruteWeek) n() int64 { return w.a[0] + w.a[1] + w.a[2] }

// fields are the need counters of the week, as readWeeks gives them.
func (w bruteWeek) fields() map[string]int64 {
	n := w.n()
	f := map[string]int64{"n": n, "a|a0": w.a[0], "a|a1": w.a[1], "a|a2": w.a[2],
		"t|a0|x": w.t1, "l|ar": w.l1, "l|it": n - w.l1, "c|telegram": w.c1, "c|web": n - w.c1}
	if w.t1 > 0 && w.a[0]-w.t1 > 0 {
		f["t|a0|"+noTopic] = w.a[0] - w.t1
	}
	for k, v := range f {
		if v == 0 {
			delete(f, k)
		}
	}
	return f
}

// TestSuppressBruteForce: for many crafted small weeks, an attacker who
// enumerates every week consistent with what is published (shown numbers
// exactly, "<5" as 1..4, "hidden" as at least 1, or at least 5 when the
// count is, and 0 for a cell that shows 0) never finds a single value for
// a withheld cell.
func TestSuppressBruteForce(t *testing.T) {
	const threshold, limit = 5, 12 // limit: the attacker's largest guess
	s := &Stats{threshold: threshold}
	rng := rand.New(rand.NewPCG(9, 9))
	small := func() int64 { return []int64{0, 1, 1, 2, 3, 4, 5, 6, 7}[rng.IntN(9)] }
	weeks := []bruteWeek{
		{a: [3]int64{1, 1, 1}, l1: 3, c1: 3},
		{a: [3]int64{1, 1, 2}, t1: 1, l1: 4, c1: 0},
		{a: [3]int64{4, 1, 0}, t1: 4, l1: 5, c1: 1},
		{a: [3]int64{6, 1, 1}, t1: 5, l1: 7, c1: 4},
	}
	for len(weeks) < 400 {
		w := bruteWeek{a: [3]int64{small(), small(), small()}}
		if w.n() == 0 {
			continue
		}
		w.t1 = rng.Int64N(w.a[0] + 1)
		w.l1, w.c1 = rng.Int64N(w.n()+1), rng.Int64N(w.n()+1)
		weeks = append(weeks, w)
	}
	for _, w := range weeks {
		truth := w.fields()
		pub := s.publishWeek(weekData{hashes: map[string]map[string]int64{"need": truth}})
		// fits says whether v is consistent with the published cell.
		fits := func(field string, v int64) bool {
			c, ok := pub["need:"+field]
			switch {
			case !ok:
				return v == 0
			case c.State == Shown:
				return v == c.Value
			case c.State == Small:
				return v >= 1 && v < threshold
			case truth[field] >= threshold:
				return v >= threshold
			default:
				return v >= 1
			}
		}
		seen := map[string]map[int64]bool{}
		note := func(field string, v int64) {
			if seen[field] == nil {
				seen[field] = map[int64]bool{}
			}
			seen[field][v] = true
		}
		// Languages and channels depend on the rest only through n.
		split := func(n int64, one, rest string) []int64 {
			var ok []int64
			for v := range n + 1 {
				if fits(one, v) && fits(rest, n-v) {
					ok = append(ok, v)
				}
			}
			return ok
		}
		for a0 := range int64(limit + 1) {
			for a1 := range int64(limit + 1) {
				for a2 := range int64(limit + 1) {
					n := a0 + a1 + a2
					if !fits("a|a0", a0) || !fits("a|a1", a1) || !fits("a|a2", a2) || !fits("n", n) {
						continue
					}
					var topics []int64
					for t1 := range a0 + 1 {
						rest := a0 - t1
						// Without any topic, "(no topic)" is not published.
						if fits("t|a0|x", t1) && (t1 == 0 && truth["t|a0|x"] == 0 || fits("t|a0|"+noTopic, rest)) {
							topics = append(topics, t1)
						}
					}
					langs, chans := split(n, "l|ar", "l|it"), split(n, "c|telegram", "c|web")
					if len(topics) == 0 || len(langs) == 0 || len(chans) == 0 {
						continue
					}
					note("n", n)
					note("a|a0", a0)
					note("a|a1", a1)
					note("a|a2", a2)
					for _, v := range topics {
						note("t|a0|x", v)
						if v > 0 {
							note("t|a0|"+noTopic, a0-v)
						}
					}
					for _, v := range langs {
						note("l|ar", v)
						note("l|it", n-v)
					}
					for _, v := range chans {
						note("c|telegram", v)
						note("c|web", n-v)
					}
				}
			}
		}
		for field, v := range truth {
			c := pub["need:"+field]
			if !seen[field][v] {
				t.Fatalf("%+v: the attacker's enumeration misses the truth %s = %d", w, field, v)
			}
			if c.State != Shown && len(seen[field]) < 2 {
				t.Errorf("%+v: %s = %d (%s) is the only value consistent with the publication", w, field, v, c)
			}
		}
	}
}
