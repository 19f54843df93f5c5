package todo

import (
	"reflect"
	"testing"
)

func TestCommentSyntaxFor(t *testing.T) {
	tests := []struct {
		path      string
		name      string // "" when unknown
		line      []string
		wantBlock [][2]string
	}{
		{"main.go", "Go", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"go.mod", "Go module", []string{"//"}, nil},
		{"src/x.c", "C", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"x.h", "C", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"x.cpp", "C++", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"x.HPP", "C++", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"x.cs", "C#", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"X.java", "Java", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"x.kt", "Kotlin", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"x.scala", "Scala", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"x.swift", "Swift", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"x.mm", "Objective-C", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"x.m", "Objective-C/MATLAB", []string{"//", "%"}, [][2]string{{"/*", "*/"}, {"%{", "%}"}}},
		{"x.rs", "Rust", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"x.js", "JavaScript", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"x.jsx", "JavaScript", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"x.mjs", "JavaScript", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"x.cjs", "JavaScript", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"x.ts", "TypeScript", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"x.d.ts", "TypeScript", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"x.tsx", "TypeScript", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"x.py", "Python", []string{"#"}, nil},
		{"x.rb", "Ruby", []string{"#"}, [][2]string{{"=begin", "=end"}}},
		{"Gemfile", "Ruby", []string{"#"}, [][2]string{{"=begin", "=end"}}},
		{"x.pl", "Perl", []string{"#"}, nil},
		{"x.php", "PHP", []string{"//", "#"}, [][2]string{{"/*", "*/"}}},
		{"x.sh", "Shell", []string{"#"}, nil},
		{"x.bash", "Shell", []string{"#"}, nil},
		{"x.zsh", "Shell", []string{"#"}, nil},
		{"home/.bashrc", "Shell", []string{"#"}, nil},
		{"Dockerfile", "Dockerfile", []string{"#"}, nil},
		{"deploy/Dockerfile.prod", "Dockerfile", []string{"#"}, nil},
		{"Makefile", "Makefile", []string{"#"}, nil},
		{"GNUmakefile", "Makefile", []string{"#"}, nil},
		{"x.ps1", "PowerShell", []string{"#"}, [][2]string{{"<#", "#>"}}},
		{"x.lua", "Lua", []string{"--"}, [][2]string{{"--[[", "]]"}}},
		{"x.sql", "SQL", []string{"--"}, [][2]string{{"/*", "*/"}}},
		{"x.hs", "Haskell", []string{"--"}, [][2]string{{"{-", "-}"}}},
		{"x.ex", "Elixir", []string{"#"}, nil},
		{"x.erl", "Erlang", []string{"%"}, nil},
		{"x.clj", "Clojure", []string{";"}, nil},
		{"x.lisp", "Lisp", []string{";"}, [][2]string{{"#|", "|#"}}},
		{"x.R", "R", []string{"#"}, nil},
		{"x.jl", "Julia", []string{"#"}, [][2]string{{"#=", "=#"}}},
		{"x.dart", "Dart", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"x.zig", "Zig", []string{"//"}, nil},
		{"x.nim", "Nim", []string{"#"}, [][2]string{{"#[", "]#"}}},
		{"x.yaml", "YAML", []string{"#"}, nil},
		{".github/workflows/ci.yml", "YAML", []string{"#"}, nil},
		{"x.toml", "TOML", []string{"#"}, nil},
		{"x.ini", "INI", []string{";", "#"}, nil},
		{"x.html", "HTML", nil, [][2]string{{"<!--", "-->"}}},
		{"x.xml", "XML", nil, [][2]string{{"<!--", "-->"}}},
		{"x.vue", "Vue", []string{"//"}, [][2]string{{"<!--", "-->"}, {"/*", "*/"}}},
		{"x.svelte", "Svelte", []string{"//"}, [][2]string{{"<!--", "-->"}, {"/*", "*/"}}},
		{"x.css", "CSS", nil, [][2]string{{"/*", "*/"}}},
		{"x.scss", "SCSS", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"x.less", "Less", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"README.md", "Markdown", nil, [][2]string{{"<!--", "-->"}}},
		{"main.tf", "HCL", []string{"#", "//"}, [][2]string{{"/*", "*/"}}},
		{"x.proto", "Protobuf", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"build.gradle", "Groovy", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"Jenkinsfile", "Groovy", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"x.f90", "Fortran", []string{"!"}, nil},
		{"x.vb", "Visual Basic", []string{"'"}, nil},
		{"x.asm", "Assembly", []string{";"}, nil},
		{"CMakeLists.txt", "CMake", []string{"#"}, [][2]string{{"#[[", "]]"}}},
		{"x.cmake", "CMake", []string{"#"}, [][2]string{{"#[[", "]]"}}},
		{"x.vim", "Vim script", []string{`"`}, nil},
		{".vimrc", "Vim script", []string{`"`}, nil},
		{"paper.tex", "TeX", []string{"%"}, nil},
		// The languages todo-to-issue-action knows that the table lacked.
		{"src/zcl_x.clas.abap", "ABAP", []string{`"`, "*"}, nil},
		{"x.asddls", "ABAP CDS", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"Tab83202.al", "AL", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"lib/Win.ahk", "AutoHotkey", []string{";"}, [][2]string{{"/*", "*/"}}},
		{"gui_3d.gd", "GDScript", []string{"#"}, nil},
		{"FS.purs", "PureScript", []string{"--"}, [][2]string{{"{-", "-}"}}},
		{"Equiv.agda", "Agda", []string{"--"}, [][2]string{{"{-", "-}"}}},
		{"user.move", "Move", []string{"//"}, [][2]string{{"/*", "*/"}}},
		{"post.hbs", "Handlebars", []string{"//"}, [][2]string{{"{{!--", "--}}"}, {"{{!", "}}"}, {"<!--", "-->"}}},
		{"widgets.html.twig", "Twig", []string{"//"}, [][2]string{{"{#", "#}"}, {"<!--", "-->"}}},
		{"product-card.liquid", "Liquid", []string{"#", "//"}, [][2]string{{"{% comment %}", "{% endcomment %}"}, {"{%- comment -%}", "{%- endcomment -%}"}, {"{% #", "%}"}, {"<!--", "-->"}}},
		{"notes.org", "Org", []string{"# "}, [][2]string{{"#+BEGIN_COMMENT", "#+END_COMMENT"}, {"#+begin_comment", "#+end_comment"}}},
		{"Delete.razor", "Razor", []string{"//"}, [][2]string{{"@*", "*@"}, {"<!--", "-->"}, {"/*", "*/"}}},
		{"Index.cshtml", "Razor", []string{"//"}, [][2]string{{"@*", "*@"}, {"<!--", "-->"}, {"/*", "*/"}}},
		// Markdown's relatives: HTML comments, not R's # (a heading there).
		{"api.mdx", "MDX", nil, [][2]string{{"<!--", "-->"}, {"{/*", "*/}"}}},
		{"logicals.Rmd", "R Markdown", nil, [][2]string{{"<!--", "-->"}}},
		{"joins.qmd", "R Markdown", nil, [][2]string{{"<!--", "-->"}}},
		{"notes.txt", "", nil, nil},
		{"LICENSE", "", nil, nil},
		{"image.png", "", nil, nil},
		{"data.json", "", nil, nil},
	}
	for _, tt := range tests {
		got, ok := CommentSyntaxFor(tt.path)
		if ok != (tt.name != "") {
			t.Errorf("CommentSyntaxFor(%q) ok = %v, want %v", tt.path, ok, !ok)
			continue
		}
		want := Syntax{}
		if ok {
			want = Syntax{Name: tt.name, Line: tt.line, Block: tt.wantBlock}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("CommentSyntaxFor(%q) = %+v, want %+v", tt.path, got, want)
		}
	}
}

func TestCommentSyntaxForIsACopy(t *testing.T) {
	s, _ := CommentSyntaxFor("a.go")
	s.Line[0] = "#"
	s.Block[0][0] = "<"
	if again, _ := CommentSyntaxFor("b.go"); again.Line[0] != "//" || again.Block[0][0] != "/*" {
		t.Fatalf("the table changed through a returned Syntax: %+v", again)
	}
}

func TestLanguageCount(t *testing.T) {
	names := map[string]bool{}
	table := languages()
	for _, l := range table.byExt {
		names[l.syntax.Name] = true
	}
	for _, l := range table.byName {
		names[l.syntax.Name] = true
	}
	if len(names) < 30 {
		t.Fatalf("%d languages, want at least 30", len(names))
	}
}

func TestScanComments(t *testing.T) {
	type span struct {
		Text  string
		Block int
		Open  bool
	}
	tests := []struct {
		path, line string
		open       int
		want       []span
		wantOpen   int
	}{
		{"a.go", "x := 1 // note", -1, []span{{" note", -1, false}}, -1},
		{"a.go", `s := "// not" // yes`, -1, []span{{" yes", -1, false}}, -1},
		{"a.go", `s := "a \" // not"`, -1, nil, -1},
		{"a.go", "s := `// raw`", -1, nil, -1},
		{"a.c", `if (c == '"') { // yes`, -1, []span{{" yes", -1, false}}, -1},
		{"a.c", "a /* b */ c /* d", -1, []span{{" b ", 0, false}, {" d", 0, true}}, 0},
		{"a.c", " still inside", 0, []span{{" still inside", 0, true}}, 0},
		{"a.c", " end */ x(); // tail", 0, []span{{" end ", 0, false}, {" tail", -1, false}}, -1},
		{"a.lua", "--[[ block", -1, []span{{" block", 0, true}}, 0},
		{"a.lua", "x = 1 -- line", -1, []span{{" line", -1, false}}, -1},
		{"a.vim", `let x = 1 " note`, -1, []span{{" note", -1, false}}, -1},
		{"a.vb", `s = "it's" ' note`, -1, []span{{" note", -1, false}}, -1},
		{"a.bat", "echo Lorem ipsum", -1, nil, -1},
		{"a.bat", "REM note", -1, []span{{"note", -1, false}}, -1},
		{"a.md", "He said \"hi <!-- note -->", -1, []span{{" note ", 0, false}}, -1},
	}
	for _, tt := range tests {
		l, ok := languageFor(tt.path)
		if !ok {
			t.Fatalf("no language for %s", tt.path)
		}
		st := outside
		st.block = tt.open
		spans, next := l.scanLine(tt.line, st, false, nil)
		open := next.block
		var got []span
		for _, s := range spans {
			got = append(got, span{s.text, s.block, s.open})
		}
		if !reflect.DeepEqual(got, tt.want) || open != tt.wantOpen {
			t.Errorf("%s: scanLine(%q, %d) = %+v, %d; want %+v, %d", tt.path, tt.line, tt.open, got, open, tt.want, tt.wantOpen)
		}
	}
}
