package untested

import (
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"hash/maphash"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"

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
	// throughPackage: what the sources beside the tests import, read on
	// first need (coversThroughPackage).
	throughPackage []folderImports
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
	g.readTests()
	for _, t := range g.tests {
		imports := g.testImports(t)
		want := pkg
		if want == "" {
			want = gopathImport(t, imports, path.Dir(p))
		}
		if want != "" && slices.Contains(imports, want) {
			return true
		}
	}
	return false
}

// gopathImport is the import path of the package in folder dir for a
// repository with no go.mod (GOPATH's days), as test file t's imports
// tell it: an import of t's own package (an external _test package
// imports it) ends in t's folder, after the repository's root. go-kit/kit
// 876cd87 (2018) tested transport/grpc from tracing/zipkin/grpc_test.go,
// which imports "github.com/go-kit/kit/tracing/zipkin" and
// grpctransport "github.com/go-kit/kit/transport/grpc" (round 70: the
// draft said no test imported the package). "" when none does.
func gopathImport(t string, imports []string, dir string) string {
	own := "/" + path.Dir(t)
	for _, imp := range imports {
		if root, ok := strings.CutSuffix(imp, own); ok && strings.Contains(root, "/") {
			return root + "/" + dir
		}
	}
	return ""
}

// coversThrough reports whether a test the commit changes in another
// folder reaches p's package through the code it tests
// (coversThroughPackage). Asked last, of a file with changes to report:
// it reads the sources beside the tests.
func (g *goImporters) coversThrough(p string) bool {
	if len(g.tests) == 0 {
		return false
	}
	pkg := g.importPath(path.Dir(p))
	return pkg != "" && g.coversThroughPackage(path.Dir(p), pkg)
}

// coversThroughPackage reports whether a test the commit changes in
// another folder exercises the package pkg (in folder dir) through the
// code it tests: a source file of the test's own package imports pkg.
// afero 3fa2944 fixed mem.File.Close and tested it in memmap_test.go,
// whose memmap.go imports mem; go-toml dc1740d added
// internal/danger.MakeTypeID, which a new case of unmarshaler_test.go runs
// through unmarshaler.go. Not only the file the test's name pairs it with:
// segmentio/kafka-go 4296f73 added SASL v0 to protocol/saslauthenticate
// and a case of writer_test.go that runs it through transport.go, and
// goccy/go-json af33c47 fixed internal/encoder with a case of
// decode_test.go that marshals through encode.go ("changed no test that
// could cover it" was false of both: round 115, wrong). One step only: a
// package's every importer, and theirs, would make one test cover most of
// a repository.
func (g *goImporters) coversThroughPackage(dir, pkg string) bool {
	if g.throughPackage == nil {
		g.throughPackage = g.readThroughPackage()
	}
	for _, imports := range g.throughPackage {
		if imports.folder != dir && slices.Contains(imports.imports, pkg) {
			return true
		}
	}
	return false
}

// folderImports are what the sources read beside one test folder import.
type folderImports struct {
	folder  string
	imports []string
}

// readThroughPackage reads, once a commit, what the sources that pair with
// the commit's tests import (see coversThroughPackage), by the tests'
// folders.
func (g *goImporters) readThroughPackage() []folderImports {
	var ask []analyze.FileAt
	for _, t := range g.tests {
		tdir := path.Dir(t)
		for _, src := range conventionalSources(t) {
			ask = appendNew(ask, src)
		}
		for i := range g.cd.Files {
			f := &g.cd.Files[i]
			if f.NewPath != "" && path.Dir(f.NewPath) == tdir && analyze.SourceLanguage(f.NewPath) == analyze.LangGo && !analyze.IsTestPath(f.NewPath) {
				ask = appendNew(ask, f.NewPath)
			}
		}
		for _, src := range packageSources(g.cd, tdir) {
			ask = appendNew(ask, src)
		}
		// The test's siblings in its package: helpers a test calls live
		// in them. uptrace/bun 9fea1437 changed internal/dbtest's
		// inspect_test.go, whose db_test.go builds every database with
		// pgdialect.New(), and pgdialect's Inspector was drafted as
		// untested (round 152, wrong).
		for _, sib := range siblingTests(g.cd, t) {
			ask = appendNew(ask, sib)
		}
	}
	out := []folderImports{} // not nil: read
	if len(ask) == 0 {
		return out
	}
	for i, got := range g.cd.ReadSources(ask) {
		if !got.OK {
			continue
		}
		if imports, ok := sourceImports(ask[i].Path, got.Content); ok {
			out = append(out, folderImports{folder: path.Dir(ask[i].Path), imports: imports})
		}
	}
	return out
}

// sourceImports is what Go source src imports, kept by its content
// (recentSourceImports): a test's package is read whole each time a
// commit asks through it, and its files seldom change between asks.
func sourceImports(p string, src []byte) ([]string, bool) {
	key := string(strconv.AppendUint(strconv.AppendInt(nil, int64(len(src)), 10), maphash.Bytes(sourceImportsSeed, src), 36))
	if known, ok := recentSourceImports.get(key); ok {
		return known.imports, true
	}
	read, ok := parseTestImports(p, src)
	if ok {
		recentSourceImports.put(key, read)
	}
	return read.imports, ok
}

// recentSourceImports are the imports of the sources of test packages the
// last commits read (sourceImports), by length and hash of content.
var (
	recentSourceImports = &importCache{max: maxCarriedImports}
	sourceImportsSeed   = maphash.MakeSeed()
)

// maxPackageSources is how many source files of a test's package
// coversThroughPackage reads; a folder with more is read only for the
// files the test's name pairs it with and the commit changes.
const maxPackageSources = 64

// packageSources lists the Go source files, tests aside, of folder dir at
// the commit; none when the folder has more than maxPackageSources.
func packageSources(cd *analyze.CommitDiff, dir string) []string {
	return folderGoFiles(cd, dir, func(p string) bool {
		return !strings.HasSuffix(p, "_test.go") && analyze.SourceLanguage(p) == analyze.LangGo && !analyze.IsTestPath(p)
	})
}

// siblingTests lists the other _test.go files of test t's folder at the
// commit; none when the folder has more than maxPackageSources.
func siblingTests(cd *analyze.CommitDiff, t string) []string {
	return folderGoFiles(cd, path.Dir(t), func(p string) bool { return strings.HasSuffix(p, "_test.go") && p != t })
}

// folderGoFiles lists the .go files of folder dir at the commit that keep
// holds; none when more than maxPackageSources do.
func folderGoFiles(cd *analyze.CommitDiff, dir string, keep func(string) bool) []string {
	names, err := cd.FilesIn(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, n := range names {
		if p := path.Join(dir, n); strings.HasSuffix(n, ".go") && keep(p) {
			out = append(out, p)
		}
	}
	if len(out) > maxPackageSources {
		return nil
	}
	return out
}

// appendNew appends path p, as the commit has it, unless ask has it.
func appendNew(ask []analyze.FileAt, p string) []analyze.FileAt {
	at := analyze.FileAt{Path: p, Side: analyze.Added}
	if slices.Contains(ask, at) {
		return ask
	}
	return append(ask, at)
}

// readTests reads the tests whose imports are not known yet in one round
// trip to git (analyze.CommitDiff.ReadSources): covers looks at each of
// them unless one matches early, which few do.
func (g *goImporters) readTests() {
	var ask []analyze.FileAt
	for _, t := range g.tests {
		if _, ok := g.imports[t]; ok {
			continue
		}
		if f := g.file(t); f != nil {
			if known, ok := recentImports.get(f.NewBlob); ok {
				g.imports[t] = known.imports
				continue
			}
		}
		ask = append(ask, analyze.FileAt{Path: t, Side: analyze.Added})
	}
	if len(ask) < 2 {
		return // testImports reads one as well
	}
	for i, got := range g.cd.ReadSources(ask) {
		g.keepImports(ask[i].Path, got.Content, got.OK)
	}
}

// importPath is the import path of the package in dir: the path of the
// module whose go.mod is in dir or the nearest folder above, joined with
// dir relative to it; "" without a go.mod.
func (g *goImporters) importPath(dir string) string {
	g.readModules(dir)
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

// readModules reads the go.mod files of dir and the folders above it
// that are not known yet, in one round trip to git: most of them are not
// there, and importPath would ask for each in turn.
func (g *goImporters) readModules(dir string) {
	var ask []analyze.FileAt
	for d := dir; ; d = path.Dir(d) {
		if _, ok := g.modules[d]; !ok {
			ask = append(ask, analyze.FileAt{Path: path.Join(d, "go.mod"), Side: analyze.Added})
		}
		if d == "." || d == "/" {
			break
		}
	}
	if len(ask) < 2 {
		return
	}
	for i, got := range g.cd.ReadSources(ask) {
		g.modules[path.Dir(ask[i].Path)] = modulePath(got.Content, got.OK)
	}
}

func (g *goImporters) moduleIn(dir string) string {
	return modulePath(g.cd.ReadSource(path.Join(dir, "go.mod"), analyze.Added))
}

// modulePath is the module path a go.mod declares; "" when it was not
// read.
func modulePath(content []byte, ok bool) string {
	if !ok {
		return ""
	}
	return modfile.ModulePath(content)
}

func (g *goImporters) testImports(t string) []string {
	if imps, ok := g.imports[t]; ok {
		return imps
	}
	f := g.file(t)
	if f != nil {
		if known, ok := recentImports.get(f.NewBlob); ok {
			g.imports[t] = known.imports
			return known.imports
		}
	}
	src, ok := g.cd.ReadSource(t, analyze.Added)
	return g.keepImports(t, src, ok)
}

// keepImports parses and keeps the imports of test t read as src (ok
// false: not read), by path and by object name.
func (g *goImporters) keepImports(t string, src []byte, ok bool) []string {
	var imps []string
	if ok {
		if read, ok := parseTestImports(t, src); ok {
			imps = read.imports
			if f := g.file(t); f != nil {
				recentImports.put(f.NewBlob, read)
			}
		}
	}
	g.imports[t] = imps
	return imps
}

// parseTestImports reads what the Go file src at path imports, and where
// its first declaration after the imports starts; ok is false when it
// does not parse that far.
func parseTestImports(path string, src []byte) (testImportsOf, bool) {
	fset := token.NewFileSet()
	pf, err := parser.ParseFile(fset, path, src, parser.ImportsOnly)
	if err != nil {
		return testImportsOf{}, false
	}
	var imps []string
	for _, s := range pf.Imports {
		if p, err := strconv.Unquote(s.Path.Value); err == nil {
			imps = append(imps, p)
		}
	}
	return testImportsOf{imports: imps, end: firstDeclLine(fset, pf, src)}, true
}

// file is the commit's diff of the test at path t, or nil.
func (g *goImporters) file(t string) *analyze.FileDiff {
	for i := range g.cd.Files {
		if g.cd.Files[i].NewPath == t {
			return &g.cd.Files[i]
		}
	}
	return nil
}

// firstDeclLine is the line of the first token after pf's imports (or its
// package clause): the first declaration that is no import. What an
// ImportsOnly parse finds depends on the lines up to it alone, since
// every import comes before it. A file with nothing after its imports
// gives the largest line: any change may add one.
func firstDeclLine(fset *token.FileSet, pf *ast.File, src []byte) int {
	after := pf.Name.End()
	if n := len(pf.Decls); n > 0 {
		after = pf.Decls[n-1].End()
	}
	off := fset.Position(after).Offset
	rest := src[off:]
	var sc scanner.Scanner
	tf := token.NewFileSet().AddFile("", -1, len(rest))
	sc.Init(tf, rest, nil, 0) // comments skipped
	pos, tok, _ := sc.Scan()
	if tok == token.EOF {
		return math.MaxInt
	}
	return fset.Position(after).Line + tf.Line(pos) - 1
}
