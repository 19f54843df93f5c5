package symbol

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// gateSamples are lines each gated pattern matches, in the languages'
// usual and unusual spellings, and lines that come near.
var gateSamples = []string{
	"func Div(a, b int) int {", "func (c *Calc) Div[T any](a T) {", "func(x int)", "type Calc struct {", "type (",
	"var ErrX = errors.New(\"x\")", "const Max = 3", "var (", "const (", "import (",
	"export function div(a, b) {", "export default async function* gen() {", "export declare abstract class Calc {",
	"export class Calc<T> extends Base {", "export interface Options {", "export const enum Mode {", "export namespace NS {",
	"export type T = string", "export const VERSION = '1.0'", "export let x", "export default axios;",
	"function div(a, b) {", "async function go() {", "class Calc {", "abstract class Base {",
	"  static async div(a, b) {", "  #secret() {", "  get value<T>() {", "  private helper(x: number): void {",
	"@Override public int div(int a, int b) {", "public final class Calc {", "@interface Marker {", "public record Point(int x, int y) {",
	"protected enum Mode {", "  Calc(int x) {", "  public <T> List<T> all(Map<K, V>[] m) {",
	"pub fn div(a: i32) -> i32 {", "pub(crate) async unsafe fn go() {", "pub extern \"C\" fn cb() {", "default fn x() {",
	"pub struct Calc {", "pub(super) enum Mode {", "trait Div {", "pub union U {", "pub type Alias = u8;",
	"pub mod calc {", "mod tests;", "impl<T> Div for Calc<T> {", "unsafe impl Send for X {}", "macro_rules! __impl_bitflags {", "macro_rules!bitflags{",
	"def div(a, b):", "    async def go(self):", "class Calc(Base):", "class Calc:",
	"// func Div(", "x := fn()", "return impl", "classes = []", "defined := true", "functional()", "",
}

// The words a gated pattern is skipped without must be in every line it
// matches: over the samples and every line of the project's own Go code,
// a line the pattern matches always holds one of them.
func TestGatedPatternsNeedTheirWords(t *testing.T) {
	if len(gatedPatterns) < 20 {
		t.Fatalf("%d gated patterns: the definition patterns are no longer gated", len(gatedPatterns))
	}
	lines := append([]string(nil), gateSamples...)
	err := filepath.WalkDir("../..", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata") {
			return fs.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".go") {
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			lines = append(lines, strings.Split(string(src), "\n")...)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gatedPatterns {
		matched := 0
		for _, l := range lines {
			if g.re.MatchString(l) {
				matched++
				if !g.may(l) {
					t.Errorf("%s matches %q, which holds none of %q: the gate would skip it", g.re, l, g.words)
				}
			}
		}
		if matched == 0 {
			t.Errorf("%s matches no sample: add one, or the test proves nothing about it", g.re)
		}
	}
}

func FuzzGatedPatternsNeedTheirWords(f *testing.F) {
	for _, l := range gateSamples {
		f.Add(l)
	}
	f.Fuzz(func(t *testing.T, line string) {
		for _, g := range gatedPatterns {
			if g.re.MatchString(line) && !g.may(line) {
				t.Fatalf("%s matches %q, which holds none of %q", g.re, line, g.words)
			}
		}
	})
}
