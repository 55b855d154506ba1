package stats

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Report is what the page shows and the export writes: tables of weekly
// counts with a total column for the whole range, already suppressed. The
// exact value of a suppressed cell is not in it.
type Report struct {
	// From and To are the Monday and the Sunday of the whole ISO weeks
	// the asked range touches.
	From      string   `json:"from"`
	To        string   `json:"to"`
	Weeks     []string `json:"weeks"`
	Threshold int64    `json:"threshold"`
	Tables    []Table  `json:"tables"`
}

// Table is one breakdown: a row per category, a column per week, and a last
// column "total" for the range.
type Table struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Columns []string `json:"columns"`
	Rows    []Row    `json:"rows"`
}

// Row is one category's cells, aligned with the table's columns.
type Row struct {
	Key   string `json:"key"`
	Cells []Cell `json:"cells"`
}

// Cell is a published count. Value is zero unless State is Shown or
// Rounded.
type Cell struct {
	Value     int64
	State     State
	threshold int64
}

// Rounded: a distinct-people count over several weeks, rounded down to a
// multiple of ten (see the package doc).
const Rounded State = 3

// String is how the cell is shown everywhere: "12", "<5", "hidden", "40+".
func (c Cell) String() string {
	switch c.State {
	case Small:
		return "<" + strconv.FormatInt(c.threshold, 10)
	case Hidden:
		return "hidden"
	case Rounded:
		if c.Value == 0 {
			return "<" + strconv.Itoa(peopleRounding)
		}
		return strconv.FormatInt(c.Value, 10) + "+"
	}
	return strconv.FormatInt(c.Value, 10)
}

// Exact reports whether Value is the count itself.
func (c Cell) Exact() bool { return c.State == Shown }

// MarshalJSON writes a number for an exact count, else the shown string.
func (c Cell) MarshalJSON() ([]byte, error) {
	if c.State == Shown {
		return []byte(strconv.FormatInt(c.Value, 10)), nil
	}
	return json.Marshal(c.String())
}

const peopleRounding = 10

// MaxWeeks bounds a report: three years and a bit.
const MaxWeeks = 160

// tableDef says where a table's rows come from and what they add up to.
type tableDef struct {
	id, title string
	src       string // weekly hash: need, handoff, outcome, appt, hours, campaign, profile
	prefix    string // field prefix of the rows
	total     string // field of the weekly total the rows add up to; "" none
	// parent makes a breakdown of several totals, with rows "<x>|<y>":
	// it names the field a row adds up to with its peers.
	parent func(key string) string
}

// noTopic names the conversations of an area that reached no topic.
const noTopic = "(no topic)"

// byFirst and byLast make rows "<x>|<y>" add up to the field prefix+x or
// prefix+y.
func byFirst(prefix string) func(string) string {
	return func(key string) string { x, _, _ := strings.Cut(key, "|"); return prefix + x }
}

func byLast(prefix string) func(string) string {
	return func(key string) string { return prefix + key[strings.LastIndex(key, "|")+1:] }
}

var tableDefs = []tableDef{
	{id: "needs", title: "Conversations by area", src: "need", prefix: "a|", total: "n"},
	{id: "languages", title: "Conversations by language", src: "need", prefix: "l|", total: "n"},
	{id: "channels", title: "Conversations by channel", src: "need", prefix: "c|", total: "n"},
	{id: "sources", title: "Conversations by desk or source (the link people came with)", src: "need", prefix: "s|", total: "n"},
	{id: "topics", title: "Conversations by area and topic", src: "need", prefix: "t|", parent: byFirst("a|")},
	{id: "handoffs", title: "Requests for a person by area", src: "handoff", prefix: "a|", total: "n"},
	{id: "handoff_reasons", title: "Requests for a person by reason", src: "handoff", prefix: "r|", total: "n"},
	{id: "handoff_urgent", title: "Requests for a person by urgency", src: "handoff", prefix: "u|", total: "n"},
	{id: "outcomes", title: "Cases by outcome", src: "outcome", prefix: "o|", total: "n"},
	{id: "appointments", title: "Appointments by status", src: "appt", prefix: "s|"},
	{id: "appointments_by_desk", title: "Appointments by desk and status", src: "appt", prefix: "ds|", parent: byLast("s|")},
	{id: "campaigns", title: "Campaign messages by outcome", src: "campaign", prefix: "o|"},
	{id: "campaigns_by_channel", title: "Campaign messages by channel and outcome", src: "campaign", prefix: "co|", parent: byLast("o|")},
	{id: "campaigns_by_language", title: "Campaign messages by language and outcome", src: "campaign", prefix: "lo|", parent: byLast("o|")},
	{id: "profile_questions", title: "Profile questions answered", src: "profile", prefix: "f|"},
	{id: "profile", title: "Profile answers by question", src: "profile", prefix: "v|", parent: byFirst("f|")},
	{id: "hours", title: "People active by hour of day", src: "hours", prefix: "h|", total: "n"},
	{id: "weekdays", title: "People active by day of the week", src: "hours", prefix: "d|", total: "n"},
}

// weekData is one week's raw counters, never published as they are.
type weekData struct {
	hashes map[string]map[string]int64
	people map[string]int64 // area -> distinct people; "all" for everyone
}

// Weeks lists the ISO weeks touched by the local dates from..to (inclusive).
func (s *Stats) Weeks(from, to time.Time) (names []string, mondays []time.Time, err error) {
	from = time.Date(from.Year(), from.Month(), from.Day(), 12, 0, 0, 0, s.loc)
	to = time.Date(to.Year(), to.Month(), to.Day(), 12, 0, 0, 0, s.loc)
	if to.Before(from) {
		return nil, nil, errors.New("the end of the range is before its start")
	}
	_, m := isoWeek(from)
	for d := m.Add(12 * time.Hour); !d.After(to) || len(names) == 0; d = d.AddDate(0, 0, 7) {
		n, monday := isoWeek(d)
		names, mondays = append(names, n), append(mondays, monday)
		if len(names) > MaxWeeks {
			return nil, nil, fmt.Errorf("the range is longer than %d weeks", MaxWeeks)
		}
	}
	return names, mondays, nil
}

// ParseDate reads a YYYY-MM-DD date in the desk's time zone.
func (s *Stats) ParseDate(v string) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01-02", v, s.loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date such as 2026-11-01", v)
	}
	return t, nil
}

// Report reads the counters of the weeks from..to touches and suppresses them.
func (s *Stats) Report(ctx context.Context, from, to time.Time) (*Report, error) {
	weeks, mondays, err := s.Weeks(from, to)
	if err != nil {
		return nil, err
	}
	data, union, err := s.readWeeks(ctx, weeks)
	if err != nil {
		return nil, err
	}
	r := &Report{
		From: mondays[0].Format("2006-01-02"), To: mondays[len(mondays)-1].AddDate(0, 0, 6).Format("2006-01-02"),
		Weeks: weeks, Threshold: s.threshold,
	}
	// Each week's sheet is decided alone: see the package doc.
	published := make([]map[string]Cell, len(weeks))
	for i := range weeks {
		published[i] = s.publishWeek(data[i])
	}
	cols := append(append([]string{}, weeks...), "total")
	for _, def := range tableDefs {
		t := Table{ID: def.id, Title: def.title, Columns: cols}
		for _, cat := range categories(data, def) {
			t.Rows = append(t.Rows, s.rangeRow(cat, def.src+":"+def.prefix+cat, published))
		}
		if def.total != "" && len(t.Rows) > 0 {
			t.Rows = append(t.Rows, s.rangeRow("total", def.src+":"+def.total, published))
		}
		r.Tables = append(r.Tables, t)
	}
	r.Tables = append(r.Tables, s.peopleTable(weeks, data, union, published))
	return r, nil
}

// weekSources are the weekly hashes a report reads.
var weekSources = []string{"need", "handoff", "outcome", "appt", "hours", "campaign", "profile"}

// readWeeks reads the counters of weeks in two round trips, however many
// weeks: first every week's hashes and people, then the people of every
// area that had conversations, per week and over the whole range (union,
// keyed by area, "all" for everyone).
func (s *Stats) readWeeks(ctx context.Context, weeks []string) ([]weekData, map[string]int64, error) {
	pipe := s.rdb.Pipeline()
	hashes := make([][][]*redis.MapStringStringCmd, len(weeks))
	alls := make([][]*redis.IntCmd, len(weeks))
	for i, w := range weeks {
		for _, src := range weekSources {
			hashes[i] = append(hashes[i], eachShard(s, w, src, func(k string) *redis.MapStringStringCmd { return pipe.HGetAll(ctx, k) }))
		}
		alls[i] = eachShard(s, w, "people", func(k string) *redis.IntCmd { return pipe.PFCount(ctx, k) })
	}
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return nil, nil, fmt.Errorf("stats: read weeks %s..%s: %w", weeks[0], weeks[len(weeks)-1], err)
	}
	data := make([]weekData, len(weeks))
	areas := map[string]bool{}
	union := map[string]int64{}
	for i := range weeks {
		data[i] = weekData{hashes: map[string]map[string]int64{}, people: map[string]int64{"all": sumCounts(alls[i])}}
		union["all"] += data[i].people["all"]
		for j, src := range weekSources {
			h := map[string]int64{}
			for _, c := range hashes[i][j] {
				// Per hash: each was written by one version or, in
				// the week of an upgrade, by both (see addUp).
				one := parseCounts(c.Val())
				addUp(src, one)
				for f, v := range one {
					h[f] += v
				}
			}
			data[i].hashes[src] = h
		}
		derive(data[i].hashes)
		for f := range data[i].hashes["need"] {
			if area, ok := strings.CutPrefix(f, "a|"); ok {
				areas[area] = true
			}
		}
	}
	pipe = s.rdb.Pipeline()
	perWeek := make([]map[string][]*redis.IntCmd, len(weeks))
	for i, w := range weeks {
		perWeek[i] = map[string][]*redis.IntCmd{}
		for f := range data[i].hashes["need"] {
			if area, ok := strings.CutPrefix(f, "a|"); ok {
				perWeek[i][area] = eachShard(s, w, "people:"+area, func(k string) *redis.IntCmd { return pipe.PFCount(ctx, k) })
			}
		}
	}
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return nil, nil, fmt.Errorf("stats: count people: %w", err)
	}
	// A person's token is drawn anew every week and lives in one shard
	// of it: the people of the weeks and shards are apart, and the
	// people of a range are their sum.
	for i := range weeks {
		for area, c := range perWeek[i] {
			data[i].people[area] = sumCounts(c)
			union[area] += data[i].people[area]
		}
	}
	for area := range areas {
		union[area] += 0
	}
	return data, union, nil
}

// eachShard queues read on week's counter name in the layout before issue
// 19 and in every shard.
func eachShard[C any](s *Stats, week, name string, read func(key string) C) []C {
	out := []C{read(s.weekKey(week, name))}
	for n := range shards {
		out = append(out, read(s.shardWeekKey(n, week, name)))
	}
	return out
}

func sumCounts(cmds []*redis.IntCmd) int64 {
	var n int64
	for _, c := range cmds {
		n += c.Val()
	}
	return n
}

func parseCounts(h map[string]string) map[string]int64 {
	out := make(map[string]int64, len(h))
	for k, v := range h {
		n, _ := strconv.ParseInt(v, 10, 64)
		out[k] = n
	}
	return out
}

// sumRule makes totals of a breakdown: every field prefix+"x|y" (parts
// fields after the prefix) adds its count to each field into gives.
type sumRule struct {
	prefix string
	parts  int
	into   func(p []string) []string
}

// sumRules are the totals that are not counted per event since issue 15
// but added up when read, from a breakdown every version has counted
// beside them (al|, ac|, dh|, v|, ao|, co|: since the first; al| and
// ac| since issue 15 from alc|, finerRules). In the
// order given, so that a total made by one rule (a|, h|, o|) is there
// for the next. Appointments keep their s| counted: a corrected status
// moves counts with a decrement, which a stored total written by an
// older version would not follow.
var sumRules = map[string][]sumRule{
	"need": {
		{"al|", 2, func(p []string) []string { return []string{"a|" + p[0], "l|" + p[1]} }},
		{"ac|", 2, func(p []string) []string { return []string{"c|" + p[1]} }},
		{"a|", 1, func([]string) []string { return []string{"n"} }},
	},
	"hours": {
		{"dh|", 2, func(p []string) []string { return []string{"d|" + p[0], "h|" + p[1]} }},
		{"h|", 1, func([]string) []string { return []string{"n"} }},
	},
	"handoff":  {{"a|", 1, func([]string) []string { return []string{"n"} }}},
	"profile":  {{"v|", 2, func(p []string) []string { return []string{"f|" + p[0]} }}},
	"outcome":  {{"ao|", 2, func(p []string) []string { return []string{"o|" + p[1]} }}, {"o|", 1, func([]string) []string { return []string{"n"} }}},
	"campaign": {{"co|", 2, func(p []string) []string { return []string{"o|" + p[1]} }}},
}

// finerRules are breakdowns counted instead of coarser ones since issue
// 15: alc| (area, language, channel) instead of al| and ac|, one HINCRBY
// an event instead of two. No version counted both, so their sums are
// added to what an older version stored, before sumRules.
var finerRules = map[string][]sumRule{
	"need": {{"alc|", 3, func(p []string) []string { return []string{"al|" + p[0] + "|" + p[1], "ac|" + p[0] + "|" + p[2]} }}},
}

// addUp fills the totals of one weekly hash of src from their breakdown
// (sumRules). A total an older version counted stays when it is more:
// a hash it wrote alone holds both, equal; in the week of an upgrade the
// breakdown has every event and the stored total only the older
// version's, so the sum is the larger; a hash written without the
// breakdown (by hand, in tests) keeps its totals.
func addUp(src string, h map[string]int64) {
	for _, r := range finerRules[src] {
		for t, v := range r.sums(h) {
			h[t] += v
		}
	}
	for _, r := range sumRules[src] {
		for t, v := range r.sums(h) {
			if v > h[t] {
				h[t] = v
			}
		}
	}
}

// sums are the totals r makes of h's fields.
func (r sumRule) sums(h map[string]int64) map[string]int64 {
	sums := map[string]int64{}
	for f, v := range h {
		rest, ok := strings.CutPrefix(f, r.prefix)
		if !ok {
			continue
		}
		p := strings.Split(rest, "|")
		if len(p) != r.parts {
			continue
		}
		for _, t := range r.into(p) {
			sums[t] += v
		}
	}
	return sums
}

// derive adds the rows that are not counted directly but published.
func derive(hashes map[string]map[string]int64) {
	// u|0 is never counted directly: not urgent is the rest.
	if h := hashes["handoff"]; h["n"] > 0 {
		h["u|0"] = h["n"] - h["u|1"]
	}
	// The rest of an area's conversations reached no topic: published
	// as a row of its own so that the topics add up to the area.
	h := hashes["need"]
	sums := map[string]int64{}
	for f, v := range h {
		if rest, ok := strings.CutPrefix(f, "t|"); ok {
			area, _, _ := strings.Cut(rest, "|")
			sums[area] += v
		}
	}
	for f, v := range h {
		if area, ok := strings.CutPrefix(f, "a|"); ok && v-sums[area] > 0 && sums[area] > 0 {
			h["t|"+area+"|"+noTopic] = v - sums[area]
		}
	}
}

// categories lists the row keys of a table over the whole range, so every
// export of a range has the same rows whatever the week.
func categories(data []weekData, def tableDef) []string {
	seen := map[string]bool{}
	for _, d := range data {
		for f := range d.hashes[def.src] {
			if c, ok := strings.CutPrefix(f, def.prefix); ok && (def.parent != nil || !strings.Contains(c, "|")) {
				seen[c] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for c := range seen {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// publishWeek suppresses one week's cells, by the week's data only.
func (s *Stats) publishWeek(d weekData) map[string]Cell {
	var sh sheet
	idx := map[string]int{}
	cell := func(name string, v int64) int {
		if i, ok := idx[name]; ok {
			return i
		}
		i := sh.add(v)
		idx[name] = i
		return i
	}
	for _, def := range tableDefs {
		h := d.hashes[def.src]
		if def.parent != nil {
			byParent := map[string][]int{}
			for f, v := range h {
				if key, ok := strings.CutPrefix(f, def.prefix); ok {
					p := def.parent(key)
					byParent[p] = append(byParent[p], cell(def.src+":"+f, v))
				}
			}
			for p, ms := range byParent {
				sort.Ints(ms)
				sh.groups = append(sh.groups, group{total: cell(def.src+":"+p, h[p]), members: ms})
			}
			continue
		}
		var g group
		if def.total != "" {
			g.total = cell(def.src+":"+def.total, h[def.total])
		}
		for f, v := range h {
			c, ok := strings.CutPrefix(f, def.prefix)
			if !ok || strings.Contains(c, "|") {
				continue
			}
			g.members = append(g.members, cell(def.src+":"+f, v))
		}
		sort.Ints(g.members)
		if def.total != "" && len(g.members) > 0 {
			sh.groups = append(sh.groups, g)
		}
	}
	// Groups in a fixed order, so that the same week always gives the
	// same suppression.
	sort.SliceStable(sh.groups, func(a, b int) bool { return sh.groups[a].total < sh.groups[b].total })
	names := make([]string, len(idx))
	for n, i := range idx {
		names[i] = n
	}
	// Cell indexes came from map iteration: renumber by name for a
	// deterministic order.
	order := make([]int, len(names))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return names[order[a]] < names[order[b]] })
	var sorted sheet
	newIdx := make([]int, len(names))
	for ni, oi := range order {
		sorted.add(sh.vals[oi])
		newIdx[oi] = ni
	}
	for _, g := range sh.groups {
		ng := group{total: newIdx[g.total]}
		for _, m := range g.members {
			ng.members = append(ng.members, newIdx[m])
		}
		sort.Ints(ng.members)
		sorted.groups = append(sorted.groups, ng)
	}
	sort.SliceStable(sorted.groups, func(a, b int) bool { return sorted.groups[a].total < sorted.groups[b].total })
	sorted.suppress(s.threshold)
	out := make(map[string]Cell, len(names))
	for ni, oi := range order {
		c := Cell{State: sorted.states[ni], threshold: s.threshold}
		if c.State == Shown {
			c.Value = sorted.vals[ni]
		}
		out[names[oi]] = c
	}
	return out
}

// rangeRow gives a row's weekly cells and its range total, which is shown
// only when every weekly part is (see the package doc).
func (s *Stats) rangeRow(key, cellName string, published []map[string]Cell) Row {
	row := Row{Key: key}
	var sum int64
	withheld, smallOnly := 0, true
	for _, p := range published {
		c, ok := p[cellName]
		if !ok {
			c = Cell{State: Shown, threshold: s.threshold}
		}
		row.Cells = append(row.Cells, c)
		if c.State == Shown {
			sum += c.Value
			continue
		}
		withheld++
		if c.State != Small {
			smallOnly = false
		}
	}
	total := Cell{Value: sum, threshold: s.threshold}
	switch {
	case withheld == 1 && smallOnly && sum == 0:
		total = Cell{State: Small, threshold: s.threshold}
	case withheld > 0:
		total = Cell{State: Hidden, threshold: s.threshold}
	}
	row.Cells = append(row.Cells, total)
	return row
}

// peopleTable gives distinct people per area: weekly counts with primary
// suppression (they add up to nothing), and for the range the count of the
// union of the weeks, rounded down to a multiple of ten. Each week counts
// its own random tokens, so the union counts a person once per week they
// wrote in (see the package doc: nothing recognises anyone across weeks).
func (s *Stats) peopleTable(weeks []string, data []weekData, union map[string]int64, published []map[string]Cell) Table {
	t := Table{ID: "people", Title: "Distinct people by area", Columns: append(append([]string{}, weeks...), "total")}
	seen := map[string]bool{}
	for _, d := range data {
		for a := range d.people {
			seen[a] = true
		}
	}
	areas := make([]string, 0, len(seen))
	for a := range seen {
		if a != "all" {
			areas = append(areas, a)
		}
	}
	sort.Strings(areas)
	areas = append(areas, "all")
	for _, a := range areas {
		row := Row{Key: a}
		conv := "need:a|" + a
		if a == "all" {
			conv = "need:n"
		}
		allShown := true
		for i := range weeks {
			v := data[i].people[a]
			c := Cell{Value: v, threshold: s.threshold}
			if v > 0 && v < s.threshold {
				c = Cell{State: Small, threshold: s.threshold}
			}
			// People are at most the conversations: a shown count
			// would bound a hidden conversation count from below.
			if pc, ok := published[i][conv]; ok && pc.State != Shown {
				allShown = false
				if c.State == Shown {
					c = Cell{State: Hidden, threshold: s.threshold}
				}
			}
			row.Cells = append(row.Cells, c)
		}
		n := union[a]
		switch {
		case n == 0:
			row.Cells = append(row.Cells, Cell{threshold: s.threshold})
		case !allShown:
			row.Cells = append(row.Cells, Cell{State: Hidden, threshold: s.threshold})
		default:
			row.Cells = append(row.Cells, Cell{Value: n / peopleRounding * peopleRounding, State: Rounded, threshold: s.threshold})
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// WriteCSV writes one line per cell: table,row,period,value.
func (r *Report) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"table", "row", "period", "value"}); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	for _, t := range r.Tables {
		for _, row := range t.Rows {
			for i, c := range row.Cells {
				if err := cw.Write([]string{t.ID, row.Key, t.Columns[i], c.String()}); err != nil {
					return fmt.Errorf("write csv: %w", err)
				}
			}
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// WriteJSON writes the report as one JSON object.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
