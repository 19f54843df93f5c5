package untested

import (
	"bytes"
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
)

// deprecatedRE is a line of a definition's doc comment or attributes that
// says it is on its way out: Go's "Deprecated:" paragraph, JSDoc's and
// PHPDoc's @deprecated, Java's @Deprecated, Rust's #[deprecated],
// Python's @deprecated decorator.
var deprecatedRE = lazyregexp.New(`^(?:(?://+|#|\*+|/\*+)\s*)?(?:Deprecated:|@[Dd]eprecated\b|#\[deprecated\b|@(?:typing_extensions\.|warnings\.)?deprecated\b)`)

// withoutDeprecated drops the symbols whose doc comment or attributes, or
// whose type's, say they are deprecated, or whose body warns that it is: a shim kept for old callers until
// it is removed asks for no new tests (olekukonko/tablewriter's
// tw/deprecated.go, "Deprecated: SymbolASCII is deprecated; use Glyphs
// with StyleASCII instead.", drafted as untested methods, round 72). The
// file is read whole only when a symbol is left.
func withoutDeprecated(read func(string, analyze.LineKind) ([]byte, bool), f *analyze.FileDiff, keep []symbol.Symbol) []symbol.Symbol {
	if len(keep) == 0 {
		return keep
	}
	src, ok := read(f.NewPath, analyze.Added)
	if !ok || !bytes.Contains(src, []byte("eprecated")) {
		return keep
	}
	lines := strings.Split(string(src), "\n")
	out := keep[:0]
	for _, s := range keep {
		if deprecatedAbove(lines, s.Line) || warnsItsDeprecation(lines, s) {
			continue
		}
		if typ, _, ok := strings.Cut(s.Name, "."); ok && deprecatedAbove(lines, typeLine(lines, typ)) {
			continue
		}
		out = append(out, s)
	}
	return out
}

// deprecatedAbove reports whether the comment and attribute lines right
// above line (1-based) say deprecated.
func deprecatedAbove(lines []string, line int) bool {
	for k := line - 2; k >= 0 && k < len(lines); k-- {
		t := strings.TrimSpace(lines[k])
		if t == "" || !docOrAttribute(t) {
			return false
		}
		if deprecatedRE.MatchString(t) {
			return true
		}
	}
	return false
}

// docOrAttribute reports a line of a doc comment, an attribute, an
// annotation or a decorator.
func docOrAttribute(t string) bool {
	for _, p := range []string{"//", "#", "*", "/*", "@"} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	return false
}

// typeLine is the 1-based line that defines the type or class named typ,
// or 0.
func typeLine(lines []string, typ string) int {
	for i, l := range lines {
		t := strings.TrimSpace(l)
		for _, p := range []string{"type ", "class ", "struct ", "pub struct ", "export class ", "public class ", "interface ", "pub enum ", "enum "} {
			if rest, ok := strings.CutPrefix(t, p); ok && strings.HasPrefix(rest, typ) {
				if r := rest[len(typ):]; r == "" || !isIdentByte(r[0]) {
					return i + 1
				}
			}
		}
	}
	return 0
}

// warnsItsDeprecation reports whether the first lines of s's body warn
// that s is deprecated, by name: a Python alias kept for old callers
// ("parserElement is deprecated, use parser_element", DeprecationWarning:
// pyparsing's ParseBaseException.parserElement, drafted after f52588e and
// 9557384 changed its warning; round 83, noise). A warning that names
// something else (a deprecated argument) is the function's own work.
func warnsItsDeprecation(lines []string, s symbol.Symbol) bool {
	from, to := s.Line, min(max(s.EndLine, s.Line), s.Line+12, len(lines))
	if from < 1 || from > to {
		return false
	}
	name := shortName(s)
	for _, l := range lines[from-1 : to] {
		// The message starts with the name: "parserElement is deprecated".
		for _, q := range []string{"\"", "'", "`"} {
			k := strings.Index(l, q+name)
			if k < 0 {
				continue
			}
			rest := l[k+len(q)+len(name):]
			if rest != "" && isIdentByte(rest[0]) {
				continue
			}
			if strings.Contains(strings.ToLower(rest), "deprecat") && strings.Contains(strings.Join(lines[from-1:to], "\n"), "warn") {
				return true
			}
		}
	}
	return false
}
