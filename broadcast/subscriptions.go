package broadcast

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
)

// allTopics is the topic of a bot.Subscribed that stops all ("stop").
const allTopics = "*"

// A contact's subscription hash (keys.ContactKey(contact, "bsub")):
//
//	t:<topic>  "1" for each topic subscribed
//	l          language of the last subscription change
//	s          Unix time of the last event seen from the contact
//	a:<area>   "1" for each need area reached since subscribing
//	d:<desk>   "1" for each desk booked at since subscribing
//	un         "1" once a send found them unreachable, until they write
//	rc, rt     the last campaign sent to them and when (for replies)
//
// The hash exists only while at least one topic is on: areas and activity
// are kept only for subscribers and go with the subscription.
type subscriber struct {
	contact     bot.Contact
	lang        string
	topics      map[string]bool
	areas       map[string]bool
	desks       map[string]bool
	seen        time.Time
	unreachable bool
	lastCamp    string
	lastSent    time.Time
}

func parseSubscriber(c bot.Contact, h map[string]string) subscriber {
	s := subscriber{contact: c, lang: h["l"], topics: map[string]bool{}, areas: map[string]bool{}, desks: map[string]bool{}, unreachable: h["un"] == "1", lastCamp: h["rc"]}
	for k := range h {
		if t, ok := strings.CutPrefix(k, "t:"); ok {
			s.topics[t] = true
		}
		if a, ok := strings.CutPrefix(k, "a:"); ok {
			s.areas[a] = true
		}
		if d, ok := strings.CutPrefix(k, "d:"); ok {
			s.desks[d] = true
		}
	}
	if n, err := strconv.ParseInt(h["s"], 10, 64); err == nil {
		s.seen = time.Unix(n, 0)
	}
	if n, err := strconv.ParseInt(h["rt"], 10, 64); err == nil {
		s.lastSent = time.Unix(n, 0)
	}
	return s
}

func (s *Service) subKey(c bot.Contact) string { return s.keys.ContactKey(c.Key(), "bsub") }

func (s *Service) topicKey(topic string) string { return s.keys.Global("bc:topic:" + topic) }

// Subscription returns the topics a contact is subscribed to.
func (s *Service) Subscription(ctx context.Context, c bot.Contact) ([]string, error) {
	h, err := s.rdb.HGetAll(ctx, s.subKey(c)).Result()
	if err != nil {
		return nil, fmt.Errorf("broadcast: reading subscription: %w", err)
	}
	sub := parseSubscriber(c, h)
	var out []string
	for _, t := range Topics() {
		if sub.topics[t] {
			out = append(out, t)
		}
	}
	return out, nil
}

// HandleEvent implements bot.EventSink: it stores subscription changes,
// the need areas subscribers reach, and counts replies to campaigns. Every
// step is idempotent (sets, hash fields), so a redelivered event is
// harmless.
func (s *Service) HandleEvent(ctx context.Context, c bot.Contact, e bot.Event) error {
	// A subscription change, or activity of the person: a need area
	// reached, a desk booked at.
	var change *bot.Subscribed
	var area, desk string
	switch e := e.(type) {
	case bot.Subscribed:
		change = &e
	case bot.NeedReached:
		area = e.Area
	case bot.Booked:
		desk = e.Desk
	default:
		return nil
	}
	key := s.subKey(c)
	h, err := s.rdb.HGetAll(ctx, key).Result()
	if err != nil {
		return fmt.Errorf("broadcast: reading subscription: %w", err)
	}
	sub := parseSubscriber(c, h)
	now := s.clock()
	if err := s.countReply(ctx, sub, change != nil && !change.On, now); err != nil {
		return err
	}
	if change == nil {
		if len(sub.topics) == 0 {
			return nil
		}
		p := s.rdb.TxPipeline()
		p.HSet(ctx, key, "s", now.Unix())
		p.HDel(ctx, key, "un") // they wrote: reachable again
		if area != "" {
			p.HSet(ctx, key, "a:"+area, "1")
		}
		if desk != "" {
			p.HSet(ctx, key, "d:"+desk, "1")
		}
		p.Expire(ctx, key, time.Duration(s.cfg.Retention))
		_, err := p.Exec(ctx)
		return wrap("storing activity", err)
	}
	topic := change.Topic
	if change.On {
		if !validTopic(topic) {
			return nil
		}
		p := s.rdb.TxPipeline()
		p.HSet(ctx, key, "t:"+topic, "1", "s", now.Unix())
		if l := change.Lang; l != "" {
			p.HSet(ctx, key, "l", l)
		}
		p.HDel(ctx, key, "un")
		p.Expire(ctx, key, time.Duration(s.cfg.Retention))
		if _, err := p.Exec(ctx); err != nil {
			return wrap("subscribing", err)
		}
		return wrap("indexing subscription", s.rdb.SAdd(ctx, s.topicKey(topic), c.Key()).Err())
	}
	off := []string{topic}
	if topic == allTopics {
		off = Topics()
	}
	left := 0
	for t := range sub.topics {
		if !contains(off, t) {
			left++
		}
	}
	p := s.rdb.TxPipeline()
	if left == 0 {
		p.Del(ctx, key)
	} else {
		for _, t := range off {
			p.HDel(ctx, key, "t:"+t)
		}
		p.Expire(ctx, key, time.Duration(s.cfg.Retention))
	}
	if _, err := p.Exec(ctx); err != nil {
		return wrap("unsubscribing", err)
	}
	for _, t := range off {
		if err := s.rdb.SRem(ctx, s.topicKey(t), c.Key()).Err(); err != nil {
			return wrap("unindexing subscription", err)
		}
	}
	return nil
}

// countReply records, for the contact's last campaign, a message within
// the reply window. Replies are what the conversation reports: a need
// area reached or a subscription change; other messages (free text that
// leads nowhere) leave no event and are not counted. An unsubscription
// in the window (unsubscribing) is counted apart.
func (s *Service) countReply(ctx context.Context, sub subscriber, unsubscribing bool, now time.Time) error {
	if sub.lastCamp == "" || now.Sub(sub.lastSent) > time.Duration(s.cfg.ReplyWindow) || now.Before(sub.lastSent) {
		return nil
	}
	ck := sub.contact.Key()
	p := s.rdb.Pipeline()
	replied := p.SAdd(ctx, s.ckey(sub.lastCamp, "replied"), ck)
	var unsub *redis.IntCmd
	if unsubscribing {
		unsub = p.SAdd(ctx, s.ckey(sub.lastCamp, "unsub"), ck)
	}
	if _, err := p.Exec(ctx); err != nil {
		return wrap("counting reply", err)
	}
	// Counted the first time only: events can be delivered again.
	if replied.Val() == 1 {
		s.count(ctx, sub.contact.Channel, sub.lang, "replied")
	}
	if unsub != nil && unsub.Val() == 1 {
		s.count(ctx, sub.contact.Channel, sub.lang, "unsubscribed")
	}
	return nil
}

// Erase implements bot.Eraser: the subscription, its areas, and the
// contact's entries in every campaign's recipients and reply sets.
func (s *Service) Erase(ctx context.Context, c bot.Contact) error {
	ck := c.Key()
	if err := s.rdb.Del(ctx, s.subKey(c)).Err(); err != nil {
		return wrap("erasing subscription", err)
	}
	for _, t := range Topics() {
		if err := s.rdb.SRem(ctx, s.topicKey(t), ck).Err(); err != nil {
			return wrap("erasing subscription index", err)
		}
	}
	ids, err := s.rdb.ZRange(ctx, s.campaignsKey(), 0, -1).Result()
	if err != nil {
		return wrap("listing campaigns", err)
	}
	for _, id := range ids {
		p := s.rdb.Pipeline()
		// The campaign's counters keep the figures; the list of who got
		// it loses the person.
		p.HDel(ctx, s.ckey(id, "r"), ck)
		p.HDel(ctx, s.ckey(id, "tried"), ck, triedCount(ck), triedGaps(ck), triedFirst(ck))
		p.HDel(ctx, s.ckey(id, "flight"), ck)
		p.SRem(ctx, s.ckey(id, "replied"), ck)
		p.SRem(ctx, s.ckey(id, "unsub"), ck)
		if _, err := p.Exec(ctx); err != nil {
			return wrap("erasing campaign recipient", err)
		}
	}
	return nil
}

// subscribers calls fn for every subscriber of topic, in batches.
func (s *Service) subscribers(ctx context.Context, topic string, fn func(subscriber) error) error {
	var cursor uint64
	for {
		cks, next, err := s.rdb.SScan(ctx, s.topicKey(topic), cursor, "", 500).Result()
		if err != nil {
			return wrap("listing subscribers", err)
		}
		p := s.rdb.Pipeline()
		cmds := make([]*redis.MapStringStringCmd, len(cks))
		for i, ck := range cks {
			cmds[i] = p.HGetAll(ctx, s.keys.ContactKey(ck, "bsub"))
		}
		if len(cks) > 0 {
			if _, err := p.Exec(ctx); err != nil {
				return wrap("reading subscribers", err)
			}
		}
		var expired []any
		for i, ck := range cks {
			ch, id, ok := strings.Cut(ck, ":")
			if !ok || len(cmds[i].Val()) == 0 {
				// The subscription expired with the retention: the
				// index entry goes too.
				expired = append(expired, ck)
				continue
			}
			if err := fn(parseSubscriber(bot.Contact{Channel: ch, ID: id}, cmds[i].Val())); err != nil {
				return err
			}
		}
		if len(expired) > 0 {
			if err := s.rdb.SRem(ctx, s.topicKey(topic), expired...).Err(); err != nil {
				return wrap("pruning expired subscriptions", err)
			}
		}
		cursor = next
		if cursor == 0 {
			return nil
		}
	}
}

func validTopic(t string) bool { return contains(Topics(), t) }

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

func wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("broadcast: %s: %w", what, err)
}
