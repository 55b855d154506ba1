package broadcast

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/store"
)

// Run starts scheduled campaigns when their time comes and sends the ones
// in progress, until ctx ends. Several processes may run it on one Redis:
// recipients are claimed atomically and the rate bucket is shared. A
// campaign interrupted by a crash resumes on the next tick.
func (s *Service) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	defer wg.Wait()
	t := time.NewTicker(s.tick)
	defer t.Stop()
	for {
		s.poll(ctx, &wg)
		s.polls.Add(1)
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// pruneEvery is how often the topic indexes lose the contacts whose
// subscription expired with the retention (one process does it).
const pruneEvery = time.Hour

// prune drops expired subscriptions from the topic indexes, so that a
// contact's id does not outlive their subscription there when no
// campaign runs to notice.
func (s *Service) prune(ctx context.Context) {
	// Asked of Redis once an hour per process, not at every tick.
	s.mu.Lock()
	due := time.Now().After(s.nextPrune)
	if due {
		s.nextPrune = time.Now().Add(pruneEvery)
	}
	s.mu.Unlock()
	if !due {
		return
	}
	first, err := s.rdb.SetNX(ctx, s.keys.Global("bc:pruned"), 1, pruneEvery).Result()
	if err != nil {
		if ctx.Err() == nil {
			s.log.Warn("broadcast: pruning expired subscriptions", "err", err)
		}
		return // the next hour tries again
	}
	if !first {
		return
	}
	for _, t := range Topics() {
		// Reading the subscribers drops the index entries of the expired.
		if err := s.subscribers(ctx, t, func(subscriber) error { return nil }); err != nil && ctx.Err() == nil {
			s.log.Warn("broadcast: pruning expired subscriptions", "topic", t, "err", err)
		}
	}
}

func (s *Service) poll(ctx context.Context, wg *sync.WaitGroup) {
	s.prune(ctx)
	ids, err := s.rdb.SMembers(ctx, s.activeKey()).Result()
	if err != nil {
		if ctx.Err() == nil {
			s.log.Error("broadcast: listing active campaigns", "err", err)
		}
		return
	}
	for _, id := range ids {
		st, err := s.rdb.HGet(ctx, s.ckey(id, "meta"), "status").Result()
		if err != nil {
			if !errors.Is(err, redis.Nil) && ctx.Err() == nil {
				s.log.Warn("broadcast: reading a campaign's status", "campaign", id, "err", err)
			}
			continue // the next tick tries again
		}
		switch st {
		case StatusScheduled, StatusBuilding:
			c, err := s.Get(ctx, id)
			if err != nil {
				if ctx.Err() == nil {
					s.log.Warn("broadcast: reading a campaign", "campaign", id, "err", err)
				}
				continue
			}
			if c.SendAt.After(s.clock()) {
				continue
			}
			if err := s.build(ctx, c); err != nil {
				s.log.Error("broadcast: building audience", "campaign", id, "err", err)
			}
		case StatusSending:
			s.spawn(ctx, wg, id)
		case StatusDone, StatusCancelled:
			if err := s.rdb.SRem(ctx, s.activeKey(), id).Err(); err != nil && ctx.Err() == nil {
				s.log.Warn("broadcast: dropping an ended campaign from the active ones", "campaign", id, "err", err)
			}
		}
	}
}

// spawn starts this process's workers for each channel of a campaign,
// or ends the campaign when nothing is left.
func (s *Service) spawn(ctx context.Context, wg *sync.WaitGroup, id string) {
	channels, err := s.channelsOf(ctx, id)
	if err != nil {
		s.log.Warn("broadcast: reading a campaign's channels", "campaign", id, "err", err)
		return // the next tick tries again
	}
	keys := []string{s.ckey(id, "meta")}
	busy := false
	for _, ch := range channels {
		keys = append(keys, s.ckey(id, "q:"+ch))
		name := id + "/" + ch
		s.mu.Lock()
		if s.running[name] > 0 {
			busy = true
			s.mu.Unlock()
			continue
		}
		n, err := s.rdb.LLen(ctx, s.ckey(id, "q:"+ch)).Result()
		if err != nil {
			// Not known to be empty: the campaign must not be ended.
			s.log.Warn("broadcast: reading a campaign's queue", "campaign", id, "channel", ch, "err", err)
			busy = true
			s.mu.Unlock()
			continue
		}
		if n == 0 || !s.sends(ch) {
			if n > 0 {
				s.log.Warn("broadcast: no sender here for a campaign's channel", "campaign", id, "channel", ch)
			}
			s.mu.Unlock()
			continue
		}
		workers := min(s.cfg.Workers, int(n))
		s.running[name] = 1
		s.mu.Unlock()
		busy = true
		s.startGroup(ctx, wg, id, ch, name, workers)
	}
	if busy {
		return
	}
	ok, err := s.sc.done.Run(ctx, s.rdb, keys, time.Now().UnixMilli(), s.inFlightGrace.Milliseconds()).Bool()
	if err != nil {
		if ctx.Err() == nil {
			s.log.Warn("broadcast: ending a campaign", "campaign", id, "err", err)
		}
		return // the next tick tries again
	}
	if !ok {
		return
	}
	s.log.Info("campaign finished", "campaign", id)
	// Left in the active set, the next tick's poll drops it.
	if err := s.rdb.SRem(ctx, s.activeKey(), id).Err(); err != nil && ctx.Err() == nil {
		s.log.Warn("broadcast: dropping an ended campaign from the active ones", "campaign", id, "err", err)
	}
}

// startGroup runs one pacer and the workers of a campaign's channel. Only
// the pacer asks the shared Redis bucket for tokens and hands them to the
// workers: with every worker polling the bucket, a process would spend
// more on asking than on sending at high rates.
func (s *Service) startGroup(ctx context.Context, wg *sync.WaitGroup, id, ch, name string, workers int) {
	gctx, cancel := context.WithCancel(ctx)
	tokens := make(chan struct{})
	var group sync.WaitGroup
	for range workers {
		group.Add(1)
		go func() {
			defer group.Done()
			s.work(gctx, id, ch, tokens)
		}()
	}
	wg.Add(2)
	go func() {
		defer wg.Done()
		s.pace(gctx, id, ch, tokens)
	}()
	go func() {
		defer wg.Done()
		group.Wait()
		cancel()
		s.mu.Lock()
		delete(s.running, name)
		s.mu.Unlock()
	}()
}

// pace hands out the channel's tokens until ctx ends, at a quarter of
// the rate while the channel eases back after a halt. Redis failing (away
// for a failover or a restart, or refusing the script: out of memory, a
// disk it cannot write, a script killed) only holds the campaign: the
// pacer asks the bucket again, waiting longer each time up to
// pacingRetryMax, and the campaign goes on by itself once Redis answers.
// Only a channel without a rate stops this channel's sending until the
// configuration is mended and the process restarts: the workers wait
// for tokens until ctx ends.
func (s *Service) pace(ctx context.Context, id, channel string, tokens chan<- struct{}) {
	ease := s.easeUntil(ctx, channel)
	wait := pacingRetryMin
	var stalled time.Time // when this pacer lost Redis; zero while it answers
	// Only this pacer's own mark: a pacer started for the same campaign
	// after this one ends may have set its own.
	defer func() { s.unstall(id, channel, stalled) }()
	for {
		if s.clock().Before(ease) && !s.pacing.SleepUntil(ctx, s.pacing.Now().Add(s.easeGap(channel))) {
			return
		}
		ok, err := s.take(ctx, channel)
		if err != nil && ctx.Err() == nil && !errors.Is(err, errNoRate) {
			if stalled.IsZero() {
				if store.Unavailable(err) {
					s.log.Warn("broadcast: Redis is away; the campaign waits", "campaign", id, "channel", channel, "err", err)
				} else {
					// Not a failover: something a person may have to mend.
					s.log.Error("broadcast: Redis refuses the rate bucket; the campaign waits", "campaign", id, "channel", channel, "err", err)
				}
				stalled = s.clock()
				s.stall(id, channel, stalled)
			}
			if !sleepCtx(ctx, wait) {
				return
			}
			wait = min(2*wait, pacingRetryMax)
			continue
		}
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			s.log.Error("broadcast: pacing", "campaign", id, "err", err)
			// Without pacing nothing may go out; the workers wait
			// until the group ends with ctx.
			<-ctx.Done()
			return
		}
		if !ok {
			return
		}
		if !stalled.IsZero() {
			s.log.Info("broadcast: Redis is back; the campaign goes on", "campaign", id, "channel", channel)
			s.unstall(id, channel, stalled)
			stalled, wait = time.Time{}, pacingRetryMin
		}
		select {
		case tokens <- struct{}{}:
		case <-ctx.Done():
			return
		}
	}
}

// The pacer's waits while Redis is away: short at first, since a
// failover is over in seconds, and never long, so the campaign resumes
// soon after.
const (
	pacingRetryMin = 100 * time.Millisecond
	pacingRetryMax = 2 * time.Second
)

// sleepCtx waits d in real time; false when ctx ended first. The pacing
// clock is not used: Redis' absence is measured in real seconds.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// work sends one campaign's messages on one channel, one per token, until
// the queue is empty, the campaign stops, or ctx ends.
func (s *Service) work(ctx context.Context, id, channel string, tokens <-chan struct{}) {
	c, err := s.Get(ctx, id)
	if err != nil {
		s.log.Error("broadcast: reading campaign", "campaign", id, "err", err)
		return
	}
	meta, rk, qk, fk := s.ckey(id, "meta"), s.ckey(id, "r"), s.ckey(id, "q:"+channel), s.ckey(id, "flight")
	snd := s.out
	for {
		select {
		case <-tokens:
		case <-ctx.Done():
			return
		}
		// A token taken before a 429 paused the channel must wait out
		// the pause too. Other processes learn of the pause from the
		// bucket script.
		if !s.waitPause(ctx, channel) {
			return
		}
		// Numbered before it is claimed: a failure recorded after the
		// number was drawn sees it as a send that may have been under
		// way before, never as one begun after.
		seq := s.sendSeq(ctx, channel)
		it, err := s.sc.claim.Run(ctx, s.rdb, []string{meta, qk, rk, fk}).Text()
		if err != nil {
			if ctx.Err() == nil {
				s.log.Error("broadcast: claiming recipient", "campaign", id, "err", err)
			}
			return
		}
		if strings.HasPrefix(it, "!") {
			return
		}
		parts := strings.SplitN(it, "|", 3)
		if len(parts) != 3 {
			continue
		}
		ck, lang := parts[0], parts[1]
		attempts, _ := strconv.Atoi(parts[2])
		ch, cid, _ := strings.Cut(ck, ":")
		to := bot.Contact{Channel: ch, ID: cid}
		if over, err := s.overDailyCap(ctx, channel); over || err != nil {
			if err != nil {
				s.log.Error("broadcast: daily cap", "campaign", id, "err", err)
			}
			// Not sent: back to the queue for tomorrow (or the next try).
			if _, err := s.sc.requeue.Run(context.WithoutCancel(ctx), s.rdb, []string{meta, rk, qk, fk}, ck, it, "head").Result(); err != nil {
				s.log.Error("broadcast: requeueing", "campaign", id, "contact", to.String(), "err", err)
			}
			return
		}
		// Once claimed the message goes out even if ctx ends now: a
		// shutdown must not leave a claimed recipient unsent.
		// Bulk: the adapter hands a 429 back rather than waiting on its
		// own, and the whole channel pauses.
		sctx, cancel := context.WithTimeout(bot.Bulk(context.WithoutCancel(ctx)), 30*time.Second)
		err = snd.Send(sctx, to, c.reply(lang))
		cancel()
		s.record(context.WithoutCancel(ctx), c.ID, channel, send{to: to, lang: lang, attempts: attempts, seq: seq}, err)
	}
}

// send is one claimed send of a campaign's notice.
type send struct {
	to       bot.Contact
	lang     string
	attempts int   // the tries before this one (429s and 5xx)
	seq      int64 // its number on the channel (sendSeq), 0 if unknown
}

// sendSeq numbers a send of the channel, in every campaign and process,
// as it is claimed: givenUp tells the deliveries of sends begun after a
// recipient's failure from those already under way then (an outage's
// first moments). 0 when Redis did not answer: such a delivery shows
// nothing.
func (s *Service) sendSeq(ctx context.Context, channel string) int64 {
	n, err := s.rdb.Incr(ctx, s.seqKey(channel)).Result()
	if err != nil {
		if ctx.Err() == nil {
			s.log.Warn("broadcast: numbering a send", "channel", channel, "err", err)
		}
		return 0
	}
	return n
}

// outcomeUnknown is the outcome of a send the platform gave no answer to:
// it may have delivered the notice, so it is not sent again.
const outcomeUnknown = "unknown"

// record stores a send's outcome. When the platform took nothing (a 429,
// a 5xx, no connection: bot.RetryAfterError, bot.ErrUnavailable) the
// channel pauses for every process and the recipient goes back to the
// queue, never failed for it, unless the platform keeps failing for that
// recipient (givenUp): then it is failed (error); a ban stops the
// campaign (halt). A refusal
// of the person (blocked, chat gone) or of the notice itself fails the
// recipient. Any other error leaves it unknown, not sent again: the
// platform may have delivered it (no answer in time), and a notice twice
// is worse than one missed; as no answer is also how an outage begins,
// the channel pauses too.
func (s *Service) record(ctx context.Context, id, channel string, sd send, err error) {
	meta, rk, fk := s.ckey(id, "meta"), s.ckey(id, "r"), s.ckey(id, "flight")
	to, lang, attempts := sd.to, sd.lang, sd.attempts
	ck := to.Key()
	outcome, field := "ok", "sent"
	var ra *bot.RetryAfterError
	var halt *bot.HaltError
	switch {
	case err == nil:
	case errors.As(err, &halt):
		// The account is restricted, not this recipient: no failure,
		// no attempt counted, and nothing more until a person resumes.
		s.halt(ctx, id, channel, to, lang, attempts, halt)
		return
	case errors.Is(err, bot.ErrUnavailable), errors.As(err, &ra):
		if !errors.As(err, &ra) {
			if why := s.givenUp(ctx, id, channel, ck); why != "" {
				// Put back, it would pause the channel for everyone
				// again and again, and its campaign would never end.
				outcome = ReasonError
				s.log.Warn("broadcast: the platform keeps failing for one recipient; recorded as failed",
					"campaign", id, "contact", to.String(), "attempts", attempts+1, "why", why, "err", err)
				break
			}
		}
		s.postpone(ctx, id, channel, to, lang, attempts, err)
		return
	case errors.Is(err, bot.ErrNotSent):
		// Nothing left Frontdoor (Redis away before the send): back to
		// the queue as it was; the pacer waits for Redis meanwhile.
		s.log.Warn("broadcast: not sent; the recipient waits", "campaign", id, "contact", to.String(), "err", err)
		item := ck + "|" + lang + "|" + strconv.Itoa(attempts)
		if _, err := s.runRetrying(ctx, s.sc.requeue, []string{meta, rk, s.ckey(id, "q:"+channel), fk}, ck, item, "head").Result(); err != nil {
			s.log.Error("broadcast: requeueing", "campaign", id, "contact", to.String(), "err", err)
		}
		return
	case errors.Is(err, bot.ErrUnreachable):
		outcome = ReasonUnreachable
		if strings.Contains(strings.ToLower(err.Error()), "blocked") {
			outcome = ReasonBlocked
		}
		// Left out of segments until they write again.
		if err := s.sc.mark.Run(ctx, s.rdb, []string{s.subKey(to)}, "un", "1").Err(); err != nil {
			s.log.Warn("broadcast: marking a recipient unreachable", "campaign", id, "contact", to.String(), "err", err)
		}
	case errors.Is(err, bot.ErrRejected):
		// The notice itself: sending it again would be refused again.
		outcome = ReasonError
		s.log.Warn("broadcast: notice refused by the platform", "campaign", id, "contact", to.String(), "err", err)
	default:
		outcome, field = outcomeUnknown, outcomeUnknown
		d := s.pause(ctx, channel, 0, PauseUnavailable)
		s.log.Warn("broadcast: no answer from the platform; the recipient is left unknown and the channel paused",
			"campaign", id, "contact", to.String(), "for", d, "err", err)
	}
	if outcome != "ok" && outcome != outcomeUnknown {
		field = "f:" + outcome
	}
	first, err := s.runRetrying(ctx, s.sc.finish, []string{meta, rk, fk}, ck, outcome, field, channel).Int()
	if err != nil {
		s.log.Error("broadcast: recording send", "campaign", id, "contact", to.String(), "err", err)
		return
	}
	if first == 1 && outcome != outcomeUnknown {
		reach := "failed"
		if outcome == "ok" {
			reach = "sent"
		}
		s.count(ctx, channel, lang, reach)
	}
	if outcome == "ok" {
		// The channel delivers: what givenUp compares a recipient's
		// failures with (numbers, whatever the processes' clocks say).
		if sd.seq > 0 {
			if err := s.sc.delivered.Run(ctx, s.rdb, []string{s.deliveredKey(channel)}, sd.seq).Err(); err != nil {
				s.log.Warn("broadcast: noting the channel's deliveries", "channel", channel, "err", err)
			}
		}
		// For counting replies; only while subscribed (the hash exists).
		if err := s.sc.mark.Run(ctx, s.rdb, []string{s.subKey(to)}, "rc", id, "rt", s.clock().Unix()).Err(); err != nil {
			s.log.Warn("broadcast: noting the notice for counting replies", "campaign", id, "contact", to.String(), "err", err)
		}
	}
}

// postpone pauses the channel after the platform took nothing of a send
// (rate limited, down, not connected) and puts the recipient back: never
// failed because the channel was down. The pause is the platform's
// retry_after for a 429, else a wait that grows while the outage lasts.
// A recipient tried cfg.Attempts times goes to the back of the queue, so
// that one the platform keeps refusing does not hold up the others.
func (s *Service) postpone(ctx context.Context, id, channel string, to bot.Contact, lang string, attempts int, err error) {
	why, d := PauseUnavailable, time.Duration(0)
	var ra *bot.RetryAfterError
	if errors.As(err, &ra) {
		d = max(ra.After, time.Second)
		if !errors.Is(err, bot.ErrUnavailable) {
			why = PauseRateLimited
		}
	}
	d = s.pause(ctx, channel, d, why)
	s.log.Warn("broadcast: the platform took nothing; the channel is paused and the recipient waits",
		"campaign", id, "channel", channel, "reason", string(why), "for", d, "err", err)
	where := "head"
	if attempts+1 >= s.cfg.Attempts {
		where = "tail"
	}
	ck := to.Key()
	item := ck + "|" + lang + "|" + strconv.Itoa(attempts+1)
	if _, err := s.runRetrying(ctx, s.sc.requeue, []string{s.ckey(id, "meta"), s.ckey(id, "r"), s.ckey(id, "q:"+channel), s.ckey(id, "flight")}, ck, item, where).Result(); err != nil {
		s.log.Error("broadcast: requeueing", "campaign", id, "contact", to.String(), "err", err)
	}
}

// givenUp tells whether a recipient the platform just answered 5xx (took
// nothing) is to be failed rather than put back, and why ("" to put it
// back). Each such failure pauses the whole channel, so a recipient the
// platform always refuses, put back for good, would hold every campaign
// on the channel again and again, and its own would never end. It is
// failed:
//
//   - once it has had cfg.Attempts 5xx answers and the channel delivered
//     between each of its last three, in any campaign and process: the
//     platform works now, only not for this recipient. A delivery counts
//     only for a send claimed after the failure before (sendSeq numbers
//     them; the delivered key keeps the highest number delivered), not
//     one already under way then: the sends in flight when an outage
//     began may be delivered late, one in each of two gaps, and say
//     nothing of the platform later;
//   - else, once nobody healthy is left to try on the channel (nobody
//     else of its campaign queued or live in flight, or all of them
//     refused their cfg.Attempts too), only after twice cfg.Attempts
//     AND cfg.GiveUpAfter since its first 5xx (the pacing clock). Then
//     nothing tells recipients the platform refuses from an outage: both
//     are "nothing delivered since the failures began", whether the
//     campaign delivered before them or not (review: an earlier delivery
//     failed the last three in an hour's outage; a late one kept two
//     refused recipients for ever). A time bound is what separates them:
//     an outage ends, a refusal does not. Meanwhile the campaign is noted
//     as waiting on refused recipients (refusing), for the console.
//     Sends in flight count as others (several workers claim several
//     recipients after each pause), but not one claimed longer ago than
//     inFlightGrace (as for done: its process died). A queue of more
//     than 64 is not read (all count as healthy).
//
// Only 5xx answers count (the tried hash), not the 429s the recipient's
// attempts include, which say nothing about the recipient. A recipient
// erased while its send was under way leaves nothing in the tried hash.
// A Redis error answers "" (put back).
func (s *Service) givenUp(ctx context.Context, id, channel, ck string) string {
	// The channel's keys are in another slot than the campaign's: read
	// first, passed to the campaign's script.
	v, err := s.rdb.MGet(ctx, s.seqKey(channel), s.deliveredKey(channel)).Result()
	if err != nil || len(v) != 2 {
		s.log.Warn("broadcast: reading the channel's deliveries", "campaign", id, "channel", channel, "err", err)
		return ""
	}
	num := func(x any) int64 {
		str, _ := x.(string)
		n, _ := strconv.ParseInt(str, 10, 64)
		return n
	}
	keys := []string{s.ckey(id, "tried"), s.ckey(id, "r"), s.ckey(id, "q:"+channel), s.ckey(id, "flight")}
	got, err := s.sc.tried.Run(ctx, s.rdb, keys, ck, triedCount(ck), triedGaps(ck), num(v[0]), num(v[1]),
		channel, s.cfg.Attempts, s.inFlightGrace.Milliseconds(), s.paceNow(), triedFirst(ck)).Int64Slice()
	if errors.Is(err, redis.Nil) {
		return "" // erased meanwhile: nothing to fail
	}
	if err != nil || len(got) != 5 {
		s.log.Warn("broadcast: counting a recipient's failures", "campaign", id, "err", err)
		return ""
	}
	tries, gaps, healthy := got[0], got[1], got[3]
	refused := time.Duration(got[4]) * time.Millisecond
	attempts := int64(s.cfg.Attempts)
	switch {
	case tries < attempts:
		return ""
	case gaps >= 2:
		return "the channel delivers to others"
	case tries < 2*attempts || healthy > 0:
		return ""
	case refused >= time.Duration(s.cfg.GiveUpAfter):
		return "one of the last ones left, refused for twice its attempts and longer than give_up_after"
	}
	s.refusing(ctx, id, channel)
	return ""
}

// refusing notes on the campaign that it waits on the channel only for
// recipients the platform keeps refusing (givenUp), for the console.
func (s *Service) refusing(ctx context.Context, id, channel string) {
	if err := s.sc.refusing.Run(ctx, s.rdb, []string{s.ckey(id, "meta")}, channel, s.paceNow()).Err(); err != nil {
		s.log.Warn("broadcast: noting a campaign waits on refused recipients", "campaign", id, "channel", channel, "err", err)
	}
}

// triedGaps is the field of a campaign's tried hash that counts the gaps
// in a row between a recipient's 5xx answers in which the channel
// delivered.
func triedGaps(ck string) string { return "g:" + ck }

// triedFirst is the field of a campaign's tried hash that keeps the time
// of a recipient's first 5xx (ms, the pacing clock).
func triedFirst(ck string) string { return "t:" + ck }

// triedCount is the field of a campaign's tried hash that counts a
// recipient's 5xx answers (the tried script reads the others' by the
// same "n:" prefix); the recipient's own field holds the channel's send
// number (sendSeq) at the latest.
func triedCount(ck string) string { return "n:" + ck }

// seqKey numbers the channel's campaign sends as they are claimed, in
// every campaign and process (sendSeq); deliveredKey keeps the highest
// number of those delivered. What givenUp compares a recipient's failures
// with. Per channel, not per campaign: another campaign's deliveries show
// the platform works as well as the same campaign's do.
func (s *Service) seqKey(channel string) string {
	return s.keys.Global("bc:{pace:" + channel + "}:seq")
}

func (s *Service) deliveredKey(channel string) string {
	return s.keys.Global("bc:{pace:" + channel + "}:delivered")
}

// recordRetryFor bounds how long the outcome of a send is tried again
// while Redis is away: long enough for a failover, after which the
// recipient stays "sending" (unknown) in the report.
const recordRetryFor = 30 * time.Second

// runRetrying runs a script that records a send (finish, requeue: both do
// nothing when run twice) and runs it again while Redis is away, so that
// a failover does not leave a delivered notice unknown.
func (s *Service) runRetrying(ctx context.Context, sc *redis.Script, keys []string, args ...any) *redis.Cmd {
	deadline := time.Now().Add(recordRetryFor)
	wait := pacingRetryMin
	for {
		cmd := sc.Run(ctx, s.rdb, keys, args...)
		if !store.Unavailable(cmd.Err()) || time.Now().After(deadline) || !sleepCtx(ctx, wait) {
			return cmd
		}
		wait = min(2*wait, pacingRetryMax)
	}
}

// waitPause waits while this process knows the channel is paused after a
// 429; false when ctx ended.
func (s *Service) waitPause(ctx context.Context, channel string) bool {
	for {
		s.mu.Lock()
		until := s.pausedUntil[channel]
		s.mu.Unlock()
		if !until.After(s.pacing.Now()) {
			return true
		}
		// Until the pause's end, not for what is left of it: the pacer
		// waits for the same end (pacing.SleepUntil).
		if !s.pacing.SleepUntil(ctx, until) {
			return false
		}
	}
}
