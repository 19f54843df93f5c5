package symbol

import "testing"

// goFuncName answers what goFuncRE answers, for the lines gofmt writes and
// for whatever the fuzzer makes of them.
func FuzzGoFuncName(f *testing.F) {
	for _, s := range []string{
		"func Div(a, b int) int {", "func (c *Calc) Div(a int) {", "func (Calc) Div() {",
		"func (c Calc) Div[T any](x T) {", "func (s *Set[T]) Add(v T) {", "func ( r  *  Repo ) Open (",
		"func(x int) {", "func (a b) (c)", "func (*Calc) Div(", "func (a *b[c) d(", "funcx(",
		"func (a\tb) c[", "func (r *Repo)Open(", "func (r Repo[K, V]) Get(k K) V {", "func main() {",
		"func (", "func", "func (a) b", "func (a b c) d(", "func (a *) b(", "func é(",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		recv, name, ok := goFuncName(line)
		g := goFuncRE.re.FindStringSubmatch(line)
		if ok != (g != nil) || ok && (recv != g[1] || name != g[2]) {
			t.Fatalf("goFuncName(%q) = %q, %q, %v; goFuncRE gives %q", line, recv, name, ok, g)
		}
	})
}
