package symbol

import (
	"bytes"
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/scanner"
	"go/token"
	"maps"
	"slices"
	"strings"
	"sync"
)

// This file reads Go files whole with go/parser, when both sides of a
// commit are at hand: what changed is then decided by the declarations'
// tokens, not by which lines a diff shows, so that a comment, a
// re-formatting or a rename is no change, and a change deep inside a long
// function is one.

// goDecl is one top-level declaration of a parsed Go file.
type goDecl struct {
	name     string // "Div", "Calc.Div" for a method
	bare     string // the declared identifier: "Div"
	kind     string
	exported bool
	line     int
	end      int
	sig      string // the first line of the declaration, trimmed
	// head is the signature's tokens (a type's whole definition), without
	// comments, layout or the declared name; the body's tokens (see
	// tokens) are scanned on first need, from lazy.
	head []goTok
	lazy lazyBody
	// locals are the identifiers declared inside the declaration
	// (receiver, parameters, results, variables): renaming them changes
	// nothing a caller or a test could see.
	locals map[string]bool
	doc    string // the doc comment's text
	// params and results are the types of a func's parameters and
	// results, one string each; variadic says the last parameter is.
	params, results []string
	variadic        bool
	accessor        bool // see Symbol.Accessor
}

// typeAliases are the type aliases f declares ("type OutputOption =
// func(*Output)"), each as the tokens of the type it names: a signature
// that writes the alias is the one that wrote the type (muesli/termenv
// 925ea91 named NewOutput's options so; round 81, "changed signature"
// judged wrong), and the func types it defines. Generic ones are left
// alone.
func typeAliases(fset *token.FileSet, f *ast.File, span func(from, to token.Pos) []byte) map[string][]goTok {
	var out map[string][]goTok
	for _, decl := range f.Decls {
		g, ok := decl.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE {
			continue
		}
		for _, sp := range g.Specs {
			ts, ok := sp.(*ast.TypeSpec)
			if !ok || ts.TypeParams != nil {
				continue
			}
			// A defined func type is assignable to and from the func type
			// it names: gorilla/csrf a998014 made Secure(s bool)
			// func(*csrf) return `type Option func(*csrf)`, drafted as a
			// changed signature (round 89, wrong); callers' code stays.
			if _, fn := ts.Type.(*ast.FuncType); ts.Assign.IsValid() || fn {
				if out == nil {
					out = map[string][]goTok{}
				}
				out[ts.Name.Name] = unqualified(typeTokens(fset, ts.Type, span(ts.Type.Pos(), ts.Type.End())))
			}
		}
	}
	return out
}

// expandAliases writes each alias of toks as the type it names.
func expandAliases(toks []goTok, aliases map[string][]goTok) []goTok {
	if len(aliases) == 0 {
		return toks
	}
	var out []goTok
	for i, t := range toks {
		if to, ok := aliases[t.lit]; ok && t.tok == token.IDENT && (i == 0 || toks[i-1].tok != token.PERIOD) {
			if out == nil {
				out = append([]goTok(nil), toks[:i]...)
			}
			out = append(out, to...)
			continue
		}
		if out != nil {
			out = append(out, t)
		}
	}
	if out == nil {
		return toks
	}
	return out
}

// typeTokens are the tokens of e, a parameter's or result's type, as
// callers see the type: the names of the parameters and results of a func
// type inside it are no part of it (go-chi/chi 882c15e: `func(next
// http.Handler) http.Handler` became `func(http.Handler) http.Handler`,
// the same type, and was called a new signature). src is e's source.
func typeTokens(fset *token.FileSet, e ast.Expr, src []byte) []goTok {
	named := false
	ast.Inspect(e, func(n ast.Node) bool {
		if ft, ok := n.(*ast.FuncType); ok {
			for _, fl := range []*ast.FieldList{ft.Params, ft.Results} {
				if fl != nil && slices.ContainsFunc(fl.List, func(f *ast.Field) bool { return len(f.Names) > 0 }) {
					named = true
				}
			}
		}
		return !named
	})
	if !named {
		return goTokens(src, "")
	}
	var buf bytes.Buffer
	if err := printer.Fprint(&buf, fset, withoutFieldNames(e)); err != nil {
		return goTokens(src, "")
	}
	return goTokens(buf.Bytes(), "")
}

// withoutFieldNames is a copy of the type e whose func types name none of
// their parameters and results: one unnamed field per name, so that
// `func(a, b int)` is `func(int, int)`. Only the nodes on the way to a
// func type are copied.
func withoutFieldNames(e ast.Expr) ast.Expr {
	switch t := e.(type) {
	case *ast.FuncType:
		return &ast.FuncType{Func: t.Func, TypeParams: t.TypeParams, Params: unnamedFields(t.Params), Results: unnamedFields(t.Results)}
	case *ast.StarExpr:
		c := *t
		c.X = withoutFieldNames(t.X)
		return &c
	case *ast.ParenExpr:
		c := *t
		c.X = withoutFieldNames(t.X)
		return &c
	case *ast.ArrayType:
		c := *t
		c.Elt = withoutFieldNames(t.Elt)
		return &c
	case *ast.Ellipsis:
		c := *t
		c.Elt = withoutFieldNames(t.Elt)
		return &c
	case *ast.MapType:
		c := *t
		c.Key, c.Value = withoutFieldNames(t.Key), withoutFieldNames(t.Value)
		return &c
	case *ast.ChanType:
		c := *t
		c.Value = withoutFieldNames(t.Value)
		return &c
	case *ast.IndexExpr:
		c := *t
		c.Index = withoutFieldNames(t.Index)
		return &c
	case *ast.IndexListExpr:
		c := *t
		c.Indices = make([]ast.Expr, len(t.Indices))
		for i, x := range t.Indices {
			c.Indices[i] = withoutFieldNames(x)
		}
		return &c
	}
	return e
}

// unnamedFields is fl with each name its own unnamed field.
func unnamedFields(fl *ast.FieldList) *ast.FieldList {
	if fl == nil {
		return nil
	}
	out := &ast.FieldList{Opening: fl.Opening, Closing: fl.Closing}
	for _, f := range fl.List {
		for range max(len(f.Names), 1) {
			out.List = append(out.List, &ast.Field{Type: withoutFieldNames(f.Type)})
		}
	}
	return out
}

// lazyBody is a declaration's body as source, scanned into tokens the
// first time they are compared: most declarations a commit's chunks hold
// are added or removed whole and never compared, and scanning every body
// was two fifths of reading Go. A goDecl is shared by the commits
// analysed at once (see sideCache), hence the Once.
type lazyBody struct {
	src     []byte
	results []string // a func's named results, for its naked returns
	fn      bool     // a func's body, not a type's definition
	once    sync.Once
	toks    []goTok
}

// body is the function body's tokens (a struct's or interface's members),
// without comments or layout.
func (d *goDecl) body() []goTok {
	b := &d.lazy
	b.once.Do(func() {
		if b.src == nil {
			return
		}
		b.toks = goTokens(b.src, "")
		if b.fn {
			b.toks = rangeLoops(nakedReturns(b.toks, b.results))
		}
		b.src = nil // the tokens say it now
	})
	return b.toks
}

// varKind is a package-level variable or constant: read for renames only.
const varKind = "var"

// goTok is one token that matters: its kind and its text.
type goTok struct {
	tok token.Token
	lit string
}

// goFile is a parsed Go file's declarations by name, in source order.
type goFile struct {
	decls []*goDecl
	by    map[string]*goDecl
	// names, when only some declarations were parsed, are all that the
	// side declares (see goChunks): a name there is not gone.
	names map[string]int
	// aliases are the side's type aliases (typeAliases), each as the
	// tokens of the type it names; all of the file's, even when only some
	// declarations were parsed.
	aliases map[string][]goTok
}

// parseGo reads a Go file's top-level funcs, methods and types. ok is false
// when the file does not parse: the caller falls back to the hunks.
func parseGo(src []byte) (*goFile, bool) {
	out := &goFile{by: map[string]*goDecl{}}
	if !out.parse(src, 0) {
		return nil, false
	}
	return out, true
}

// add keeps a declaration; the first of a name wins (init() and the like
// are unexported anyway).
func (out *goFile) add(d *goDecl) {
	if _, dup := out.by[d.name]; dup {
		return
	}
	out.by[d.name] = d
	out.decls = append(out.decls, d)
}

// parse reads the declarations of src, a whole file or some of its
// declarations after a package clause, into out; lineOffset is added to
// every line number. It reports whether src parsed.
func (out *goFile) parse(src []byte, lineOffset int) bool {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil || f == nil {
		return false
	}
	tf := fset.File(f.Pos())
	add := out.add
	lineText := func(p token.Pos) string {
		off := tf.Offset(p)
		start := bytes.LastIndexByte(src[:off], '\n') + 1
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		return strings.TrimSpace(string(src[start : off+end]))
	}
	span := func(from, to token.Pos) []byte {
		return src[tf.Offset(from):tf.Offset(to)]
	}
	for name, toks := range typeAliases(fset, f, span) {
		if out.aliases == nil {
			out.aliases = map[string][]goTok{}
		}
		out.aliases[name] = toks
	}
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			gd := &goDecl{bare: d.Name.Name, kind: Func, exported: d.Name.IsExported(), locals: map[string]bool{}}
			gd.name = d.Name.Name
			if d.Recv != nil && len(d.Recv.List) > 0 {
				recv := receiverType(d.Recv.List[0].Type)
				gd.name, gd.kind = recv+"."+d.Name.Name, Method
				gd.exported = gd.exported && ast.IsExported(recv)
			}
			gd.line, gd.end = tf.Line(d.Pos())+lineOffset, tf.Line(d.End())+lineOffset
			gd.sig = lineText(d.Pos())
			// The signature callers see is its types: receiver, type
			// parameters, parameters and results, whatever their names.
			var typeExprs []ast.Expr
			for _, fl := range []*ast.FieldList{d.Recv, d.Type.TypeParams, d.Type.Params, d.Type.Results} {
				if fl == nil {
					continue
				}
				for _, f := range fl.List {
					for range max(len(f.Names), 1) {
						typeExprs = append(typeExprs, f.Type)
					}
				}
				typeExprs = append(typeExprs, nil) // the list's end
			}
			gd.params, gd.variadic = fieldTypes(d.Type.Params, span)
			gd.results, _ = fieldTypes(d.Type.Results, span)
			for _, e := range typeExprs {
				if e == nil {
					gd.head = append(gd.head, goTok{token.SEMICOLON, ";"})
					continue
				}
				gd.head = append(gd.head, unqualified(typeTokens(fset, e, span(e.Pos(), e.End())))...)
				gd.head = append(gd.head, goTok{token.COMMA, ","})
			}
			if d.Body != nil {
				gd.lazy = lazyBody{src: span(d.Body.Pos(), d.Body.End()), results: resultNames(d.Type), fn: true}
				// A function that does nothing is a stand-in too: mikefarah/
				// yq's no_toml.go, built without TOML, gives NewTomlDecoder
				// and its like a body of `return nil` (round 102, noise).
				gd.accessor = d.Recv != nil && isAccessor(d.Body.List) || isNoOp(d.Body.List) || isPassThrough(d)
			} else {
				// Declared without a body: implemented elsewhere, a
				// `//go:linkname` to the runtime or assembly (goccy/go-json
				// d8aa834's MapIterValue in map112.go, built for go1.12
				// alone: round 115, noise). Its declaration holds nothing
				// a test exercises.
				gd.accessor = true
			}
			if d.Doc != nil {
				gd.doc = d.Doc.Text()
			}
			collectLocals(d, gd.locals)
			add(gd)
		case *ast.GenDecl:
			if d.Tok == token.VAR || d.Tok == token.CONST {
				// Not reported, but read for renames: the commit that
				// unexports a variable changes its users only in name.
				for _, spec := range d.Specs {
					vs := spec.(*ast.ValueSpec)
					if len(vs.Names) != 1 {
						continue
					}
					gd := &goDecl{name: vs.Names[0].Name, bare: vs.Names[0].Name, kind: varKind}
					gd.line, gd.end = tf.Line(vs.Pos())+lineOffset, tf.Line(vs.End())+lineOffset
					gd.head = goTokens(span(vs.Pos(), vs.End()), vs.Names[0].Name)
					add(gd)
				}
				continue
			}
			if d.Tok != token.TYPE {
				continue
			}
			for _, spec := range d.Specs {
				ts := spec.(*ast.TypeSpec)
				gd := &goDecl{name: ts.Name.Name, bare: ts.Name.Name, kind: Type, exported: ts.Name.IsExported()}
				from := ts.Pos()
				if !d.Lparen.IsValid() {
					from = d.Pos() // "type X struct": the line starts with "type"
				}
				gd.line, gd.end = tf.Line(from)+lineOffset, tf.Line(ts.End())+lineOffset
				gd.sig = lineText(from)
				// A struct's or an interface's members are its body: a new
				// field is no new signature. Any other type's definition
				// (type ID string) is its signature.
				switch ts.Type.(type) {
				case *ast.StructType, *ast.InterfaceType:
					gd.head = goTokens(span(ts.Pos(), ts.Type.Pos()), ts.Name.Name)
					gd.lazy = lazyBody{src: span(ts.Type.Pos(), ts.End())}
				default:
					gd.head = goTokens(span(ts.Pos(), ts.End()), ts.Name.Name)
				}
				switch {
				case ts.Doc != nil:
					gd.doc = ts.Doc.Text()
				case d.Doc != nil && !d.Lparen.IsValid():
					gd.doc = d.Doc.Text()
				}
				add(gd)
			}
		}
	}
	return true
}

// receiverType is the base type name of a method's receiver: "Calc" of
// "*Calc", of "Calc[T]" and of "*Calc[K, V]".
func receiverType(e ast.Expr) string {
	for {
		switch t := e.(type) {
		case *ast.StarExpr:
			e = t.X
		case *ast.ParenExpr:
			e = t.X
		case *ast.IndexExpr:
			e = t.X
		case *ast.IndexListExpr:
			e = t.X
		case *ast.Ident:
			return t.Name
		default:
			return ""
		}
	}
}

// goTokens scans Go source into the tokens that carry meaning: comments,
// semicolons (written or implied by a line break) and a comma before a
// closing bracket are layout. The declared name itself is masked, so that
// a renamed declaration compares equal to its old self.
func goTokens(src []byte, name string) []goTok {
	var s scanner.Scanner
	fset := token.NewFileSet()
	file := fset.AddFile("", -1, len(src))
	s.Init(file, src, func(token.Position, string) {}, 0)
	// Room for the tokens at once: Go code runs about five bytes a token
	// (go-git's 4.4 MB of sources, 785,000 tokens), and grown by appends
	// the tokens were copied at each doubling.
	out := make([]goTok, 0, len(src)/4+1)
	masked := false
	for {
		_, tok, lit := s.Scan()
		switch tok {
		case token.EOF:
			return out
		case token.SEMICOLON, token.COMMENT:
			continue
		case token.RPAREN, token.RBRACE, token.RBRACK:
			if n := len(out); n > 0 && out[n-1].tok == token.COMMA {
				out = out[:n-1]
			}
		case token.IDENT:
			if !masked && name != "" && lit == name {
				masked = true
				lit = "\x00name"
			}
		}
		if lit == "" {
			lit = tok.String()
		}
		// interface{} and any are one type: the rewrite is no change.
		if tok == token.RBRACE && len(out) >= 2 && out[len(out)-1].tok == token.LBRACE && out[len(out)-2].tok == token.INTERFACE {
			out = append(out[:len(out)-2], goTok{token.IDENT, "any"})
			continue
		}
		out = append(out, goTok{tok, lit})
	}
}

// fieldTypes writes each field's type as a string, once per name, and
// says whether the last is variadic.
func fieldTypes(fl *ast.FieldList, span func(from, to token.Pos) []byte) (types []string, variadic bool) {
	if fl == nil {
		return nil, false
	}
	for _, f := range fl.List {
		var b strings.Builder
		for _, t := range goTokens(span(f.Type.Pos(), f.Type.End()), "") {
			b.WriteString(t.lit)
			b.WriteByte(' ')
		}
		for range max(len(f.Names), 1) {
			types = append(types, b.String())
		}
		_, variadic = f.Type.(*ast.Ellipsis)
	}
	return types, variadic
}

// unqualified drops package qualifiers from a type's tokens: gin.HandlerFunc
// written in package ginS is the HandlerFunc it always meant, and a
// package that moved keeps its types.
func unqualified(toks []goTok) []goTok {
	out := toks[:0:0]
	for i := 0; i < len(toks); i++ {
		if toks[i].tok == token.IDENT && i+2 < len(toks) && toks[i+1].tok == token.PERIOD && toks[i+2].tok == token.IDENT {
			i++ // skip "pkg" and "."
			continue
		}
		out = append(out, toks[i])
	}
	return out
}

// rangeLoops writes a counting loop "for i := 0; i < n; i++ {" as the
// "for i := range n {" it is equal to (Go 1.22), and a bound len(s) as
// s: the modernising rewrite linters ask for changes nothing. (For a
// string, range s visits rune starts only: such a change is missed.)
// (A loop whose body changes i or s is rare, and would differ elsewhere.)
//
// It rewrites toks in place (what it writes is never longer than what it
// has read): a copy of every compared body was 3% of a backfill's memory.
func rangeLoops(toks []goTok) []goTok {
	out := toks[:0]
	for i := 0; i < len(toks); i++ {
		if toks[i].tok == token.FOR && i+4 < len(toks) && toks[i+1].tok == token.IDENT && toks[i+2].tok == token.DEFINE &&
			toks[i+3].tok == token.INT && toks[i+3].lit == "0" && toks[i+4].tok == token.IDENT && toks[i+4].lit == toks[i+1].lit &&
			i+5 < len(toks) && toks[i+5].tok == token.LSS {
			v := toks[i+1].lit
			// The bound runs to "v ++ {".
			end := -1
			for j := i + 6; j+2 < len(toks) && toks[j].tok != token.LBRACE; j++ {
				if toks[j].tok == token.IDENT && toks[j].lit == v && toks[j+1].tok == token.INC && toks[j+2].tok == token.LBRACE {
					end = j
					break
				}
			}
			if end > i+6 {
				bound := toks[i+6 : end]
				if len(bound) == 4 && bound[0].tok == token.IDENT && bound[0].lit == "len" && bound[1].tok == token.LPAREN && bound[3].tok == token.RPAREN {
					bound = bound[2:3] // len(s): range s
				}
				out = append(out, toks[i], toks[i+1], toks[i+2], goTok{token.RANGE, "range"})
				out = append(out, bound...)
				i = end + 1 // at "++"; the loop's i++ moves past it to "{"
				continue
			}
		}
		// "for i := range len(s) {" is "for i := range s {" too.
		if toks[i].tok == token.RANGE && i+5 < len(toks) && toks[i+1].tok == token.IDENT && toks[i+1].lit == "len" &&
			toks[i+2].tok == token.LPAREN && toks[i+3].tok == token.IDENT && toks[i+4].tok == token.RPAREN && toks[i+5].tok == token.LBRACE &&
			i >= 2 && toks[i-1].tok == token.DEFINE && toks[i-2].tok == token.IDENT {
			out = append(out, toks[i], toks[i+3])
			i += 4
			continue
		}
		out = append(out, toks[i])
	}
	return out
}

// resultNames are a func's named results, in order; nil when unnamed.
func resultNames(ft *ast.FuncType) []string {
	if ft.Results == nil {
		return nil
	}
	var out []string
	for _, f := range ft.Results.List {
		if len(f.Names) == 0 {
			return nil
		}
		for _, n := range f.Names {
			out = append(out, n.Name)
		}
	}
	return out
}

// nakedReturns writes "return a, b" as the bare "return" it is equal to in
// a func whose results are named a and b: a linter's rewrite changes
// nothing.
func nakedReturns(toks []goTok, results []string) []goTok {
	if len(results) == 0 {
		return toks
	}
	out := toks[:0:0]
	for i := 0; i < len(toks); i++ {
		out = append(out, toks[i])
		if toks[i].tok != token.RETURN {
			continue
		}
		j, k := i+1, 0
		for ; k < len(results) && j < len(toks) && toks[j].tok == token.IDENT && toks[j].lit == results[k]; k++ {
			j++
			if k < len(results)-1 {
				if j >= len(toks) || toks[j].tok != token.COMMA {
					break
				}
				j++
			}
		}
		// The statement ends where the next one starts (semicolons are
		// gone): a closing brace or a keyword or name on the next line.
		// Only "return a, b }" is taken, which is what gofmt writes last
		// in a block.
		if k == len(results) && j < len(toks) && toks[j].tok == token.RBRACE {
			i = j - 1
		}
	}
	return out
}

// collectLocals records the names a function declares for itself.
func collectLocals(d *ast.FuncDecl, locals map[string]bool) {
	fields := func(fl *ast.FieldList) {
		if fl == nil {
			return
		}
		for _, f := range fl.List {
			for _, n := range f.Names {
				locals[n.Name] = true
			}
		}
	}
	fields(d.Recv)
	fields(d.Type.TypeParams)
	fields(d.Type.Params)
	fields(d.Type.Results)
	if d.Body == nil {
		return
	}
	ast.Inspect(d.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			if n.Tok == token.DEFINE {
				for _, e := range n.Lhs {
					if id, ok := e.(*ast.Ident); ok {
						locals[id.Name] = true
					}
				}
			}
		case *ast.ValueSpec:
			for _, id := range n.Names {
				locals[id.Name] = true
			}
		case *ast.RangeStmt:
			if n.Tok == token.DEFINE {
				for _, e := range []ast.Expr{n.Key, n.Value} {
					if id, ok := e.(*ast.Ident); ok {
						locals[id.Name] = true
					}
				}
			}
		case *ast.FuncLit:
			fields(n.Type.Params)
			fields(n.Type.Results)
		case *ast.LabeledStmt:
			locals[n.Label.Name] = true
		}
		return true
	})
	delete(locals, "_")
}

// tokensEqual compares two token streams. Identifiers may differ where a
// rename explains it: a name the commit renamed (renames, old → new), or
// a local of each declaration, consistently (one old local is always the
// same new local).
func tokensEqual(a, b []goTok, aLocals, bLocals map[string]bool, renames map[string]string) bool {
	return tokensMatch(a, b, aLocals, bLocals, renames, false)
}

// headsEqual is tokensEqual for two headers: a name the same on both
// sides is the same there, whatever a body binds to it. joho/godotenv
// dbcf4b5 renamed a local `error` to `err` in Write, and the result type
// `error` of its unchanged header was read as that local renamed: "the
// signature of Write changed".
func headsEqual(a, b []goTok, aLocals, bLocals map[string]bool, renames map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	var aLoc, bLoc map[string]bool
	for i := range a {
		if a[i].tok == token.IDENT && a[i].lit == b[i].lit && aLocals[a[i].lit] != bLocals[b[i].lit] {
			// Bound on one side only: compare it as a plain name.
			if aLoc == nil {
				aLoc, bLoc = maps.Clone(aLocals), maps.Clone(bLocals)
			}
			delete(aLoc, a[i].lit)
			delete(bLoc, b[i].lit)
		}
	}
	if aLoc == nil {
		aLoc, bLoc = aLocals, bLocals
	}
	return tokensMatch(a, b, aLoc, bLoc, renames, false)
}

// tokensMatch is tokensEqual, and with anyText it takes any two string
// literals as equal: what differs then is text (a message, a link), not
// code.
func tokensMatch(a, b []goTok, aLocals, bLocals map[string]bool, renames map[string]string, anyText bool) bool {
	if len(a) != len(b) {
		return false
	}
	var fwd, back map[string]string
	for i := range a {
		x, y := a[i], b[i]
		if x.tok != y.tok {
			return false
		}
		if x.lit == y.lit || anyText && x.tok == token.STRING {
			if x.tok != token.IDENT || !aLocals[x.lit] {
				continue
			}
		}
		if x.tok != token.IDENT {
			return false
		}
		if renames[x.lit] == y.lit && !aLocals[x.lit] {
			continue
		}
		if !aLocals[x.lit] || !bLocals[y.lit] {
			return false
		}
		if fwd == nil {
			fwd, back = map[string]string{}, map[string]string{}
		}
		if m, ok := fwd[x.lit]; ok && m != y.lit {
			return false
		}
		if m, ok := back[y.lit]; ok && m != x.lit {
			return false
		}
		fwd[x.lit], back[y.lit] = y.lit, x.lit
	}
	return true
}

// sameDecl reports whether two declarations say the same thing, names
// aside.
func sameDecl(o, n *goDecl, renames map[string]string) bool {
	return o.kind == n.kind &&
		headsEqual(o.head, n.head, o.locals, n.locals, renames) &&
		tokensEqual(o.body(), n.body(), o.locals, n.locals, renames)
}

// goRenames pairs the declarations a commit removed from a file with
// those it added that are the same but for their name: old name → new.
func goRenames(oldF, newF *goFile, into map[string]string) {
	if oldF == nil || newF == nil {
		return
	}
	var gone []*goDecl
	for _, o := range oldF.decls {
		if _, ok := newF.by[o.name]; !ok {
			gone = append(gone, o)
		}
	}
	for _, n := range newF.decls {
		if _, ok := oldF.by[n.name]; ok {
			continue
		}
		for k, o := range gone {
			// A recursive function calls itself by its new name.
			if o != nil && receiverOf(o.name) == receiverOf(n.name) && sameDecl(o, n, map[string]string{o.bare: n.bare}) {
				into[o.bare] = n.bare
				gone[k] = nil
				break
			}
		}
	}
}

func receiverOf(name string) string {
	if i := strings.IndexByte(name, '.'); i >= 0 {
		return name[:i]
	}
	return ""
}

// goChanged compares the two sides of a Go file declaration by
// declaration: exported ones that are new, whose tokens changed, or that
// are gone. A declaration renamed into another one (renames) is neither
// removed nor added: the new one carries RenamedFrom.
func goChanged(oldF, newF *goFile, renames map[string]string) []Symbol {
	var out []Symbol
	if newF != nil {
		renamedTo := map[string]string{}
		for o, n := range renames {
			renamedTo[n] = o
		}
		for _, n := range newF.decls {
			if !n.exported || n.kind == varKind {
				continue
			}
			s := Symbol{Name: n.name, Kind: n.kind, Line: n.line, EndLine: n.end, Signature: n.sig, Accessor: n.accessor}
			var o *goDecl
			if oldF != nil {
				o = oldF.by[n.name]
				if o == nil {
					if was, ok := renamedTo[n.bare]; ok {
						o = oldF.by[withBare(n.name, was)]
						if o != nil && sameDecl(o, n, renames) {
							s.Change, s.RenamedFrom = Renamed, o.name
							out = append(out, s)
							continue
						}
						o = nil
					}
				}
			}
			if o == nil {
				s.Change = Added
				out = append(out, s)
				continue
			}
			s.DocChanged = o.doc != n.doc
			switch {
			case !headsEqual(expandAliases(o.head, oldF.aliases), expandAliases(n.head, newF.aliases), o.locals, n.locals, renames):
				s.Change, s.OldSignature = SignatureChanged, o.sig
				// A variadic parameter appended: every call still compiles.
				// Or results where there were none: calls made as statements
				// still compile.
				s.Compatible = n.kind != Type &&
					(n.variadic && !o.variadic && len(n.params) == len(o.params)+1 &&
						slices.Equal(o.params, n.params[:len(o.params)]) && slices.Equal(o.results, n.results) ||
						len(o.results) == 0 && len(n.results) > 0 && slices.Equal(o.params, n.params) && o.variadic == n.variadic ||
						o.sig != n.sig && valueReceiver(o.sig) == valueReceiver(n.sig) && slices.Equal(o.params, n.params) && slices.Equal(o.results, n.results) && o.variadic == n.variadic)
			case !tokensEqual(o.body(), n.body(), o.locals, n.locals, renames):
				s.Change = BodyChanged
				s.TextOnly = tokensMatch(o.body(), n.body(), o.locals, n.locals, renames, true)
			default:
				continue
			}
			if !o.exported {
				s.Change, s.OldSignature, s.TypesOnly = Added, "", false // newly exported
			}
			out = append(out, s)
		}
	}
	if oldF != nil {
		for _, o := range oldF.decls {
			if !o.exported || o.kind == varKind {
				continue
			}
			if n := newFDecl(newF, o.name); n != nil && n.exported {
				continue
			}
			if newF != nil {
				if _, ok := newF.names[o.name]; ok {
					continue // still declared, in a part of the file the commit did not touch
				}
			}
			s := Symbol{Name: o.name, Kind: o.kind, Change: Removed, Line: o.line, EndLine: o.end, Signature: o.sig}
			if to, ok := renames[o.bare]; ok && newFDecl(newF, withBare(o.name, to)) != nil {
				s.RenamedTo = withBare(o.name, to)
			}
			out = append(out, s)
		}
	}
	return out
}

func newFDecl(f *goFile, name string) *goDecl {
	if f == nil {
		return nil
	}
	return f.by[name]
}

// withBare replaces the last part of a name: "Calc.Div" with "Divide" is
// "Calc.Divide".
func withBare(name, bare string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[:i+1] + bare
	}
	return bare
}

// valueReceiver is a method's signature line with a pointer receiver
// written as a value one: a method moved from *T to T is called as it was
// (go-ozzo/ozzo-validation d621af5 made EachRule.Validate and three more
// value methods, and the digest asked to update their docs: round 75,
// noise). Other lines come back as they are.
func valueReceiver(sig string) string {
	rest, ok := strings.CutPrefix(sig, "func (")
	if !ok {
		return sig
	}
	end := strings.IndexByte(rest, ')')
	if end < 0 {
		return sig
	}
	return "func (" + strings.Replace(rest[:end], "*", "", 1) + rest[end:]
}

// isNoOp reports a method body that does nothing: empty, or a debug line
// and a return of nil or a constant. An interface's method a type has no
// use for (olekukonko/tablewriter 5d6a3ad gave three renderers
// `Start(w io.Writer) error { f.debug("... (no-op)."); return nil }` and
// a Close the same: drafted as six untested methods, round 72).
func isNoOp(stmts []ast.Stmt) bool {
	for len(stmts) > 0 {
		es, ok := stmts[0].(*ast.ExprStmt)
		if !ok {
			break
		}
		call, ok := es.X.(*ast.CallExpr)
		if !ok {
			return false
		}
		var name string
		switch fn := call.Fun.(type) {
		case *ast.SelectorExpr:
			name = fn.Sel.Name
		case *ast.Ident:
			name = fn.Name
		}
		if !debugCallRE.MatchString(name) {
			return false
		}
		stmts = stmts[1:]
	}
	if len(stmts) == 0 {
		return true
	}
	ret, ok := stmts[0].(*ast.ReturnStmt)
	if !ok || len(stmts) > 1 {
		return false
	}
	for _, r := range ret.Results {
		switch r := r.(type) {
		case *ast.BasicLit:
		case *ast.Ident:
			if r.Name != "nil" && r.Name != "true" && r.Name != "false" {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// isPassThrough reports a function whose body is one call, returned or
// not, of another package's function or a field's method (pkg.F, s.f.M)
// with the function's own parameters as they came, or none: a wrapper
// with nothing of its own to test. samber/lo 468c668's xrand.Int64,
// `return rand.Int63()` for Go before 1.22, was drafted as untested
// (round 76, noise). A call of the package's own function (`return run()`)
// or of the receiver's method (`return s.close()`) hands on to code that
// may be the commit's change: that wrapper stays.
func isPassThrough(d *ast.FuncDecl) bool {
	if d.Body == nil || len(d.Body.List) != 1 {
		return false
	}
	var call *ast.CallExpr
	switch st := d.Body.List[0].(type) {
	case *ast.ReturnStmt:
		if len(st.Results) == 1 {
			call, _ = st.Results[0].(*ast.CallExpr)
		}
	case *ast.ExprStmt:
		call, _ = st.X.(*ast.CallExpr)
	}
	if call == nil {
		return false
	}
	recv := map[string]bool{}
	if d.Recv != nil {
		for _, f := range d.Recv.List {
			for _, n := range f.Names {
				recv[n.Name] = true
			}
		}
	}
	params := map[string]bool{}
	for _, f := range d.Type.Params.List {
		for _, n := range f.Names {
			params[n.Name] = true
		}
	}
	return handsOn(call, params, recv)
}

// handsOn reports a call of another package's function or a field's method
// whose arguments are the parameters as they came, or such calls of them:
// gobwas/glob 510a175's syntax.Parse, `return ast.Parse(lexer.NewLexer(s))`
// (round 84, noise).
func handsOn(call *ast.CallExpr, params, recv map[string]bool) bool {
	sel, ok := call.Fun.(*ast.SelectorExpr)
	if !ok || !plainName(sel.X) {
		return false
	}
	if id, ok := sel.X.(*ast.Ident); ok && recv[id.Name] {
		return false // the receiver's own method
	}
	for _, a := range call.Args {
		switch a := a.(type) {
		case *ast.Ident:
			if !params[a.Name] {
				return false
			}
		case *ast.CallExpr:
			if !handsOn(a, params, recv) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// plainName reports an identifier or a chain of selectors of one.
func plainName(e ast.Expr) bool {
	for {
		switch x := e.(type) {
		case *ast.Ident:
			return true
		case *ast.SelectorExpr:
			e = x.X
		default:
			return false
		}
	}
}

// debugCallRE names a call that only logs or traces.
var debugCallRE = lazyregexp.New(`^(?i:debug|trace|log)f?$|^(?:Debug|Trace|Log)\w*$`)

// isAccessor reports a method body that only reads state: after an optional
// x.Lock() (or RLock) and its deferred unlock, one return whose results
// call nothing but len and cap. go-git 12c9ae5 "SharedFile.Pinned":
//
//	s.mu.Lock()
//	defer s.mu.Unlock()
//	return s.refs > 0
func isAccessor(stmts []ast.Stmt) bool {
	lockCall := func(e ast.Expr, names ...string) bool {
		call, ok := e.(*ast.CallExpr)
		if !ok || len(call.Args) != 0 {
			return false
		}
		sel, ok := call.Fun.(*ast.SelectorExpr)
		return ok && slices.Contains(names, sel.Sel.Name)
	}
	if len(stmts) == 3 {
		lock, ok1 := stmts[0].(*ast.ExprStmt)
		unlock, ok2 := stmts[1].(*ast.DeferStmt)
		if !ok1 || !ok2 || !lockCall(lock.X, "Lock", "RLock") || !lockCall(unlock.Call, "Unlock", "RUnlock") {
			return false
		}
		stmts = stmts[2:]
	}
	if len(stmts) != 1 {
		return false
	}
	ret, ok := stmts[0].(*ast.ReturnStmt)
	if !ok || len(ret.Results) == 0 {
		return false
	}
	reads := true
	for _, r := range ret.Results {
		ast.Inspect(r, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if id, ok := n.Fun.(*ast.Ident); !ok || (id.Name != "len" && id.Name != "cap") {
					reads = false
				}
			case *ast.FuncLit:
				reads = false
			}
			return reads
		})
	}
	return reads
}
