package bot

import "github.com/redis/go-redis/v9"

// The dispatcher's Lua scripts. Every key one script touches shares the
// contact's shard hash tag, so they run atomically in Redis Cluster too.
//
// Keys, per contact c in shard s (prefix P):
//
//	P{s}:in:c       LIST  inbound messages not yet handled (JSON), oldest first
//	P{s}:out:c      LIST  replies and events decided but not yet delivered
//	P{s}:seen:c     ZSET  recent message ids → receipt time, for dedupe
//	P{s}:lock:c     STRING lock token, with a lease, of the worker handling c
//	P{s}:ct:c       HASH  st = conversation state, un = "1" when unreachable,
//	                      tries = failed attempts at the first inbox message
//
// Per shard:
//
//	P{s}:pending    ZSET  contacts with work to do → last time they were signalled
//	P{s}:ready      LIST  signals: contacts to pick up
//
// Global: P erasures, a STREAM recording each "delete my data" with its time
// (the entry id) and channel, and nothing of the person.
type scripts struct {
	accept, claim, commit, ack, postpone, count, release, renew, resignal, markUnreachable *redis.Script
}

func newScripts() scripts {
	return scripts{
		// KEYS seen, in, pending, ready; ARGV id, msg, nowMs, contact, seenTTLs, seenMax.
		// A contact is signalled once per stretch of pending work; the
		// worker drains its inbox before letting go.
		accept: redis.NewScript(`
if redis.call('ZADD', KEYS[1], 'NX', ARGV[3], ARGV[1]) == 0 then return 0 end
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -1 - tonumber(ARGV[6]))
redis.call('EXPIRE', KEYS[1], ARGV[5])
redis.call('RPUSH', KEYS[2], ARGV[2])
if redis.call('ZADD', KEYS[3], 'NX', ARGV[3], ARGV[4]) == 1 then
  redis.call('RPUSH', KEYS[4], ARGV[4])
end
return 1`),
		// KEYS lock, in, out, ct, pending; ARGV token, leaseMs, contact.
		// Returns {0} nothing to do, {-1} someone else holds c, or
		// {1, state, outbox, head}.
		claim: redis.NewScript(`
if redis.call('LLEN', KEYS[2]) == 0 and redis.call('LLEN', KEYS[3]) == 0 then
  if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('ZREM', KEYS[5], ARGV[3]) end
  return {0}
end
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {-1} end
return {1, redis.call('HGET', KEYS[4], 'st'), redis.call('LRANGE', KEYS[3], 0, -1), redis.call('LINDEX', KEYS[2], 0)}`),
		// KEYS lock, in, out, ct; ARGV token, leaseMs, ctTTLs, state ("" keeps), outbox items...
		// Pops the handled message and stores what was decided in one step:
		// a crash before it replays the message, a crash after it replays
		// only the outbox. Returns {1, next head} or {-1} if the lock was lost.
		commit: redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return {-1} end
redis.call('LPOP', KEYS[2])
if ARGV[4] ~= '' then redis.call('HSET', KEYS[4], 'st', ARGV[4]) end
redis.call('HDEL', KEYS[4], 'un', 'tries')
if redis.call('EXISTS', KEYS[4]) == 1 then redis.call('EXPIRE', KEYS[4], ARGV[3]) end
for i = 5, #ARGV do redis.call('RPUSH', KEYS[3], ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return {1, redis.call('LINDEX', KEYS[2], 0)}`),
		// KEYS lock, out, ct; ARGV token. The outbox has been delivered.
		ack: redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
redis.call('DEL', KEYS[2])
redis.call('HDEL', KEYS[3], 'dtries')
return 1`),
		// KEYS lock, out; ARGV token, waitMs, items... Keeps only what is
		// left to deliver and holds the contact for waitMs, after which
		// the lease is gone and any worker takes it up again.
		postpone: redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
redis.call('DEL', KEYS[2])
for i = 3, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`),
		// KEYS lock, in, pending, ready; ARGV token, contact, handBack ("1": stopping).
		// Lets go of c only when its inbox is empty, atomically with the
		// check, so a message accepted meanwhile is never stranded.
		// Returns 1 if there is more work (lock kept), 0 when released.
		release: redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
if redis.call('LLEN', KEYS[2]) > 0 then
  if ARGV[3] ~= '1' then return 1 end
  redis.call('DEL', KEYS[1])
  redis.call('RPUSH', KEYS[4], ARGV[2])
  return 0
end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[3], ARGV[2])
return 0`),
		// KEYS lock; ARGV token, leaseMs.
		// KEYS ct; ARGV field, ctTTLs. Counts a failed try in the contact's
		// state, giving it the state's expiry if the count made it: a
		// contact whose first message fails has no state yet, and nothing
		// of a person may stay without one.
		count: redis.NewScript(`
local n = redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return n`),
		// KEYS ct. Marks a known contact unreachable.
		markUnreachable: redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
return redis.call('HSET', KEYS[1], 'un', '1')`),
		// Never shortens a hold that postpone lengthened.
		renew: redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if redis.call('PTTL', KEYS[1]) >= tonumber(ARGV[2]) then return 1 end
return redis.call('PEXPIRE', KEYS[1], ARGV[2])`),
		// KEYS lock, pending, ready; ARGV contact, nowMs.
		// Signals again a contact whose worker vanished (crash) once its
		// lease is gone.
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
redis.call('RPUSH', KEYS[3], ARGV[1])
return 1`),
	}
}
