package untested

import (
	"go/parser"
	"go/token"
	"path"
	"strconv"

	"golang.org/x/mod/modfile"

	"github.com/ticket-master/ticket-master/analyze"
)

// goImporters answers, for one commit, whether a Go test the commit changes
// in another package imports the package of a source file: a regression
// test is often written where the bug shows (go-git 04aef2c fixes
// plumbing.ObjectType.Valid and tests it in plumbing/format/packfile's
// scanner_test.go). Files are read on first need only.
type goImporters struct {
	cd      *analyze.CommitDiff
	tests   []string            // the Go test files the commit adds or changes
	imports map[string][]string // test path -> its import paths
	modules map[string]string   // folder -> module path of the go.mod governing it ("" when none)
}

func newGoImporters(cd *analyze.CommitDiff, tests []string) *goImporters {
	g := &goImporters{cd: cd, imports: map[string][]string{}, modules: map[string]string{}}
	for _, t := range tests {
		if analyze.SourceLanguage(t) == analyze.LangGo && analyze.IsTestPath(t) {
			g.tests = append(g.tests, t)
		}
	}
	return g
}

// covers reports whether one of the commit's Go tests imports the package
// that holds p.
func (g *goImporters) covers(p string) bool {
	if len(g.tests) == 0 {
		return false
	}
	pkg := g.importPath(path.Dir(p))
	if pkg == "" {
		return false
	}
	for _, t := range g.tests {
		for _, imp := range g.testImports(t) {
			if imp == pkg {
				return true
			}
		}
	}
	return false
}

// importPath is the import path of the package in dir: the path of the
// module whose go.mod is in dir or the nearest folder above, joined with
// dir relative to it; "" without a go.mod.
func (g *goImporters) importPath(dir string) string {
	for d := dir; ; d = path.Dir(d) {
		module, ok := g.modules[d]
		if !ok {
			module = g.moduleIn(d)
			g.modules[d] = module
		}
		if module != "" {
			if d == dir {
				return module
			}
			if d == "." {
				return module + "/" + dir
			}
			return module + "/" + dir[len(d)+1:]
		}
		if d == "." || d == "/" {
			return ""
		}
	}
}

func (g *goImporters) moduleIn(dir string) string {
	content, ok := g.cd.ReadSource(path.Join(dir, "go.mod"), analyze.Added)
	if !ok {
		return ""
	}
	return modfile.ModulePath(content)
}

func (g *goImporters) testImports(t string) []string {
	if imps, ok := g.imports[t]; ok {
		return imps
	}
	var imps []string
	if src, ok := g.cd.ReadSource(t, analyze.Added); ok {
		if f, err := parser.ParseFile(token.NewFileSet(), t, src, parser.ImportsOnly); err == nil {
			for _, s := range f.Imports {
				if p, err := strconv.Unquote(s.Path.Value); err == nil {
					imps = append(imps, p)
				}
			}
		}
	}
	g.imports[t] = imps
	return imps
}
