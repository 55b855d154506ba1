package booking

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/store"
)

// Redis keys of this package (prefix "fd:" by default):
//
//	{booking:<desk>:<date>}:taken  hash: "<offering>@<unix>" -> people booked;
//	                               "w|<offering>@<unix>|<contact>" -> code
//	{booking:<desk>:<date>}:appts  hash: code -> Appointment JSON
//	{booking:<desk>:<date>}:blocks hash: "<from unix>-<to unix>" -> staff note
//	{booking:<desk>:<date>}:marks  hash: code -> attended | no_show
//	  (taken also holds "h|<offering>@<unix>|<offer>" -> expiry: a place
//	  held for a waiting-list offer, counted in the slot's number)
//	booking:wait:{<desk>:<offering>}   zset: waiting contacts by join time
//	booking:waitlang:{<desk>:<offering>} hash: contact -> language
//	booking:freed                  zset: "<desk>|<offering>|<unix>|<nonce>" places freed
//	booking:offers                 zset: offer id by expiry Unix time
//	booking:offer:<id>             a waiting-list offer (JSON)
//	booking:code:<CODE>            "<desk> <date>": where an appointment lives
//	booking:reminders              zset: "<CODE>|<i>" by due Unix time, or
//	                               lease end once claimed (reminders.go)
//	booking:reminded:<CODE>|<i>    set when that reminder was delivered
//	{s}:booking:mine:<contact>     zset: the contact's codes by start time
//	{s}:booking:dlg:<contact>      the booking dialogue in progress (JSON)
//	{s}:booking:lang:<contact>     the language the person changed to after booking (reminders)
//
// The two keys of one desk and day share a hash tag, so the booking script
// (capacity check, count, record) runs on one Cluster slot, atomically.
// Day keys expire dayRetention after the day, code keys with them.
const dayRetention = 35 * 24 * time.Hour

// Errors of booking and cancelling.
var (
	// ErrTaken: the slot was full by the time the booking reached Redis.
	ErrTaken = errors.New("booking: slot taken")
	// ErrSameTime: the person already has an appointment in that slot.
	ErrSameTime = errors.New("booking: already booked at that time")
	// ErrNotFound: no such appointment (or not the person's).
	ErrNotFound = errors.New("booking: appointment not found")
	// ErrStarted: the person cannot cancel or move an appointment that has
	// started: it may have been attended, and counting it as cancelled
	// would skew the statistics.
	ErrStarted = errors.New("booking: the appointment has started")
	// ErrUnavailable: not a slot of the desk, or too soon, or past.
	ErrUnavailable = errors.New("booking: not a bookable time")
	// ErrBlocked: the staff blocked that time.
	ErrBlocked = errors.New("booking: the desk blocked this time")
	// errHoldGone: the waiting-list offer this booking relied on expired.
	errHoldGone = errors.New("booking: the offer has ended")
)

// DeskChannel is the Contact.Channel of appointments the staff booked for
// a person without a chat (a phone call, a walk-in): no reminders, no
// index of "my appointments".
const DeskChannel = "desk"

// Statuses given to the Recorder, and marks of the staff.
const (
	StatusBooked    = "booked"
	StatusCancelled = "cancelled"
	StatusAttended  = "attended"
	StatusNoShow    = "no_show"
)

// Appointment is one booking.
type Appointment struct {
	Code    string      `json:"code"`
	Desk    string      `json:"desk"`
	Service string      `json:"svc"` // Offering.Key()
	Start   time.Time   `json:"start"`
	Minutes int         `json:"min"`
	Contact bot.Contact `json:"c"`
	Lang    string      `json:"lang"`
	Booked  time.Time   `json:"at"`
	// Name and Note are what the staff wrote when booking for someone.
	Name string `json:"name,omitempty"`
	Note string `json:"note,omitempty"`
	// By is the operator who booked it, empty when the person did.
	By string `json:"by,omitempty"`
	// From is the code of the appointment this one replaced (a move): it
	// lets a move stopped after the booking be finished, not repeated.
	From string `json:"from,omitempty"`
	// Status is the staff's mark (StatusAttended, StatusNoShow) or empty;
	// kept apart from the JSON so marking never rewrites the booking.
	Status string `json:"-"`
}

// Area is the triage area of the appointment's service.
func (a Appointment) Area() string { area, _, _ := strings.Cut(a.Service, "."); return area }

// ByDesk says the staff booked it for a person without a chat.
func (a Appointment) ByDesk() bool { return a.Contact.Channel == DeskChannel }

// End is when the appointment is over.
func (a Appointment) End() time.Time { return a.Start.Add(time.Duration(a.Minutes) * time.Minute) }

func dayKey(k store.Keys, deskID, day, name string) string {
	return k.Global("{booking:" + deskID + ":" + day + "}:" + name)
}
func slotField(svc string, t time.Time) string { return svc + "@" + strconv.FormatInt(t.Unix(), 10) }

// bookScript books one place: KEYS taken, appts, blocks; ARGV slot field,
// capacity, code, appointment JSON, who field ("" for the desk's own
// bookings), seconds to live (from the service's clock, not Redis', so a
// clock passed in stays consistent), start and end Unix times, hold field
// ("" unless a waiting-list offer holds the place). It returns 1 when
// booked (also when this very code already is: a retried call), 0 when the
// slot is full, -1 when the person already holds the slot, -2 when the
// hold is gone, -3 when the staff blocked the time, -4 when the booking
// was given up (abandonScript) before the script reached Redis.
var bookScript = redis.NewScript(`
if redis.call('HEXISTS', KEYS[2], ARGV[3]) == 1 then return 1 end
if redis.call('HEXISTS', KEYS[1], 'x|' .. ARGV[3]) == 1 then return -4 end
if ARGV[5] ~= '' and redis.call('HEXISTS', KEYS[1], ARGV[5]) == 1 then return -1 end
if ARGV[9] ~= '' then
  if redis.call('HDEL', KEYS[1], ARGV[9]) == 0 then return -2 end
else
  local s, e = tonumber(ARGV[7]), tonumber(ARGV[8])
  for _, b in ipairs(redis.call('HKEYS', KEYS[3])) do
    local f, t = string.match(b, '^(%d+)-(%d+)$')
    if f and tonumber(f) < e and tonumber(t) > s then return -3 end
  end
  local n = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
  if n >= tonumber(ARGV[2]) then return 0 end
  redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
end
if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], ARGV[5], ARGV[3]) end
redis.call('HSET', KEYS[2], ARGV[3], ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[6])
redis.call('EXPIRE', KEYS[2], ARGV[6])
return 1
`)

// abandonScript settles a booking whose script failed in the client (a
// timeout, a cancelled context), which may or may not have run: KEYS
// taken, appts; ARGV code, seconds to live. It returns 1 when the booking
// was recorded; otherwise it marks the code given up ("x|<code>" in
// taken), so the script arriving late books nothing, and returns 0. Only
// then may the code and the person's index be undone.
var abandonScript = redis.NewScript(`
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then return 1 end
redis.call('HSET', KEYS[1], 'x|' .. ARGV[1], 1)
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 0
`)

// cancelScript frees a place: KEYS taken, appts; ARGV code, slot field, who
// field. 1 when cancelled, 0 when there was nothing to cancel.
var cancelScript = redis.NewScript(`
if redis.call('HDEL', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('HDEL', KEYS[1], ARGV[3])
if redis.call('HINCRBY', KEYS[1], ARGV[2], -1) <= 0 then redis.call('HDEL', KEYS[1], ARGV[2]) end
return 1
`)

// claimScript takes the waiting-list records due: KEYS zset; ARGV now,
// limit. Removing them in the script is the claim: one process gets each.
var claimScript = redis.NewScript(`
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, m in ipairs(due) do redis.call('ZREM', KEYS[1], m) end
return due
`)

// codeAlphabet has no 0/O, 1/I/L: codes are read aloud and typed.
const codeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

func newCode() string {
	b := make([]byte, 6)
	rand.Read(b)
	for i := range b {
		b[i] = codeAlphabet[int(b[i])%len(codeAlphabet)]
	}
	return string(b)
}

// bookReq is what a booking needs beyond the desk and the offering.
type bookReq struct {
	contact        bot.Contact
	lang           string
	start          time.Time
	name, note, by string
	hold           string // the hold field of a waiting-list offer
	from           string // the code of the appointment this one replaces
}

// book records an appointment atomically. The code and the person's index
// are written before the slot is taken, so a crash in between leaves an
// index entry pointing at nothing (ignored when listed), never a taken
// place nobody can see or cancel.
func (s *Service) book(ctx context.Context, d *desk, o Offering, q bookReq) (Appointment, error) {
	now := s.clock()
	c, start := q.contact, q.start
	staff := c.Channel == DeskChannel
	if !s.bookable(d, o, start, now, staff) {
		return Appointment{}, ErrUnavailable
	}
	day := d.day(start)
	a := Appointment{Desk: d.ID, Service: o.Key(), Start: start.UTC(), Minutes: int(time.Duration(o.Duration) / time.Minute),
		Contact: c, Lang: q.lang, Booked: now.UTC(), Name: q.name, Note: q.note, By: q.by, From: q.from}
	code, err := s.reserveCode(ctx, d.ID, day, start.Sub(now)+dayRetention)
	if err != nil {
		return Appointment{}, err
	}
	a.Code = code
	mine := s.keys.ContactKey(c.Key(), "booking:mine")
	who := ""
	if !staff {
		if err := s.index(ctx, mine, a.Code, start, now); err != nil {
			return Appointment{}, err
		}
		who = "w|" + slotField(o.Key(), start) + "|" + c.Key()
	}
	js, _ := json.Marshal(a)
	slot := slotField(o.Key(), start)
	expire := int64((start.Sub(now) + dayRetention) / time.Second)
	taken, appts := dayKey(s.keys, d.ID, day, "taken"), dayKey(s.keys, d.ID, day, "appts")
	r, err := bookScript.Run(ctx, s.rdb, []string{taken, appts, dayKey(s.keys, d.ID, day, "blocks")},
		slot, o.Capacity, a.Code, js, who, expire, start.Unix(), a.End().Unix(), q.hold).Int()
	if err != nil {
		// The script may have run before the error: find out before
		// undoing anything, or the place would stay taken by an
		// appointment nobody can find. The caller's context may be the
		// very cause, so this runs on one of its own.
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), settleTimeout)
		defer cancel()
		ctx = sctx
		booked, serr := abandonScript.Run(ctx, s.rdb, []string{taken, appts}, a.Code, expire).Int()
		if serr != nil {
			// Unknown: the code and the index stay, harmless if it
			// was not booked.
			return Appointment{}, fmt.Errorf("book: %w; whether it was recorded is unknown: %w", err, serr)
		}
		if booked != 1 {
			s.unreserve(ctx, a, mine)
			return Appointment{}, fmt.Errorf("book: %w", err)
		}
		r = 1
	}
	if r == 1 {
		s.afterBooking(ctx, a, o, now)
		return a, nil
	}
	s.unreserve(ctx, a, mine)
	switch r {
	case -1:
		return Appointment{}, ErrSameTime
	case -2:
		return Appointment{}, errHoldGone
	case -3:
		return Appointment{}, ErrBlocked
	}
	return Appointment{}, ErrTaken
}

// settleTimeout bounds finding out whether a booking whose script failed
// was recorded, and finishing it.
const settleTimeout = 5 * time.Second

// reserveCode picks a booking code nobody holds and points it at the desk's
// day.
func (s *Service) reserveCode(ctx context.Context, deskID, day string, ttl time.Duration) (string, error) {
	for range 5 {
		code := newCode()
		ok, err := s.rdb.SetNX(ctx, s.keys.Global("booking:code:"+code), deskID+" "+day, ttl).Result()
		if err != nil {
			return "", fmt.Errorf("booking code: %w", err)
		}
		if ok {
			return code, nil
		}
	}
	return "", errors.New("booking: no free code after 5 tries")
}

// unreserve undoes the code and the index of a booking not recorded.
func (s *Service) unreserve(ctx context.Context, a Appointment, mine string) {
	pipe := s.rdb.Pipeline()
	if !a.ByDesk() {
		pipe.ZRem(ctx, mine, a.Code)
	}
	pipe.Del(ctx, s.keys.Global("booking:code:"+a.Code))
	if _, err := pipe.Exec(ctx); err != nil {
		// The code expires with the day; a dangling index entry is
		// ignored when listed.
		s.log.Warn("booking: undoing a booking not made", "err", err)
	}
}

// afterBooking schedules the reminders of a booked appointment, takes the
// person off the service's waiting list and counts it.
func (s *Service) afterBooking(ctx context.Context, a Appointment, o Offering, now time.Time) {
	if !a.ByDesk() {
		s.scheduleReminders(ctx, a, now)
		// Booked: no need to wait any more for this service here.
		s.rdb.ZRem(ctx, s.waitKey(a.Desk, o.Key()), a.Contact.Key())
	}
	s.record(ctx, a, StatusBooked)
}

// record tells the Recorder, when there is one.
func (s *Service) record(ctx context.Context, a Appointment, status string) {
	if s.rec == nil {
		return
	}
	if err := s.rec.RecordAppointmentStatus(ctx, a.Code, a.Desk, a.Area(), status); err != nil {
		s.log.Warn("counting an appointment", "err", err)
	}
}

// index adds code to the person's appointments, drops entries whose day
// keys have expired, and keeps the index as long as its latest appointment.
func (s *Service) index(ctx context.Context, mine, code string, start, now time.Time) error {
	pipe := s.rdb.Pipeline()
	pipe.ZAdd(ctx, mine, redis.Z{Score: float64(start.Unix()), Member: code})
	pipe.ZRemRangeByScore(ctx, mine, "-inf", "("+strconv.FormatInt(now.Add(-dayRetention).Unix(), 10))
	last := pipe.ZRangeWithScores(ctx, mine, -1, -1)
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("booking index: %w", err)
	}
	latest := start
	if l := last.Val(); len(l) == 1 && int64(l[0].Score) > start.Unix() {
		latest = time.Unix(int64(l[0].Score), 0)
	}
	if err := s.rdb.Expire(ctx, mine, latest.Sub(now)+dayRetention).Err(); err != nil {
		return fmt.Errorf("booking index: %w", err)
	}
	return nil
}

// bookable says whether start is one of o's slots at d, far enough ahead
// and within the horizon. The staff may book without notice, up to the
// slot's end: a walk-in is received now.
func (s *Service) bookable(d *desk, o Offering, start, now time.Time, staff bool) bool {
	earliest := now.Add(time.Duration(s.cfg.MinNotice))
	if staff {
		earliest = now.Add(-time.Duration(o.Duration) + time.Second)
	}
	if start.Before(earliest) || start.After(now.Add(time.Duration(s.cfg.HorizonDays+1)*24*time.Hour)) {
		return false
	}
	return slices.ContainsFunc(d.slots(d.day(start), o), start.Equal)
}

// Get finds an appointment by its code.
func (s *Service) Get(ctx context.Context, code string) (Appointment, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	where, err := s.rdb.Get(ctx, s.keys.Global("booking:code:"+code)).Result()
	if errors.Is(err, redis.Nil) {
		return Appointment{}, ErrNotFound
	}
	if err != nil {
		return Appointment{}, fmt.Errorf("booking code: %w", err)
	}
	deskID, day, _ := strings.Cut(where, " ")
	js, err := s.rdb.HGet(ctx, dayKey(s.keys, deskID, day, "appts"), code).Result()
	if errors.Is(err, redis.Nil) {
		return Appointment{}, ErrNotFound
	}
	if err != nil {
		return Appointment{}, fmt.Errorf("booking: %w", err)
	}
	var a Appointment
	if err := json.Unmarshal([]byte(js), &a); err != nil {
		return Appointment{}, fmt.Errorf("booking %s: %w", code, err)
	}
	return a, nil
}

// started says whether the appointment has begun (or is over).
func (s *Service) started(a Appointment) bool { return !a.Start.After(s.clock()) }

// Cancel cancels the person's appointment; its place is free at once.
func (s *Service) Cancel(ctx context.Context, c bot.Contact, code string) error {
	a, err := s.Get(ctx, code)
	if err != nil {
		return err
	}
	if a.Contact != c {
		return ErrNotFound
	}
	if s.started(a) {
		return ErrStarted
	}
	return s.cancel(ctx, a)
}

func (s *Service) cancel(ctx context.Context, a Appointment) error {
	d := s.desks[a.Desk]
	if d == nil {
		return fmt.Errorf("booking %s: desk %q is not configured any more", a.Code, a.Desk)
	}
	day := d.day(a.Start)
	slot := slotField(a.Service, a.Start)
	n, err := cancelScript.Run(ctx, s.rdb, []string{dayKey(s.keys, d.ID, day, "taken"), dayKey(s.keys, d.ID, day, "appts")},
		a.Code, slot, "w|"+slot+"|"+a.Contact.Key()).Int()
	if err != nil {
		return fmt.Errorf("cancel: %w", err)
	}
	if n == 1 {
		s.record(ctx, a, StatusCancelled)
		s.freed(ctx, d, a.Service, a.Start)
	}
	members := s.reminderMembers(a.Code)
	pipe := s.rdb.Pipeline()
	pipe.ZRem(ctx, s.keys.ContactKey(a.Contact.Key(), "booking:mine"), a.Code)
	pipe.Del(ctx, s.keys.Global("booking:code:"+a.Code))
	if len(members) > 0 {
		pipe.ZRem(ctx, s.remindersKey(), members...)
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("cancel %s: %w", a.Code, err)
	}
	return nil
}

// Move books the new time first and only then cancels the old one, so the
// person is never left without an appointment. The new appointment names
// the old one (From), so when cancelling the old one fails, a retry of the
// move (or the person's list, or the old one's reminder) finishes the move
// instead of booking again: the person never keeps two. One Lua script
// cannot do both: the two days' keys may be on different Cluster slots.
func (s *Service) Move(ctx context.Context, c bot.Contact, code string, start time.Time) (Appointment, error) {
	code = strings.ToUpper(strings.TrimSpace(code))
	old, err := s.Get(ctx, code)
	if errors.Is(err, ErrNotFound) {
		// Maybe moved already, and only the answer was lost.
		next, ok, rerr := s.replacement(ctx, c, code)
		if rerr != nil {
			return Appointment{}, rerr
		}
		if !ok {
			return Appointment{}, ErrNotFound
		}
		if next.Start.Equal(start) {
			return next, nil
		}
		return s.Move(ctx, c, next.Code, start)
	}
	if err != nil {
		return Appointment{}, err
	}
	if old.Contact != c {
		return Appointment{}, ErrNotFound
	}
	if s.started(old) {
		return Appointment{}, ErrStarted
	}
	next, ok, err := s.replacement(ctx, c, old.Code)
	if err != nil {
		return Appointment{}, err
	}
	if ok {
		// An earlier move of old booked next and stopped there.
		if err := s.cancel(ctx, old); err != nil {
			return Appointment{}, fmt.Errorf("move %s: finishing the earlier move: %w", old.Code, err)
		}
		if next.Start.Equal(start) {
			return next, nil
		}
		return s.Move(ctx, c, next.Code, start)
	}
	d := s.desks[old.Desk]
	if d == nil {
		return Appointment{}, ErrNotFound
	}
	o, ok := d.offering(old.Service)
	if !ok {
		return Appointment{}, ErrNotFound
	}
	a, err := s.book(ctx, d, o, bookReq{contact: c, lang: old.Lang, start: start, from: old.Code})
	if err != nil {
		return Appointment{}, err
	}
	if err := s.cancel(ctx, old); err != nil {
		return Appointment{}, fmt.Errorf("move %s: %s booked, the old one not cancelled yet: %w", old.Code, a.Code, err)
	}
	return a, nil
}

// replacement finds the person's coming appointment that replaced code.
func (s *Service) replacement(ctx context.Context, c bot.Contact, code string) (Appointment, bool, error) {
	as, err := s.coming(ctx, c)
	if err != nil {
		return Appointment{}, false, err
	}
	for _, a := range as {
		if a.From == code {
			return a, true, nil
		}
	}
	return Appointment{}, false, nil
}

// Book books start at desk for the service key ("area.topic").
func (s *Service) Book(ctx context.Context, c bot.Contact, lang, deskID, service string, start time.Time) (Appointment, error) {
	d := s.desks[deskID]
	if d == nil {
		return Appointment{}, ErrUnavailable
	}
	o, ok := d.offering(service)
	if !ok {
		return Appointment{}, ErrUnavailable
	}
	return s.book(ctx, d, o, bookReq{contact: c, lang: lang, start: start})
}

// Appointments lists the person's coming appointments, soonest first. An
// appointment a listed one replaced (a move stopped before cancelling it)
// is cancelled now, finishing the move.
func (s *Service) Appointments(ctx context.Context, c bot.Contact) ([]Appointment, error) {
	as, err := s.coming(ctx, c)
	if err != nil {
		return nil, err
	}
	replaced := map[string]bool{}
	for _, a := range as {
		if a.From != "" {
			replaced[a.From] = true
		}
	}
	out := make([]Appointment, 0, len(as))
	for _, a := range as {
		if !replaced[a.Code] {
			out = append(out, a)
			continue
		}
		if err := s.cancel(ctx, a); err != nil {
			return nil, fmt.Errorf("finishing the move of %s: %w", a.Code, err)
		}
	}
	return out, nil
}

// coming lists the person's appointments not over yet, soonest first.
func (s *Service) coming(ctx context.Context, c bot.Contact) ([]Appointment, error) {
	mine := s.keys.ContactKey(c.Key(), "booking:mine")
	now := s.clock()
	codes, err := s.rdb.ZRangeByScore(ctx, mine, &redis.ZRangeBy{Min: strconv.FormatInt(now.Add(-time.Hour).Unix(), 10), Max: "+inf"}).Result()
	if err != nil {
		return nil, fmt.Errorf("appointments: %w", err)
	}
	var out []Appointment
	for _, code := range codes {
		a, err := s.Get(ctx, code)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if a.End().After(now) {
			out = append(out, a)
		}
	}
	return out, nil
}

// free returns the free slots of o at d on day, from now on.
func (s *Service) free(ctx context.Context, d *desk, o Offering, day string, now time.Time) ([]time.Time, error) {
	pipe := s.rdb.Pipeline()
	takenCmd := pipe.HGetAll(ctx, dayKey(s.keys, d.ID, day, "taken"))
	blocksCmd := pipe.HKeys(ctx, dayKey(s.keys, d.ID, day, "blocks"))
	if _, err := pipe.Exec(ctx); err != nil {
		return nil, fmt.Errorf("free slots: %w", err)
	}
	taken, blocks := takenCmd.Val(), parseBlocks(blocksCmd.Val())
	var out []time.Time
	for _, t := range d.slots(day, o) {
		if !s.bookable(d, o, t, now, false) || blocked(blocks, t, t.Add(time.Duration(o.Duration))) {
			continue
		}
		if n, _ := strconv.Atoi(taken[slotField(o.Key(), t)]); n < o.Capacity {
			out = append(out, t)
		}
	}
	return out, nil
}

// days lists the days with free slots of o at d within the horizon.
func (s *Service) days(ctx context.Context, d *desk, o Offering, now time.Time) ([]string, error) {
	var out []string
	local := now.In(d.loc)
	for i := 0; i <= s.cfg.HorizonDays; i++ {
		day := time.Date(local.Year(), local.Month(), local.Day()+i, 12, 0, 0, 0, d.loc).Format(time.DateOnly)
		if len(d.slots(day, o)) == 0 {
			continue
		}
		free, err := s.free(ctx, d, o, day, now)
		if err != nil {
			return nil, err
		}
		if len(free) > 0 {
			out = append(out, day)
		}
	}
	return out, nil
}

// Erase cancels all the person's appointments and forgets their dialogue
// (bot.Eraser).
func (s *Service) Erase(ctx context.Context, c bot.Contact) error {
	mine := s.keys.ContactKey(c.Key(), "booking:mine")
	codes, err := s.rdb.ZRange(ctx, mine, 0, -1).Result()
	if err != nil {
		return fmt.Errorf("erase appointments: %w", err)
	}
	for _, code := range codes {
		a, err := s.Get(ctx, code)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if a.Contact == c {
			if err := s.cancel(ctx, a); err != nil {
				return err
			}
		}
	}
	if err := s.leaveWaitlists(ctx, c); err != nil {
		return err
	}
	return s.rdb.Del(ctx, mine, s.keys.ContactKey(c.Key(), "booking:dlg"), s.langKey(c)).Err()
}

// FreeSlots lists the bookable free times of a service ("area.topic") at
// a desk on a local date (2006-01-02).
func (s *Service) FreeSlots(ctx context.Context, deskID, service, day string) ([]time.Time, error) {
	d := s.desks[deskID]
	if d == nil {
		return nil, ErrUnavailable
	}
	o, ok := d.offering(service)
	if !ok {
		return nil, ErrUnavailable
	}
	return s.free(ctx, d, o, day, s.clock())
}

// Overbooked counts, over the desk's days from a week ago to the end of
// the horizon, the appointments beyond a slot's capacity: the figure that
// must always be 0.
func (s *Service) Overbooked(ctx context.Context, deskID string) (appointments, over int, err error) {
	d := s.desks[deskID]
	if d == nil {
		return 0, 0, ErrUnavailable
	}
	as, err := s.agenda(ctx, d)
	if err != nil {
		return 0, 0, err
	}
	per := map[string]int{}
	for _, a := range as {
		per[slotField(a.Service, a.Start)]++
	}
	for slot, n := range per {
		svc, _, _ := strings.Cut(slot, "@")
		if o, ok := d.offering(svc); ok && n > o.Capacity {
			over += n - o.Capacity
		}
	}
	return len(as), over, nil
}
