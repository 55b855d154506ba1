package handoff

import (
	"context"
	"errors"
	"fmt"

	"frontdoor/console"
)

// Operator is an account of a person of the desk: the console owns the
// accounts, the case queue routes by their languages, areas and capacity
// and fills in Open.
type Operator = console.Account

// Roles of operators' accounts: the console's.
const (
	RoleOutreach    = console.RoleOutreach
	RoleCoordinator = console.RoleCoordinator
	RoleStaff       = console.RoleStaff
)

// Roles lists the roles an account can have.
func Roles() []string { return console.Roles() }

// Errors of accounts: the console's.
var (
	// ErrBadName is returned for an operator name that is not a short word.
	ErrBadName = console.ErrBadName
	// ErrNoOperator is returned for a name that belongs to no account.
	ErrNoOperator = console.ErrNoAccount
)

// Accounts are the operators' accounts the queue routes by.
func (q *Queue) Accounts() *console.Accounts { return q.acc }

// SaveOperator creates or updates an operator's account (console.Accounts.Save).
func (q *Queue) SaveOperator(ctx context.Context, op Operator, password string) error {
	return q.acc.Save(ctx, op, password)
}

// Operator returns an operator's account with the number of cases
// assigned to them now.
func (q *Queue) Operator(ctx context.Context, name string) (Operator, error) {
	op, err := q.acc.Get(ctx, name)
	if err != nil {
		return Operator{}, err
	}
	if op.Open, err = q.rdb.SCard(ctx, q.k("opcases", name)).Result(); err != nil {
		return Operator{}, fmt.Errorf("count operator's cases: %w", err)
	}
	return op, nil
}

// Operators lists all operators by name, with their open cases.
func (q *Queue) Operators(ctx context.Context) ([]Operator, error) {
	ops, err := q.acc.List(ctx)
	if err != nil {
		return nil, err
	}
	for i := range ops {
		if ops[i].Open, err = q.rdb.SCard(ctx, q.k("opcases", ops[i].Name)).Result(); err != nil {
			return nil, fmt.Errorf("count operator's cases: %w", err)
		}
	}
	return ops, nil
}

// RemoveOperator gives the cases assigned to an operator back to the
// queue, then deletes the account and its API token; its console sessions
// stop working.
func (q *Queue) RemoveOperator(ctx context.Context, name string) error {
	ok, err := q.acc.Exists(ctx, name)
	if err != nil {
		return err
	}
	if !ok {
		return ErrNoOperator
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
	if err := q.acc.Delete(ctx, name); err != nil {
		return err
	}
	if err := q.rdb.Del(ctx, q.k("opcases", name)).Err(); err != nil {
		return fmt.Errorf("remove operator's case set: %w", err)
	}
	return nil
}

// CheckPassword reports whether password is the operator's.
func (q *Queue) CheckPassword(ctx context.Context, name, password string) (bool, error) {
	return q.acc.CheckPassword(ctx, name, password)
}

// NewToken gives the operator a new API token (console.Accounts.NewToken).
func (q *Queue) NewToken(ctx context.Context, name string) (string, error) {
	return q.acc.NewToken(ctx, name)
}

// TokenOperator returns the operator an API token belongs to.
func (q *Queue) TokenOperator(ctx context.Context, token string) (Operator, error) {
	op, err := q.acc.TokenAccount(ctx, token)
	if err != nil {
		return Operator{}, err
	}
	return q.Operator(ctx, op.Name)
}

// AuditEntry is one operator action.
type AuditEntry = console.AuditEntry

// audit records an operator's action in the console's audit log.
func (q *Queue) audit(ctx context.Context, op, action, id, detail string) error {
	return q.acc.Record(ctx, op, action, id, detail)
}

// Audit returns the latest operator actions, newest first.
func (q *Queue) Audit(ctx context.Context, n int64) ([]AuditEntry, error) {
	return q.acc.Audit(ctx, n)
}
