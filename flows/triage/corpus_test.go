package triage

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
)

func loadCorpus(t testing.TB, name string) []Example {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ex, err := ReadCorpus(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return ex
}

// Thresholds of the issue: below them the lexicons or the detector got
// worse.
const (
	minAreaAccuracy = 0.85
	minLangAccuracy = 0.95
)

func TestCorpus(t *testing.T) {
	c := newClassifier(t)
	// heldout-2026-12-05.tsv, -05b, -05c and -05d were held out until
	// their first run (their headers have the figures); they are training
	// data since.
	for _, name := range []string{"dev.tsv", "heldout.tsv", "heldout-2026-12-05.tsv", "heldout-2026-12-05b.tsv", "heldout-2026-12-05c.tsv", "heldout-2026-12-05d.tsv"} {
		t.Run(name, func(t *testing.T) {
			ex := loadCorpus(t, name)
			r := Evaluate(c, ex)
			t.Logf("%s: %d messages; area %.1f%%, topic %.1f%%, language %.1f%%, urgent recall %d/%d, false alarms %d/%d",
				name, len(ex), 100*r.Area.Rate(), 100*r.Topic.Rate(), 100*r.Lang.Rate(),
				r.UrgentRecall.Right, r.UrgentRecall.Total, r.FalseAlarms.Right, r.FalseAlarms.Total)
			t.Log("\n" + byLang(r))
			for _, m := range r.Misses {
				t.Logf("miss line %d [%s %s/%s %s] got [%s(%.2f) %s/%s %s(%.2f)] %q", m.Line, m.Lang, m.Area, m.Topic, m.Urgent,
					m.Got.Lang, m.Got.LangConfidence, m.Got.Area, m.Got.Topic, m.Got.Urgent, m.Got.Confidence, m.Text)
			}
			if r.Area.Rate() < minAreaAccuracy {
				t.Errorf("area accuracy %.1f%% < %.0f%%", 100*r.Area.Rate(), 100*minAreaAccuracy)
			}
			if r.Lang.Rate() < minLangAccuracy {
				t.Errorf("language accuracy %.1f%% < %.0f%%", 100*r.Lang.Rate(), 100*minLangAccuracy)
			}
			if r.UrgentRecall.Right != r.UrgentRecall.Total {
				t.Errorf("urgent recall %d/%d: every urgent example must be flagged", r.UrgentRecall.Right, r.UrgentRecall.Total)
			}
			if r.FalseAlarms.Right > 0 {
				t.Errorf("%d false alarms on %d non-urgent examples", r.FalseAlarms.Right, r.FalseAlarms.Total)
			}
		})
	}
}

// minPerLang is the floor: at least 30 messages per language,
// covering the five areas.
const minPerLang = 30

// Every language, on its own, must reach the floors on the whole corpus
// (dev and held-out): a language drowned in a good average is not served.
func TestCorpusPerLanguage(t *testing.T) {
	c := newClassifier(t)
	ex := append(loadCorpus(t, "dev.tsv"), loadCorpus(t, "heldout.tsv")...)
	r := Evaluate(c, ex)
	areas := map[string]map[string]bool{}
	for _, e := range ex {
		if areas[e.Lang] == nil {
			areas[e.Lang] = map[string]bool{}
		}
		areas[e.Lang][e.Area] = true
	}
	for _, l := range Languages() {
		area, lang := r.AreaByLang[l], r.LangByLang[l]
		if area == nil || area.Total < minPerLang {
			t.Errorf("%s: %d messages, want at least %d", l, area.Total, minPerLang)
			continue
		}
		for _, a := range Areas() {
			if !areas[l][a] {
				t.Errorf("%s: no message about %s", l, a)
			}
		}
		if area.Rate() < minAreaAccuracy {
			t.Errorf("%s: area accuracy %.1f%% (%d/%d) < %.0f%%", l, 100*area.Rate(), area.Right, area.Total, 100*minAreaAccuracy)
		}
		if lang.Rate() < minLangAccuracy {
			t.Errorf("%s: language accuracy %.1f%% (%d/%d) < %.0f%%", l, 100*lang.Rate(), lang.Right, lang.Total, 100*minLangAccuracy)
		}
	}
	t.Log("dev + held-out:\n" + byLang(r))
}

func byLang(r *Report) string {
	var b strings.Builder
	langs := make([]string, 0, len(r.AreaByLang))
	for l := range r.AreaByLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	for _, l := range langs {
		fmt.Fprintf(&b, "%-3s area %5.1f%%  lang %5.1f%%  (%d)\n", l, 100*r.AreaByLang[l].Rate(), 100*r.LangByLang[l].Rate(), r.AreaByLang[l].Total)
	}
	return b.String()
}

// builtClassifier is the classifier of the package's tests, built once:
// New reads every list and takes seconds under -race, a Classifier is
// read-only once built (TestConcurrentClassify runs one from many
// goroutines), and about 160 tests would otherwise build one each, which
// made the package take 20 minutes under -race on two busy cores. A test
// that needs its own lists builds them with newFrom or NewWithExtra.
var builtClassifier = sync.OnceValues(New)

func newClassifier(t testing.TB) *Classifier {
	t.Helper()
	c, err := builtClassifier()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestHeldoutRegression keeps the blind sets not yet tuned to 100%, each
// run once, as regression sets: their first-run figures (in their headers)
// are floors a change of the lists or the engine must not go below; batch
// e's were raised to what it scored once tuned on (batch f measured that),
// and e to i's again after the lists of the 21 spoken languages were tuned
// on their misses (round 8 of data/safety).
// and i's and g's again once the unspoken languages had safety lists
// (issue 12). Set l's floors are tuned figures, not blind ones: the
// lists were tuned on its misses (branch lists2), so they say only that
// what was fixed stays fixed; so are set m's (branch lists3) and set n's:
// the safety lists were tuned on its misses (branch tune12) and the area
// lists on its area misses and those of sets e to m (branch area12, which
// raised the area floors of e to n to what they read then). Set n's first,
// blind run (2026-12-06 06:23 UTC) read 129, 1, 75 and 282. Set o's are
// its first, blind run (2026-12-06 09:20 UTC).
func TestHeldoutRegression(t *testing.T) {
	c := newClassifier(t)
	for _, tt := range []struct {
		file                       string
		recall, alarms, area, lang int
	}{
		{"heldout-2026-12-05e.tsv", 100, 0, 74, 200},
		{"heldout-2026-12-05f.tsv", 150, 0, 109, 300},
		{"heldout-2026-12-05g.tsv", 154, 0, 112, 296},
		{"heldout-2026-12-05h.tsv", 32, 0, 224, 254},
		{"heldout-2026-12-05i.tsv", 179, 0, 112, 323},
		{"heldout-2026-12-05j.tsv", 0, 1, 206, 212},
		{"heldout-2026-12-05k.tsv", 160, 2, 101, 289},
		{"heldout-2026-12-06l.tsv", 176, 0, 101, 295},
		{"heldout-2026-12-06m.tsv", 176, 0, 99, 295},
		{"heldout-2026-12-06n.tsv", 176, 0, 97, 289}, // tuneM: a Tagalog line no longer unsure
		// Set o read 175 after tune12o; the review that followed found false
		// alarms in its lines (pills counted for a prescription, "it's not
		// his fault", a child on the way alone, a night shift): narrowed,
		// 174.
		// tuneA (round 6, set P's misses in the 21 spoken languages) fixed o's
		// false alarm of a passport kept by the questura and one area.
		{"heldout-2026-12-06o.tsv", 184, 1, 91, 298},
		// Set p's first, blind run read 119, 2, 92, 294; these are tuned
		// figures after tuneA (its misses in the 21 spoken languages).
		{"heldout-2026-12-06p.tsv", 185, 0, 94, 297},
		// Set q's first, blind run read 119, 2, 95, 297; set r's 130, 3, 97,
		// 298. Round 7 (tuneRA, tuneRB, calm12) was tuned on set r's misses:
		// these are tuned figures.
		{"heldout-2026-12-06q.tsv", 175, 0, 97, 304},
		{"heldout-2026-12-06r.tsv", 188, 0, 105, 303},
		// Set s's first, blind run (2026-12-06 15:47 UTC), on round 7, read
		// 137, 11, 86, 291; the review's mends (fixlists) caught one more.
		// Round 8 (tuneS, tuneU, calm, 2026-12-06 17:20-19:00 UTC) was tuned
		// on sets s, t and u: from here on their figures are tuned ones.
		// Set s after the review's mends of round 7 read 138, 11, 86, 291.
		// tuneM (Pinyin read as Chinese, with its dangers) raised s..w.
		{"heldout-2026-12-06s.tsv", 185, 1, 96, 299},
		// Set t: its first, blind run (2026-12-06 16:23 UTC), on round 7
		// with the review's mends.
		{"heldout-2026-12-06t.tsv", 184, 0, 96, 294},
		// Set u's first, blind run (2026-12-06 17:16 UTC), on main as
		// landed at the end of stop 20, read 126, 8, 82, 294.
		{"heldout-2026-12-06u.tsv", 188, 0, 90, 304},
		// Set v: its first, blind run (2026-12-06 19:04 UTC), on round 8,
		// read 134, 7, 85, 297. Round 9 was tuned on it (tuneS9 in the 21
		// spoken languages, tuneU9 in the others; set t's language rose to
		// 290, Azerbaijani told by its ə): from here on its figures are
		// tuned ones.
		{"heldout-2026-12-06v.tsv", 186, 0, 89, 302},
		// Set w: its first, blind run (2026-12-06 21:43 UTC), on round 9,
		// read 117, 6, 85, 296. Round 10 was tuned on its misses (tuneWS
		// in the 21 spoken languages, tuneWU in the others, danger phrases
		// and signs only): from here on its figures are tuned ones.
		// tuneF (issue 12) mended its six false alarms with about/over marks
		// and ignore lines: 0 false alarms, area 90. Review revE found some of
		// those lines hid present dangers; mendE narrowed them and removed
		// the Punjabi over phrase "ਕੰਮ ਛੱਡ ਦਿੱਤਾ ਤੇ ਠੀਕ ਹਾਂ" (left the job and
		// fine): it holds exploitation 0.6 (safety/pa.tsv), so "ਪਰ" after it
		// cut no clause and a kept passport with a death threat told there
		// counted a fifth. Line 152 (threats last year, left the job and
		// fine, wages owed) is a false alarm again, as before tuneF: 1.
		// tuneM's Pinyin: recall 169, language 300.
		{"heldout-2026-12-06w.tsv", 183, 1, 92, 302},
		// Set x: its first, blind run (2026-12-06 23:45 UTC), on round 10
		// as landed, read 136, 10, 88, 293. Round 11 was tuned on its misses
		// (tuneXS in the 21 spoken languages, tuneXU in the others, then
		// reviews revG and revH and their mends): tuned figures, from here
		// on its figures are tuned ones.
		{"heldout-2026-12-06x.tsv", 188, 0, 91, 301},
		// Set y: written blind to measure round 11, first run by a mend
		// (mendE) on round 10 with tuneF only: 132, 12, 84, 294. The merged
		// round reads 137, 12, 84, 298, not a blind figure (a mend saw one
		// of its misses); see its header.
		// Round 12 (tuneZS, tuneZU and their mends) was tuned on its
		// remaining misses: 187, 12, 84, 299 (tuned).
		{"heldout-2026-12-07y.tsv", 188, 0, 98, 299},
		// Set z: written blind (2026-12-07 02:51-02:58 UTC) and kept outside
		// every worktree; its first run on round 11 as landed (28b786b).
		// Round 12 was tuned on its misses and false alarms (tuneZS, tuneZU),
		// reviewed and mended: tuned figures from here on. engHow: 188, 4, 84,
		// 300 (an Urdu neighbourhood's news, line 239).
		{"heldout-2026-12-07z.tsv", 188, 0, 96, 300},
		// Set aa: written blind (2026-12-07 02:56-02:59 UTC) and kept outside
		// every worktree; its first run on round 12 merged (5f3c271).
		// engHow tuned two false alarms' shapes (lines 83, 124); tuneCh told
		// children by parts.
		{"heldout-2026-12-07aa.tsv", 184, 0, 97, 302},
		// Set ab: written blind (2026-12-07 05:29-05:31 UTC) and kept outside
		// every worktree; its first run on round 12 as landed (f02b563):
		// 123, 3, 91, 296. The second net on by default (branch netOn,
		// not trained on it) reads 159, 3.
		// Round 13 (tuneCh, engHow, tuneKx, their reviews' mends) and the
		// second net (flows/triage/ngram, trained on sets e to x among others,
		// not on y to ac) raised the floors above to what they read after it.
		// A retrain moves the net's threshold, and these figures by a few
		// messages: a floor is the last retrain's figure.
		{"heldout-2026-12-07ab.tsv", 180, 0, 99, 298},
		// Set ac: written blind (2026-12-07 05:31-05:38 UTC) and kept outside
		// every worktree; its first run on round 13 with the second net
		// (4c872a34): 136, 4, 95, 292 (the lists alone 107). The net then
		// stopped overriding a half-told danger (the crisis line stands) and
		// reading messages of fewer than three words ("menu please"): 134;
		// retrained on round 13's review cases (threshold 0.932): 131.
		// The suicide told by parts (tuneSu, reviewed by revSu, mended by
		// mendSu; made before set ad was written) and a retrain of the net on
		// its training lines raised ab, ac and the older
		// sets to the floors here (2026-12-07).
		{"heldout-2026-12-07ac.tsv", 171, 0, 103, 293},
		// Set ad: written blind (2026-12-07 08:36-08:46 UTC) and kept outside
		// every worktree; its first run on the suicide told by parts
		// (b3d71f1e): 147, 5, 80, 302 (the lists alone 116). The net then
		// learnt the everyday phrases the tests assert (it had read "my name
		// is Ram and I live in Milan" in Hindi as distress): retrained
		// (threshold 0.924), the floors above moved by up to four.
		// Branch everyday then gave the net ordinary messages in 65
		// languages (testdata/net/everyday.tsv, 1630 lines), so that a
		// script with few calm lines no longer reads as urgent by itself:
		// retrained (threshold 0.889). That hint had also been catching
		// urgent lines in those languages: the floors above fell by one to
		// three, ab by 3, ac by 8 and ad by 6 (the net alone on ad 114 to
		// 100); ad's false alarms 5 to 4.
		// The net then learnt everyday.tsv (1,630 ordinary messages in 65
		// languages, so that an unfamiliar script is not urgent by itself),
		// round 14's training lines (testdata/netkind) and 1,040 more
		// written blind (netkind/voices), named the kind (its kind head),
		// became the mean of 4 seeds (threshold 0.902), and asks 0.02 more
		// where the lists read an everyday need for sure: the floors here
		// (2026-12-07 13:20 UTC). Round 14's lists (tuneS14, tuneU14, tuned
		// on ac and ad's misses) were tried and taken off: two reviews
		// found 306 faults in them, and they caught no more of blind set ae
		// (149 with them, 149 without, with the net's threshold at 3.5%
		// cross-validated false alarms, also tried and taken off: it read
		// "ho bisogno di aiuto" as distress).
		{"heldout-2026-12-07ad.tsv", 178, 0, 99, 303},
		// Set ae: written blind (2026-12-07 08:36-08:45 UTC), real voices
		// asked for, kept outside every worktree; its first run on round 14
		// merged (c9ceb3a2): 128, 4, 79, 299 (the lists alone 88).
		{"heldout-2026-12-07ae.tsv", 160, 0, 95, 303},
		// Set af: written blind (2026-12-07 12:28-12:36 UTC), kept outside
		// every worktree; its first run (93c6f396: the lists of main, the net
		// with its threshold at 3.5%, 0.810): 166, 3, 89, 301 (the lists
		// alone 139, the net alone 144); with the net above, 160.
		{"heldout-2026-12-07af.tsv", 179, 0, 104, 302},
		// Set ag: written blind (2026-12-07 14:02-14:04 UTC), kept outside
		// every worktree; its first run (69923f9b, after calm15 and area15
		// were tuned on y to af): 147, 3, 90, 304 (the lists alone 113, the
		// net alone 129).
		{"heldout-2026-12-07ag.tsv", 165, 3, 90, 304},
		// Blind set ai, first run 2026-12-07 16:02 on fe809262 (the net of
		// stop 36): 168/188, 3 false alarms, half told 16 of the 20 missed.
		// tune16 (lists tuned on ai and ag's misses and false alarms) raised
		// the floors of ag and ai, and of the sets it read better (q, w, x,
		// z, ac, ae, af) to what they read after it.
		{"heldout-2026-12-07ai.tsv", 177, 3, 93, 297},
		// Blind sets ah and aj, first run 2026-12-07 16:45 on 1ffa415c.
		// ah's language 297 -> 296 (stop 39): "a la vía del tren" written ~
		// (es: "via" of every Italian address was Spanish evidence and took
		// "mi chiamo Amina, via Roma 3" from Italian, so that a WhatsApp
		// conversation test opened no case); a Bulgarian message ending
		// "Via Torino 3 Asti" now reads Italian (still a child in danger).
		// The mend of both: an address's words evidence of no language.
		{"heldout-2026-12-07ah.tsv", 178, 2, 93, 296},
		{"heldout-2026-12-07aj.tsv", 177, 0, 94, 300},
		// Blind set ak, first run 2026-12-07 19:03 on the net of 1615ac7c
		// (trained on every set to aj): 157/188, 6 false alarms.
		// Then (stop 37) the net's training order and folds became its
		// lines' hashes (ngram: a line added moves no other; one line
		// had moved the threshold by 0.012): the floors above are that
		// net's (threshold 0.884), 1 to 6 under the one before on ab to
		// ak, within what a retrain moved them before. goodbye17 (the
		// parts of a farewell as cores) then read 2 more of ak.
		// alfa17 (tuned on al's false alarms after its first run: Arabizi
		// one-edit, a held passport the writer's, "égorger" an animal) read
		// one false alarm of ak fewer (fa "برای گرفتن ... چه مدارکی", to get: the
		// bare "مدارک* گرفتن" line).
		{"heldout-2026-12-07ak.tsv", 159, 5, 78, 300},
		// Blind set al (unusual phrasings, indirect tellings, long
		// messages), first run 2026-12-07 19:35 on 513a3b57: 153/188, 10
		// false alarms (all the lists').
		// alfa17 then mended five of them by their causes (tuned on al's
		// false alarms after its first run: no longer blind for alarms).
		{"heldout-2026-12-07al.tsv", 158, 2, 81, 305}, // own18: fa 5 -> 2, area 79 -> 81
		// Blind set am (writers who hold back: hedging, the danger after a
		// practical question, very short messages), first run 2026-12-07
		// 21:27 on bad062f6: 159/188, 8 false alarms (all the lists').
		// Stop 38's core forms of 44 languages (not tuned on it) took it to
		// 164; fa18 (tuned on two of its false alarms) and fa18b to 6.
		{"heldout-2026-12-07am.tsv", 170, 6, 78, 300},
		// Blind set an (writers in the middle of things, present tense,
		// places and sums), first run 2026-12-07 23:04 on 19696477:
		// 159/188, 2 false alarms (the lists').
		{"heldout-2026-12-07an.tsv", 166, 2, 79, 303},
		// Blind set ao (writers with little schooling: dialect, slang,
		// euphemism, phonetic spelling), first run 2026-12-08 01:54 on
		// 329de5f3: 163/188, 1 false alarm (the lists'); the session's start
		// read it 161. Stop 39 raised the floors above to their figures
		// (panic19, infl19, core19, plan19, child19, own19: am and an were
		// tuned on, the others not).
		{"heldout-2026-12-08ao.tsv", 163, 1, 78, 297},
		// The floors of ac (175 -> 173) went down once (stop 36): the net
		// that learnt ordinary messages full of addresses and numbers (18 of
		// 244 held-out ones urgent before, 1 after) scores a few dangers
		// told with numbers lower ("7000 euroa"), now half told; ab, ad, ae
		// and af rose by 2 to 4. Those of ag and ai went back to their
		// first-run figures (ae lost one; q, w, x and the languages of z, ac,
		// ae, af one each) with tune16's lists taken out (tuned
		// on those two sets, read blind sets ah and aj exactly as without
		// them, and a review found 35 false alarms they made). Then ab lost
		// one (181 -> 180) to a retrain for a Ukrainian test line ("у мене
		// проблеми вдома" was urgent), which raised ac, ag, aj by 2 to 4.
	} {
		r := Evaluate(c, loadCorpus(t, tt.file))
		t.Logf("%s: urgent recall %d/%d, false alarms %d/%d, area %.1f%%, language %.1f%%", tt.file,
			r.UrgentRecall.Right, r.UrgentRecall.Total, r.FalseAlarms.Right, r.FalseAlarms.Total, 100*r.Area.Rate(), 100*r.Lang.Rate())
		if r.UrgentRecall.Right < tt.recall {
			t.Errorf("%s: urgent recall %d/%d, below the floor %d", tt.file, r.UrgentRecall.Right, r.UrgentRecall.Total, tt.recall)
		}
		if r.FalseAlarms.Right > tt.alarms {
			t.Errorf("%s: %d false alarms, above the ceiling %d", tt.file, r.FalseAlarms.Right, tt.alarms)
		}
		if r.Area.Right < tt.area || r.Lang.Right < tt.lang {
			t.Errorf("%s: area %d/%d, language %d/%d: below the floors %d and %d", tt.file, r.Area.Right, r.Area.Total, r.Lang.Right, r.Lang.Total, tt.area, tt.lang)
		}
	}
}

// A "# spoken:" line keeps an old set's meaning once a language is spoken;
// an alias reads as its code.
func TestCorpusSpokenDirective(t *testing.T) {
	for _, tt := range []struct {
		name, text, err string
		unspoken        []bool
		langs           []string
	}{
		{"spoken", "# spoken: it en\nit\tlegal\t\tpermesso\nuk\t\t\tпосвідка\n", "", []bool{false, true}, []string{"it", "uk"}},
		{"now", "it\tlegal\t\tpermesso\nuk\tlegal\t\tпосвідка\nxx\t\t\tblah\n", "", []bool{false, false, true}, []string{"it", "uk", "xx"}},
		{"alias", "tl\t\t\tsalamat po\n", "", []bool{false}, []string{"fil"}},
		{"unspoken area", "# spoken: it en\nuk\tlegal\t\tпосвідка\n", "line 2: a message in uk", nil, nil},
		{"late", "it\tlegal\t\tpermesso\n# spoken: it\n", "line 2: \"# spoken:\" must come once", nil, nil},
		{"bad code", "# spoken: it EN\n", "line 1: bad language code", nil, nil},
	} {
		ex, err := ReadCorpus(strings.NewReader(tt.text))
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: error %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		for i, e := range ex {
			if e.Unspoken != tt.unspoken[i] || e.Lang != tt.langs[i] {
				t.Errorf("%s: line %d: lang %q unspoken %v, want %q %v", tt.name, e.Line, e.Lang, e.Unspoken, tt.langs[i], tt.unspoken[i])
			}
		}
	}
}

// The ordinary messages the net learns from (testdata/net/everyday.tsv,
// 25 in each of 65 languages, a fifth of them sharing words with a
// danger: a school essay on trafficking, a first-aid course, "this job is
// killing me", a danger past and over) must not reach the emergency route
// more often than they did when the file was written (2026-12-07: 47 of
// 1,630, all of them the lists', mostly a child's school essay on
// trafficking read as a child in danger). The net is trained on these
// lines, so this measures the lists: a list change that makes an
// everyday message urgent raises the count. Lower the ceiling when the
// lists improve (calm15, 2026-12-07: 10, the school essays on trafficking,
// jobs that "kill" and studies named in their own clause). Review rev15
// then found that calm15's bare "about human trafficking" ignores, in 21
// languages, hid real reports ("help, about trafficking, I can't get
// out"): taken off, the school essays of those languages are urgent again
// (31). A missed report costs more than an essay answered with the
// numbers; an essay named with its school word ("essay about
// trafficking", as en.tsv and bn.tsv list) is the way back down.
func TestEverydayFalseAlarmsCeiling(t *testing.T) {
	const ceiling = 31
	r := Evaluate(newClassifier(t), loadCorpus(t, "net/everyday.tsv"))
	t.Logf("everyday: %d false alarms of %d", r.FalseAlarms.Right, r.FalseAlarms.Total)
	if r.FalseAlarms.Right > ceiling {
		t.Errorf("everyday: %d false alarms of %d, above the ceiling %d", r.FalseAlarms.Right, r.FalseAlarms.Total, ceiling)
	}
}
