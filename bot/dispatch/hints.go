package dispatch

import (
	"context"
	"maps"
	"slices"
	"strings"

	"frontdoor/bot"
)

// Hints (bot.Hinted) spare a handler's preloaded keys their read on the
// common path: the handoff wrapper's open case and the booking dialogue
// were read at every claim (an MGET a message, a GET each on a Cluster),
// though almost nobody has either. The contact's hints are a field of its
// state hash (hk), which the claim's HMGET reads with the state: a key
// whose hint is not set is handed to the handler as not existing, and not
// read. The commit writes hk with the state, in its HSET, before anything
// of the outcome is delivered: so an event that makes a key (a case the
// handoff opens) finds its hint set already. The commit of an Outbound
// message (a reminder, an operator's reply) writes none: it states none,
// and sets no expiry, so hints written to someone without a state hash
// would make one that never expires.
//
// A rollback, and a rolling upgrade from a version before hints, have a
// limit: that version writes v "1" only with a state, so a turn of it that
// changed no state (booking's list of appointments, which starts a
// dialogue) leaves this version's hk trusted, and nothing it writes tells
// (TestReviewHintsKeyMadeByAnOlderProcessDuringAnUpgrade, docs/wip): a
// dialogue it started is not read by this version, for the day it lives.
// Stop the processes of a version before hints before starting this one.
//
// A failed try forgets the hints (the count script deletes hk, and the
// worker's copy is cleared): the try may have made a hinted key, and no
// outcome states it.
//
// hk holds "=" and the names of the hints set, sorted, comma-separated
// ("=" alone: none). It is trusted only where v is hintsVersion: a version
// before hints writes the state with v "1" and never writes hk, so a hash
// one of them wrote since (a rollback) has its hints read as unknown, and
// every hinted key is read until a turn states them again. A contact with
// no hash (new, expired, erased) has them unknown too.

// hintsVersion is the v a commit writes with the state or the hints: the
// state's outbox is in o (see migrate), and hk holds the hints.
const hintsVersion = "2"

// hints is a contact's hints as the dispatcher knows them.
type hints struct {
	// known is false when nothing says which are set: every hinted key
	// is read, and a hint a turn does not state counts as set.
	known bool
	set   map[string]bool
}

// hintsOf reads hk as a claim script returns it (nil when unknown).
func hintsOf(v any) hints {
	s, ok := v.(string)
	if !ok || !strings.HasPrefix(s, "=") {
		return hints{}
	}
	h := hints{known: true, set: map[string]bool{}}
	for _, name := range strings.Split(s[1:], ",") {
		if name != "" {
			h.set[name] = true
		}
	}
	return h
}

// encode is hk's value for h.
func (h hints) encode() string {
	var names []string
	for name, on := range h.set {
		if on {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return "=" + strings.Join(names, ",")
}

// absent reports whether the key whose hint is name is known not to exist.
func (h hints) absent(name string) bool { return h.known && !h.set[name] }

// preloads is what a handler preloads for a contact: the keys read at
// every claim (with the claim, in its round trip), those that have a hint
// (key → hint name), read only while it is set, and the names of the
// hints.
type preloads struct {
	always []string
	hinted map[string]string
	names  []string
}

// preloadsOf is what the handler preloads for c.
func (d *Dispatcher) preloadsOf(c bot.Contact) preloads {
	p, ok := d.handler.(bot.Preloader)
	if !ok {
		return preloads{}
	}
	keys := p.Preload(c)
	hp, ok := d.handler.(bot.Hinted)
	if !ok {
		return preloads{always: keys}
	}
	var out preloads
	of := hp.PreloadHints(c)
	for _, k := range keys {
		name := of[k]
		if name == "" {
			out.always = append(out.always, k)
			continue
		}
		if out.hinted == nil {
			out.hinted = map[string]string{}
		}
		out.hinted[k] = name
		if !slices.Contains(out.names, name) {
			out.names = append(out.names, name)
		}
	}
	return out
}

// absentKeys are the hinted keys known not to exist, as Turn.Preloaded
// gives them (nil for none).
func (w *contactWork) absentKeys() map[string]bot.Preloaded {
	var p map[string]bot.Preloaded
	for k, name := range w.pre.hinted {
		if w.hints.absent(name) {
			if p == nil {
				p = map[string]bot.Preloaded{}
			}
			p[k] = bot.Preloaded{}
		}
	}
	return p
}

// toRead are the hinted keys that must be read: their hint is set, or not
// known.
func (w *contactWork) toRead() []string {
	var keys []string
	for k, name := range w.pre.hinted {
		if !w.hints.absent(name) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// readHinted completes what a claim preloaded (pre, nil when the reads
// must be the handler's) with the hinted keys: those known not to exist
// without a read, the others in one round trip more, only when there are
// any (a contact in a case, one whose hints are not known yet).
func (w *contactWork) readHinted(ctx context.Context, pre map[string]bot.Preloaded) map[string]bot.Preloaded {
	if len(w.pre.hinted) == 0 {
		return pre
	}
	out := maps.Clone(pre)
	if out == nil {
		out = map[string]bot.Preloaded{}
	}
	maps.Copy(out, w.absentKeys())
	if keys := w.toRead(); len(keys) > 0 {
		p := w.d.rdb.Pipeline()
		pl := w.d.queuePreload(ctx, p, keys)
		p.Exec(ctx) // errors are read per key: a key not read is the handler's to read
		maps.Copy(out, pl.result())
	}
	return out
}

// nextHints is what the commit of a turn that stated said writes of the
// contact's hints: "" when they do not change (or the handler keeps
// none), and what they are after it. A hint the turn does not state keeps
// its value, or counts as set when it was not known; so does one whose
// name the handler does not keep.
func (w *contactWork) nextHints(said map[string]bool) (string, hints) {
	if len(w.pre.names) == 0 {
		return "", w.hints
	}
	next := hints{known: true, set: map[string]bool{}}
	// A hint of a name this handler does not keep is another version's
	// (a later one, rolled back from): it keeps its value, or that
	// version would take its key for absent once it runs again.
	for name, on := range w.hints.set {
		if on && !slices.Contains(w.pre.names, name) {
			next.set[name] = true
		}
	}
	for _, name := range w.pre.names {
		on, stated := said[name]
		switch {
		case stated:
		case w.hints.known:
			on = w.hints.set[name]
		default:
			on = true
		}
		if on {
			next.set[name] = true
		}
	}
	enc := next.encode()
	if w.hints.known && enc == w.hints.encode() {
		return "", next
	}
	return enc, next
}
