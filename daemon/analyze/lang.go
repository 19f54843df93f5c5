package analyze

import (
	"path"
	"slices"
	"strings"
	"sync"
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
// extension. ok is false for files whose language is unknown; detectors that
// read comments skip those rather than guess.
func CommentSyntaxFor(p string) (Syntax, bool) {
	l, ok := languageFor(p)
	if !ok {
		return Syntax{}, false
	}
	// Copy the slices: the table is shared and must never change after it is built.
	s := l.syntax
	s.Line = slices.Clone(s.Line)
	s.Block = slices.Clone(s.Block)
	return s, true
}

// language is a Syntax plus what the comment scanner needs to know about
// string literals, which the public Syntax does not carry.
type language struct {
	syntax Syntax
	// quotes are the characters that open a one-line string literal, inside
	// which comment markers do not count. Empty for prose-like formats
	// (Markdown, HTML), where apostrophes and quotes are not balanced.
	quotes string
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
		jsq       = "\"'`"
	)
	cLike := func(name string) Syntax {
		return Syntax{Name: name, Line: []string{"//"}, Block: slashStar}
	}
	hash := func(name string) Syntax {
		return Syntax{Name: name, Line: []string{"#"}}
	}
	entries := []struct {
		syntax Syntax
		quotes string
		exts   []string
		names  []string
	}{
		// C family. Single quotes are left out where a lone ' is legal code
		// (C++14 digit separators, Rust lifetimes); '"' is handled by the scanner.
		{cLike("Go"), "\"'`", []string{".go"}, nil},
		{Syntax{Name: "Go module", Line: []string{"//"}}, dq, nil, []string{"go.mod", "go.work"}},
		{cLike("C"), dq, []string{".c", ".h"}, nil},
		{cLike("C++"), dq, []string{".cc", ".cpp", ".cxx", ".c++", ".hpp", ".hh", ".hxx", ".h++", ".ipp", ".tpp", ".ino", ".cu", ".cuh"}, nil},
		{cLike("C#"), dq, []string{".cs", ".csx"}, nil},
		{cLike("Java"), dq, []string{".java"}, nil},
		{cLike("Kotlin"), dq, []string{".kt", ".kts"}, nil},
		{cLike("Scala"), dq, []string{".scala", ".sc"}, nil},
		{cLike("Swift"), dq, []string{".swift"}, nil},
		{cLike("Objective-C"), dq, []string{".mm"}, nil},
		// .m is both Objective-C and MATLAB; neither language's markers are
		// legal code in the other, so the union serves both.
		{Syntax{Name: "Objective-C/MATLAB", Line: []string{"//", "%"}, Block: [][2]string{{"/*", "*/"}, {"%{", "%}"}}}, dq, []string{".m"}, nil},
		{cLike("Rust"), dq, []string{".rs"}, nil},
		{cLike("JavaScript"), jsq, []string{".js", ".jsx", ".mjs", ".cjs"}, nil},
		{cLike("TypeScript"), jsq, []string{".ts", ".tsx", ".mts", ".cts"}, nil},
		{cLike("Dart"), sq, []string{".dart"}, nil},
		{Syntax{Name: "Zig", Line: []string{"//"}}, dq, []string{".zig"}, nil},
		{cLike("Groovy"), sq, []string{".groovy", ".gvy", ".gradle"}, []string{"jenkinsfile"}},
		{cLike("Protobuf"), sq, []string{".proto"}, nil},
		{cLike("Solidity"), sq, []string{".sol"}, nil},
		{cLike("JSON with comments"), dq, []string{".jsonc", ".json5"}, nil},
		{cLike("GLSL"), dq, []string{".glsl", ".vert", ".frag"}, nil},
		{cLike("Verilog"), dq, []string{".sv", ".svh"}, nil},
		{Syntax{Name: "CSS", Block: slashStar}, sq, []string{".css"}, nil},
		{cLike("SCSS"), sq, []string{".scss", ".sass"}, nil},
		{cLike("Less"), sq, []string{".less"}, nil},
		{Syntax{Name: "PHP", Line: []string{"//", "#"}, Block: slashStar}, sq, []string{".php", ".phtml"}, nil},
		{Syntax{Name: "HCL", Line: []string{"#", "//"}, Block: slashStar}, dq, []string{".tf", ".tfvars", ".hcl", ".nomad"}, nil},
		{Syntax{Name: "F#", Line: []string{"//"}, Block: [][2]string{{"(*", "*)"}}}, dq, []string{".fs", ".fsi", ".fsx"}, nil},
		{Syntax{Name: "OCaml", Block: [][2]string{{"(*", "*)"}}}, dq, []string{".ml", ".mli"}, nil},
		{Syntax{Name: "Pascal", Line: []string{"//"}, Block: [][2]string{{"(*", "*)"}, {"{", "}"}}}, "'", []string{".pas", ".pp", ".dpr"}, nil},

		// # family.
		{hash("Python"), sq, []string{".py", ".pyi", ".pyw"}, nil},
		{hash("Starlark"), sq, []string{".bzl", ".star"}, []string{"build", "build.bazel", "workspace", "workspace.bazel", "tiltfile"}},
		{Syntax{Name: "Ruby", Line: []string{"#"}, Block: [][2]string{{"=begin", "=end"}}}, sq, []string{".rb", ".rake", ".gemspec", ".ru"}, []string{"gemfile", "rakefile", "vagrantfile", "podfile", "brewfile", "guardfile"}},
		{hash("Perl"), sq, []string{".pl", ".pm", ".t"}, nil},
		{hash("Shell"), sq, []string{".sh", ".bash", ".zsh", ".ksh", ".fish"}, []string{
			".bashrc", ".bash_profile", ".bash_aliases", ".bash_logout", ".zshrc", ".zprofile",
			".zshenv", ".profile", ".envrc", ".env", ".gitignore", ".gitattributes", ".dockerignore",
		}},
		{hash("Dockerfile"), sq, []string{".dockerfile"}, []string{"dockerfile", "containerfile"}},
		{hash("Makefile"), dq, []string{".mk", ".make"}, []string{"makefile", "gnumakefile"}},
		{Syntax{Name: "PowerShell", Line: []string{"#"}, Block: [][2]string{{"<#", "#>"}}}, sq, []string{".ps1", ".psm1", ".psd1"}, nil},
		{hash("R"), sq, []string{".r", ".rmd"}, nil},
		{Syntax{Name: "Julia", Line: []string{"#"}, Block: [][2]string{{"#=", "=#"}}}, dq, []string{".jl"}, nil},
		{hash("Elixir"), sq, []string{".ex", ".exs"}, nil},
		{Syntax{Name: "Nim", Line: []string{"#"}, Block: [][2]string{{"#[", "]#"}}}, dq, []string{".nim", ".nims", ".nimble"}, nil},
		{hash("YAML"), sq, []string{".yml", ".yaml"}, nil},
		{hash("TOML"), sq, []string{".toml"}, nil},
		{Syntax{Name: "INI", Line: []string{";", "#"}}, dq, []string{".ini", ".cfg", ".conf", ".properties", ".desktop"}, []string{".editorconfig", ".gitconfig", ".npmrc"}},
		{Syntax{Name: "CMake", Line: []string{"#"}, Block: [][2]string{{"#[[", "]]"}}}, dq, []string{".cmake"}, []string{"cmakelists.txt"}},
		{Syntax{Name: "Nix", Line: []string{"#"}, Block: slashStar}, dq, []string{".nix"}, nil},
		{hash("GraphQL"), dq, []string{".graphql", ".gql"}, nil},
		{hash("Tcl"), dq, []string{".tcl"}, nil},
		{Syntax{Name: "CoffeeScript", Line: []string{"#"}, Block: [][2]string{{"###", "###"}}}, sq, []string{".coffee"}, nil},
		{hash("Crystal"), dq, []string{".cr"}, nil},

		// -- family.
		{Syntax{Name: "Lua", Line: []string{"--"}, Block: [][2]string{{"--[[", "]]"}}}, sq, []string{".lua"}, nil},
		{Syntax{Name: "SQL", Line: []string{"--"}, Block: slashStar}, sq, []string{".sql"}, nil},
		{Syntax{Name: "Haskell", Line: []string{"--"}, Block: [][2]string{{"{-", "-}"}}}, dq, []string{".hs"}, nil},
		{Syntax{Name: "Elm", Line: []string{"--"}, Block: [][2]string{{"{-", "-}"}}}, dq, []string{".elm"}, nil},
		{Syntax{Name: "Ada", Line: []string{"--"}}, dq, []string{".adb", ".ads"}, nil},
		{Syntax{Name: "VHDL", Line: []string{"--"}}, dq, []string{".vhd", ".vhdl"}, nil},

		// ; and % families.
		{Syntax{Name: "Clojure", Line: []string{";"}}, dq, []string{".clj", ".cljs", ".cljc", ".edn"}, nil},
		{Syntax{Name: "Lisp", Line: []string{";"}, Block: [][2]string{{"#|", "|#"}}}, dq, []string{".lisp", ".lsp", ".el", ".scm", ".ss", ".rkt"}, nil},
		{Syntax{Name: "Assembly", Line: []string{";"}}, sq, []string{".asm", ".nasm"}, nil},
		{Syntax{Name: "GNU assembly", Line: []string{";", "#", "//"}, Block: slashStar}, sq, []string{".s"}, nil},
		{Syntax{Name: "Erlang", Line: []string{"%"}}, dq, []string{".erl", ".hrl"}, nil},
		{Syntax{Name: "TeX", Line: []string{"%"}}, "", []string{".tex", ".sty", ".cls", ".bib", ".ltx"}, nil},
		{Syntax{Name: "MATLAB", Line: []string{"%"}, Block: [][2]string{{"%{", "%}"}}}, dq, []string{".matlab"}, nil},

		// Other single-character markers.
		{Syntax{Name: "Fortran", Line: []string{"!"}}, sq, []string{".f", ".for", ".f77", ".f90", ".f95", ".f03", ".f08"}, nil},
		{Syntax{Name: "Visual Basic", Line: []string{"'"}}, dq, []string{".vb", ".vbs", ".bas", ".vba"}, nil},
		{Syntax{Name: "Vim script", Line: []string{`"`}}, "", []string{".vim"}, []string{".vimrc", "_vimrc", ".gvimrc"}},
		{Syntax{Name: "Batch", Line: []string{"::", "REM ", "rem "}}, dq, []string{".bat", ".cmd"}, nil},

		// Markup: <!-- --> only. Quotes are not tracked in prose.
		{Syntax{Name: "HTML", Block: xmlBlock}, "", []string{".html", ".htm", ".xhtml"}, nil},
		{Syntax{Name: "XML", Block: xmlBlock}, "", []string{".xml", ".xsd", ".xsl", ".xslt", ".svg", ".plist", ".xaml", ".csproj", ".fsproj", ".vbproj", ".props", ".targets"}, []string{"pom.xml"}},
		{Syntax{Name: "Vue", Line: []string{"//"}, Block: [][2]string{{"<!--", "-->"}, {"/*", "*/"}}}, "", []string{".vue"}, nil},
		{Syntax{Name: "Svelte", Line: []string{"//"}, Block: [][2]string{{"<!--", "-->"}, {"/*", "*/"}}}, "", []string{".svelte"}, nil},
		{Syntax{Name: "Markdown", Block: xmlBlock}, "", []string{".md", ".markdown", ".mdx"}, nil},
	}
	t := languageTable{byName: map[string]*language{}, byExt: map[string]*language{}}
	for _, e := range entries {
		l := &language{syntax: e.syntax, quotes: e.quotes}
		for _, x := range e.exts {
			t.byExt[x] = l
		}
		for _, n := range e.names {
			t.byName[n] = l
		}
	}
	return t
}

// commentSpan is one comment on one line, as scanComments finds it.
type commentSpan struct {
	text   string // the comment's text between its markers
	marker string // the line marker or block opener; "" when the line began inside the block
	block  int    // index into Syntax.Block, or -1 for a line comment
	open   bool   // a block comment still open at the end of the line
	lead   bool   // only whitespace precedes the comment on its line
}

// scanComments finds the comments on line. open is the index of the block
// comment open at the start of the line (-1 for none); the block open at its
// end is returned. Markers inside one-line string literals do not count, so
// `s := "// TODO"` holds no comment.
func (l *language) scanComments(line string, open int) ([]commentSpan, int) {
	var spans []commentSpan
	i := 0
	if open >= 0 {
		closer := l.syntax.Block[open][1]
		k := strings.Index(line, closer)
		if k < 0 {
			return append(spans, commentSpan{text: line, block: open, open: true, lead: true}), open
		}
		spans = append(spans, commentSpan{text: line[:k], block: open, lead: true})
		i = k + len(closer)
	}
	var quote byte // the delimiter of the string literal we are in, or 0
	for i < len(line) {
		c := line[i]
		if quote != 0 {
			switch c {
			case '\\':
				i += 2
			case quote:
				quote = 0
				i++
			default:
				i++
			}
			continue
		}
		marker, block := l.markerAt(line, i)
		lead := strings.TrimSpace(line[:i]) == ""
		switch {
		case block >= 0:
			start := i + len(marker)
			closer := l.syntax.Block[block][1]
			k := strings.Index(line[start:], closer)
			if k < 0 {
				return append(spans, commentSpan{text: line[start:], marker: marker, block: block, open: true, lead: lead}), block
			}
			spans = append(spans, commentSpan{text: line[start : start+k], marker: marker, block: block, lead: lead})
			i = start + k + len(closer)
		case marker != "":
			return append(spans, commentSpan{text: line[i+len(marker):], marker: marker, block: -1, lead: lead}), -1
		case c == '\'' && strings.HasPrefix(line[i:], `'"'`):
			i += 3 // a character literal holding a double quote opens no string
		case strings.IndexByte(l.quotes, c) >= 0:
			quote = c
			i++
		default:
			i++
		}
	}
	return spans, -1
}

// markerAt returns the longest comment marker starting at line[i:], with the
// index of its block (-1 for a line marker). Longest wins so that Lua's
// "--[[" opens a block rather than a "--" line comment. A marker escaped by
// a backslash (TeX's \%, the shell's \#) is none.
func (l *language) markerAt(line string, i int) (string, int) {
	best, block := "", -1
	if i > 0 && line[i-1] == '\\' {
		return best, block
	}
	rest := line[i:]
	for b, pair := range l.syntax.Block {
		if len(pair[0]) > len(best) && strings.HasPrefix(rest, pair[0]) {
			best, block = pair[0], b
		}
	}
	for _, m := range l.syntax.Line {
		if len(m) > len(best) && strings.HasPrefix(rest, m) && !(isIdentByte(m[0]) && i > 0 && isIdentByte(line[i-1])) {
			best, block = m, -1
		}
	}
	return best, block
}

// isIdentByte reports whether c can be part of an identifier, so that a
// worded marker ("REM ") is not found inside a word ("Lorem ").
func isIdentByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// guessOpenBlock guesses, for the first lines of a hunk, whether line lies
// inside a block comment opened above the hunk: a closer with no opener
// before it, or, for /* */ languages, a leading "*" as in " * text".
// It returns the block's index, or -1.
func (l *language) guessOpenBlock(line string) int {
	t := strings.TrimSpace(line)
	for b, pair := range l.syntax.Block {
		if pair[0] == pair[1] {
			continue // "###" cannot tell an opener from a closer
		}
		if k := strings.Index(t, pair[1]); k >= 0 && !strings.Contains(t[:k], pair[0]) {
			return b
		}
		if pair[0] == "/*" && strings.HasPrefix(t, "*") {
			rest := strings.TrimLeft(t, "*")
			if rest == "" || rest[0] == ' ' || rest[0] == '\t' {
				return b
			}
		}
	}
	return -1
}

// commentText is a span's text without decoration: repeated marker
// characters ("///", "##", "/**"), a leading "*" on the inner lines of a
// /* */ block, leftovers of the closer ("**/") and surrounding space.
func (l *language) commentText(sp commentSpan) string {
	t := sp.text
	switch {
	case sp.marker != "":
		t = strings.TrimLeft(t, sp.marker+"!")
	default: // a line that began inside a block
		t = strings.TrimSpace(t)
		if strings.Contains(l.syntax.Block[sp.block][0], "*") {
			t = strings.TrimLeft(t, "*")
		}
	}
	t = strings.TrimSpace(t)
	if sp.block >= 0 && !sp.open {
		// "**/" and "--->" leave part of a decorated closer behind.
		if c := l.syntax.Block[sp.block][1][:1]; c == "*" || c == "-" {
			t = strings.TrimSpace(strings.TrimRight(t, c))
		}
	}
	return t
}
