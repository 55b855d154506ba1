package storetest

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/redis/go-redis/v9"
)

// CheckScriptKeys makes every Lua script c runs fail tb when it touches a
// key it did not declare in KEYS. Redis Cluster routes a script by its
// declared keys and Redis' own rules require every key to be declared; a
// name the script builds itself works on one node, and on a Cluster as
// long as it happens to share the slot, so neither a single-node run nor
// GuardSlots shows it. A test that calls this runs each script with a
// prelude that wraps redis.call and redis.pcall and refuses any key
// argument (by the command's key positions, from COMMAND INFO) that is not
// one of KEYS.
//
// The hook rewrites EVAL and EVALSHA: the script is run as prelude+source
// (its own SHA). An EVALSHA of a source the hook has not seen yet is
// answered NOSCRIPT, so that go-redis' Script.Run (or code doing the
// same after a pipeline) falls back to EVAL with the source: the first
// run of each script on the client costs a round trip more, which tests
// that count commands must not use this for.
// Commands with movable keys are checked by their fixed key range only.
func CheckScriptKeys(tb testing.TB, c redis.UniversalClient) {
	tb.Helper()
	ctx := context.Background()
	info, err := c.Command(ctx).Result()
	if err != nil {
		tb.Fatalf("storetest: COMMAND INFO for the script key check: %v", err)
	}
	c.AddHook(&scriptKeys{tb: tb, prelude: keysPrelude(info), guarded: map[string]string{}})
}

// undeclaredWord starts the error a guarded script raises, so that the
// hook recognises it whatever the code does with the error.
const undeclaredWord = "storetest: undeclared key"

// keysPrelude is the Lua put before every script: a local redis that
// checks key arguments, shadowing the global one for the rest of the
// chunk (helper functions included).
func keysPrelude(info map[string]*redis.CommandInfo) string {
	var b strings.Builder
	b.WriteString("local __declared = {}\nfor _, k in ipairs(KEYS) do __declared[k] = true end\nlocal __pos = {")
	names := make([]string, 0, len(info))
	for name := range info {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		ci := info[name]
		if ci.FirstKeyPos <= 0 || ci.StepCount <= 0 || strings.ContainsAny(name, "|\"\\") {
			continue // no key, or a subcommand: nothing to check
		}
		fmt.Fprintf(&b, "[%q]={%d,%d,%d},", strings.ToLower(name), ci.FirstKeyPos, ci.LastKeyPos, ci.StepCount)
	}
	b.WriteString("}\n")
	b.WriteString(`local function __check(name, ...)
  local p = __pos[string.lower(name)]
  if not p then return end
  local n = select('#', ...)
  local last = p[2]
  if last < 0 then last = n + 1 + last end
  for i = p[1], math.min(last, n), p[3] do
    local k = tostring((select(i, ...)))
    if not __declared[k] then
      error('` + undeclaredWord + ` ' .. k .. ' (' .. name .. ')', 0)
    end
  end
end
local __redis = redis
local redis = setmetatable({
  call = function(name, ...) __check(name, ...) return __redis.call(name, ...) end,
  pcall = function(name, ...) __check(name, ...) return __redis.pcall(name, ...) end,
}, {__index = __redis})
`)
	return b.String()
}

// scriptKeys is the hook of CheckScriptKeys.
type scriptKeys struct {
	tb      testing.TB
	prelude string
	mu      sync.Mutex
	// guarded maps the SHA of a script's own source to the SHA of the
	// guarded one, once its source went by in an EVAL.
	guarded map[string]string
}

// unknownSHA is the SHA of no script.
const unknownSHA = "0000000000000000000000000000000000000000"

// noScript is the NOSCRIPT answer for an EVALSHA whose source the hook
// has not seen.
type noScript struct{}

func (noScript) Error() string { return "NOSCRIPT storetest: run the source once (EVAL) first" }
func (noScript) RedisError()   {}

func (h *scriptKeys) DialHook(next redis.DialHook) redis.DialHook { return next }

func (h *scriptKeys) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if !h.rewrite(cmd) {
			cmd.SetErr(noScript{})
			return cmd.Err()
		}
		err := next(ctx, cmd)
		h.check(err)
		return err
	}
}

func (h *scriptKeys) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return func(ctx context.Context, cmds []redis.Cmder) error {
		for _, c := range cmds {
			if !h.rewrite(c) {
				// A SHA no script has: Redis answers NOSCRIPT, as for a
				// script it does not know, and the caller falls back.
				c.Args()[1] = unknownSHA
			}
		}
		err := next(ctx, cmds)
		for _, c := range cmds {
			h.check(c.Err())
		}
		return err
	}
}

// rewrite turns a script's EVAL or EVALSHA into the run of its guarded
// source, in place. It returns false for an EVALSHA it cannot guard.
func (h *scriptKeys) rewrite(cmd redis.Cmder) bool {
	args := cmd.Args()
	if len(args) < 2 {
		return true
	}
	name, _ := args[0].(string)
	body, _ := args[1].(string)
	h.mu.Lock()
	defer h.mu.Unlock()
	switch strings.ToLower(name) {
	case "eval", "eval_ro":
		src := h.guard(body)
		h.guarded[shaOf(body)] = shaOf(src)
		args[1] = src
	case "evalsha", "evalsha_ro":
		g, ok := h.guarded[strings.ToLower(body)]
		if !ok {
			return false
		}
		args[1] = g
	}
	return true
}

// guard puts the prelude before src, after a shebang line if there is one.
func (h *scriptKeys) guard(src string) string {
	if strings.HasPrefix(src, "#!") {
		first, rest, _ := strings.Cut(src, "\n")
		return first + "\n" + h.prelude + rest
	}
	return h.prelude + src
}

// check fails the test when err says a script touched an undeclared key.
func (h *scriptKeys) check(err error) {
	if err != nil && strings.Contains(err.Error(), undeclaredWord) {
		h.tb.Errorf("a script touched a key it did not declare in KEYS: %v", err)
	}
}

func shaOf(s string) string {
	sum := sha1.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}
