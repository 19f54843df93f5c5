package todo

import (
	"path"
	"strings"
	"sync"

	"github.com/ticket-master/ticket-master/analyze"
)

// Syntax is how one language writes comments: markers that run to the end of
// the line, and opener/closer pairs of block comments.
type Syntax struct {
	Name  string
	Line  []string
	Block [][2]string
}

// CommentSyntaxFor returns the comment syntax of the file at path, found by
// its base name (Dockerfile, Makefile, .bashrc, CMakeLists.txt) or its
// extension: every line marker and block, including those that count only
// at a line's start (Org's "# ") or in the first column (ABAP's "*").
// ok is false for files whose language is unknown; detectors that read
// comments skip those rather than guess.
func CommentSyntaxFor(p string) (Syntax, bool) {
	l, ok := languageFor(p)
	if !ok {
		return Syntax{}, false
	}
	// Build fresh slices: the table is shared and must never change after
	// it is built. Markers bound to a place on the line are listed too;
	// docstrings are strings that stand where comments would, not comments.
	s := Syntax{Name: l.syntax.Name}
	for _, m := range l.lines {
		s.Line = append(s.Line, m.text)
	}
	for _, b := range l.blocks {
		if !b.doc {
			s.Block = append(s.Block, [2]string{b.open, b.close})
		}
	}
	return s, true
}

// language is a Syntax plus what the comment scanner needs to know about
// string literals and markers that count only in some places, which the
// public Syntax does not carry.
type language struct {
	syntax Syntax
	// quotes are the characters that open a one-line string literal, inside
	// which comment markers do not count. Empty for prose-like formats
	// (Markdown, HTML), where apostrophes and quotes are not balanced.
	quotes string
	// lines are every line marker: the Syntax's (anywhere on a line) and
	// the ones that count only at the start of a line.
	lines []lineMarker
	// blocks are every block comment: the Syntax's first, in its order, so
	// that a span's index is also an index into Syntax.Block, then the
	// context-bound ones (docstrings, blocks opened at a line's start).
	blocks []blockMarker
	// long are the string literals that may span lines (Python's """,
	// JavaScript's template literals, Rust's raw strings): a comment
	// marker inside one is text, whichever line it is on.
	long []longString
	// starts holds the first bytes of every marker, opener and quote: the
	// scanner skips any other byte at once.
	starts [256]bool
	// wordyMarkers is set when a marker, opener or closer holds a letter or
	// a digit (Batch's "REM ", Ruby's "=begin"): a TODO word may then touch
	// one on its line, so mayHit does not ask for word boundaries.
	wordyMarkers bool
}

// where says where on a line a marker counts.
type where byte

const (
	anywhere   where = iota
	lineStart        // only whitespace before it (Org's "# ", Liquid's "#")
	column1          // in the first column only (ABAP's "*")
	afterSpace       // at the start of the line or after a blank (AutoHotkey's ";")
)

type lineMarker struct {
	text string
	at   where
}

type blockMarker struct {
	open, close string
	at          where
	// doc marks a docstring: a comment where a docstring may stand (the
	// first statement of a module, class or function), a string elsewhere.
	doc bool
}

// longString is a string literal that may span lines. raw is set for C++'s
// R"delim( ... )delim", whose closer depends on the opener.
type longString struct {
	open, close string
	raw         bool
	noEscape    bool // backslashes do not escape (Go's raw strings, Rust's r#"..."#)
}

// extra is what a table entry adds to its Syntax.
type extra struct {
	lines  []lineMarker
	blocks []blockMarker
	long   []longString
}

type languageTable struct {
	byName map[string]*language // lowercased base names
	byExt  map[string]*language // lowercased extensions, with the dot
}

// languages is built once on first use and only read afterwards.
var languages = sync.OnceValue(buildLanguages)

func languageFor(p string) (*language, bool) {
	t := languages()
	base := strings.ToLower(path.Base(p))
	if l, ok := t.byName[base]; ok {
		return l, true
	}
	if l, ok := t.byExt[path.Ext(base)]; ok {
		return l, true
	}
	// Variants such as Dockerfile.dev or Makefile.linux.
	for _, prefix := range []string{"dockerfile", "containerfile", "makefile", "gnumakefile"} {
		if strings.HasPrefix(base, prefix+".") {
			return t.byName[prefix], true
		}
	}
	return nil, false
}

func buildLanguages() languageTable {
	var (
		slashStar = [][2]string{{"/*", "*/"}}
		xmlBlock  = [][2]string{{"<!--", "-->"}}
		dq        = `"`
		sq        = `"'`
		jsq       = "\"'"
	)
	cLike := func(name string) Syntax {
		return Syntax{Name: name, Line: []string{"//"}, Block: slashStar}
	}
	hash := func(name string) Syntax {
		return Syntax{Name: name, Line: []string{"#"}}
	}
	// Strings that may span lines, by family.
	var (
		tripleDQ   = longString{open: `"""`, close: `"""`}
		tripleSQ   = longString{open: "'''", close: "'''"}
		backtick   = longString{open: "`", close: "`"}
		rawBack    = longString{open: "`", close: "`", noEscape: true}
		triple     = extra{long: []longString{tripleDQ}}
		triples    = extra{long: []longString{tripleDQ, tripleSQ}}
		pyDoc      = []blockMarker{{open: `"""`, close: `"""`, doc: true}, {open: "'''", close: "'''", doc: true}}
		scriptLine = []lineMarker{{"//", lineStart}} // JavaScript in a page's <script>
	)
	rustLong := []longString{
		{open: `r###"`, close: `"###`, noEscape: true},
		{open: `r##"`, close: `"##`, noEscape: true},
		{open: `r#"`, close: `"#`, noEscape: true},
		{open: `r"`, close: `"`, noEscape: true},
	}
	entries := []struct {
		syntax Syntax
		quotes string
		exts   []string
		names  []string
		extra  extra
	}{
		// C family. Single quotes are left out where a lone ' is legal code
		// (C++14 digit separators, Rust lifetimes); '"' is handled by the scanner.
		{cLike("Go"), "\"'", []string{".go"}, nil, extra{long: []longString{rawBack}}},
		{Syntax{Name: "Go module", Line: []string{"//"}}, dq, nil, []string{"go.mod", "go.work"}, extra{}},
		{cLike("C"), dq, []string{".c", ".h"}, nil, extra{}},
		{cLike("C++"), dq, []string{".cc", ".cpp", ".cxx", ".c++", ".hpp", ".hh", ".hxx", ".h++", ".ipp", ".tpp", ".ino", ".cu", ".cuh"}, nil, extra{long: []longString{{open: `R"`, raw: true}}}},
		{cLike("C#"), dq, []string{".cs", ".csx"}, nil, triple},
		{cLike("Java"), dq, []string{".java"}, nil, triple},
		{cLike("Kotlin"), dq, []string{".kt", ".kts"}, nil, triple},
		{cLike("Scala"), dq, []string{".scala", ".sc"}, nil, triple},
		{cLike("Swift"), dq, []string{".swift"}, nil, triple},
		{cLike("Objective-C"), dq, []string{".mm"}, nil, extra{}},
		// .m is both Objective-C and MATLAB; neither language's markers are
		// legal code in the other, so the union serves both.
		{Syntax{Name: "Objective-C/MATLAB", Line: []string{"//", "%"}, Block: [][2]string{{"/*", "*/"}, {"%{", "%}"}}}, dq, []string{".m"}, nil, extra{}},
		{cLike("Rust"), dq, []string{".rs"}, nil, extra{long: rustLong}},
		{cLike("JavaScript"), jsq, []string{".js", ".jsx", ".mjs", ".cjs"}, nil, extra{long: []longString{backtick}}},
		{cLike("TypeScript"), jsq, []string{".ts", ".tsx", ".mts", ".cts"}, nil, extra{long: []longString{backtick}}},
		{cLike("Dart"), sq, []string{".dart"}, nil, triples},
		{Syntax{Name: "Zig", Line: []string{"//"}}, dq, []string{".zig"}, nil, extra{}},
		{cLike("Groovy"), sq, []string{".groovy", ".gvy", ".gradle"}, []string{"jenkinsfile"}, triples},
		{cLike("Protobuf"), sq, []string{".proto"}, nil, extra{}},
		{cLike("Solidity"), sq, []string{".sol"}, nil, extra{}},
		{cLike("JSON with comments"), dq, []string{".jsonc", ".json5"}, nil, extra{}},
		{cLike("GLSL"), dq, []string{".glsl", ".vert", ".frag"}, nil, extra{}},
		{cLike("Verilog"), dq, []string{".sv", ".svh"}, nil, extra{}},
		{Syntax{Name: "CSS", Block: slashStar}, sq, []string{".css"}, nil, extra{}},
		{cLike("SCSS"), sq, []string{".scss", ".sass"}, nil, extra{}},
		{cLike("Less"), sq, []string{".less"}, nil, extra{}},
		{Syntax{Name: "PHP", Line: []string{"//", "#"}, Block: slashStar}, sq, []string{".php", ".phtml"}, nil, extra{}},
		{Syntax{Name: "HCL", Line: []string{"#", "//"}, Block: slashStar}, dq, []string{".tf", ".tfvars", ".hcl", ".nomad"}, nil, extra{}},
		{Syntax{Name: "F#", Line: []string{"//"}, Block: [][2]string{{"(*", "*)"}}}, dq, []string{".fs", ".fsi", ".fsx"}, nil, triple},
		{Syntax{Name: "OCaml", Block: [][2]string{{"(*", "*)"}}}, dq, []string{".ml", ".mli"}, nil, extra{}},
		{Syntax{Name: "Pascal", Line: []string{"//"}, Block: [][2]string{{"(*", "*)"}, {"{", "}"}}}, "'", []string{".pas", ".pp", ".dpr"}, nil, extra{}},
		// AL (Business Central): '...' is text, "..." a quoted identifier.
		{cLike("AL"), sq, []string{".al"}, nil, extra{}},
		{cLike("Move"), dq, []string{".move"}, nil, extra{}},
		{cLike("ABAP CDS"), "'", []string{".asddls"}, nil, extra{}},

		// # family.
		{hash("Python"), sq, []string{".py", ".pyi", ".pyw"}, nil, extra{blocks: pyDoc, long: triples.long}},
		{hash("Starlark"), sq, []string{".bzl", ".star"}, []string{"build", "build.bazel", "workspace", "workspace.bazel", "tiltfile"}, extra{blocks: pyDoc, long: triples.long}},
		{Syntax{Name: "Ruby", Line: []string{"#"}, Block: [][2]string{{"=begin", "=end"}}}, sq, []string{".rb", ".rake", ".gemspec", ".ru"}, []string{"gemfile", "rakefile", "vagrantfile", "podfile", "brewfile", "guardfile"}, extra{}},
		{hash("Perl"), sq, []string{".pl", ".pm", ".t"}, nil, extra{}},
		{hash("Shell"), sq, []string{".sh", ".bash", ".zsh", ".ksh", ".fish"}, []string{
			".bashrc", ".bash_profile", ".bash_aliases", ".bash_logout", ".zshrc", ".zprofile",
			".zshenv", ".profile", ".envrc", ".env", ".gitignore", ".gitattributes", ".dockerignore",
		}, extra{}},
		{hash("Dockerfile"), sq, []string{".dockerfile"}, []string{"dockerfile", "containerfile"}, extra{}},
		{hash("Makefile"), dq, []string{".mk", ".make"}, []string{"makefile", "gnumakefile"}, extra{}},
		{Syntax{Name: "PowerShell", Line: []string{"#"}, Block: [][2]string{{"<#", "#>"}}}, sq, []string{".ps1", ".psm1", ".psd1"}, nil, extra{}},
		{hash("R"), sq, []string{".r"}, nil, extra{}},
		{Syntax{Name: "Julia", Line: []string{"#"}, Block: [][2]string{{"#=", "=#"}}}, dq, []string{".jl"}, nil, triple},
		{hash("Elixir"), sq, []string{".ex", ".exs"}, nil, triples},
		{Syntax{Name: "Nim", Line: []string{"#"}, Block: [][2]string{{"#[", "]#"}}}, dq, []string{".nim", ".nims", ".nimble"}, nil, triple},
		{hash("YAML"), sq, []string{".yml", ".yaml"}, nil, extra{}},
		{hash("TOML"), sq, []string{".toml"}, nil, triples},
		{Syntax{Name: "INI", Line: []string{";", "#"}}, dq, []string{".ini", ".cfg", ".conf", ".properties", ".desktop"}, []string{".editorconfig", ".gitconfig", ".npmrc"}, extra{}},
		{Syntax{Name: "CMake", Line: []string{"#"}, Block: [][2]string{{"#[[", "]]"}}}, dq, []string{".cmake"}, []string{"cmakelists.txt"}, extra{}},
		{Syntax{Name: "Nix", Line: []string{"#"}, Block: slashStar}, dq, []string{".nix"}, nil, extra{long: []longString{{open: "''", close: "''"}}}},
		{hash("GraphQL"), dq, []string{".graphql", ".gql"}, nil, triple},
		{hash("Tcl"), dq, []string{".tcl"}, nil, extra{}},
		{Syntax{Name: "CoffeeScript", Line: []string{"#"}, Block: [][2]string{{"###", "###"}}}, sq, []string{".coffee"}, nil, extra{}},
		{hash("Crystal"), dq, []string{".cr"}, nil, extra{}},
		{hash("GDScript"), sq, []string{".gd"}, nil, triples},

		// -- family.
		{Syntax{Name: "Lua", Line: []string{"--"}, Block: [][2]string{{"--[[", "]]"}}}, sq, []string{".lua"}, nil, extra{long: []longString{{open: "[[", close: "]]", noEscape: true}}}},
		{Syntax{Name: "SQL", Line: []string{"--"}, Block: slashStar}, sq, []string{".sql"}, nil, extra{}},
		{Syntax{Name: "Haskell", Line: []string{"--"}, Block: [][2]string{{"{-", "-}"}}}, dq, []string{".hs"}, nil, extra{}},
		{Syntax{Name: "Elm", Line: []string{"--"}, Block: [][2]string{{"{-", "-}"}}}, dq, []string{".elm"}, nil, triple},
		{Syntax{Name: "PureScript", Line: []string{"--"}, Block: [][2]string{{"{-", "-}"}}}, dq, []string{".purs"}, nil, triple},
		{Syntax{Name: "Agda", Line: []string{"--"}, Block: [][2]string{{"{-", "-}"}}}, dq, []string{".agda"}, nil, extra{}},
		{Syntax{Name: "Ada", Line: []string{"--"}}, dq, []string{".adb", ".ads"}, nil, extra{}},
		{Syntax{Name: "VHDL", Line: []string{"--"}}, dq, []string{".vhd", ".vhdl"}, nil, extra{}},

		// ; and % families.
		{Syntax{Name: "Clojure", Line: []string{";"}}, dq, []string{".clj", ".cljs", ".cljc", ".edn"}, nil, extra{}},
		{Syntax{Name: "Lisp", Line: []string{";"}, Block: [][2]string{{"#|", "|#"}}}, dq, []string{".lisp", ".lsp", ".el", ".scm", ".ss", ".rkt"}, nil, extra{}},
		{Syntax{Name: "Assembly", Line: []string{";"}}, sq, []string{".asm", ".nasm"}, nil, extra{}},
		{Syntax{Name: "GNU assembly", Line: []string{";", "#", "//"}, Block: slashStar}, sq, []string{".s"}, nil, extra{}},
		// AutoHotkey: ";" starts a comment at the start of a line or after a
		// blank only ("a;b" is text); a block comment opens at a line's start.
		{Syntax{Name: "AutoHotkey"}, dq, []string{".ahk", ".ahkl"}, nil, extra{
			lines:  []lineMarker{{";", afterSpace}},
			blocks: []blockMarker{{open: "/*", close: "*/", at: lineStart}},
		}},
		{Syntax{Name: "Erlang", Line: []string{"%"}}, dq, []string{".erl", ".hrl"}, nil, extra{}},
		{Syntax{Name: "TeX", Line: []string{"%"}}, "", []string{".tex", ".sty", ".cls", ".bib", ".ltx"}, nil, extra{}},
		{Syntax{Name: "MATLAB", Line: []string{"%"}, Block: [][2]string{{"%{", "%}"}}}, dq, []string{".matlab"}, nil, extra{}},

		// Other single-character markers.
		{Syntax{Name: "Fortran", Line: []string{"!"}}, sq, []string{".f", ".for", ".f77", ".f90", ".f95", ".f03", ".f08"}, nil, extra{}},
		{Syntax{Name: "Visual Basic", Line: []string{"'"}}, dq, []string{".vb", ".vbs", ".bas", ".vba"}, nil, extra{}},
		{Syntax{Name: "Vim script", Line: []string{`"`}}, "", []string{".vim"}, []string{".vimrc", "_vimrc", ".gvimrc"}, extra{}},
		{Syntax{Name: "Batch", Line: []string{"::", "REM ", "rem "}}, dq, []string{".bat", ".cmd"}, nil, extra{}},
		// ABAP: '"' comments the rest of a line, '*' a whole line when it
		// stands in the first column ("a = b * c." multiplies).
		{Syntax{Name: "ABAP", Line: []string{`"`}}, "'`", []string{".abap"}, nil, extra{lines: []lineMarker{{"*", column1}}}},

		// Markup: <!-- --> only. Quotes are not tracked in prose.
		{Syntax{Name: "HTML", Block: xmlBlock}, "", []string{".html", ".htm", ".xhtml"}, nil, extra{}},
		{Syntax{Name: "XML", Block: xmlBlock}, "", []string{".xml", ".xsd", ".xsl", ".xslt", ".svg", ".plist", ".xaml", ".csproj", ".fsproj", ".vbproj", ".props", ".targets"}, []string{"pom.xml"}, extra{}},
		{Syntax{Name: "Vue", Line: []string{"//"}, Block: [][2]string{{"<!--", "-->"}, {"/*", "*/"}}}, "", []string{".vue"}, nil, extra{}},
		{Syntax{Name: "Svelte", Line: []string{"//"}, Block: [][2]string{{"<!--", "-->"}, {"/*", "*/"}}}, "", []string{".svelte"}, nil, extra{}},
		// Markdown and its relatives: HTML comments; MDX also takes JSX's
		// {/* */}. Code blocks in them are examples, not the project's code.
		{Syntax{Name: "Markdown", Block: xmlBlock}, "`", []string{".md", ".markdown"}, nil, extra{}},
		{Syntax{Name: "MDX", Block: [][2]string{{"<!--", "-->"}, {"{/*", "*/}"}}}, "`", []string{".mdx"}, nil, extra{}},
		{Syntax{Name: "R Markdown", Block: xmlBlock}, "`", []string{".rmd", ".qmd"}, nil, extra{}},
		// Org: "# " at the start of a line ("#+TITLE" is a keyword), and
		// #+BEGIN_COMMENT blocks in either case.
		{Syntax{Name: "Org"}, "", []string{".org"}, nil, extra{
			lines: []lineMarker{{"# ", lineStart}},
			blocks: []blockMarker{
				{open: "#+BEGIN_COMMENT", close: "#+END_COMMENT", at: lineStart},
				{open: "#+begin_comment", close: "#+end_comment", at: lineStart},
			},
		}},

		// Templates: their own comments, the page's HTML comments, and
		// JavaScript line comments in a <script> (at a line's start only).
		{Syntax{Name: "Handlebars", Block: [][2]string{{"{{!--", "--}}"}, {"{{!", "}}"}, {"<!--", "-->"}}}, "", []string{".hbs", ".handlebars"}, nil, extra{lines: scriptLine}},
		{Syntax{Name: "Twig", Block: [][2]string{{"{#", "#}"}, {"<!--", "-->"}}}, "", []string{".twig"}, nil, extra{lines: scriptLine}},
		// Liquid: {% comment %} blocks, {% # %} inline comments, and "#"
		// lines inside a {% liquid %} tag.
		{Syntax{Name: "Liquid", Block: [][2]string{{"{% comment %}", "{% endcomment %}"}, {"{%- comment -%}", "{%- endcomment -%}"}, {"{% #", "%}"}, {"<!--", "-->"}}}, "", []string{".liquid"}, nil, extra{
			lines: append([]lineMarker{{"#", lineStart}}, scriptLine...),
		}},
		{Syntax{Name: "Razor", Block: [][2]string{{"@*", "*@"}, {"<!--", "-->"}, {"/*", "*/"}}}, "", []string{".cshtml", ".razor"}, nil, extra{lines: scriptLine}},
	}
	t := languageTable{byName: map[string]*language{}, byExt: map[string]*language{}}
	for _, e := range entries {
		l := &language{syntax: e.syntax, quotes: e.quotes, long: e.extra.long}
		for _, m := range e.syntax.Line {
			l.lines = append(l.lines, lineMarker{m, anywhere})
		}
		l.lines = append(l.lines, e.extra.lines...)
		for _, b := range e.syntax.Block {
			l.blocks = append(l.blocks, blockMarker{open: b[0], close: b[1]})
		}
		l.blocks = append(l.blocks, e.extra.blocks...)
		for _, m := range l.lines {
			l.starts[m.text[0]] = true
		}
		for _, b := range l.blocks {
			l.starts[b.open[0]] = true
		}
		for _, ls := range l.long {
			l.starts[ls.open[0]] = true
		}
		for i := 0; i < len(l.quotes); i++ {
			l.starts[l.quotes[i]] = true
		}
		l.starts['\''] = true // a character literal holding a double quote
		l.wordyMarkers = wordyMarkers(l)
		for _, x := range e.exts {
			t.byExt[x] = l
		}
		for _, n := range e.names {
			t.byName[n] = l
		}
	}
	return t
}

// wordyMarkers reports whether one of l's comment markers, openers or
// closers holds a byte that may be part of a word.
func wordyMarkers(l *language) bool {
	var all []string
	for _, m := range l.lines {
		all = append(all, m.text)
	}
	for _, b := range l.blocks {
		all = append(all, b.open, b.close)
	}
	for _, m := range all {
		for i := 0; i < len(m); i++ {
			if analyze.IsIdentByte(m[i]) {
				return true
			}
		}
	}
	return false
}
