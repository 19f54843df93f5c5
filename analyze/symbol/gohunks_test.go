package symbol

import (
	"testing"

	"github.com/ticket-master/ticket-master/analyze/difftest"
)

func TestSectionFunc(t *testing.T) {
	for _, c := range []struct {
		section, name string
		ok            bool
	}{
		{"func parse(s string) error {", "parse", true},
		{"func (r *Repo) open(ctx context.Context) error {", "Repo.open", true},
		{"func (s *Set[T]) add(v T) {", "Set.add", true},
		{"func (*Repo) Close() error {", "Repo.Close", true},
		{"func Map[T any](xs []T) []T {", "Map", true},
		{"type Repo struct {", "", false},
		{"var (", "", false},
		{"func() {", "", false},
		{"func (r *Repo", "", false},
		{"", "", false},
	} {
		name, ok := sectionFunc(c.section)
		if name != c.name || ok != c.ok {
			t.Errorf("sectionFunc(%q) = %q, %v; want %q, %v", c.section, name, ok, c.name, c.ok)
		}
	}
}

// Changes inside the bodies of unexported functions are known from the
// hunks; anything the hunks cannot vouch for is read whole. The diffs are
// shaped like go-git's (a body edited in place, the section git shows).
func TestInsideUnexportedFuncs(t *testing.T) {
	body := func(section string, lines ...string) string {
		return difftest.Modified("a.go", "a.go", "@@ -10,3 +10,3 @@ "+section+"\n"+joinLines(lines))
	}
	for _, c := range []struct {
		name string
		diff string
		want bool
	}{
		{"a line of an unexported function", body("func (p *parser) next() error {", "\tif p.done {", "-\t\treturn nil", "+\t\treturn io.EOF", "\t}"), true},
		{"an unexported method of an exported type", body("func (r *Repo) open() error {", "\tx := 1", "-\ty := 2", "+\ty := 3"), true},
		{"an exported method of an unexported type", body("func (t *tree) Walk() error {", "\tx := 1", "-\ty := 2", "+\ty := 3"), true},
		{"an exported function", body("func Open(path string) error {", "\tx := 1", "-\ty := 2", "+\ty := 3"), false},
		{"an exported method", body("func (r *Repo) Close() error {", "\tx := 1", "-\ty := 2", "+\ty := 3"), false},
		{"up to the closing brace", body("func (p *parser) next() error {", "\treturn nil", "-}", "+}"), false},
		{"a new declaration below", body("func (p *parser) next() error {", "\treturn nil", "}", "+func Next() {}"), false},
		{"a doc comment", body("func (p *parser) next() error {", "\treturn nil", "+// Next reads on."), false},
		{"in a type", body("type parser struct {", "\tn int", "-\tm int", "+\tm int64"), false},
		{"a closing brace in the context", body("func (p *parser) next() error {", "-\treturn nil", "+\treturn io.EOF", "}"), false},
		{"blank lines only", body("func (p *parser) next() error {", "\tx := 1", "-", "+"), false},
		{"no section", body("", "\tx := 1", "-\ty := 2", "+\ty := 3"), false},
	} {
		f := difftest.File(t, c.diff)
		if got := insideUnexportedFuncs(f); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func joinLines(lines []string) string {
	out := ""
	for _, l := range lines {
		if l == "" || (l[0] != '+' && l[0] != '-') {
			l = " " + l
		}
		out += l + "\n"
	}
	return out
}
