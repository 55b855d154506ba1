package handoff

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
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
	"golang.org/x/crypto/bcrypt"

	"frontdoor/console"
)

// Operator is an account of a person of the desk.
type Operator struct {
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
	// Open is the number of cases assigned now.
	Open int64 `json:"open"`
	// account is set once when the account is created: a console session
	// belongs to one account, so removing an operator and creating the
	// name again does not revive the old sessions.
	account string
}

// Roles of operators' accounts: the console's.
const (
	RoleOutreach    = console.RoleOutreach
	RoleCoordinator = console.RoleCoordinator
	RoleStaff       = console.RoleStaff
)

// Roles lists the roles an account can have.
func Roles() []string { return console.Roles() }

// Has reports whether the operator may use the pages of role; admins may
// use them all.
func (o Operator) Has(role string) bool { return o.Viewer().Has(role) }

// Viewer is the operator as the console's pages see them.
func (o Operator) Viewer() console.Viewer {
	return console.Viewer{Name: o.Name, Admin: o.Admin, Roles: o.Roles, Lang: o.Lang}
}

// ErrBadName is returned for an operator name that is not a short word.
var ErrBadName = errors.New("operator names are 1-32 letters, digits, dot, dash or underscore")

// namePattern is compiled once; a compiled regexp is safe for concurrent use
// and never changes.
var namePattern = regexp.MustCompile(`^[A-Za-z0-9._-]{1,32}$`)

func validName(n string) bool { return namePattern.MatchString(n) }

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

// SaveOperator creates or updates an operator, replacing all its settings
// (the caller merges changes with Operator's answer); password "" keeps the
// existing one (a new operator needs one).
func (q *Queue) SaveOperator(ctx context.Context, op Operator, password string) error {
	if !validName(op.Name) {
		return ErrBadName
	}
	if op.Capacity <= 0 {
		op.Capacity = 3
	}
	for _, l := range op.Languages {
		if l != "*" && !slices.Contains(q.langs, l) {
			return fmt.Errorf("unknown language %q (known: %s, or *)", l, strings.Join(q.langs, ","))
		}
	}
	for _, a := range op.Areas {
		if a != "*" && !slices.Contains(q.areas, a) {
			return fmt.Errorf("unknown area %q (known: %s, or *)", a, strings.Join(q.areas, ","))
		}
	}
	if len(op.Languages) == 0 {
		return errors.New("an operator needs at least one language")
	}
	if op.Lang != "" && !slices.Contains(q.langs, op.Lang) {
		return fmt.Errorf("unknown console language %q (known: %s)", op.Lang, strings.Join(q.langs, ","))
	}
	key := q.k("op", op.Name)
	fields := []any{"langs", joinList(op.Languages), "areas", joinList(op.Areas), "capacity", op.Capacity, "admin", boolStr(op.Admin), "roles", joinList(op.Roles), "ui", op.Lang}
	if password != "" {
		if len(password) < 8 {
			return errors.New("the password must have at least 8 characters")
		}
		h, err := bcrypt.GenerateFromPassword([]byte(password), q.cost)
		if err != nil {
			return fmt.Errorf("hash password: %w", err)
		}
		fields = append(fields, "pw", string(h))
	} else {
		n, err := q.rdb.Exists(ctx, key).Result()
		if err != nil {
			return fmt.Errorf("look up operator %s: %w", op.Name, err)
		}
		if n == 0 {
			return errors.New("a new operator needs a password")
		}
	}
	pipe := q.rdb.TxPipeline()
	pipe.HSet(ctx, key, fields...)
	// Only a new account gets an id (an account saved before ids existed
	// gets one at its next save, which signs out its sessions once).
	pipe.HSetNX(ctx, key, "acct", newID())
	pipe.SAdd(ctx, q.k("ops"), op.Name)
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("save operator: %w", err)
	}
	return nil
}

func boolStr(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// Operator returns an operator's account.
func (q *Queue) Operator(ctx context.Context, name string) (Operator, error) {
	h, err := q.rdb.HGetAll(ctx, q.k("op", name)).Result()
	if err != nil {
		return Operator{}, fmt.Errorf("read operator: %w", err)
	}
	if h["langs"] == "" {
		return Operator{}, ErrNoOperator
	}
	cp, _ := strconv.Atoi(h["capacity"])
	n, err := q.rdb.SCard(ctx, q.k("opcases", name)).Result()
	if err != nil {
		return Operator{}, fmt.Errorf("count operator's cases: %w", err)
	}
	return Operator{Name: name, Languages: splitList(h["langs"]), Areas: splitList(h["areas"]), Capacity: cp, Admin: h["admin"] == "1",
		Roles: splitList(h["roles"]), Lang: h["ui"], Open: n, account: h["acct"]}, nil
}

// Operators lists all operators by name.
func (q *Queue) Operators(ctx context.Context) ([]Operator, error) {
	names, err := q.rdb.SMembers(ctx, q.k("ops")).Result()
	if err != nil {
		return nil, fmt.Errorf("list operators: %w", err)
	}
	slices.Sort(names)
	var out []Operator
	for _, n := range names {
		op, err := q.Operator(ctx, n)
		if errors.Is(err, ErrNoOperator) {
			continue // removed while listing
		}
		if err != nil {
			return nil, err
		}
		out = append(out, op)
	}
	return out, nil
}

// RemoveOperator deletes an account and its API token; its console sessions
// stop working (they belong to the account, not the name, see signedIn);
// the cases assigned to it go back to the queue.
func (q *Queue) RemoveOperator(ctx context.Context, name string) error {
	tok, err := q.rdb.HGet(ctx, q.k("op", name), "token").Result()
	switch {
	case errors.Is(err, redis.Nil):
		// No token, or no operator.
		n, err := q.rdb.Exists(ctx, q.k("op", name)).Result()
		if err != nil {
			return fmt.Errorf("look up operator %s: %w", name, err)
		}
		if n == 0 {
			return ErrNoOperator
		}
	case err != nil:
		return fmt.Errorf("read operator %s: %w", name, err)
	}
	ids, err := q.rdb.SMembers(ctx, q.k("opcases", name)).Result()
	if err != nil {
		// Removing the account now would strand its cases.
		return fmt.Errorf("list cases of operator %s: %w", name, err)
	}
	for _, id := range ids {
		if err := q.Requeue(ctx, name, id, "operator removed"); err != nil && !errors.Is(err, ErrNotAssigned) && !errors.Is(err, ErrNotFound) {
			return err
		}
	}
	pipe := q.rdb.TxPipeline()
	if tok != "" {
		pipe.Del(ctx, q.k("token", tok))
	}
	pipe.Del(ctx, q.k("op", name), q.k("opcases", name))
	pipe.SRem(ctx, q.k("ops"), name)
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("remove operator: %w", err)
	}
	return nil
}

// CheckPassword reports whether password is the operator's. It takes the
// same time for an unknown name, so names cannot be probed by timing.
func (q *Queue) CheckPassword(ctx context.Context, name, password string) (bool, error) {
	h, err := q.rdb.HGet(ctx, q.k("op", name), "pw").Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return false, fmt.Errorf("read operator: %w", err)
	}
	if h == "" {
		// A hash of a random password, compared for the time it costs.
		h = "$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z2lE6/8WUW2vW5Ffq0CEGQHm"
		bcrypt.CompareHashAndPassword([]byte(h), []byte(password))
		return false, nil
	}
	return bcrypt.CompareHashAndPassword([]byte(h), []byte(password)) == nil, nil
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

// NewToken gives the operator a new API token, replacing the old one. Only
// its hash is stored: the token is shown once.
func (q *Queue) NewToken(ctx context.Context, name string) (string, error) {
	if _, err := q.Operator(ctx, name); err != nil {
		return "", err
	}
	old, _ := q.rdb.HGet(ctx, q.k("op", name), "token").Result()
	tok := "fdo_" + randomToken()
	h := hashToken(tok)
	pipe := q.rdb.TxPipeline()
	if old != "" {
		pipe.Del(ctx, q.k("token", old))
	}
	pipe.Set(ctx, q.k("token", h), name, 0)
	pipe.HSet(ctx, q.k("op", name), "token", h)
	if _, err := pipe.Exec(ctx); err != nil {
		return "", fmt.Errorf("save token: %w", err)
	}
	return tok, nil
}

// TokenOperator returns the operator an API token belongs to.
func (q *Queue) TokenOperator(ctx context.Context, token string) (Operator, error) {
	if token == "" {
		return Operator{}, ErrNoOperator
	}
	name, err := q.rdb.Get(ctx, q.k("token", hashToken(token))).Result()
	if errors.Is(err, redis.Nil) {
		return Operator{}, ErrNoOperator
	}
	if err != nil {
		return Operator{}, fmt.Errorf("read token: %w", err)
	}
	return q.Operator(ctx, name)
}

// session is a signed-in console user.
type session struct {
	Operator string
	CSRF     string
	// Account is the id of the account signed in to (Operator.account).
	Account string
}

// newSession starts a console session for the operator's account and
// returns its cookie value.
func (q *Queue) newSession(ctx context.Context, op Operator, ttl time.Duration) (string, error) {
	tok := randomToken()
	key := q.k("session", hashToken(tok))
	pipe := q.rdb.TxPipeline()
	pipe.HSet(ctx, key, "op", op.Name, "acct", op.account, "csrf", randomToken())
	pipe.Expire(ctx, key, ttl)
	if _, err := pipe.Exec(ctx); err != nil {
		return "", fmt.Errorf("save session: %w", err)
	}
	return tok, nil
}

func (q *Queue) session(ctx context.Context, tok string) (session, error) {
	if tok == "" {
		return session{}, ErrNoOperator
	}
	h, err := q.rdb.HGetAll(ctx, q.k("session", hashToken(tok))).Result()
	if err != nil {
		return session{}, fmt.Errorf("read session: %w", err)
	}
	if h["op"] == "" {
		return session{}, ErrNoOperator
	}
	return session{Operator: h["op"], CSRF: h["csrf"], Account: h["acct"]}, nil
}

func (q *Queue) endSession(ctx context.Context, tok string) error {
	if err := q.rdb.Del(ctx, q.k("session", hashToken(tok))).Err(); err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	return nil
}

func sameToken(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// AuditEntry is one operator action.
type AuditEntry struct {
	Time     time.Time `json:"t"`
	Operator string    `json:"op"`
	Action   string    `json:"action"`
	Case     string    `json:"case,omitempty"`
	Detail   string    `json:"detail,omitempty"`
}

// audit records an operator's action in the capped audit log.
func (q *Queue) audit(ctx context.Context, op, action, id, detail string) error {
	b, err := json.Marshal(AuditEntry{Time: q.clock(), Operator: op, Action: action, Case: id, Detail: detail})
	if err != nil {
		return fmt.Errorf("encode audit entry: %w", err)
	}
	pipe := q.rdb.Pipeline()
	pipe.LPush(ctx, q.k("audit"), b)
	pipe.LTrim(ctx, q.k("audit"), 0, auditMax-1)
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("write audit log: %w", err)
	}
	return nil
}

// auditMax bounds the audit log: at about 150 bytes an entry, 15 MB of
// Redis for months of a desk's work (reads are logged once per
// readAuditEvery).
const auditMax = 100000

// Audit returns the latest operator actions, newest first.
func (q *Queue) Audit(ctx context.Context, n int64) ([]AuditEntry, error) {
	raw, err := q.rdb.LRange(ctx, q.k("audit"), 0, n-1).Result()
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
