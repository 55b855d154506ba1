package dispatch

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// The dispatcher's Lua scripts. Every key one script touches shares the
// contact's shard hash tag, so they run atomically in Redis Cluster too.
// The shard's tag (written {s} below) is store.ShardTag's, c:N.k, one of
// 256 slot-spaced tags (store.Shards); the 16 tags {0}…{15} of versions
// before 2026-12-07 are moved by store.UpgradeLayout.
//
// Keys, per contact c in shard s (prefix P):
//
//	P{s}:in:c       LIST  inbound messages not yet handled (JSON), oldest first, and
//	                      Outbound messages queued among them (Outbox)
//	P{s}:seen:c     ZSET  recent message ids → receipt time, for dedupe
//	P{s}:lock:c     STRING lock token, with a lease, of the worker handling c
//	P{s}:ct:c       HASH  st = conversation state, un = "1" when unreachable,
//	                      tries = failed attempts at the first inbox message,
//	                      dtries = delivery rounds of the replies that wait
//	                      for the channel (keepWaiting); an event or an
//	                      erasure counts its own failures in its item (fl),
//	                      ck = the token of the last count of tries or
//	                      dtries, so that a count sent twice counts once
//	                      ex = the hour the expiries were last set,
//	                      o = the outbox: replies and events decided but not
//	                      yet delivered, a JSON array of items
//	                      v = "1": the state was written by a version
//	                      that keeps the outbox in o (see migrate); "2"
//	                      (hintsVersion): and hk holds the hints
//	                      hk = the hints of a bot.Hinted handler: "=" and
//	                      the names of those set (see hints.go)
//	                      (hb, in versions of 2026-12-07: the token of
//	                      the last hand back, now the key hb; left until
//	                      the hash expires, read by nobody)
//	P{s}:hb:c       STRING the token of the hold that last handed c back
//	                      (done, commitDone), for a lease (PX): a second
//	                      run of that done, its reply lost, knows its own
//	                      hand back by it, so it signals c again (its
//	                      first run's {2} reached nobody) and reports no
//	                      lost hold. A key of its own, not a field of ct:
//	                      a hand back may leave no ct (the done that
//	                      clears an outbound's outbox, its last field; an
//	                      erasure), and a field would make a ct without
//	                      the state's expiry. It holds a random token
//	                      only; erase deletes it with ct.
//	P{s}:trail:c    LIST  platform ids of the conversation's messages (Trail)
//	P{s}:out:c      LIST  the outbox as versions before 2026-12-06 kept it,
//	                      one item a line (see migrate)
//
// Per shard:
//
//	P{s}:pending    ZSET  contacts with work to do → last time they were signalled
//	P{s}:later      ZSET  contacts whose outbox waits for its channel → when
//	                      it is due (ms); the janitor signals them then (wake)
//
// Per signal group g (store.Group: shard mod 16):
//
//	P{r:g}:ready    LIST  signals: contacts to pick up, of the group's shards
//
// A group's list is in another slot than its contacts, so no script pushes
// it: a script that would signal returns so (accept 3, enqueue 2, done and
// commitDone {2}, wake and resignal 1) and the dispatcher pushes the
// contact (signal) in its next round trip. A crash between the two leaves
// the contact pending and unsignalled: its score is the time it was made
// pending, so the janitor's resignal signals it a lease later, as it does
// the contact of a worker that crashed.
//
// Global: P janitor, the lease (a token, SET NX PX) of the process whose
// janitor sweeps, so that one process, not each, sweeps the 512 sets
// (a quarter of them each half lease, all at a new holder's first pass:
// sweepParts).
//
// Global: P erasures, a STREAM recording each "delete my data" with its time
// (the entry id) and channel, and nothing of the person.
type scripts struct {
	accept, enqueue, claim, commit, commitDone, done, ackSent, postpone, count, renew, resignal, markUnreachable, wake, sweeper, janitorTake, unclaim *redis.Script
}

// load loads every script into Redis (on a Cluster, into every master),
// so that the first message's scripts do not fail with NOSCRIPT and run
// again: a claim run again cannot use what was read with it (the
// preloaded keys were read before it took the lock), and its handler
// reads them itself, a round trip more. Redis forgets its scripts when it
// restarts or fails over, which the pipelines still handle (runScripts).
func (s scripts) load(ctx context.Context, rdb redis.UniversalClient) error {
	for _, sc := range []*redis.Script{s.accept, s.enqueue, s.claim, s.commit, s.commitDone, s.done, s.ackSent,
		s.postpone, s.count, s.renew, s.resignal, s.markUnreachable, s.wake, s.sweeper, s.janitorTake, s.unclaim} {
		if err := sc.Load(ctx, rdb).Err(); err != nil {
			return fmt.Errorf("loading the dispatcher's scripts: %w", err)
		}
	}
	return nil
}

// The outbox is a field of the contact's hash, not a list of its own: the
// commit writes it with the state in one HSET, a claim reads it with the
// state in one HMGET, and done clears it with the marks in one HDEL (two
// commands a message fewer than a list). (Before 2026-12-06 it was the list
// P{s}:out:c; erase still deletes that key.)
//
// migrate is the Lua function with which claim and accept take up an
// outbox of a version before 2026-12-06, a list of its own (P{s}:out:c),
// which such a version left undelivered (postponed during an outage, cut
// by a crash): its items go, in order, before those of the outbox field,
// which a newer version may have written since, and the list is deleted in
// the same step, so it is delivered once, by the worker that holds the
// contact. The hash gets the state's expiry when it has none (the list
// had none). A claim looks for the list only when the hash has no v, which
// every commit that writes a state sets: a contact's first claim after the
// upgrade pays an EXISTS (or LRANGE), and so does a new contact's first when
// it comes through the queue; the others nothing (see accept).
// The items are the same JSON in both, so the field is the list's lines
// joined, then its own.
const migrate = `
local function migrate(ct, out, o, ttl)
  local old = redis.call('LRANGE', out, 0, -1)
  if #old == 0 then return o end
  redis.call('DEL', out)
  local merged = table.concat(old, ',')
  if o and #o > 2 then merged = merged .. ',' .. string.sub(o, 2, -2) end
  merged = '[' .. merged .. ']'
  redis.call('HSET', ct, 'o', merged)
  if redis.call('TTL', ct) < 0 then redis.call('EXPIRE', ct, ttl) end
  return merged
end
`

// commitBody is the commit's work as a Lua function, shared by commit
// and commitDone (see commit, in newScripts, for its keys and arguments):
// it returns -1 when the lock was lost, 0 when this commit ran already (a
// second run: nothing is stored again), 1 when it stored the outcome.
// The hints (ARGV[11]) go in the same HSET as the state, and v with
// either says which version wrote them (hintsVersion).
const commitBody = `
local function commit()
  if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
  local head = redis.call('LPOP', KEYS[2])
  if not head then return 0 end
  if redis.sha1hex(head) ~= ARGV[10] then
    redis.call('LPUSH', KEYS[2], head)
    return 0
  end
  local set = {}
  if ARGV[2] ~= '' then set[#set+1] = 'st'; set[#set+1] = ARGV[2] end
  if ARGV[11] ~= '' then set[#set+1] = 'hk'; set[#set+1] = ARGV[11] end
  if #set > 0 then set[#set+1] = 'v'; set[#set+1] = '` + hintsVersion + `' end
  if ARGV[4] ~= '' then set[#set+1] = 'ex'; set[#set+1] = ARGV[4] end
  if ARGV[8] ~= '' then set[#set+1] = 'o'; set[#set+1] = ARGV[8] end
  if #set > 0 then redis.call('HSET', KEYS[3], unpack(set)) end
  if ARGV[3] == '1' then redis.call('HDEL', KEYS[3], 'un', 'tries', 'ck') end
  if ARGV[4] ~= '' then
    redis.call('EXPIRE', KEYS[3], ARGV[5])
    redis.call('EXPIRE', KEYS[4], ARGV[6])
    if ARGV[9] ~= '' then
      redis.call('ZREMRANGEBYRANK', KEYS[4], 0, -1 - tonumber(ARGV[9]))
      if ARGV[7] ~= '0' then redis.call('EXPIRE', KEYS[5], ARGV[7]) end
    end
  end
  return 1
end
`

// The common path of a message costs three scripts (accept, claim, commit)
// and one more (done) per visit to a contact that was sent something: done
// acknowledges the outbox, keeps the trail of what was sent, and either
// hands over the next message or lets the contact go. A message that
// leaves nothing to send runs commitDone, the two in one. ackSent runs only
// between two replies of one outbox. A test counts the commands they run
// (TestCommandsPerMessage), so that a change here that costs more is seen.
func newScripts() scripts {
	return scripts{
		// KEYS seen, in, pending, lock, ct, out; ARGV id, msg, nowMs,
		// contact, seenMax, token ("": do not claim), leaseMs, seenTrim,
		// ctTTLs[, revokes].
		// A contact is signalled once per stretch of pending work; the
		// worker drains its inbox before letting go. With a token, a
		// contact nobody holds whose inbox this message starts is claimed
		// at once instead of signalled, for a worker of this process:
		// then it returns what claim would, {2, state, outbox, dirty,
		// dtries, ex, hints}, and the message is the head. Else 3 when the
		// contact must be signalled (the caller pushes it), 1 when it is
		// pending already, or 0 for a redelivery; 4 for a redelivery of a
		// contact pending that nobody holds: a first run whose reply was
		// lost (see commit) returned 3 to no one, and the signal is pushed
		// now rather than by the janitor a lease later (a signal more for
		// a contact signalled already costs a claim that finds it taken).
		// seen keeps the last seenMax ids, trimmed at one message in
		// seenTrim (ARGV[8], by its receipt time: a person cannot time it)
		// and by the commit that sets the expiries (at most once an hour):
		// it holds a few more than seenMax between trims, never fewer, so
		// dedupe is as strict, for one command a message less. It gets its
		// expiry from the commit. ARGV[10], when given, is the id of a
		// message the person deleted (Message.Revokes): still waiting in
		// the inbox, it is dropped unhandled; the head of a held contact
		// may be in handling and stays.
		// A reply that does not reach the client makes go-redis send the
		// script again (see commit); a second run of an accept that
		// claimed finds the lock holding its own token and claims again,
		// instead of reporting a redelivery and leaving the contact held
		// by nobody for a lease.
		// The claim looks for an outbox of an earlier version (migrate)
		// when the hash has no v, except for a contact it knows to be
		// new: no hash, and not pending before this message. An earlier
		// version left a contact pending as long as its outbox list held
		// anything (its done let go only after deleting it), so a new
		// contact's first message costs nothing more.
		accept: redis.NewScript(migrate + `
local function claimed(signalled)
  local ct = redis.call('HMGET', KEYS[5], 'st', 'un', 'tries', 'dtries', 'ex', 'o', 'v', 'hk')
  local o = ct[6]
  if not ct[7] and (signalled or ct[1] or ct[2] or ct[3] or ct[4] or ct[5] or o) then
    o = migrate(KEYS[5], KEYS[6], o, ARGV[9])
  end
  local dirty, dtries = 0, 0
  if ct[2] or ct[3] then dirty = 1 end
  if ct[4] then dtries = 1 end
  local hk = false
  if ct[7] == '` + hintsVersion + `' then hk = ct[8] end
  return {2, ct[1], o or '', dirty, dtries, ct[5] or '', hk}
end
if redis.call('ZADD', KEYS[1], 'NX', ARGV[3], ARGV[1]) == 0 then
  if ARGV[6] ~= '' and redis.call('GET', KEYS[4]) == ARGV[6] then return claimed(true) end
  if redis.call('ZSCORE', KEYS[3], ARGV[4]) and redis.call('EXISTS', KEYS[4]) == 0 then return 4 end
  return 0
end
if tonumber(ARGV[3]) % tonumber(ARGV[8]) == 0 then
  redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -1 - tonumber(ARGV[5]))
end
if ARGV[10] then
  local from = 0
  if redis.call('EXISTS', KEYS[4]) == 1 then from = 1 end
  for _, it in ipairs(redis.call('LRANGE', KEYS[2], from, -1)) do
    local ok, m = pcall(cjson.decode, it)
    if ok and type(m) == 'table' and m.id == ARGV[10] and m.ob == nil then
      redis.call('LREM', KEYS[2], 1, it)
    end
  end
end
local n = redis.call('RPUSH', KEYS[2], ARGV[2])
local fresh = redis.call('ZADD', KEYS[3], 'NX', ARGV[3], ARGV[4])
if ARGV[6] ~= '' and n == 1 and redis.call('SET', KEYS[4], ARGV[6], 'NX', 'PX', ARGV[7]) then
  return claimed(fresh == 0)
end
if fresh == 1 then return 3 end
return 1`),
		// KEYS in, pending, seen, lock; ARGV item, nowMs, contact, itemID,
		// seenTTLs.
		// Queues an Outbound message in the contact's inbox, so that it
		// takes its turn among the person's messages, and signals the
		// contact as accept does. Its id (the item's digest: the item
		// holds its time in nanoseconds) joins the ids kept for dedupe,
		// so that this same enqueue sent again after its reply was lost
		// (see commit) does not queue it twice, even once a worker has
		// taken it. A set made here gets the expiry the commit gives it.
		// Returns 2 when the contact must be signalled (the caller pushes
		// it), 1 when it is pending already, 0 when queued before, 3 when
		// queued before and the contact is pending and held by nobody:
		// the first run's 2 may have been lost (see accept's 4).
		enqueue: redis.NewScript(`
if redis.call('ZADD', KEYS[3], 'NX', ARGV[2], ARGV[4]) == 0 then
  if redis.call('ZSCORE', KEYS[2], ARGV[3]) and redis.call('EXISTS', KEYS[4]) == 0 then return 3 end
  return 0
end
if redis.call('TTL', KEYS[3]) < 0 then redis.call('EXPIRE', KEYS[3], ARGV[5]) end
redis.call('RPUSH', KEYS[1], ARGV[1])
if redis.call('ZADD', KEYS[2], 'NX', ARGV[2], ARGV[3]) == 1 then return 2 end
return 1`),
		// KEYS lock, in, ct, pending, out; ARGV token, leaseMs, contact,
		// ctTTLs.
		// Returns {0} nothing to do, {-1} someone else holds c, or
		// {1, state, outbox, head, dirty, dtries, ex, hints}: dirty is 1
		// when the state holds marks the next commit clears (un, tries),
		// dtries 1 when it counts delivery rounds; ex is the hour the
		// contact's expiries were last set (see commit); hints hk, or
		// nil when not known (see hints.go). Run a second time (see
		// commit), it finds the lock holding its own token: still claimed.
		claim: redis.NewScript(migrate + `
local head = redis.call('LINDEX', KEYS[2], 0)
local ct = redis.call('HMGET', KEYS[3], 'st', 'un', 'tries', 'dtries', 'ex', 'o', 'v', 'hk')
local old = 0
if not ct[7] then old = redis.call('EXISTS', KEYS[5]) end
if not head and not ct[6] and old == 0 then
  if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('ZREM', KEYS[4], ARGV[3]) end
  return {0}
end
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) and redis.call('GET', KEYS[1]) ~= ARGV[1] then
  return {-1}
end
local o = ct[6]
if old == 1 then o = migrate(KEYS[3], KEYS[5], o, ARGV[4]) end
local dirty, dtries = 0, 0
if ct[2] or ct[3] then dirty = 1 end
if ct[4] then dtries = 1 end
local hk = false
if ct[7] == '` + hintsVersion + `' then hk = ct[8] end
return {1, ct[1], o or '', head, dirty, dtries, ct[5] or '', hk}`),
		// KEYS lock, in, ct, seen, trail; ARGV token, state ("" keeps),
		// dirty ("1": clear un, tries and ck), hour ("": expiries set this
		// hour), ctTTLs, seenTTLs, trailTTLs (0: no trail), outbox ("":
		// nothing to deliver), seenMax ("": the hash had no ex, see
		// below), head (the SHA1 of the handled message as it is in the
		// inbox), hints (hk: "" keeps them).
		// Pops the handled message and stores what was decided in one step:
		// a crash before it replays the message, a crash after it replays
		// only the outbox. Returns 1, or -1 if the lock was lost.
		//
		// It may run twice: a reply that does not reach the client (a cut
		// connection, a read that timed out on a loaded machine) makes
		// go-redis send the command again, and the dispatcher too while
		// Redis is away. Under the lock only a commit takes the head, so a
		// head that is not the handled message means this commit ran
		// already: the message it popped is put back, nothing is stored
		// twice, and it returns 1 as the first run did. (Popping it
		// blindly dropped the person's next message unanswered.) The check
		// costs no command unless it finds a second run.
		//
		// The contact's keys expire a while after their last message. Their
		// expiries are set again at most once an hour (ex, the hour they
		// were last set), not at every message, so a key goes between its
		// TTL less an hour and its TTL after the last message. A key made
		// since (the state, seen after an erasure) has no ex yet, so the
		// next commit sets its expiry. The trail's expiry is set again
		// here too, in the same step as ex: left to the done after the
		// delivery, it was lost whenever that done did not run (an event
		// postponed, a crash), and no later commit of the hour set it.
		// Except at the commit that finds no ex (seenMax ""): that is a
		// new conversation's first, whose trail does not exist yet (an
		// EXPIRE there did nothing), so the ids' writer gives the trail
		// its expiry (done, commitDone: "x", or as it makes the trail).
		// Nor is seen trimmed then: it was made since the hash was (it
		// expires before the state, and an erasure deletes both), so it
		// holds only the ids accept let in, which accept trims.
		commit: redis.NewScript(commitBody + `
if commit() == -1 then return -1 end
return 1`),
		// KEYS lock, in, ct, seen, trail, pending, hb; ARGV those of
		// commit (1-11), then handBack ("1": hand c back to the queue),
		// contact, trailMax, leaseMs (how long hb is kept), ids...
		// commit and done in one step, for a message that leaves nothing
		// to deliver and nothing waiting (no reply: a person's words
		// relayed to an operator, say): nothing is sent between them, so
		// done's separate run would only check the lock again. Keeps the
		// ids and sets the trail's expiry as done does (when the commit
		// left it: "x" is its ARGV[4] set with seenMax ""),
		// then hands over the next message ({1, head}, lock kept) or
		// lets go ({0}; {2} when it handed c back, to be signalled by the
		// caller); {-1} if the lock was lost. Run a second time
		// (see commit), it keeps no id twice; one whose first run let
		// go finds the lock gone, as done's second run would; one whose
		// first run handed c back finds hb holding its token and returns
		// {2} again, as done does (hb: see done).
		commitDone: redis.NewScript(commitBody + `
local r = commit()
if r == -1 then
  if ARGV[12] == '1' and redis.call('EXISTS', KEYS[1]) == 0 and redis.call('GET', KEYS[7]) == ARGV[1] then return {2} end
  return {-1}
end
if r == 1 and ARGV[7] ~= '0' then
  local n = 0
  if #ARGV > 15 then
    n = redis.call('RPUSH', KEYS[5], unpack(ARGV, 16))
    if n > tonumber(ARGV[14]) then
      redis.call('LTRIM', KEYS[5], -tonumber(ARGV[14]), -1)
    end
  end
  if (ARGV[4] ~= '' and ARGV[9] == '') or (n > 0 and n == #ARGV - 15) then redis.call('EXPIRE', KEYS[5], ARGV[7]) end
end
local head = redis.call('LINDEX', KEYS[2], 0)
if head then
  if ARGV[12] ~= '1' then return {1, head} end
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[7], ARGV[1], 'PX', ARGV[15])
  return {2}
end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[6], ARGV[13])
return {0}`),
		// KEYS lock, ct, in, pending, trail, later, hb; ARGV token,
		// contact, flags, trailTTLs, trailMax, leaseMs, dueMs, ids...
		// The outbox has been delivered (flags has "o": clear it, "d": and
		// its count of delivery rounds, with ck), or waits for its channel
		// until dueMs ("l": the contact joins later, so that the janitor
		// wakes it then, held or let go); keeps the ids of the handled
		// messages and of what was sent in the trail, giving it its
		// expiry when this makes it, or when the commit before set the
		// contact's expiries for the first time and left the trail's
		// ("x", see commit);
		// then hands over the next message, or lets go of c only when its
		// inbox is empty, atomically with the check, so that a message
		// accepted meanwhile is never stranded. With "b" in flags (stopping,
		// a fair share done, a message to try again) c is handed back to
		// the queue instead: it returns {2}, and the caller signals c.
		// Returns {1, head} to go on (lock kept), {0} when let go, {-1} if
		// the lock was lost.
		// A hand back leaves the hold's token in hb for a lease (leaseMs;
		// a key of its own, so that it holds when the hand back leaves no
		// contact hash: an outbound's outbox cleared, an erasure): run a
		// second time (its reply lost, see commit; whileAway runs it
		// again for at most a lease), done finds the lock gone and its own
		// token there, and returns {2} again, so the worker pushes the
		// signal itself and logs no lost hold. The SET replaces the
		// EXISTS and HSET of the field it was before: a hand back costs a
		// command less. The hold's token is
		// new at each claim, so another hold's hand back is not taken for
		// this one's; a claim and let go by another worker in between
		// costs at most a signal more, which finds nothing to do.
		// The lock is read, then deleted only when c is let go: another
		// worker's lock, or this one's lengthened by postpone, keeps its
		// time (a GETDEL that put it back would shorten an hour's hold
		// after a platform's 429 to one lease).
		done: redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
  if string.find(ARGV[3], 'b', 1, true) and redis.call('EXISTS', KEYS[1]) == 0 and redis.call('GET', KEYS[7]) == ARGV[1] then return {2} end
  return {-1}
end
local flags = ARGV[3]
local del = {}
if string.find(flags, 'o', 1, true) then del[#del+1] = 'o' end
if string.find(flags, 'd', 1, true) then del[#del+1] = 'dtries'; del[#del+1] = 'ck' end
if #del > 0 then redis.call('HDEL', KEYS[2], unpack(del)) end
if string.find(flags, 'l', 1, true) then redis.call('ZADD', KEYS[6], ARGV[7], ARGV[2]) end
local n = 0
if #ARGV > 7 then
  n = redis.call('RPUSH', KEYS[5], unpack(ARGV, 8))
  if n > tonumber(ARGV[5]) then
    redis.call('LTRIM', KEYS[5], -tonumber(ARGV[5]), -1)
  end
end
if ARGV[4] ~= '0' and (string.find(flags, 'x', 1, true) or (n > 0 and n == #ARGV - 7)) then
  redis.call('EXPIRE', KEYS[5], ARGV[4])
end
local head = redis.call('LINDEX', KEYS[3], 0)
if head then
  if not string.find(flags, 'b', 1, true) then return {1, head} end
  redis.call('DEL', KEYS[1])
  redis.call('SET', KEYS[7], ARGV[1], 'PX', ARGV[6])
  return {2}
end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[4], ARGV[2])
return {0}`),
		// KEYS lock, ct; ARGV token, rest. What was delivered leaves the
		// outbox, which keeps the rest: a crash from now on repeats none
		// of it.
		ackSent: redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
redis.call('HSET', KEYS[2], 'o', ARGV[2])
return 1`),
		// KEYS lock, ct; ARGV token, waitMs, rest, ctTTLs. Keeps only
		// what is left to deliver and holds the contact for waitMs, after
		// which the lease is gone and any worker takes it up again (0:
		// the lock keeps its lease; the outbox waits for its channel while
		// the contact's messages are handled, see keepWaiting). The
		// state may be gone (an erasure before the rest): the outbox alone
		// then gets the state's expiry, as nothing of a person may stay
		// without one.
		postpone: redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
redis.call('HSET', KEYS[2], 'o', ARGV[3])
if redis.call('TTL', KEYS[2]) < 0 then redis.call('EXPIRE', KEYS[2], ARGV[4]) end
if tonumber(ARGV[2]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1`),
		// KEYS ct; ARGV field, ctTTLs, token. Counts a failed try in the
		// contact's state, giving it the state's expiry if the count made
		// it: a contact whose first message fails has no state yet, and
		// nothing of a person may stay without one.
		// Run a second time (see commit), it finds its own token in ck and
		// returns the count as the first run made it: counted twice, a
		// failing message was given up (with an apology) a try early, and
		// an outbox a delivery round early. The
		// token is new at each count and goes with the marks it guards
		// (commit clears it with tries, done with dtries); the hash keeps
		// the state's expiry.
		//
		// A failed try of a message (field tries) forgets the contact's
		// hints (hk): the try may have made a hinted key before it failed
		// (a write whose reply was lost, a later step failing), and no
		// outcome states it; the retry, here or in another process, then
		// reads every hinted key until a turn states them again.
		count: redis.NewScript(`
local was = redis.call('HMGET', KEYS[1], 'ck', ARGV[1])
if was[1] == ARGV[3] then return tonumber(was[2]) or 0 end
local n = redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('HSET', KEYS[1], 'ck', ARGV[3])
if ARGV[1] == 'tries' then redis.call('HDEL', KEYS[1], 'hk') end
if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return n`),
		// KEYS ct. Marks a contact whose state is kept unreachable; a hash
		// holding only an outbox (a reminder to someone whose state expired)
		// is no state, and the mark would stay in it with no expiry.
		markUnreachable: redis.NewScript(`
if redis.call('HEXISTS', KEYS[1], 'st') == 0 then return 0 end
return redis.call('HSET', KEYS[1], 'un', '1')`),
		// KEYS lock; ARGV token, leaseMs.
		// Never shortens a hold that postpone lengthened.
		renew: redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if redis.call('PTTL', KEYS[1]) >= tonumber(ARGV[2]) then return 1 end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])`),
		// KEYS later, pending; ARGV contact, nowMs.
		// Signals a contact whose waiting outbox is due, as accept would
		// (returns 1: the caller pushes it):
		// unless it is pending already (signalled, or held by a worker,
		// whose done puts it back in later if the outbox still waits).
		// A contact put back with a later time stays.
		wake: redis.NewScript(`
local due = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not due or tonumber(due) > tonumber(ARGV[2]) then return 0 end
redis.call('ZREM', KEYS[1], ARGV[1])
if redis.call('ZADD', KEYS[2], 'NX', ARGV[2], ARGV[1]) == 0 then return 0 end
return 1`),
		// KEYS lock, pending; ARGV contact, nowMs.
		// Signals again (returns 1: the caller pushes it) a contact whose
		// worker vanished (crash) once its lease is gone, or whose signal
		// was never pushed (a crash between a script and its push).
		// A contact still held (a postponed delivery, a slow worker) is
		// looked at again a lease later, so that many held contacts
		// cannot hide the stalled ones behind them.
		resignal: redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then
  redis.call('ZADD', KEYS[2], 'XX', ARGV[2], ARGV[1])
  return 0
end
if not redis.call('ZSCORE', KEYS[2], ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[2], 'XX', ARGV[2], ARGV[1])
return 1`),
		// KEYS lock, pending; ARGV token, contact. Lets go of a claim
		// an accept may have made (dropClaim): 1 to signal the contact.
		// Run again (its answer lost), it finds the lock gone and the
		// contact pending, and signals again; where the accept never
		// ran, a contact pending without a lock is one to signal too
		// (a signal more than needed claims nothing).
		unclaim: redis.NewScript(`
local v = redis.call('GET', KEYS[1])
if v == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
if not v and redis.call('ZSCORE', KEYS[2], ARGV[2]) then return 1 end
return 0`),
		// KEYS janitor; ARGV token, leaseMs. Renews the janitor's
		// lease after a sweep (or takes it, free): 1 when this process
		// holds it.
		sweeper: redis.NewScript(`
local v = redis.call('GET', KEYS[1])
if v and v ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`),
		// KEYS janitor; ARGV token, leaseMs. Before a sweep: takes the
		// janitor's lease when it is free, and leaves its expiry alone
		// when this process holds it, so that the lease runs from the
		// last sweep done, not from one a crash cut (janitorPass). 1
		// when this process sweeps.
		janitorTake: redis.NewScript(`
local v = redis.call('GET', KEYS[1])
if v then
  if v == ARGV[1] then return 1 end
  return 0
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`),
	}
}
