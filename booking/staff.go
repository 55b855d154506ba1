package booking

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
)

// The staff's side: the agenda of a desk, marks (attended, no-show),
// blocked times, bookings for people without a chat, cancellations by the
// desk.

// Errors of the staff's operations.
var (
	// ErrTooEarly: an appointment is marked before its day.
	ErrTooEarly = errors.New("booking: an appointment can be marked from its day on")
	// ErrBadInput: a date, time, status or language that makes no sense.
	ErrBadInput = errors.New("booking: invalid input")
)

// ConflictError refuses to block a time that has appointments (or a place
// held for a waiting-list offer): the staff must move or cancel them
// first, so nobody learns of a closed desk at its door. Blocking never
// cancels on its own.
type ConflictError struct {
	Codes []string // the appointments in the time
	Held  int      // places held for waiting-list offers
}

func (e *ConflictError) Error() string {
	var b strings.Builder
	b.WriteString("this time has ")
	if len(e.Codes) > 0 {
		fmt.Fprintf(&b, "%d appointment(s): %s", len(e.Codes), strings.Join(e.Codes, ", "))
		if e.Held > 0 {
			b.WriteString(" and ")
		}
	}
	if e.Held > 0 {
		fmt.Fprintf(&b, "%d place(s) offered to the waiting list", e.Held)
	}
	b.WriteString(". Cancel or move the appointments first (or wait for the offer to end), or block only the free times")
	return b.String()
}

// Block is a time the staff closed to bookings.
type Block struct {
	ID       string // "<from unix>-<to unix>", the field in Redis
	From, To time.Time
	Note     string
}

func parseBlock(id, note string) (Block, bool) {
	f, t, ok := strings.Cut(id, "-")
	from, err1 := strconv.ParseInt(f, 10, 64)
	to, err2 := strconv.ParseInt(t, 10, 64)
	if !ok || err1 != nil || err2 != nil {
		return Block{}, false
	}
	return Block{ID: id, From: time.Unix(from, 0), To: time.Unix(to, 0), Note: note}, true
}

func parseBlocks(ids []string) []Block {
	var out []Block
	for _, id := range ids {
		if b, ok := parseBlock(id, ""); ok {
			out = append(out, b)
		}
	}
	return out
}

// blocked says whether [from, to) meets a block.
func blocked(bs []Block, from, to time.Time) bool {
	return slices.ContainsFunc(bs, func(b Block) bool { return b.From.Before(to) && b.To.After(from) })
}

// blockScript blocks a time unless one of its slots is taken: KEYS taken,
// blocks; ARGV seconds to live, block field, note, then the slot fields
// the time meets. It returns the taken slot fields (none: blocked).
var blockScript = redis.NewScript(`
local busy = {}
for i = 4, #ARGV do
  if tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0') > 0 then table.insert(busy, ARGV[i]) end
end
if #busy > 0 then return busy end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
redis.call('EXPIRE', KEYS[2], ARGV[1])
return busy
`)

// markScript: KEYS appts, marks; ARGV code, status, seconds to live. It
// returns the previous mark ("" for none), nil when there is no such
// appointment.
var markScript = redis.NewScript(`
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return false end
local old = redis.call('HGET', KEYS[2], ARGV[1]) or ''
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[2], ARGV[3])
return old
`)

// SlotInfo is one slot of one service on the agenda.
type SlotInfo struct {
	Service    string
	Start, End time.Time
	Capacity   int
	Taken      int // appointments and places held for offers
	Blocked    bool
}

// Free is the number of places left.
func (si SlotInfo) Free() int {
	if si.Blocked {
		return 0
	}
	return max(0, si.Capacity-si.Taken)
}

// Day is a desk's agenda for one local date.
type Day struct {
	Desk string
	Date string    // 2006-01-02, the desk's local date
	Noon time.Time // noon of that date at the desk, for formatting
	// Closed: no opening hours that day (closure, holiday or weekday).
	Closed       bool
	Appointments []Appointment // by start time, with their Status
	Slots        []SlotInfo    // by start time, then service
	Blocks       []Block
	// Waiting is the number of people on the waiting list, per service.
	Waiting map[string]int
}

func (s *Service) deskOf(id string) (*desk, error) {
	d := s.desks[id]
	if d == nil {
		return nil, fmt.Errorf("%w: no desk %q", ErrBadInput, id)
	}
	return d, nil
}

// noon parses a local date at the desk.
func (d *desk) noon(date string) (time.Time, error) {
	t, err := time.ParseInLocation(time.DateOnly, date, d.loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: %q is not a date such as 2026-03-02", ErrBadInput, date)
	}
	return t.Add(12 * time.Hour), nil
}

// addDays moves a local date by n days; noon keeps it clear of the clock
// changes.
func (d *desk) addDays(date string, n int) string {
	t, err := time.ParseInLocation(time.DateOnly, date, d.loc)
	if err != nil {
		return date
	}
	return time.Date(t.Year(), t.Month(), t.Day()+n, 12, 0, 0, 0, d.loc).Format(time.DateOnly)
}

// Today is the desk's local date now.
func (s *Service) Today(deskID string) string {
	if d := s.desks[deskID]; d != nil {
		return d.day(s.clock())
	}
	return s.clock().Format(time.DateOnly)
}

// AgendaDay reads a desk's day: appointments with their marks, slots with
// their places, blocks and the waiting lists.
func (s *Service) AgendaDay(ctx context.Context, deskID, date string) (Day, error) {
	d, err := s.deskOf(deskID)
	if err != nil {
		return Day{}, err
	}
	noon, err := d.noon(date)
	if err != nil {
		return Day{}, err
	}
	pipe := s.rdb.Pipeline()
	appts := pipe.HGetAll(ctx, dayKey(s.keys, d.ID, date, "appts"))
	marks := pipe.HGetAll(ctx, dayKey(s.keys, d.ID, date, "marks"))
	taken := pipe.HGetAll(ctx, dayKey(s.keys, d.ID, date, "taken"))
	blocks := pipe.HGetAll(ctx, dayKey(s.keys, d.ID, date, "blocks"))
	waiting := make([]*redis.IntCmd, len(d.Services))
	for i, o := range d.Services {
		waiting[i] = pipe.ZCard(ctx, s.waitKey(d.ID, o.Key()))
	}
	if _, err := pipe.Exec(ctx); err != nil {
		return Day{}, fmt.Errorf("agenda %s %s: %w", d.ID, date, err)
	}
	day := Day{Desk: d.ID, Date: date, Noon: noon, Waiting: map[string]int{}}
	for i, o := range d.Services {
		if n := int(waiting[i].Val()); n > 0 {
			day.Waiting[o.Key()] = n
		}
	}
	for id, note := range blocks.Val() {
		if b, ok := parseBlock(id, note); ok {
			day.Blocks = append(day.Blocks, b)
		}
	}
	slices.SortFunc(day.Blocks, func(a, b Block) int { return a.From.Compare(b.From) })
	for _, js := range appts.Val() {
		var a Appointment
		if json.Unmarshal([]byte(js), &a) == nil {
			a.Status = marks.Val()[a.Code]
			day.Appointments = append(day.Appointments, a)
		}
	}
	sortAppointments(day.Appointments)
	for _, o := range d.Services {
		for _, t := range d.slots(date, o) {
			end := t.Add(time.Duration(o.Duration))
			n, _ := strconv.Atoi(taken.Val()[slotField(o.Key(), t)])
			day.Slots = append(day.Slots, SlotInfo{Service: o.Key(), Start: t, End: end, Capacity: o.Capacity, Taken: n,
				Blocked: blocked(day.Blocks, t, end)})
		}
	}
	day.Closed = len(day.Slots) == 0
	slices.SortStableFunc(day.Slots, func(a, b SlotInfo) int { return a.Start.Compare(b.Start) })
	return day, nil
}

func sortAppointments(as []Appointment) {
	slices.SortFunc(as, func(a, b Appointment) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return strings.Compare(a.Code, b.Code)
	})
}

// WeekStart is the Monday of the week of date, at the desk.
func (s *Service) WeekStart(deskID, date string) string {
	d := s.desks[deskID]
	if d == nil {
		return date
	}
	t, err := d.noon(date)
	if err != nil {
		return date
	}
	back := (int(t.Weekday()) + 6) % 7
	return d.addDays(date, -back)
}

// AgendaWeek reads the seven days from the Monday of date's week.
func (s *Service) AgendaWeek(ctx context.Context, deskID, date string) ([]Day, error) {
	d, err := s.deskOf(deskID)
	if err != nil {
		return nil, err
	}
	if _, err := d.noon(date); err != nil {
		return nil, err
	}
	monday := s.WeekStart(deskID, date)
	out := make([]Day, 0, 7)
	for i := range 7 {
		day, err := s.AgendaDay(ctx, deskID, d.addDays(monday, i))
		if err != nil {
			return nil, err
		}
		out = append(out, day)
	}
	return out, nil
}

// Mark records that the person came (StatusAttended) or did not
// (StatusNoShow); marking again changes the mark. Allowed from the
// appointment's day on.
func (s *Service) Mark(ctx context.Context, code, status string) (Appointment, error) {
	if status != StatusAttended && status != StatusNoShow {
		return Appointment{}, fmt.Errorf("%w: status %q", ErrBadInput, status)
	}
	a, err := s.Get(ctx, code)
	if err != nil {
		return Appointment{}, err
	}
	d, err := s.deskOf(a.Desk)
	if err != nil {
		return Appointment{}, err
	}
	day := d.day(a.Start)
	if day > d.day(s.clock()) {
		return Appointment{}, ErrTooEarly
	}
	ttl := int64((a.Start.Sub(s.clock()) + dayRetention) / time.Second)
	old, err := markScript.Run(ctx, s.rdb, []string{dayKey(s.keys, d.ID, day, "appts"), dayKey(s.keys, d.ID, day, "marks")},
		a.Code, status, max(ttl, 60)).Text()
	if errors.Is(err, redis.Nil) {
		return Appointment{}, ErrNotFound
	}
	if err != nil {
		return Appointment{}, fmt.Errorf("mark %s: %w", a.Code, err)
	}
	a.Status = status
	if old != status {
		s.record(ctx, a, status)
	}
	return a, nil
}

// BlockTime closes [from, to) of a desk's day to bookings. A time with
// appointments is refused with a *ConflictError.
func (s *Service) BlockTime(ctx context.Context, deskID, date string, from, to time.Time, note string) (Block, error) {
	d, err := s.deskOf(deskID)
	if err != nil {
		return Block{}, err
	}
	noon, err := d.noon(date)
	if err != nil {
		return Block{}, err
	}
	if !from.Before(to) || d.day(from) != date || to.After(time.Date(noon.Year(), noon.Month(), noon.Day()+1, 0, 0, 0, 0, d.loc)) {
		return Block{}, fmt.Errorf("%w: the block must start before it ends, within %s", ErrBadInput, date)
	}
	note = clip(note, 200)
	var fields []any
	for _, o := range d.Services {
		for _, t := range d.slots(date, o) {
			if t.Before(to) && t.Add(time.Duration(o.Duration)).After(from) {
				fields = append(fields, slotField(o.Key(), t))
			}
		}
	}
	b := Block{ID: strconv.FormatInt(from.Unix(), 10) + "-" + strconv.FormatInt(to.Unix(), 10), From: from, To: to, Note: note}
	ttl := int64((to.Sub(s.clock()) + dayRetention) / time.Second)
	args := append([]any{max(ttl, 60), b.ID, note}, fields...)
	busy, err := blockScript.Run(ctx, s.rdb, []string{dayKey(s.keys, d.ID, date, "taken"), dayKey(s.keys, d.ID, date, "blocks")}, args...).StringSlice()
	if err != nil {
		return Block{}, fmt.Errorf("block: %w", err)
	}
	if len(busy) == 0 {
		return b, nil
	}
	// Name what is in the way; read after the refusal, for the message only.
	conflict := &ConflictError{}
	all, err := s.rdb.HGetAll(ctx, dayKey(s.keys, d.ID, date, "appts")).Result()
	if err != nil {
		return Block{}, fmt.Errorf("block: %w", err)
	}
	inWay := 0
	for _, js := range all {
		var a Appointment
		if json.Unmarshal([]byte(js), &a) == nil && slices.Contains(busy, slotField(a.Service, a.Start)) {
			conflict.Codes = append(conflict.Codes, a.Code)
			inWay++
		}
	}
	slices.Sort(conflict.Codes)
	taken, _ := s.rdb.HMGet(ctx, dayKey(s.keys, d.ID, date, "taken"), busy...).Result()
	total := 0
	for _, v := range taken {
		if str, ok := v.(string); ok {
			n, _ := strconv.Atoi(str)
			total += n
		}
	}
	conflict.Held = max(0, total-inWay)
	return Block{}, conflict
}

// FreeTime removes a block; its slots are bookable again, and offered to
// the waiting lists.
func (s *Service) FreeTime(ctx context.Context, deskID, date, blockID string) error {
	d, err := s.deskOf(deskID)
	if err != nil {
		return err
	}
	b, ok := parseBlock(blockID, "")
	if !ok {
		return fmt.Errorf("%w: block %q", ErrBadInput, blockID)
	}
	n, err := s.rdb.HDel(ctx, dayKey(s.keys, d.ID, date, "blocks"), blockID).Result()
	if err != nil {
		return fmt.Errorf("free: %w", err)
	}
	if n == 0 {
		return ErrNotFound
	}
	for _, o := range d.Services {
		for _, t := range d.slots(date, o) {
			if t.Before(b.To) && t.Add(time.Duration(o.Duration)).After(b.From) {
				s.freed(ctx, d, o.Key(), t)
			}
		}
	}
	return nil
}

// BookFor books on behalf of a person who has no chat with the desk (a
// phone call, a walk-in): lang is the person's language (for the text read
// out to them), name and note are optional. The code is to be read out.
func (s *Service) BookFor(ctx context.Context, deskID, service string, start time.Time, lang, name, note, by string) (Appointment, error) {
	d, err := s.deskOf(deskID)
	if err != nil {
		return Appointment{}, err
	}
	o, ok := d.offering(service)
	if !ok {
		return Appointment{}, fmt.Errorf("%w: service %q", ErrBadInput, service)
	}
	if !s.cat.Supported(lang) {
		return Appointment{}, fmt.Errorf("%w: language %q", ErrBadInput, lang)
	}
	b := make([]byte, 12)
	rand.Read(b)
	c := bot.Contact{Channel: DeskChannel, ID: hex.EncodeToString(b)}
	return s.book(ctx, d, o, bookReq{contact: c, lang: lang, start: start, name: clip(name, 100), note: clip(note, 500), by: by})
}

// CancelByDesk cancels an appointment for the staff; a person with a chat
// is told in their language.
func (s *Service) CancelByDesk(ctx context.Context, code string) (Appointment, error) {
	a, err := s.Get(ctx, code)
	if err != nil {
		return Appointment{}, err
	}
	if err := s.cancel(ctx, a); err != nil {
		return Appointment{}, err
	}
	if a.ByDesk() || !a.End().After(s.clock()) {
		return a, nil
	}
	if s.out != nil {
		lang := a.Lang
		r := bot.Reply{Text: s.msg(lang, "booking.cancelled_by_desk") + "\n\n" + s.details(lang, a, ""), RTL: s.rtl(lang),
			Choices: []bot.Choice{s.listChoice(lang), s.menuChoice(lang)}}
		if err := s.out.Send(ctx, a.Contact, dispatch.Outbound{Reply: r, From: From}); err != nil {
			s.log.Warn("booking: telling a cancellation", "contact", a.Contact.String(), "err", err)
		}
	}
	return a, nil
}

// AppointmentsOf lists a person's appointments from a week ago on, with
// the staff's marks: for the case page of the handoff console.
func (s *Service) AppointmentsOf(ctx context.Context, c bot.Contact) ([]Appointment, error) {
	mine := s.keys.ContactKey(c.Key(), "booking:mine")
	codes, err := s.rdb.ZRangeByScore(ctx, mine, &redis.ZRangeBy{Min: strconv.FormatInt(s.clock().Add(-7*24*time.Hour).Unix(), 10), Max: "+inf"}).Result()
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
		if a.Contact != c {
			continue
		}
		if d := s.desks[a.Desk]; d != nil {
			st, err := s.rdb.HGet(ctx, dayKey(s.keys, d.ID, d.day(a.Start), "marks"), a.Code).Result()
			if err != nil && !errors.Is(err, redis.Nil) {
				return nil, fmt.Errorf("appointments: %w", err)
			}
			a.Status = st
		}
		out = append(out, a)
	}
	return out, nil
}

// clip trims and bounds what the staff typed.
func clip(v string, n int) string {
	v = strings.TrimSpace(v)
	if utf8.RuneCountInString(v) <= n {
		return v
	}
	return string([]rune(v)[:n])
}
