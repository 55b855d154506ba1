package booking

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
)

// Reminders are durable and sent once across processes.
//
// booking:reminders holds every reminder not yet done ("<CODE>|<i>", i the
// index in Config.Reminders), scored by the Unix time it is next looked at:
// its due time, then, once a process has claimed it, the end of that
// process's lease. The claim moves the score forward instead of removing
// the reminder, so it stays in Redis until it is sent, skipped or given up;
// when the claiming process dies, its lease runs out and any process claims
// the reminder again. Scheduled and claimed reminders share one sorted set so
// the claim touches one key (one Cluster slot) and old schedules stay valid.
//
// booking:reminded:<CODE>|<i> records a reminder delivered (SET NX, kept
// until the appointment), so a reminder claimed again after its delivery
// (its process died before taking it off the schedule, or overran its
// lease) is not sent twice. The one window left is a crash between the
// delivery and that record: then the person may get the reminder twice,
// which is better than not at all.
const (
	// reminderLease is how long a claimed reminder is left to its process
	// before another may take it. A send is cut off before it ends.
	reminderLease = 2 * time.Minute
	// reminderBatch is how many reminders one claim takes.
	reminderBatch = 20
	// retryAfter is the pause before a reminder that failed is tried again.
	retryAfter = time.Minute
	// recordTimeout bounds recording a reminder delivered, which is done
	// even when the process is stopping: the delivery has happened.
	recordTimeout = 5 * time.Second
)

// leaseClaimScript claims the records due of a schedule (reminders, freed
// places): KEYS zset; ARGV now, limit, lease end (Unix seconds). Their
// score becomes the lease end, so no other process takes them until it
// has passed; the one that took a record removes it once it is done, and
// a crash before that only delays it.
var leaseClaimScript = redis.NewScript(`
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
for _, m in ipairs(due) do redis.call('ZADD', KEYS[1], 'XX', ARGV[3], m) end
return due
`)

func (s *Service) remindersKey() string { return s.keys.Global("booking:reminders") }

func (s *Service) remindedKey(member string) string {
	return s.keys.Global("booking:reminded:" + member)
}

// reminderMembers are the schedule entries of an appointment's reminders.
func (s *Service) reminderMembers(code string) []any {
	var members []any
	for i := range s.cfg.Reminders {
		members = append(members, code+"|"+strconv.Itoa(i))
	}
	return members
}

func (s *Service) scheduleReminders(ctx context.Context, a Appointment, now time.Time) {
	var zs []redis.Z
	for i, before := range s.cfg.Reminders {
		due := a.Start.Add(-time.Duration(before))
		if due.After(now) {
			zs = append(zs, redis.Z{Score: float64(due.Unix()), Member: a.Code + "|" + strconv.Itoa(i)})
		}
	}
	if len(zs) == 0 {
		return
	}
	if err := s.rdb.ZAdd(ctx, s.remindersKey(), zs...).Err(); err != nil {
		// The appointment stands; only its reminders are lost.
		s.log.Warn("booking: scheduling reminders", "err", err)
	}
}

// SendDue claims the reminders due now and sends them; it returns how many
// were sent. A reminder whose appointment has started (or was cancelled) is
// dropped, never sent late; one that could not be looked at (an error of
// Redis) stays claimed and comes back when the lease ends. The errors met
// are returned together, after the other reminders were done.
func (s *Service) SendDue(ctx context.Context) (int, error) {
	sent := 0
	var errs []error
	for {
		now := s.clock()
		lease := now.Add(reminderLease)
		due, err := leaseClaimScript.Run(ctx, s.rdb, []string{s.remindersKey()}, now.Unix(), reminderBatch, lease.Unix()).StringSlice()
		if err != nil {
			errs = append(errs, fmt.Errorf("claim reminders: %w", err))
			return sent, errors.Join(errs...)
		}
		for _, m := range due {
			ok, err := s.sendReminder(ctx, m, lease)
			if err != nil {
				errs = append(errs, err)
			}
			if ok {
				sent++
			}
		}
		// The reminders left claimed score after now: the next claim
		// does not see them again.
		if len(due) < reminderBatch {
			return sent, errors.Join(errs...)
		}
	}
}

// sendReminder sends one claimed reminder; true when it was delivered.
func (s *Service) sendReminder(ctx context.Context, member string, lease time.Time) (bool, error) {
	done, err := s.rdb.Exists(ctx, s.remindedKey(member)).Result()
	if err != nil {
		return false, fmt.Errorf("reminder %s: %w", member, err)
	}
	if done == 1 {
		s.unschedule(ctx, member)
		return false, nil
	}
	code, _, _ := strings.Cut(member, "|")
	a, err := s.Get(ctx, code)
	if errors.Is(err, ErrNotFound) {
		s.unschedule(ctx, member)
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("reminder %s: %w", member, err)
	}
	if _, moved, err := s.replacement(ctx, a.Contact, a.Code); err != nil {
		return false, fmt.Errorf("reminder %s: %w", member, err)
	} else if moved {
		// A move stopped before cancelling this one: finish it, and
		// remind of the new time when that is due instead.
		if err := s.cancel(ctx, a); err != nil {
			return false, fmt.Errorf("reminder %s: finishing a move: %w", member, err)
		}
		return false, nil
	}
	now := s.clock()
	if !a.Start.After(now) {
		s.unschedule(ctx, member)
		return false, nil
	}
	if !now.Before(lease) {
		// Claimed too long ago (a slow batch): another process may have
		// it by now.
		return false, nil
	}
	sendCtx, cancel := context.WithTimeout(ctx, lease.Sub(now))
	err = s.remind(sendCtx, a)
	cancel()
	if err != nil {
		s.log.Warn("booking: reminder not delivered", "contact", a.Contact.String(), "err", err)
		s.retry(ctx, member, a, now, err)
		return false, nil
	}
	s.delivered(ctx, member, a, now)
	return true, nil
}

// delivered records the reminder as sent, then takes it off the schedule,
// in this order: a crash in between leaves a reminder that is recognised as
// sent when claimed again.
func (s *Service) delivered(ctx context.Context, member string, a Appointment, now time.Time) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), recordTimeout)
	defer cancel()
	first, err := s.rdb.SetNX(ctx, s.remindedKey(member), now.Unix(), a.Start.Sub(now)+time.Hour).Result()
	if err != nil {
		s.log.Warn("booking: recording a reminder sent", "err", err)
		return
	}
	if !first {
		s.log.Warn("booking: a reminder was delivered twice", "reminder", member)
	}
	s.unschedule(ctx, member)
}

// unschedule takes a reminder off the schedule for good. When that fails
// it stays claimed and is looked at again after the lease.
func (s *Service) unschedule(ctx context.Context, member string) {
	if err := s.rdb.ZRem(ctx, s.remindersKey(), member).Err(); err != nil {
		s.log.Warn("booking: removing a reminder", "err", err)
	}
}

// retry puts a reminder that could not be delivered back in the schedule,
// unless the person cannot be reached any more or it would come too late.
func (s *Service) retry(ctx context.Context, member string, a Appointment, now time.Time, err error) {
	if errors.Is(err, bot.ErrUnreachable) || !now.Add(retryAfter).Before(a.Start) {
		s.unschedule(ctx, member)
		return
	}
	var ra *bot.RetryAfterError
	due := now.Add(retryAfter)
	if errors.As(err, &ra) && ra.After > retryAfter {
		due = now.Add(ra.After)
	}
	// XX: a reminder cancelled meanwhile is not brought back.
	if err := s.rdb.ZAddXX(ctx, s.remindersKey(), redis.Z{Score: float64(due.Unix()), Member: member}).Err(); err != nil {
		// Still claimed: it comes back when the lease ends.
		s.log.Warn("booking: rescheduling a reminder", "err", err)
	}
}

func (s *Service) remind(ctx context.Context, a Appointment) error {
	if s.out == nil {
		return errors.New("no outbound path")
	}
	lang := s.personLang(ctx, a)
	r := bot.Reply{
		Text: s.msg(lang, "booking.reminder") + "\n\n" + s.details(lang, a, s.docsFor(a, "")),
		RTL:  s.rtl(lang),
		Choices: []bot.Choice{
			{ID: choiceAttend + a.Code, Label: s.msg(lang, "booking.attend")},
			{ID: choiceMove + a.Code, Label: s.msg(lang, "booking.move")},
			{ID: choiceCancel + a.Code, Label: s.msg(lang, "booking.cancel")},
		},
	}
	return s.out.Send(ctx, a.Contact, dispatch.Outbound{Reply: r, From: From})
}
