package handoff

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot/dispatch"
)

// An operator's reply taken back: the operator deletes it in the console,
// the channel deletes it from the person's phone (WhatsApp's "delete for
// everyone", Telegram's deleteMessage) with the platform ids the delivery
// report gave (dispatch.Delivery.IDs), and the transcript keeps the text,
// marked, for the record: what a person of the desk said and took back is
// something a safeguarding lead must be able to read.

// UnsendWithin is how long after a reply it can be taken back: Telegram
// lets a bot delete its messages for 48 hours, WhatsApp a little longer.
const UnsendWithin = 48 * time.Hour

// What became of a reply the operator deleted (Entry.Unsent).
const (
	UnsendAsked  = "asked"
	UnsendDone   = "done"
	UnsendFailed = "failed"
)

// UnsendAgainAfter is how long a reply stays "being deleted" before it
// can be asked again: a take-back whose process stopped between marking
// the reply and queueing the deletion, or whose report was lost, would
// otherwise stay asked for ever. A working one reports within seconds;
// asking again one still queued (the channel down) only queues a second
// deletion of the same messages, which the platforms take as done.
const UnsendAgainAfter = 5 * time.Minute

// askable reports whether reply e may be asked to be taken back at now
// (the console's button; unsendScript decides).
func askable(e Entry, now time.Time) bool {
	switch e.Unsent {
	case "", UnsendFailed:
		return true
	case UnsendAsked:
		return now.Sub(e.UnsentAt) >= UnsendAgainAfter
	}
	return false
}

// unsendTime is how unsendScript keeps and compares times: fixed width in
// UTC, so that the strings sort as the times do, and JSON's time format.
const unsendTime = "2006-01-02T15:04:05.000Z07:00"

// ErrCannotUnsend refuses to take back a reply: not delivered yet (no
// platform ids), deleted already, someone else's, or older than
// UnsendWithin.
var ErrCannotUnsend = errors.New("this reply cannot be deleted from the person's phone")

// markSentScript keeps the platform ids of an operator's reply on its
// transcript entry (KEYS tx; ARGV entry id, ids as JSON): the report of
// its delivery gives them. Returns 1, or 0 when the entry is gone.
var markSentScript = redis.NewScript(`
local all = redis.call('LRANGE', KEYS[1], 0, -1)
local needle = '"id":"' .. ARGV[1] .. '"'
for i, raw in ipairs(all) do
  if string.find(raw, needle, 1, true) then
    local e = cjson.decode(raw)
    if e.id == ARGV[1] and e.by == 'operator' then
      e.sent = cjson.decode(ARGV[2])
      redis.call('LSET', KEYS[1], i - 1, cjson.encode(e))
      return 1
    end
  end
end
return 0`)

// unsendScript records what became of an operator's reply taken back
// (KEYS tx; ARGV entry id, state, why, now, cutoff: times as unsendTime).
// State "asked" is set only on a delivered reply (with platform ids) not
// being taken back already: never before, failed, or asked at cutoff or
// earlier (UnsendAgainAfter; a reply asked by a version without the time
// counts as asked long ago); it keeps when (unsent_at) and returns the
// ids as JSON, else "". Another state records how it ended and returns
// "ok"; a failure does not undo a "done" (a second deletion of messages
// gone already).
var unsendScript = redis.NewScript(`
local all = redis.call('LRANGE', KEYS[1], 0, -1)
local needle = '"id":"' .. ARGV[1] .. '"'
for i, raw in ipairs(all) do
  if string.find(raw, needle, 1, true) then
    local e = cjson.decode(raw)
    if e.id == ARGV[1] and e.by == 'operator' then
      if ARGV[2] == 'asked' then
        if type(e.sent) ~= 'table' or #e.sent == 0 then return '' end
        local again = e.unsent == 'asked' and (type(e.unsent_at) ~= 'string' or e.unsent_at <= ARGV[5])
        if e.unsent and e.unsent ~= 'failed' and not again then return '' end
        e.unsent_at = ARGV[4]
      elseif ARGV[2] == 'failed' and e.unsent == 'done' then
        return 'ok'
      end
      e.unsent = ARGV[2]
      if ARGV[3] ~= '' then e.unsent_why = ARGV[3] else e.unsent_why = nil end
      redis.call('LSET', KEYS[1], i - 1, cjson.encode(e))
      if ARGV[2] == 'asked' then return cjson.encode(e.sent) end
      return 'ok'
    end
  end
end
return ''`)

// markSent keeps the platform ids of reply entryID of case id.
func (q *Queue) markSent(ctx context.Context, id, entryID string, ids []string) error {
	b, err := json.Marshal(ids)
	if err != nil {
		return fmt.Errorf("keep the ids of a reply in case %s: %w", id, err)
	}
	if err := markSentScript.Run(ctx, q.rdb, []string{q.tx(id)}, entryID, string(b)).Err(); err != nil {
		return fmt.Errorf("keep the ids of a reply in case %s: %w", id, err)
	}
	return nil
}

// unsent records the state of reply entryID of case id being taken back;
// for UnsendAsked it returns the reply's platform ids, none when it
// cannot be taken back (see unsendScript).
func (q *Queue) unsent(ctx context.Context, id, entryID, state, why string) ([]string, error) {
	now := q.clock().UTC()
	res, err := unsendScript.Run(ctx, q.rdb, []string{q.tx(id)}, entryID, state, why,
		now.Format(unsendTime), now.Add(-UnsendAgainAfter).Format(unsendTime)).Text()
	if err != nil {
		return nil, fmt.Errorf("take back a reply in case %s: %w", id, err)
	}
	q.publish(ctx, "case", id)
	if state != UnsendAsked || res == "" {
		return nil, nil
	}
	var ids []string
	if err := json.Unmarshal([]byte(res), &ids); err != nil {
		return nil, fmt.Errorf("take back a reply in case %s: its ids: %w", id, err)
	}
	return ids, nil
}

// unsendRef is the Ref of the Outbound that takes back reply entryID of
// case id; its report ends in unsendSuffix.
func unsendRef(id, entryID string) string { return id + "/" + entryID + unsendSuffix }

const unsendSuffix = "/unsend"

// DeleteReply takes back an operator's reply from the person's phone: the
// operator who wrote it, while the case is theirs, or an admin, any
// time, within UnsendWithin of the reply. It is queued like a reply, in
// the person's turn; the transcript shows it being deleted, then deleted
// or why not (ReportDelivery). The text stays in the transcript, marked.
func (s *Service) DeleteReply(ctx context.Context, operator, id, entryID string, admin bool) error {
	cs, err := s.q.Get(ctx, id)
	if err != nil {
		return err
	}
	if !admin {
		if cs, err = s.mine(ctx, operator, id); err != nil {
			return err
		}
	}
	if s.out == nil {
		return fmt.Errorf("take back a reply in case %s: no outbound path", id)
	}
	tx, err := s.q.Transcript(ctx, id)
	if err != nil {
		return err
	}
	var reply *Entry
	for i := range tx {
		if tx[i].By == "operator" && tx[i].ID == entryID {
			reply = &tx[i]
		}
	}
	switch {
	case reply == nil:
		return ErrNotFound
	case !admin && reply.Operator != operator:
		return fmt.Errorf("%w: another operator's reply", ErrCannotUnsend)
	case s.clock().Sub(reply.Time) > UnsendWithin:
		return fmt.Errorf("%w: older than %s", ErrCannotUnsend, UnsendWithin)
	}
	ids, err := s.q.unsent(ctx, id, entryID, UnsendAsked, "")
	if err != nil {
		return err
	}
	if len(ids) == 0 {
		return fmt.Errorf("%w: not delivered yet, or deleted already", ErrCannotUnsend)
	}
	if err := s.out.Send(ctx, cs.Contact, dispatch.Outbound{Unsend: ids, From: From, Ref: unsendRef(id, entryID)}); err != nil {
		_, uerr := s.q.unsent(ctx, id, entryID, UnsendFailed, "could not be queued")
		s.warn(ctx, "noting a reply not taken back", id, uerr)
		return fmt.Errorf("take back a reply in case %s: %w", id, err)
	}
	s.warn(ctx, "auditing a deleted reply", id, s.q.audit(ctx, operator, "delete-reply", id, entryID))
	return nil
}

// reportUnsend records what became of a reply taken back (ReportDelivery).
func (s *Service) reportUnsend(ctx context.Context, caseID, entryID string, d dispatch.Delivery) error {
	if d.Failure == dispatch.Delivered {
		_, err := s.q.unsent(ctx, caseID, entryID, UnsendDone, "")
		return err
	}
	s.log.Warn("operator's reply not taken back", "case", caseID, "reason", string(d.Failure), "err", d.Detail)
	_, err := s.q.unsent(ctx, caseID, entryID, UnsendFailed, failureText(d.Failure))
	return err
}
