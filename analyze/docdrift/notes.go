package docdrift

import (
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
)

// notes is what a commit wrote about itself outside the documentation: the
// lines it adds to changelogs (release notes, news fragments), and the
// comments and docstrings it adds to code (API docs generated from them,
// swag's "// @Router /items [get]"). A surface they name is documented.
type notes struct {
	text string
	// strict: the text is documentation in general (a README), not
	// words written about this commit; a class named is not its method.
	strict bool
}

// notesOf collects a commit's notes.
func notesOf(cd *analyze.CommitDiff) notes {
	var b strings.Builder
	for i := range cd.Files {
		f := &cd.Files[i]
		p := f.NewPath
		if p == "" || f.Binary {
			continue
		}
		changelog := analyze.IsChangelogPath(p)
		if !changelog && analyze.SourceLanguage(p) == "" {
			continue
		}
		for _, h := range f.Hunks {
			side := analyze.SideOfHunk(h, analyze.Added)
			var code []symbol.Line
			if !changelog {
				texts := make([]string, len(side))
				for k, l := range side {
					texts[k] = l.Text
				}
				code = symbol.Code(p, texts)
			}
			for k, l := range side {
				if !l.Changed {
					continue
				}
				if changelog || code[k].Inside || commentLine(l.Text) || strings.TrimSpace(code[k].Code) == "" {
					b.WriteString(l.Text)
					b.WriteByte('\n')
				}
			}
		}
	}
	return notes{text: b.String()}
}

// names reports whether the notes name a surface of kind: "--timeout" or
// `timeout` for a flag; the path of a route; a config key as code, or as
// a word when it cannot be an English one (poll_interval); a symbol by
// its qualified name (Calc.Div, Calc::Div, Calc#Div), or by its name or
// its owner's (Calc) written as code (`Div`, Div(), .Div). Strict notes
// take neither the owner nor a short method name alone.
func (n notes) names(kind, name string) bool {
	if n.text == "" || name == "" {
		return false
	}
	switch kind {
	case surfaceFlag:
		return containsWord(n.text, name) || strings.Contains(n.text, "`"+strings.TrimLeft(name, "-")+"`")
	case surfaceRoute:
		if k := strings.Index(name, " /"); k >= 0 {
			name = name[k+1:] // "POST /items": the path names it
		}
		return len(name) > 1 && containsWord(n.text, name) // "/" is in every URL
	case surfaceConfig:
		return containsCode(n.text, name) || strings.ContainsAny(name, "_.-") && containsWord(n.text, name)
	}
	owner, bare := "", name
	if k := strings.LastIndexByte(name, '.'); k >= 0 {
		owner, bare = name[:k], name[k+1:]
		for _, sep := range []string{".", "::", "#"} {
			if containsWord(n.text, owner+sep+bare) {
				return true
			}
		}
	}
	if n.strict && owner == "" && len(bare) < 4 {
		// A short function's name names it only called through its
		// package: calc.Div(, not js in ```js.
		return indexWord(n.text, bare, func(before, after byte) bool { return before == '.' && after == '(' })
	}
	if n.strict && owner != "" && len(bare) < 8 {
		return false // get, close, new: a short method's name alone names nothing
	}
	return containsCode(n.text, bare) || !n.strict && owner != "" && containsCode(n.text, owner[strings.LastIndexByte(owner, '.')+1:])
}

// containsWord reports whether s holds w with no word character (letters,
// digits, "_", "-", "/") touching either end.
func containsWord(s, w string) bool {
	return indexWord(s, w, func(before, after byte) bool { return true })
}

// containsCode reports whether s holds the word w written as code: in
// backticks or double backticks (Markdown, reStructuredText), called
// (w(), w!), or reached (.w, ::w, #w).
func containsCode(s, w string) bool {
	return indexWord(s, w, func(before, after byte) bool {
		return before == '`' || before == '.' || before == ':' || before == '#' ||
			after == '`' || after == '(' || after == '!'
	})
}

// indexWord reports whether s holds w as a whole word whose neighbours
// (0 at either end of s) satisfy ok.
func indexWord(s, w string, ok func(before, after byte) bool) bool {
	word := func(c byte) bool { return analyze.IsIdentByte(c) || c == '-' || c == '/' }
	for from := 0; from < len(s); {
		k := strings.Index(s[from:], w)
		if k < 0 {
			return false
		}
		k += from
		end := k + len(w)
		var before, after byte
		if k > 0 {
			before = s[k-1]
		}
		if end < len(s) {
			after = s[end]
		}
		if (before == 0 || !word(before) || !word(w[0])) && (after == 0 || !word(after) || !word(w[len(w)-1])) && ok(before, after) {
			return true
		}
		from = k + 1
	}
	return false
}
