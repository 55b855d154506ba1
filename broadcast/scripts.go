package broadcast

import (
	"strconv"

	"github.com/redis/go-redis/v9"
)

type scripts struct {
	create, transition, claim, finish, requeue, bucket, pause, done, mark, tried, delivered, refusing *redis.Script
}

// paceClock sets now, in milliseconds, to the pacing clock's time when
// the caller passed one in ARGV[n] (only tests do), else to Redis' own:
// one clock for every process, whatever their clocks say.
func paceClock(n int) string {
	return `
local now = tonumber(ARGV[` + strconv.Itoa(n) + `])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end
`
}

func newScripts() scripts {
	return scripts{
		// Creates a campaign: its definition and its status together,
		// or nothing when the id is taken. KEYS def, meta (one slot);
		// ARGV definition, status, creation time. Returns 1 when created.
		create: redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('HSET', KEYS[2], 'status', ARGV[2], 'created', ARGV[3])
return 1`),
		// KEYS[1] meta; ARGV from, to.
		transition: redis.NewScript(`
if redis.call('HGET', KEYS[1], 'status') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'status', ARGV[2])
return 1`),
		// Takes the next pending recipient and marks it "sending" in the
		// same step, so that whatever happens next it is never taken
		// again. A taken item is a send under way from now on: the
		// queues' empty moment before it (done's drained mark) no longer
		// tells that every send is over, so the mark goes. The in-flight
		// hash notes since when (Redis' clock, ms; ARGV[1] instead only
		// in tests): a send whose process died stays in it for good, and
		// givenUp must not count it as someone else still trying. KEYS
		// meta, queue, recipients, in flight. Returns the queue item,
		// "!stop" when the campaign is not sending, "!empty".
		claim: redis.NewScript(paceClock(1) + `
if redis.call('HGET', KEYS[1], 'status') ~= 'sending' then return '!stop' end
while true do
  local it = redis.call('LPOP', KEYS[2])
  if not it then return '!empty' end
  local ck = string.match(it, '^([^|]*)')
  if redis.call('HGET', KEYS[3], ck) == 'p' then
    redis.call('HSET', KEYS[3], ck, 's')
    redis.call('HSET', KEYS[4], ck, string.format('%d', math.floor(now)))
    redis.call('HINCRBY', KEYS[1], 'inflight', 1)
    redis.call('HDEL', KEYS[1], 'drained')
    return it
  end
end`),
		// Records the outcome of a send. The send is no longer in
		// flight, whatever happened to the recipient meanwhile (erased).
		// A recipient delivered or failed ends the campaign's wait on the
		// refused ones of the channel (refusing), if it waited: the next
		// of them refused again says so anew. KEYS meta, recipients, in
		// flight; ARGV contact key, outcome, counter field, channel.
		finish: redis.NewScript(`
redis.call('HDEL', KEYS[3], ARGV[1])
if redis.call('HGET', KEYS[2], ARGV[1]) ~= 's' then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('HINCRBY', KEYS[1], ARGV[3], 1)
redis.call('HINCRBY', KEYS[1], 'inflight', -1)
if ARGV[2] ~= 'unknown' then
  redis.call('HDEL', KEYS[1], 'refused:' .. ARGV[4])
end
return 1`),
		// Puts back a recipient whose send the platform took nothing of
		// (a 429, a 5xx, a ban): at the head of the queue, or at its tail
		// when ARGV[3] is "tail" (one the platform keeps refusing must
		// not hold up the others). The queue is no longer empty, so
		// done's drained mark goes. KEYS meta, recipients, queue, in
		// flight; ARGV contact key, item, "head" or "tail".
		requeue: redis.NewScript(`
redis.call('HDEL', KEYS[4], ARGV[1])
if redis.call('HGET', KEYS[2], ARGV[1]) ~= 's' then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], 'p')
if ARGV[3] == 'tail' then
  redis.call('RPUSH', KEYS[3], ARGV[2])
else
  redis.call('LPUSH', KEYS[3], ARGV[2])
end
redis.call('HINCRBY', KEYS[1], 'inflight', -1)
redis.call('HINCRBY', KEYS[1], 'retries', 1)
redis.call('HDEL', KEYS[1], 'drained')
return 1`),
		// Token bucket shared by all processes, on the pacing clock
		// (Redis' clock unless ARGV[3] is given). KEYS bucket, pause;
		// ARGV rate per second, burst, now in ms or "". Returns 0 when a
		// token was taken, else milliseconds to wait.
		bucket: redis.NewScript(paceClock(3) + `
local paused = tonumber(redis.call('GET', KEYS[2]))
if paused and paused > now then return math.ceil(paused - now) end
local rate = tonumber(ARGV[1]) / 1000
local burst = tonumber(ARGV[2])
local b = redis.call('HMGET', KEYS[1], 'tk', 'ts')
local tokens = tonumber(b[1]) or burst
local ts = tonumber(b[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - ts) * rate)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = math.max(1, math.ceil((1 - tokens) / rate))
end
-- tostring keeps 14 digits, which would round the time to 0.1 ms and
-- hand out the rounding as extra tokens at high rates.
redis.call('HSET', KEYS[1], 'tk', string.format('%.6f', tokens), 'ts', string.format('%.3f', now))
redis.call('PEXPIRE', KEYS[1], 60000)
return wait`),
		// Pauses a channel for every process (a 429, the platform down,
		// a ban, the daily cap): the bucket hands out nothing before the
		// deadline stored in the pause key, and the outage hash says why
		// and since when, for the console (until, since, kind, wait). A
		// pause never shortens a longer one already set (a 5xx during the
		// night the daily cap holds). An outage (ARGV[4] "grow") pauses
		// for twice its last wait, from ARGV[5] up to ARGV[6] ms, when it
		// fails again within a minute after its last pause (or that
		// wait, if longer); sends that fail alongside, while the pause
		// holds, do not lengthen it. The deadlines are on the pacing
		// clock, as the bucket's time is; the TTLs run on Redis' real
		// clock, which a test's simulated time is not, so they only clean
		// up. KEYS pause, outage (one slot); ARGV milliseconds, now in ms
		// or "", kind, "grow" or "", least and most wait of an outage.
		// Returns the milliseconds left of the channel's pause.
		pause: redis.NewScript(paceClock(2) + `
local ms = tonumber(ARGV[1])
local o = redis.call('HMGET', KEYS[2], 'until', 'wait', 'since')
local ountil, prev, since = tonumber(o[1]), tonumber(o[2]), tonumber(o[3]) or now
local cur = tonumber(redis.call('GET', KEYS[1])) or 0
if ARGV[4] == 'grow' then
  if ountil and ountil > now and cur > now then return math.ceil(cur - now) end
  local w = tonumber(ARGV[5])
  if prev then w = math.min(2 * prev, tonumber(ARGV[6])) end
  ms = math.max(ms, w)
  redis.call('HSET', KEYS[2], 'wait', ms)
end
local deadline = now + ms
if cur > deadline then return math.ceil(cur - now) end
redis.call('SET', KEYS[1], string.format('%.3f', deadline), 'PX', math.floor(ms) + 60000)
redis.call('HSET', KEYS[2], 'until', string.format('%.3f', deadline), 'since', string.format('%.3f', since), 'kind', ARGV[3])
redis.call('PEXPIRE', KEYS[2], math.floor(ms) + math.max(60000, math.floor(ms)))
return math.ceil(ms)`),
		// Counts a recipient's 5xx answer (givenUp). The channel's sends
		// are numbered as they are claimed (sendSeq); the number reached
		// at this failure replaces the one at the failure before, and
		// when the channel delivered a send numbered above that one (so
		// claimed after it: not one under way when an outage began) the
		// gaps in a row in which it did grow by one, else they start
		// again from 0. The time of the recipient's first 5xx is kept (on
		// the pacing clock: ARGV[9], only in tests, else Redis'). It
		// returns, read together, the count, those gaps, how many others
		// of the campaign are queued on the channel or in flight on it,
		// how many of those are "healthy", and the milliseconds since the
		// first 5xx. In flight counts only a send claimed less than
		// ARGV[8] ms ago (on Redis' clock, as claim notes it): an older
		// one's process died. Healthy are the others with fewer than
		// ARGV[7] 5xx answers; a queue longer than 64 is not read, all
		// healthy. Nothing is written of a recipient no longer in the
		// campaign (erased while the send was under way). KEYS tried, r,
		// queue of the channel, in flight (one slot); ARGV contact key,
		// its count's field, its gaps' field, the channel's sends
		// numbered so far, the highest number it delivered, channel,
		// attempts, grace (ms), now (ms) or "", its first 5xx's field.
		// The count fields are "n:" and the contact key (triedCount).
		// Returns {count, gaps, others, healthy, since first}, or nil.
		tried: redis.NewScript(paceClock(9) + `
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 0 then return false end
local delivered = tonumber(ARGV[5])
local before = tonumber(redis.call('HGET', KEYS[1], ARGV[1]))
redis.call('HSET', KEYS[1], ARGV[1], ARGV[4])
local gaps = 0
if before and delivered > before then
  gaps = redis.call('HINCRBY', KEYS[1], ARGV[3], 1)
else
  redis.call('HSET', KEYS[1], ARGV[3], 0)
end
local n = redis.call('HINCRBY', KEYS[1], ARGV[2], 1)
redis.call('HSETNX', KEYS[1], ARGV[10], string.format('%d', math.floor(now)))
local first = tonumber(redis.call('HGET', KEYS[1], ARGV[10])) or now
local attempts, grace = tonumber(ARGV[7]), tonumber(ARGV[8])
local function healthy(ck)
  return (tonumber(redis.call('HGET', KEYS[1], 'n:' .. ck)) or 0) < attempts
end
local t = redis.call('TIME')
local real = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local prefix = ARGV[6] .. ':'
local others, well = 0, 0
local flying = redis.call('HGETALL', KEYS[4])
for i = 1, #flying, 2 do
  local ck = flying[i]
  if ck ~= ARGV[1] and string.sub(ck, 1, #prefix) == prefix and real - (tonumber(flying[i + 1]) or 0) < grace then
    others = others + 1
    if healthy(ck) then well = well + 1 end
  end
end
local queued = redis.call('LLEN', KEYS[3])
others = others + queued
if queued > 64 then
  well = well + queued
else
  for _, it in ipairs(redis.call('LRANGE', KEYS[3], 0, -1)) do
    local ck = string.match(it, '^([^|]*)')
    if redis.call('HGET', KEYS[2], ck) == 'p' and healthy(ck) then well = well + 1 end
  end
end
return {n, gaps, others, well, math.max(0, math.floor(now - first))}`),
		// Notes that the campaign waits on the channel only for
		// recipients the platform keeps refusing (givenUp), since when
		// (the pacing clock: ARGV[2], only in tests, else Redis'); kept
		// while it lasts, cleared by finish. Only while the campaign
		// sends. KEYS meta; ARGV channel, now (ms) or "".
		refusing: redis.NewScript(paceClock(2) + `
if redis.call('HGET', KEYS[1], 'status') ~= 'sending' then return 0 end
return redis.call('HSETNX', KEYS[1], 'refused:' .. ARGV[1], string.format('%.3f', now))`),
		// Keeps the highest of the numbers of the channel's delivered
		// sends (sendSeq): a max, as sends end out of order. KEYS
		// delivered; ARGV the number.
		delivered: redis.NewScript(`
local seq = tonumber(ARGV[1])
if seq > (tonumber(redis.call('GET', KEYS[1])) or 0) then
  redis.call('SET', KEYS[1], ARGV[1])
end
return 1`),
		// Sets fields of a subscriber's hash only while the subscription
		// exists, so that nothing is kept of someone who stopped. KEYS
		// sub; ARGV field, value, ...
		mark: redis.NewScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1`),
		// Ends a campaign whose queues are empty and whose sends are all
		// recorded. A send under way in another process may still put
		// its recipient back (the platform took nothing), so the campaign
		// waits for it; but a send whose process died stays "sending"
		// for good, so once the queues have been empty for ARGV[2] ms
		// (on Redis' clock) the campaign ends anyway, those left unknown.
		// KEYS meta, queues...; ARGV finish time (ms), grace (ms).
		done: redis.NewScript(`
if redis.call('HGET', KEYS[1], 'status') ~= 'sending' then return 0 end
for i = 2, #KEYS do
  if redis.call('LLEN', KEYS[i]) > 0 then
    redis.call('HDEL', KEYS[1], 'drained')
    return 0
  end
end
if (tonumber(redis.call('HGET', KEYS[1], 'inflight')) or 0) > 0 then
  local t = redis.call('TIME')
  local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
  local since = tonumber(redis.call('HGET', KEYS[1], 'drained'))
  if not since then
    redis.call('HSET', KEYS[1], 'drained', now)
    return 0
  end
  if now - since < tonumber(ARGV[2]) then return 0 end
end
redis.call('HSET', KEYS[1], 'status', 'done', 'finished', ARGV[1])
return 1`),
	}
}
