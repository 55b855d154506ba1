package console_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// auditedActions reads, from the source of the packages that write the
// audit log, every action id passed as a literal to audit, record or
// Record (the action is their third argument), so that an action added
// there without words fails TestAuditActionsHaveWords.
func auditedActions(t *testing.T, dirs ...string) []string {
	t.Helper()
	var ids []string
	fset := token.NewFileSet()
	for _, dir := range dirs {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			f, err := parser.ParseFile(fset, name, src, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok || len(call.Args) < 3 {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok || !slices.Contains([]string{"audit", "record", "Record"}, sel.Sel.Name) {
					return true
				}
				if lit, ok := call.Args[2].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					id, err := strconv.Unquote(lit.Value)
					if err != nil {
						t.Fatal(err)
					}
					ids = append(ids, id)
				}
				return true
			})
		}
	}
	return ids
}

// TestAuditActionsHaveWords: every action the audit log can hold has its
// name in every language of the catalogue, so the operators page never
// shows a raw id: the handoff queue's and the console's own (read from
// their source), the console's that pass through a variable, and the
// text editor's (named by console.editor.action.*).
func TestAuditActionsHaveWords(t *testing.T) {
	cat := catalogue(t)
	handoff := auditedActions(t, "../handoff")
	for _, want := range []string{"claim", "reply", "delete-reply", "whatsapp-link"} {
		if !slices.Contains(handoff, want) {
			t.Fatalf("the source of handoff audits %q, reading it found %q", want, handoff)
		}
	}
	ids := append(handoff, auditedActions(t, ".")...)
	ids = append(ids, "operator-add", "operator-edit", // console/operators.go chooses one
		"text-draft", "text-publish", "text-discard", "text-reset", "text-revert", "voice-upload", "voice-remove") // the text editor's
	slices.Sort(ids)
	ids = slices.Compact(ids)
	for _, l := range cat.Languages() {
		for _, id := range ids {
			_, audit := cat.Shipped(l.Tag, "console.audit.action."+id)
			_, editor := cat.Shipped(l.Tag, "console.editor.action."+id)
			_, text := cat.Shipped(l.Tag, "console.editor.action."+strings.TrimPrefix(id, "text-"))
			if !audit && !editor && !text {
				t.Errorf("%s: the audit action %q has no words (console.audit.action.%s)", l.Tag, id, id)
			}
		}
	}
}
