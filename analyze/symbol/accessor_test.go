package symbol

import (
	"go/ast"
	"go/parser"
	"go/token"
	"testing"
)

func TestIsAccessor(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       bool
	}{
		// go-git 12c9ae5 internal/sharedfile/sharedfile.go.
		{"a field compared, under the lock", "s.mu.Lock()\n\tdefer s.mu.Unlock()\n\treturn s.refs > 0", true},
		{"a field", "return s.name", true},
		{"a length under a read lock", "s.mu.RLock()\n\tdefer s.mu.RUnlock()\n\treturn len(s.items)", true},
		{"a call", "return s.compute()", false},
		{"two statements", "s.n++\n\treturn s.n", false},
		{"a closure", "return func() int { return s.n }", false},
		{"a lock without its unlock", "s.mu.Lock()\n\ts.n = 1\n\treturn s.n", false},
		{"no result", "return", false},
	} {
		src := "package p\n\nfunc (s *S) M() int {\n\t" + tc.body + "\n}\n"
		f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, 0)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		d := f.Decls[0].(*ast.FuncDecl)
		if got := isAccessor(d.Body.List); got != tc.want {
			t.Errorf("%s: isAccessor = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestIsNoOp(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		want       bool
	}{
		// olekukonko/tablewriter 5d6a3ad renderer/blueprint.go.
		{"a debug line and nil", "f.debug(\"Blueprint.Start() called (no-op).\")\n\treturn nil", true},
		{"empty", "", true},
		{"a constant", "return \"+\"", true},
		{"a logged call that also acts", "f.debug(\"start\")\n\tf.w = w\n\treturn nil", false},
		{"another call", "f.flush()\n\treturn nil", false},
		{"a field", "return f.err", false},
	} {
		src := "package p\n\nfunc (f *F) Start(w io.Writer) error {\n\t" + tc.body + "\n}\n"
		file, err := parser.ParseFile(token.NewFileSet(), "p.go", src, 0)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		d := file.Decls[0].(*ast.FuncDecl)
		if got := isNoOp(d.Body.List); got != tc.want {
			t.Errorf("%s: isNoOp = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestIsPassThrough(t *testing.T) {
	for _, tc := range []struct {
		name, decl string
		want       bool
	}{
		// samber/lo 468c668 internal/xrand/ordered_go118.go.
		{"another package's function", "func Int64() int64 { return rand.Int63() }", true},
		{"its parameters as they came", "func Intn(n int) int { return rand.Intn(n) }", true},
		{"a field's method", "func (s *S) Packs() ([]Hash, error) { return s.dir.Packs() }", true},
		{"not returned", "func (s *S) Flush() { s.w.Flush() }", true},
		{"the package's own function", "func Run() error { return run() }", false},
		{"the receiver's own method", "func (s *S) Close() error { return s.close() }", false},
		{"an argument of its own", "func Parse(s string) (T, error) { return parser.Parse(s, defaults) }", false},
		{"a closure", "func (s *S) W() (io.Writer, error) { return s.open(func() {}) }", false},
		{"two statements", "func F(n int) int { n++; return rand.Intn(n) }", false},
		{"a call's result passed on", "func F() int { return rand.Intn(size()) }", false},
		// gobwas/glob 510a175 syntax/syntax.go.
		{"another package's call of its parameter passed on", "func Parse(s string) (*ast.Node, error) { return ast.Parse(lexer.NewLexer(s)) }", true},
		{"the receiver's call passed on", "func (p *P) Parse(s string) error { return ast.Parse(p.lex(s)) }", false},
	} {
		src := "package p\n\n" + tc.decl + "\n"
		f, err := parser.ParseFile(token.NewFileSet(), "p.go", src, 0)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := isPassThrough(f.Decls[0].(*ast.FuncDecl)); got != tc.want {
			t.Errorf("%s: isPassThrough = %v, want %v", tc.name, got, tc.want)
		}
	}
}
