package symbol

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
)

// DefinedIn reports whether the source file at p, whose content is src,
// defines name: a function, type or method of that name, exported or not
// (a method is found by its name alone, "process" of "Glob.process").
// known is false for a language the symbol rules do not read. A word in
// a file is not its definition: node-glob's src/glob.ts names
// `process.platform` long after Glob.process was taken out.
func DefinedIn(p string, src []byte, name string) (defined, known bool) {
	lang := analyze.SourceLanguage(p)
	if lang == analyze.LangGo {
		for n := range newGoSide(src).byName {
			if n == name || strings.HasSuffix(n, "."+name) {
				return true, true
			}
		}
		return false, true
	}
	defs := scanDefs(lang, analyze.FileLines(src))
	if defs == nil && lang == "" {
		return false, false
	}
	for _, d := range defs {
		if d.name == name || strings.HasSuffix(d.name, "."+name) {
			return true, true
		}
	}
	return false, lang != ""
}

// CallersIn lists the short names of the definitions of the source file
// at p (content src) whose bodies call name (qualified, "Type.method" for
// a method), other than name's own: the code through which a caller
// reaches it. A method counts as called through the instance or the type
// (`self.m(`, `this.m(`, `Self::m(`, `Type.m(`, a Go method's receiver
// `t.m(` in another method of the type, a bare `m(` in Java); a call of
// that name on something else is another type's (tokei's get_statistics
// called `l.total()`, a Language's, not Languages.total). A function
// counts called bare. nil for a language the symbol rules do not read.
func CallersIn(p string, src []byte, name string) []string {
	lang := analyze.SourceLanguage(p)
	if lang == "" {
		return nil
	}
	lines := analyze.FileLines(src)
	return callersIn(lang, lines, scanDefs(lang, lines), name)
}

// Callers is CallersIn of the file at path as the commit has it, scanned
// once however many symbols are asked of it.
func (c *Commit) Callers(path, name string) []string {
	lang := analyze.SourceLanguage(path)
	f := c.scan(path, analyze.Added)
	if lang == "" || !f.ok {
		return nil
	}
	return callersIn(lang, f.lines, f.defs, name)
}

func callersIn(lang string, lines []analyze.SideLine, defs []defSpan, name string) []string {
	typ, method, isMethod := strings.Cut(name, ".")
	short := name
	if isMethod {
		short = method
	}
	var out []string
	for _, d := range defs {
		own := d.name[strings.LastIndexByte(d.name, '.')+1:]
		if d.name == name || d.end <= d.line || d.end > len(lines) || d.kind == Type || d.kind == Class || d.kind == impl || d.kind == mod {
			continue
		}
		bare := !isMethod
		var through []string
		if isMethod {
			through = []string{"self.", "this.", "cls.", "Self::", "self::", typ + ".", typ + "::"}
			if d.typeName == typ || strings.HasPrefix(d.name, typ+".") {
				if m := goReceiverRE.FindStringSubmatch(d.sig); lang == analyze.LangGo && m != nil {
					through = append(through, m[1]+".")
				}
				bare = lang == analyze.LangJava
			}
		}
		for _, l := range lines[d.line:d.end] {
			if callsAs(l.Text, short, bare, through) {
				out = append(out, own)
				break
			}
		}
	}
	return out
}

// goReceiverRE is a Go method's receiver's name.
var goReceiverRE = lazyregexp.New(`^func\s*\(\s*(\w+)\s`)

// callsAs reports whether line calls name bare (when bare), not as a
// method of something, or through one of the qualifiers in through.
func callsAs(line, name string, bare bool, through []string) bool {
	for from := 0; ; {
		k := strings.Index(line[from:], name)
		if k < 0 {
			return false
		}
		k += from
		from = k + len(name)
		if k > 0 && analyze.IsIdentByte(line[k-1]) || from < len(line) && analyze.IsIdentByte(line[from]) ||
			!strings.HasPrefix(strings.TrimLeft(line[from:], " \t"), "(") {
			continue
		}
		before := line[:k]
		if bare && !strings.HasSuffix(before, ".") && !strings.HasSuffix(before, ":") {
			return true
		}
		for _, q := range through {
			if strings.HasSuffix(before, q) && (len(before) == len(q) || !analyze.IsIdentByte(before[len(before)-len(q)-1])) {
				return true
			}
		}
	}
}
