package booking

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
)

// The waiting list. A person who found nothing free joins the list of a
// desk's service. When a place of that service frees (a cancellation, a
// move, a freed block) the place is recorded in booking:freed; whichever
// process claims the record (the claim is atomic) holds the place in the
// day's keys and offers it to the first person of the list, who has
// WaitingOffer to accept it. A place held counts as taken, so nobody else
// can book it meanwhile. When the offer is declined or expires the hold is
// released (once: releasing and booking both remove the hold field, and
// only one of them can) and the place is recorded as freed again, for the
// next person.
//
// A process that dies between taking a person off the list and writing
// the offer loses that person's turn; one that dies holding a place
// without an offer leaves it to the expiry, which releases it; one that
// dies between a cancellation and its record in booking:freed leaves the
// place free for anyone, just not offered. Offers go out at Run's next
// round (PollEvery), not within the cancelling turn. Days that enter the
// booking horizon are not offered to the list: people see them when they
// look again.

// offer is a place offered to a person of the waiting list.
type offer struct {
	ID      string      `json:"id"`
	Desk    string      `json:"desk"`
	Svc     string      `json:"svc"`
	Start   time.Time   `json:"start"`
	Expires time.Time   `json:"exp"`
	Contact bot.Contact `json:"c,omitzero"`
	Lang    string      `json:"lang,omitempty"`
}

func (o offer) hold() string { return "h|" + slotField(o.Svc, o.Start) + "|" + o.ID }

func (s *Service) waitKey(deskID, svc string) string {
	return s.keys.Global("booking:wait:{" + deskID + ":" + svc + "}")
}
func (s *Service) waitLangKey(deskID, svc string) string {
	return s.keys.Global("booking:waitlang:{" + deskID + ":" + svc + "}")
}
func (s *Service) offerKey(id string) string { return s.keys.Global("booking:offer:" + id) }

// popScript takes the first person off a waiting list: KEYS list,
// languages. It returns {contact key, language} or nil.
var popScript = redis.NewScript(`
local m = redis.call('ZPOPMIN', KEYS[1])
if #m == 0 then return false end
local l = redis.call('HGET', KEYS[2], m[1]) or ''
redis.call('HDEL', KEYS[2], m[1])
return {m[1], l}
`)

// holdScript holds a place for an offer: KEYS taken, blocks; ARGV slot
// field, capacity, hold field, expiry, start, end, seconds to live. 1 when
// held, 0 when the slot is full or blocked.
var holdScript = redis.NewScript(`
local s, e = tonumber(ARGV[5]), tonumber(ARGV[6])
for _, b in ipairs(redis.call('HKEYS', KEYS[2])) do
  local f, t = string.match(b, '^(%d+)-(%d+)$')
  if f and tonumber(f) < e and tonumber(t) > s then return 0 end
end
local n = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if n >= tonumber(ARGV[2]) then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('HSET', KEYS[1], ARGV[3], ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[7])
return 1
`)

// releaseScript gives a held place back: KEYS taken; ARGV hold field, slot
// field. 1 when released, 0 when the hold was already used or released.
var releaseScript = redis.NewScript(`
if redis.call('HDEL', KEYS[1], ARGV[1]) == 0 then return 0 end
if redis.call('HINCRBY', KEYS[1], ARGV[2], -1) <= 0 then redis.call('HDEL', KEYS[1], ARGV[2]) end
return 1
`)

// JoinWaitlist puts the person on the waiting list of a desk's service
// ("area.topic"); joining again keeps their place.
func (s *Service) JoinWaitlist(ctx context.Context, c bot.Contact, lang, deskID, service string) error {
	d := s.desks[deskID]
	if d == nil {
		return ErrUnavailable
	}
	if _, ok := d.offering(service); !ok {
		return ErrUnavailable
	}
	now := s.clock()
	ttl := time.Duration(s.cfg.HorizonDays+1) * 24 * time.Hour
	pipe := s.rdb.TxPipeline()
	pipe.ZAddNX(ctx, s.waitKey(deskID, service), redis.Z{Score: float64(now.UnixMilli()), Member: c.Key()})
	pipe.HSet(ctx, s.waitLangKey(deskID, service), c.Key(), lang)
	pipe.Expire(ctx, s.waitKey(deskID, service), ttl)
	pipe.Expire(ctx, s.waitLangKey(deskID, service), ttl)
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("waiting list: %w", err)
	}
	return nil
}

// Waitlist lists the contacts waiting for a desk's service, first first.
func (s *Service) Waitlist(ctx context.Context, deskID, service string) ([]bot.Contact, error) {
	ms, err := s.rdb.ZRange(ctx, s.waitKey(deskID, service), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("waiting list: %w", err)
	}
	out := make([]bot.Contact, 0, len(ms))
	for _, m := range ms {
		out = append(out, contactOf(m))
	}
	return out, nil
}

// leaveWaitlists takes the person off every waiting list (erasure).
func (s *Service) leaveWaitlists(ctx context.Context, c bot.Contact) error {
	pipe := s.rdb.Pipeline()
	for _, d := range s.order {
		for _, o := range d.Services {
			pipe.ZRem(ctx, s.waitKey(d.ID, o.Key()), c.Key())
			pipe.HDel(ctx, s.waitLangKey(d.ID, o.Key()), c.Key())
		}
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("erase waiting lists: %w", err)
	}
	return nil
}

func contactOf(key string) bot.Contact {
	ch, id, _ := strings.Cut(key, ":")
	return bot.Contact{Channel: ch, ID: id}
}

// freed records that a place of svc at start became free, when someone
// waits for it; the next OfferFreed of any process offers it.
func (s *Service) freed(ctx context.Context, d *desk, svc string, start time.Time) {
	o, ok := d.offering(svc)
	if !ok || !s.bookable(d, o, start, s.clock(), false) {
		return
	}
	n, err := s.rdb.ZCard(ctx, s.waitKey(d.ID, svc)).Result()
	if err != nil || n == 0 {
		return
	}
	member := d.ID + "|" + svc + "|" + strconv.FormatInt(start.Unix(), 10) + "|" + newCode()
	if err := s.rdb.ZAdd(ctx, s.keys.Global("booking:freed"), redis.Z{Score: float64(s.clock().Unix()), Member: member}).Err(); err != nil {
		s.log.Warn("booking: recording a freed place", "err", err)
	}
}

// OfferFreed ends the offers that expired (their places go to the next
// person) and offers the places freed to the waiting lists. It returns
// the number of offers sent. Run calls it; each record is claimed by one
// process only.
func (s *Service) OfferFreed(ctx context.Context) (int, error) {
	now := s.clock()
	expired, err := claimScript.Run(ctx, s.rdb, []string{s.keys.Global("booking:offers")}, now.Unix(), 1000).StringSlice()
	if err != nil {
		return 0, fmt.Errorf("claim offers: %w", err)
	}
	for _, id := range expired {
		if o, err := s.loadOffer(ctx, id); err == nil {
			s.release(ctx, o)
		}
	}
	sent := 0
	freed := s.keys.Global("booking:freed")
	for {
		now := s.clock()
		due, err := leaseClaimScript.Run(ctx, s.rdb, []string{freed}, now.Unix(), 100, now.Add(freedLease).Unix()).StringSlice()
		if err != nil {
			return sent, fmt.Errorf("claim freed places: %w", err)
		}
		for _, m := range due {
			n, err := s.offerFreed(ctx, m)
			sent += n
			if err != nil {
				// Left in the schedule: offered again once the lease ends.
				return sent, err
			}
			if err := s.rdb.ZRem(ctx, freed, m).Err(); err != nil {
				return sent, fmt.Errorf("done with a freed place: %w", err)
			}
		}
		if len(due) < 100 {
			return sent, nil
		}
	}
}

// freedLease is how long a process has to offer a freed place before
// another takes the record again.
const freedLease = 2 * time.Minute

// offerFreed offers one freed place record ("desk|service|unix|nonce") to
// its waiting list; a record that no longer makes sense (a desk or service
// gone from the configuration) is done with.
func (s *Service) offerFreed(ctx context.Context, m string) (int, error) {
	parts := strings.Split(m, "|")
	if len(parts) != 4 {
		return 0, nil
	}
	unix, _ := strconv.ParseInt(parts[2], 10, 64)
	d := s.desks[parts[0]]
	if d == nil {
		return 0, nil
	}
	o, ok := d.offering(parts[1])
	if !ok {
		return 0, nil
	}
	return s.offerSlot(ctx, d, o, time.Unix(unix, 0))
}

// offerSlot offers the free places of a slot to the waiting list, one
// person per place.
func (s *Service) offerSlot(ctx context.Context, d *desk, o Offering, start time.Time) (int, error) {
	sent := 0
	day := d.day(start)
	for {
		now := s.clock()
		if !s.bookable(d, o, start, now, false) {
			return sent, nil
		}
		expires := now.Add(time.Duration(s.cfg.WaitingOffer))
		if latest := start.Add(-time.Duration(s.cfg.MinNotice)); latest.Before(expires) {
			expires = latest
		}
		if !expires.After(now) {
			return sent, nil
		}
		n, err := s.rdb.ZCard(ctx, s.waitKey(d.ID, o.Key())).Result()
		if err != nil || n == 0 {
			return sent, err
		}
		of := offer{ID: newCode() + newCode(), Desk: d.ID, Svc: o.Key(), Start: start.UTC(), Expires: expires.UTC()}
		// The offer is on record before the place is held, so a crash
		// after holding leaves the expiry to release it.
		if err := s.saveOffer(ctx, of, now); err != nil {
			return sent, err
		}
		if err := s.rdb.ZAdd(ctx, s.keys.Global("booking:offers"), redis.Z{Score: float64(expires.Unix()), Member: of.ID}).Err(); err != nil {
			return sent, fmt.Errorf("offer: %w", err)
		}
		ttl := int64((start.Sub(now) + dayRetention) / time.Second)
		held, err := holdScript.Run(ctx, s.rdb, []string{dayKey(s.keys, d.ID, day, "taken"), dayKey(s.keys, d.ID, day, "blocks")},
			slotField(o.Key(), start), o.Capacity, of.hold(), expires.Unix(), start.Unix(), start.Add(time.Duration(o.Duration)).Unix(), ttl).Int()
		if err != nil || held == 0 {
			s.dropOffer(ctx, of.ID)
			if err != nil {
				return sent, fmt.Errorf("hold a place: %w", err)
			}
			return sent, nil
		}
		who, err := popScript.Run(ctx, s.rdb, []string{s.waitKey(d.ID, o.Key()), s.waitLangKey(d.ID, o.Key())}).StringSlice()
		if errors.Is(err, redis.Nil) || err == nil && len(who) != 2 {
			s.releaseHold(ctx, of)
			s.dropOffer(ctx, of.ID)
			return sent, nil
		}
		if err != nil {
			// The expiry releases the place.
			return sent, fmt.Errorf("waiting list: %w", err)
		}
		of.Contact, of.Lang = contactOf(who[0]), who[1]
		if !s.cat.Supported(of.Lang) {
			of.Lang = s.cat.Default()
		}
		if err := s.saveOffer(ctx, of, now); err != nil {
			return sent, err
		}
		if err := s.sendOffer(ctx, of); err != nil {
			// Not reached: the offer runs out and the place goes on.
			s.log.Warn("booking: waiting-list offer not delivered", "contact", of.Contact.String(), "err", err)
			continue
		}
		sent++
	}
}

func (s *Service) saveOffer(ctx context.Context, of offer, now time.Time) error {
	js, _ := json.Marshal(of)
	if err := s.rdb.Set(ctx, s.offerKey(of.ID), js, of.Expires.Sub(now)+time.Hour).Err(); err != nil {
		return fmt.Errorf("offer: %w", err)
	}
	return nil
}

func (s *Service) loadOffer(ctx context.Context, id string) (offer, error) {
	js, err := s.rdb.Get(ctx, s.offerKey(id)).Bytes()
	if errors.Is(err, redis.Nil) {
		return offer{}, errHoldGone
	}
	if err != nil {
		return offer{}, fmt.Errorf("offer: %w", err)
	}
	var of offer
	if err := json.Unmarshal(js, &of); err != nil {
		return offer{}, fmt.Errorf("offer %s: %w", id, err)
	}
	return of, nil
}

func (s *Service) dropOffer(ctx context.Context, id string) {
	pipe := s.rdb.Pipeline()
	pipe.Del(ctx, s.offerKey(id))
	pipe.ZRem(ctx, s.keys.Global("booking:offers"), id)
	if _, err := pipe.Exec(ctx); err != nil {
		s.log.Warn("booking: dropping an offer", "err", err)
	}
}

// releaseHold gives the place back; true when this call did.
func (s *Service) releaseHold(ctx context.Context, of offer) bool {
	d := s.desks[of.Desk]
	if d == nil {
		return false
	}
	n, err := releaseScript.Run(ctx, s.rdb, []string{dayKey(s.keys, d.ID, d.day(of.Start), "taken")}, of.hold(), slotField(of.Svc, of.Start)).Int()
	if err != nil {
		s.log.Warn("booking: releasing a held place", "err", err)
	}
	return n == 1
}

// release ends an offer not taken: the place goes to the next person.
func (s *Service) release(ctx context.Context, of offer) {
	if s.releaseHold(ctx, of) {
		if d := s.desks[of.Desk]; d != nil {
			s.freed(ctx, d, of.Svc, of.Start)
		}
	}
	s.dropOffer(ctx, of.ID)
}

func (s *Service) sendOffer(ctx context.Context, of offer) error {
	if s.out == nil {
		return errors.New("no outbound path")
	}
	lang := of.Lang
	a := Appointment{Desk: of.Desk, Service: of.Svc, Start: of.Start}
	text := s.msg(lang, "booking.offer") + "\n\n" + s.details(lang, a, "")
	if d := s.desks[of.Desk]; d != nil {
		// The date too: an offer can be answered until the next day, and
		// "answer by: 14:30" alone leaves the person guessing which.
		exp := of.Expires.In(d.loc)
		text += "\n\n" + s.cat.Labelled(lang, s.msg(lang, "booking.label.answer_by"), s.formatDate(lang, exp)+" "+s.formatTime(lang, exp))
	}
	return s.out.Send(ctx, of.Contact, dispatch.Outbound{From: From, Reply: bot.Reply{
		Text: text,
		RTL:  s.rtl(lang),
		Choices: []bot.Choice{
			{ID: choiceOfferYes + of.ID, Label: s.msg(lang, "booking.offer_yes")},
			{ID: choiceOfferNo + of.ID, Label: s.msg(lang, "booking.offer_no")},
		},
	}})
}

// AcceptOffer books the place offered to the person.
func (s *Service) AcceptOffer(ctx context.Context, c bot.Contact, id string) (Appointment, error) {
	of, err := s.loadOffer(ctx, id)
	if err != nil {
		return Appointment{}, err
	}
	if of.Contact != c || !s.clock().Before(of.Expires) {
		return Appointment{}, errHoldGone
	}
	d := s.desks[of.Desk]
	if d == nil {
		return Appointment{}, errHoldGone
	}
	o, ok := d.offering(of.Svc)
	if !ok {
		return Appointment{}, errHoldGone
	}
	a, err := s.book(ctx, d, o, bookReq{contact: c, lang: of.Lang, start: of.Start, hold: of.hold()})
	if errors.Is(err, ErrSameTime) {
		s.release(ctx, of)
		return Appointment{}, err
	}
	if err != nil {
		return Appointment{}, err
	}
	s.dropOffer(ctx, of.ID)
	return a, nil
}

// DeclineOffer gives the place offered to the next person; the person
// leaves the waiting list.
func (s *Service) DeclineOffer(ctx context.Context, c bot.Contact, id string) error {
	of, err := s.loadOffer(ctx, id)
	if err != nil {
		return err
	}
	if of.Contact != c {
		return errHoldGone
	}
	s.release(ctx, of)
	return nil
}
