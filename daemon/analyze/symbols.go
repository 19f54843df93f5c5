package analyze

import (
	"path"
	"strings"
)

// Symbol is an exported definition (function, method, type, class,
// constant) that a diff adds, changes or removes.
type Symbol struct {
	// Name is the definition's name; a method carries its type or class:
	// "Calc.Div". An anonymous default export is "default".
	Name string
	// Kind is "func", "method", "type", "class" or "const".
	Kind   string
	Change SymbolChange
	// Line and EndLine are the first and last lines of the definition that
	// the diff shows, in the new file; in the old file for SymbolRemoved.
	// EndLine falls short of the real end when a hunk ends inside the body.
	Line, EndLine int
	// Signature is the definition's first line, trimmed (the old one for
	// SymbolRemoved); OldSignature is the old first line when it changed.
	Signature    string
	OldSignature string
	// DocChanged says that the diff touches the symbol's doc comment (the
	// comment lines above it, or a Python docstring).
	DocChanged bool
}

// SymbolChange says how a diff touched a symbol.
type SymbolChange string

// Ways a diff touches a symbol.
const (
	// SymbolAdded: the definition is new (or newly exported).
	SymbolAdded SymbolChange = "added"
	// SymbolBodyChanged: code inside the definition changed, its header did not.
	SymbolBodyChanged SymbolChange = "changed"
	// SymbolSignatureChanged: its header changed (parameters, results,
	// modifiers, annotations or decorators, or a type's definition line).
	SymbolSignatureChanged SymbolChange = "signature"
	// SymbolRemoved: the definition is gone (deleted, renamed or unexported).
	SymbolRemoved SymbolChange = "removed"
)

// Kinds of symbol.
const (
	symFunc   = "func"
	symMethod = "method"
	symType   = "type"
	symClass  = "class"
	symConst  = "const"
	// symImpl is a Rust impl block and symMod a Rust module: not symbols,
	// but they decide the names and visibility of the definitions inside.
	symImpl = "impl"
	symMod  = "mod"
)

// Languages whose exported symbols ChangedSymbols understands.
const (
	langGo     = "go"
	langPython = "python"
	langJS     = "js" // JavaScript and TypeScript
	langJava   = "java"
	langRust   = "rust"
)

// symbolLanguage returns the symbol language of the file at p, or "".
func symbolLanguage(p string) string {
	switch strings.ToLower(path.Ext(p)) {
	case ".go":
		return langGo
	case ".py":
		return langPython
	case ".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts":
		if strings.HasSuffix(strings.ToLower(p), ".d.ts") {
			return "" // declarations mirror code that lives elsewhere
		}
		return langJS
	case ".java":
		return langJava
	case ".rs":
		return langRust
	}
	return ""
}

// ChangedSymbols returns the exported symbols a file diff adds, changes or
// removes, in the order the new file shows them, removed ones last. It
// reads only what the diff shows: a change deep inside a long function,
// whose first line is outside every hunk, cannot be named and is left out
// (the diff parser does not keep the hunk header's section text). Changed
// lines that are blank or only comments do not count as changes.
func ChangedSymbols(f *FileDiff) []Symbol {
	if f == nil || f.Binary {
		return nil
	}
	var newDefs, oldDefs []defSpan
	if lang := symbolLanguage(f.NewPath); lang != "" {
		for _, h := range f.Hunks {
			newDefs = append(newDefs, scanDefs(lang, sideOfHunk(h, Added))...)
		}
	}
	if lang := symbolLanguage(f.OldPath); lang != "" {
		for _, h := range f.Hunks {
			oldDefs = append(oldDefs, scanDefs(lang, sideOfHunk(h, Removed))...)
		}
	}
	return mergeSymbols(exportedDefs(newDefs), exportedDefs(oldDefs))
}

// sideLine is one line of a hunk as one side's file shows it.
type sideLine struct {
	text    string
	no      int  // line number in that side's file
	changed bool // added (new side) or removed (old side)
}

// sideOfHunk returns the hunk's context lines and the lines of kind side
// (Added: the new file; Removed: the old one).
func sideOfHunk(h Hunk, side LineKind) []sideLine {
	out := make([]sideLine, 0, len(h.Lines))
	for _, l := range h.Lines {
		switch l.Kind {
		case Context:
			no := l.NewNo
			if side == Removed {
				no = l.OldNo
			}
			out = append(out, sideLine{text: l.Text, no: no})
		case side:
			no := l.NewNo
			if side == Removed {
				no = l.OldNo
			}
			out = append(out, sideLine{text: l.Text, no: no, changed: true})
		}
	}
	return out
}

// defSpan is one definition as one side of one hunk shows it.
type defSpan struct {
	name     string // qualified: "Calc.Div"
	kind     string
	exported bool
	// typeName qualifies the definitions inside a class, impl or type.
	typeName  string
	sig       string
	line, end int
	// defChanged: the first line is a changed line. headerChanged: another
	// line of the header is (continuation lines up to the body's opening,
	// annotations and decorators above). bodyChanged: a code line inside
	// the body is. docChanged: a line of its doc comment is.
	defChanged, headerChanged, bodyChanged, docChanged bool
}

func exportedDefs(defs []defSpan) []defSpan {
	var out []defSpan
	for _, d := range defs {
		if d.exported && d.kind != symImpl && d.kind != symMod {
			out = append(out, d)
		}
	}
	return out
}

// mergeSymbols pairs the definitions of the two sides by name. A first
// line that is context appears on both sides; a changed one on one side
// (new or removed definition) or both (changed signature).
func mergeSymbols(newDefs, oldDefs []defSpan) []Symbol {
	newBy, newOrder := groupDefs(newDefs)
	oldBy, oldOrder := groupDefs(oldDefs)
	var out []Symbol
	for _, name := range newOrder {
		n := newBy[name]
		o, hasOld := oldBy[name]
		s := Symbol{Name: name, Kind: n.kind, Line: n.line, EndLine: n.end, Signature: n.sig, DocChanged: n.docChanged}
		if hasOld {
			s.DocChanged = s.DocChanged || o.docChanged
		}
		// The first line's text decides a signature change, so that a
		// re-indented or re-wrapped first line is none.
		sigDiff := hasOld && o.defChanged && n.defChanged && normSpace(o.sig) != normSpace(n.sig)
		switch {
		case n.defChanged && (!hasOld || !o.defChanged):
			s.Change = SymbolAdded
		case sigDiff || n.headerChanged || (hasOld && o.headerChanged):
			if sigDiff {
				s.OldSignature = o.sig
			}
			s.Change = SymbolSignatureChanged
		case n.bodyChanged || (hasOld && o.bodyChanged):
			s.Change = SymbolBodyChanged
		default:
			continue // untouched context, a re-indent, or only its doc comment
		}
		out = append(out, s)
	}
	for _, name := range oldOrder {
		o := oldBy[name]
		if _, ok := newBy[name]; ok || !o.defChanged {
			continue
		}
		out = append(out, Symbol{Name: name, Kind: o.kind, Change: SymbolRemoved, Line: o.line, EndLine: o.end, Signature: o.sig, DocChanged: o.docChanged})
	}
	return out
}

// groupDefs merges the definitions of one side that share a name (one
// function seen in two hunks, Java overloads) and keeps their order.
func groupDefs(defs []defSpan) (map[string]defSpan, []string) {
	by := map[string]defSpan{}
	var order []string
	for _, d := range defs {
		g, ok := by[d.name]
		if !ok {
			by[d.name] = d
			order = append(order, d.name)
			continue
		}
		if d.defChanged && !g.defChanged {
			g.sig, g.kind = d.sig, d.kind
		}
		g.line, g.end = min(g.line, d.line), max(g.end, d.end)
		g.defChanged = g.defChanged || d.defChanged
		g.headerChanged = g.headerChanged || d.headerChanged
		g.bodyChanged = g.bodyChanged || d.bodyChanged
		g.docChanged = g.docChanged || d.docChanged
		by[d.name] = g
	}
	return by, order
}

func normSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
