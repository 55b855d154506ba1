package console

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/redis/go-redis/v9"
	"golang.org/x/crypto/bcrypt"

	"frontdoor/store"
	"frontdoor/store/replica"
)

// Account is an operator's account: who they are, what they may do in the
// console, and the skills the case queue routes by.
type Account struct {
	Name      string   `json:"name"`
	Languages []string `json:"languages"`
	Areas     []string `json:"areas"`
	Capacity  int      `json:"capacity"`
	Admin     bool     `json:"admin"`
	// Roles open pages beyond the case queue: RoleOutreach (campaigns),
	// RoleCoordinator (statistics), RoleStaff (the desks' agenda).
	Roles []string `json:"roles,omitempty"`
	// Lang is the language of the console for this operator ("" = their
	// browser's).
	Lang string `json:"lang,omitempty"`
	// Open is the number of cases assigned now. The accounts do not know
	// it: the case queue (handoff) fills it in when it lists operators.
	Open int64 `json:"open"`
	// id is set once when the account is created: a console session
	// belongs to one account, so removing an operator and creating the
	// name again does not revive the old sessions.
	id string
}

// Has reports whether the operator may use the pages of role; admins may
// use them all.
func (a Account) Has(role string) bool { return a.Viewer().Has(role) }

// Viewer is the account as the console's pages see it.
func (a Account) Viewer() Viewer {
	return Viewer{Name: a.Name, Admin: a.Admin, Roles: a.Roles, Lang: a.Lang}
}

// Errors of account operations.
var (
	// ErrBadName is returned for an operator name that is not a short word.
	ErrBadName = errors.New("operator names are 1-32 letters, digits, dot, dash or underscore")
	// ErrNoAccount is returned for a name, token or session that belongs
	// to no account.
	ErrNoAccount = errors.New("no such operator")
)

// namePattern is compiled once; a compiled regexp is safe for concurrent use
// and never changes.
var namePattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,32}$`)

// ValidName reports whether n can name an account.
func ValidName(n string) bool { return namePattern.MatchString(n) }

// Accounts keeps operators' accounts, their API tokens, console sessions
// and the audit log in Redis. It is safe for concurrent use and across
// processes.
//
// Redis keys (owned by this package). They keep the names and the
// {handoff} hash tag they had when the case queue owned them, so the
// accounts of a running desk keep working without a migration, and the
// case queue's scripts can check an operator's capacity and skills in the
// same Redis Cluster slot as the case they claim (they read the langs,
// areas and capacity fields of op:NAME and nothing else). With prefix
// "fd:" P is "fd:{handoff}:".
//
//	P op:NAME          HASH   account: langs ",ar,fr,", areas, capacity, admin ("1"), roles, ui (console
//	                          language), pw (bcrypt), token (sha256 of the API token), acct (account id)
//	P ops              SET    operator names
//	P token:SHA256     STRING operator name for an API token
//	P session:SHA256   HASH   console session: op, acct, csrf (expires)
//	P audit            LIST   operators' actions (JSON), newest first, capped at auditMax
type Accounts struct {
	rdb   redis.UniversalClient
	p     string
	clock func() time.Time
	langs []string
	areas []string
	cost  int
	// decoy is a hash at cost of a random password, made once when first
	// needed: an unknown name is checked against it for the same time a
	// known one takes.
	decoy     []byte
	decoyOnce sync.Once
	// replicas makes an access change wait for a replica (see changed).
	replicas *replica.Waiter
	log      *slog.Logger
}

// AccountOptions are what Accounts checks new settings against.
type AccountOptions struct {
	// Languages are the codes an operator may speak (besides "*"), and
	// the console languages they may choose.
	Languages []string
	// Areas are the need areas an operator may be given (besides "*").
	Areas []string
	// Clock stamps the audit log; default time.Now.
	Clock func() time.Time
	// PasswordCost is bcrypt's work factor; default bcrypt.DefaultCost.
	// Tests lower it.
	PasswordCost int
	// ReplicaWait is how long a change that takes access away (an account
	// removed or changed, a password reset, a token replaced, a session
	// ended) waits for a Redis replica to hold it before it is reported
	// done, where the master has replicas: a failover after an admin saw
	// "removed" must not give the access back. At most
	// replica.MaxWait; zero: DefaultReplicaWait, negative: never. Not
	// confirmed in time, the change is done all the same, logged, and
	// reported to a context of WatchCopies.
	ReplicaWait time.Duration
	// Log receives the changes no replica confirmed; default none.
	Log *slog.Logger
}

// DefaultReplicaWait is AccountOptions.ReplicaWait's default, the
// dispatcher's.
const DefaultReplicaWait = time.Second

// NewAccounts keeps the accounts in rdb under keys' prefix.
func NewAccounts(rdb redis.UniversalClient, keys store.Keys, o AccountOptions) *Accounts {
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if o.PasswordCost <= 0 {
		o.PasswordCost = bcrypt.DefaultCost
	}
	if o.ReplicaWait == 0 {
		o.ReplicaWait = DefaultReplicaWait
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return &Accounts{rdb: rdb, p: AccountsPrefix(keys), clock: o.Clock, langs: o.Languages, areas: o.Areas, cost: o.PasswordCost,
		replicas: replica.New(rdb, o.ReplicaWait), log: o.Log}
}

// The access changes run as scripts, so that the WAIT for a replica rides
// in their own round trip (replica.Waiter.Run) and, on a server without
// replicas, they cost what the transactions they replace did: one.
var (
	// saveScript: KEYS op:NAME, ops; ARGV name, a new account id, then
	// the account's fields and values. Only a new account takes the id.
	saveScript = redis.NewScript(`
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
redis.call('HSETNX', KEYS[1], 'acct', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[1])
return 1`)
	// passwordScript: KEYS op:NAME; ARGV the password's hash, a new
	// account id.
	passwordScript = redis.NewScript(`
redis.call('HSET', KEYS[1], 'pw', ARGV[1], 'acct', ARGV[2])
return 1`)
	// deleteScript: KEYS op:NAME, ops, and token:HASH when the account has
	// one; ARGV name.
	deleteScript = redis.NewScript(`
if KEYS[3] then redis.call('DEL', KEYS[3]) end
redis.call('DEL', KEYS[1])
redis.call('SREM', KEYS[2], ARGV[1])
return 1`)
	// tokenScript: KEYS op:NAME, the new token:HASH, and the old one when
	// there is one; ARGV name, the new token's hash.
	tokenScript = redis.NewScript(`
if KEYS[3] then redis.call('DEL', KEYS[3]) end
redis.call('SET', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[1], 'token', ARGV[2])
return 1`)
	// endScript: KEYS session:HASH.
	endScript = redis.NewScript(`
redis.call('DEL', KEYS[1])
return 1`)
)

// copies is what WatchCopies puts in a context.
type copies struct{ uncopied atomic.Bool }

type copiesKey struct{}

// WatchCopies returns a context whose access changes report, through
// uncopied, whether one of them was done without a replica confirming it
// in time (AccountOptions.ReplicaWait): for a caller that can tell the
// admin "done, not yet copied" (the command line).
func WatchCopies(ctx context.Context) (_ context.Context, uncopied func() bool) {
	c := &copies{}
	return context.WithValue(ctx, copiesKey{}, c), c.uncopied.Load
}

// change runs an access change, waiting for a replica where its master
// has one, before the caller reports it done: a failover just after it
// would otherwise give a removed operator, an old password, a replaced
// token or an ended session its access back. Every key is under the
// accounts' hash tag: one master, one WAIT.
func (a *Accounts) change(ctx context.Context, what string, script *redis.Script, keys []string, args ...any) error {
	cmd, confirmed := a.replicas.Run(ctx, replica.Call{Script: script, Keys: keys, Args: args})
	if err := cmd.Err(); err != nil {
		return err
	}
	if !confirmed {
		a.log.Warn("no replica confirmed an access change in time: a failover now could undo it", "change", what,
			"wait", a.replicas.Wait())
		if c, ok := ctx.Value(copiesKey{}).(*copies); ok {
			c.uncopied.Store(true)
		}
	}
	return nil
}

// AccountsPrefix is the prefix of the accounts' keys (P above): the case
// queue's scripts compute op:NAME from it.
func AccountsPrefix(keys store.Keys) string { return keys.Global("{handoff}:") }

// Languages are the language codes accounts may have.
func (a *Accounts) Languages() []string { return slices.Clone(a.langs) }

// Areas are the need areas accounts may have.
func (a *Accounts) Areas() []string { return slices.Clone(a.areas) }

func (a *Accounts) k(parts ...string) string { return a.p + strings.Join(parts, ":") }

func joinList(xs []string) string { return "," + strings.Join(xs, ",") + "," }

func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func boolStr(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// Check says what is wrong with an account's settings, if anything.
func (a *Accounts) Check(acc Account) error {
	if !ValidName(acc.Name) {
		return ErrBadName
	}
	for _, l := range acc.Languages {
		if l != "*" && !slices.Contains(a.langs, l) {
			return fmt.Errorf("unknown language %q (known: %s, or *)", l, strings.Join(a.langs, ","))
		}
	}
	for _, ar := range acc.Areas {
		if ar != "*" && !slices.Contains(a.areas, ar) {
			return fmt.Errorf("unknown area %q (known: %s, or *)", ar, strings.Join(a.areas, ","))
		}
	}
	if len(acc.Languages) == 0 {
		return ErrNoLanguage
	}
	for _, r := range acc.Roles {
		if !slices.Contains(Roles(), r) {
			return fmt.Errorf("unknown role %q (known: %s)", r, strings.Join(Roles(), ","))
		}
	}
	if acc.Lang != "" && !slices.Contains(a.langs, acc.Lang) {
		return fmt.Errorf("unknown console language %q (known: %s)", acc.Lang, strings.Join(a.langs, ","))
	}
	return nil
}

// Save creates or updates an account, replacing all its settings (the
// caller merges changes with Get's answer); password "" keeps the existing
// one (a new account needs one). Capacity 0 is 3.
func (a *Accounts) Save(ctx context.Context, acc Account, password string) error {
	if acc.Capacity <= 0 {
		acc.Capacity = 3
	}
	if err := a.Check(acc); err != nil {
		return err
	}
	key := a.k("op", acc.Name)
	fields := []any{"langs", joinList(acc.Languages), "areas", joinList(acc.Areas), "capacity", acc.Capacity, "admin", boolStr(acc.Admin),
		"roles", joinList(acc.Roles), "ui", acc.Lang}
	if password != "" {
		h, err := a.hash(password)
		if err != nil {
			return err
		}
		fields = append(fields, "pw", h)
	} else {
		n, err := a.rdb.Exists(ctx, key).Result()
		if err != nil {
			return fmt.Errorf("look up operator %s: %w", acc.Name, err)
		}
		if n == 0 {
			return ErrNeedPassword
		}
	}
	// Only a new account gets an id (an account saved before ids existed
	// gets one at its next save, which signs out its sessions once).
	if err := a.change(ctx, "save", saveScript, []string{key, a.k("ops")}, append([]any{acc.Name, newID()}, fields...)...); err != nil {
		return fmt.Errorf("save operator: %w", err)
	}
	return nil
}

// ErrNoLanguage refuses an account that speaks no language: it could
// take no case.
var ErrNoLanguage = errors.New("an operator needs at least one language")

// ErrNeedPassword refuses a new account without a password.
var ErrNeedPassword = errors.New("a new operator needs a password")

// ErrShortPassword is returned for a password under 8 characters.
var ErrShortPassword = errors.New("the password must have at least 8 characters")

func (a *Accounts) hash(password string) (string, error) {
	if len(password) < 8 {
		return "", ErrShortPassword
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), a.cost)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return string(h), nil
}

// SetPassword replaces an account's password (an admin's reset). The
// account's console sessions end, so whoever knew the old one is out.
func (a *Accounts) SetPassword(ctx context.Context, name, password string) error {
	if _, err := a.Get(ctx, name); err != nil {
		return err
	}
	h, err := a.hash(password)
	if err != nil {
		return err
	}
	// A new account id ends every session of the old one (see Session).
	if err := a.change(ctx, "password", passwordScript, []string{a.k("op", name)}, h, newID()); err != nil {
		return fmt.Errorf("save password of %s: %w", name, err)
	}
	return nil
}

// Get returns an account.
func (a *Accounts) Get(ctx context.Context, name string) (Account, error) {
	h, err := a.rdb.HGetAll(ctx, a.k("op", name)).Result()
	if err != nil {
		return Account{}, fmt.Errorf("read operator: %w", err)
	}
	if h["langs"] == "" {
		return Account{}, ErrNoAccount
	}
	cp, _ := strconv.Atoi(h["capacity"])
	return Account{Name: name, Languages: splitList(h["langs"]), Areas: splitList(h["areas"]), Capacity: cp, Admin: h["admin"] == "1",
		Roles: splitList(h["roles"]), Lang: h["ui"], id: h["acct"]}, nil
}

// List returns every account by name.
func (a *Accounts) List(ctx context.Context) ([]Account, error) {
	names, err := a.rdb.SMembers(ctx, a.k("ops")).Result()
	if err != nil {
		return nil, fmt.Errorf("list operators: %w", err)
	}
	slices.Sort(names)
	var out []Account
	for _, n := range names {
		acc, err := a.Get(ctx, n)
		if errors.Is(err, ErrNoAccount) {
			continue // removed while listing
		}
		if err != nil {
			return nil, err
		}
		out = append(out, acc)
	}
	return out, nil
}

// Exists reports whether an account of that name exists.
func (a *Accounts) Exists(ctx context.Context, name string) (bool, error) {
	n, err := a.rdb.Exists(ctx, a.k("op", name)).Result()
	if err != nil {
		return false, fmt.Errorf("look up operator %s: %w", name, err)
	}
	return n > 0, nil
}

// Delete removes an account and its API token; its console sessions stop
// working (they belong to the account id, not the name). The case queue
// gives the account's cases back first (handoff's RemoveOperator).
func (a *Accounts) Delete(ctx context.Context, name string) error {
	tok, err := a.rdb.HGet(ctx, a.k("op", name), "token").Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return fmt.Errorf("read operator %s: %w", name, err)
	}
	keys := []string{a.k("op", name), a.k("ops")}
	if tok != "" {
		keys = append(keys, a.k("token", tok))
	}
	if err := a.change(ctx, "remove", deleteScript, keys, name); err != nil {
		return fmt.Errorf("remove operator: %w", err)
	}
	return nil
}

func (a *Accounts) decoyHash() []byte {
	a.decoyOnce.Do(func() {
		pw := make([]byte, 16)
		rand.Read(pw)
		h, err := bcrypt.GenerateFromPassword([]byte(hex.EncodeToString(pw)), a.cost)
		if err != nil {
			// Only for a cost out of bcrypt's range, which saving a
			// password refuses too; a default-cost decoy still costs time.
			h, _ = bcrypt.GenerateFromPassword([]byte(hex.EncodeToString(pw)), bcrypt.DefaultCost)
		}
		a.decoy = h
	})
	return a.decoy
}

// CheckPassword reports whether password is the account's. It takes the
// same time for an unknown name, so names cannot be probed by timing.
func (a *Accounts) CheckPassword(ctx context.Context, name, password string) (bool, error) {
	h, err := a.rdb.HGet(ctx, a.k("op", name), "pw").Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return false, fmt.Errorf("read operator: %w", err)
	}
	if h == "" {
		// Compared for the time it costs, at the cost of the real
		// hashes (a fixed one at another cost would tell names apart).
		bcrypt.CompareHashAndPassword(a.decoyHash(), []byte(password))
		return false, nil
	}
	return bcrypt.CompareHashAndPassword([]byte(h), []byte(password)) == nil, nil
}

func newID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func randomToken() string {
	b := make([]byte, 24)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func hashToken(t string) string {
	s := sha256.Sum256([]byte(t))
	return hex.EncodeToString(s[:])
}

// SameToken compares a form token with the session's in constant time; an
// empty token is never right.
func SameToken(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// NewToken gives the account a new API token, replacing the old one. Only
// its hash is stored: the token is shown once.
func (a *Accounts) NewToken(ctx context.Context, name string) (string, error) {
	if _, err := a.Get(ctx, name); err != nil {
		return "", err
	}
	old, err := a.rdb.HGet(ctx, a.k("op", name), "token").Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return "", fmt.Errorf("read token of %s: %w", name, err)
	}
	tok := "fdo_" + randomToken()
	h := hashToken(tok)
	keys := []string{a.k("op", name), a.k("token", h)}
	if old != "" {
		keys = append(keys, a.k("token", old))
	}
	if err := a.change(ctx, "token", tokenScript, keys, name, h); err != nil {
		return "", fmt.Errorf("save token: %w", err)
	}
	return tok, nil
}

// TokenAccount returns the account an API token belongs to.
func (a *Accounts) TokenAccount(ctx context.Context, token string) (Account, error) {
	if token == "" {
		return Account{}, ErrNoAccount
	}
	name, err := a.rdb.Get(ctx, a.k("token", hashToken(token))).Result()
	if errors.Is(err, redis.Nil) {
		return Account{}, ErrNoAccount
	}
	if err != nil {
		return Account{}, fmt.Errorf("read token: %w", err)
	}
	return a.Get(ctx, name)
}

// Session is a signed-in console user.
type Session struct {
	Operator string
	// CSRF is the form token of every form of the session.
	CSRF string
	// Account is the id of the account signed in to.
	Account string
}

// NewSession starts a console session for the account and returns its
// cookie value.
func (a *Accounts) NewSession(ctx context.Context, acc Account, ttl time.Duration) (string, error) {
	tok := randomToken()
	key := a.k("session", hashToken(tok))
	pipe := a.rdb.TxPipeline()
	pipe.HSet(ctx, key, "op", acc.Name, "acct", acc.id, "csrf", randomToken())
	pipe.Expire(ctx, key, ttl)
	if _, err := pipe.Exec(ctx); err != nil {
		return "", fmt.Errorf("save session: %w", err)
	}
	return tok, nil
}

// Session returns the account and session of a cookie value; a session of
// a removed account, or of one whose password was reset, is ErrNoAccount.
func (a *Accounts) Session(ctx context.Context, tok string) (Account, Session, error) {
	if tok == "" {
		return Account{}, Session{}, ErrNoAccount
	}
	h, err := a.rdb.HGetAll(ctx, a.k("session", hashToken(tok))).Result()
	if err != nil {
		return Account{}, Session{}, fmt.Errorf("read session: %w", err)
	}
	if h["op"] == "" {
		return Account{}, Session{}, ErrNoAccount
	}
	sess := Session{Operator: h["op"], CSRF: h["csrf"], Account: h["acct"]}
	acc, err := a.Get(ctx, sess.Operator)
	if err != nil {
		return Account{}, Session{}, err
	}
	if sess.Account != acc.id {
		// A session of a removed account whose name was given again.
		return Account{}, Session{}, ErrNoAccount
	}
	return acc, sess, nil
}

// EndSession signs a session out.
func (a *Accounts) EndSession(ctx context.Context, tok string) error {
	if err := a.change(ctx, "sign-out", endScript, []string{a.k("session", hashToken(tok))}); err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	return nil
}

// AuditEntry is one operator action.
type AuditEntry struct {
	Time     time.Time `json:"t"`
	Operator string    `json:"op"`
	Action   string    `json:"action"`
	Case     string    `json:"case,omitempty"`
	Detail   string    `json:"detail,omitempty"`
}

// auditMax bounds the audit log: at about 150 bytes an entry, 15 MB of
// Redis for months of a desk's work (reads are logged once per ten
// minutes and case).
const auditMax = 100000

// Record writes an operator's action in the capped audit log; id is the
// case it concerns, if any.
func (a *Accounts) Record(ctx context.Context, op, action, id, detail string) error {
	b, err := json.Marshal(AuditEntry{Time: a.clock(), Operator: op, Action: action, Case: id, Detail: detail})
	if err != nil {
		return fmt.Errorf("encode audit entry: %w", err)
	}
	pipe := a.rdb.Pipeline()
	pipe.LPush(ctx, a.k("audit"), b)
	pipe.LTrim(ctx, a.k("audit"), 0, auditMax-1)
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("write audit log: %w", err)
	}
	return nil
}

// Audit returns the latest n operator actions, newest first.
func (a *Accounts) Audit(ctx context.Context, n int64) ([]AuditEntry, error) {
	raw, err := a.rdb.LRange(ctx, a.k("audit"), 0, n-1).Result()
	if err != nil {
		return nil, fmt.Errorf("read audit log: %w", err)
	}
	var out []AuditEntry
	for _, r := range raw {
		var e AuditEntry
		if json.Unmarshal([]byte(r), &e) == nil {
			out = append(out, e)
		}
	}
	return out, nil
}
