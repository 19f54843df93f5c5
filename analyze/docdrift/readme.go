package docdrift

import (
	"bytes"
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"path"
	"slices"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
	"github.com/ticket-master/ticket-master/finding"
)

// This file asks the documentation a user reads first, the READMEs, about
// a surface: whether they name it, and where. A README that still names a
// removed flag is drift proven; one that already names a new flag is no
// drift at all; an API symbol no README names has no user documentation
// to update (an application's internals, not a library's API).

// readmeNames are the files, in each folder from the changed file's up to
// the root, that document what the folder holds.
var readmeNames = []string{"README.md", "README.rst", "README", "README.txt", "README.markdown", "readme.md", "Readme.md"}

// docIndexes are the documentation entry points at the root that often
// hold the API reference or the command-line usage.
var docIndexes = []string{"docs/README.md", "docs/index.md", "docs/index.rst", "docs/api.md", "docs/api.rst", "docs/usage.md", "doc/README.md"}

// readmePaths are the READMEs of p's folder and of each folder above it,
// nearest first, then the documentation entry points.
func readmePaths(p string) []string {
	var out []string
	for dir := path.Dir(p); ; dir = path.Dir(dir) {
		for _, n := range readmeNames {
			out = append(out, path.Join(dir, n))
		}
		if dir == "." || dir == "/" {
			break
		}
	}
	return append(out, docIndexes...)
}

// readmesMayName reports whether a README that readmeMention reads for
// file p holds the last part of the name of one of syms: the least every
// way it has of naming one needs.
func readmesMayName(cd *analyze.CommitDiff, files *symbol.Commit, p string, syms []symbol.Symbol) bool {
	// The READMEs of the file's folders, as their listings name them
	// (folders the file is in exist), then the entry points, looked up
	// as they are: their folders may not exist, and a listing that fails
	// is not kept.
	paths := readmePaths(p)
	n := len(paths) - len(docIndexes)
	paths = append(listedOnly(cd, paths[:n:n]), paths[n:]...)
	files.Prefetch(analyze.FilesAt(analyze.Added, paths...)...)
	for _, rp := range paths {
		src, ok := files.Read(rp, analyze.Added)
		if !ok {
			continue
		}
		for _, s := range syms {
			if bare := s.Name[strings.LastIndexByte(s.Name, '.')+1:]; bare != "" && bytes.Contains(src, []byte(bare)) {
				return true
			}
		}
	}
	return false
}

// listedOnly keeps the paths that the listing of their folder at the
// commit names (all of a folder's when it cannot be listed, all of them
// outside an analysis): of the seven README names in each folder up to the
// root, few exist, and looking each up in the file cache was a fifth of the
// drift detector's CPU on go-git's history.
func listedOnly(cd *analyze.CommitDiff, paths []string) []string {
	if cd.ListDir == nil {
		return paths
	}
	out := paths[:0:0]
	listed := map[string][]string{}
	failed := map[string]bool{}
	for _, p := range paths {
		dir := path.Dir(p)
		names, known := listed[dir]
		if !known && !failed[dir] {
			var err error
			names, err = cd.FilesIn(dir)
			if err != nil {
				failed[dir] = true
			} else {
				listed[dir] = names
			}
		}
		if failed[dir] || slices.Contains(names, path.Base(p)) {
			out = append(out, p)
		}
	}
	return out
}

// mention is a line of documentation that names a surface.
type mention struct {
	path, text string
	line       int
}

// readmeMention finds the first line of the READMEs (at side, as the
// commit has them) that names the surface; ok is false when none does or
// none can be read.
func readmeMention(files *symbol.Commit, p, kind, name string, side analyze.LineKind) (mention, bool) {
	// A Go method's name, called through its package's name, is the
	// package's function of that name: go-ozzo/ozzo-validation's README
	// calls validation.Validate(), which named nothing of
	// EachRule.Validate (round 75, noise).
	var packageCall string
	if kind == surfaceAPI && strings.Contains(name, ".") && analyze.SourceLanguage(p) == analyze.LangGo {
		if pkg := goPackageName(files, p, side); pkg != "" {
			packageCall = pkg + "." + name[strings.LastIndexByte(name, '.')+1:]
		}
	}
	if kind == surfaceAPI && !strings.Contains(name, ".") && analyze.SourceLanguage(p) == analyze.LangGo {
		if dir := path.Dir(p); dir != "." {
			// A Go function is named through its package: go-kit/kit's
			// README calling log.New( named nothing of cloudwatch2.New
			// (round 70, noise). A long name still names it alone.
			name = path.Base(dir) + "." + name
		}
	}
	paths := readmePaths(p)
	files.Prefetch(analyze.FilesAt(side, paths...)...) // most are not there: one round trip says so
	for _, rp := range paths {
		src, ok := files.Read(rp, side)
		if !ok {
			continue
		}
		// Every way names has of naming an API holds its last part: most
		// lines hold none, and need no closer look.
		bare := name[strings.LastIndexByte(name, '.')+1:]
		for i, line := range strings.Split(string(src), "\n") {
			if kind == surfaceAPI && !strings.Contains(line, bare) {
				continue
			}
			if packageCall != "" {
				line = strings.ReplaceAll(line, packageCall, "")
			}
			if (notes{text: line, strict: true}).names(kind, name) {
				text := strings.TrimSpace(line)
				if len(text) > 200 {
					text = string(analyze.TruncateUTF8([]byte(text), 200))
				}
				return mention{path: rp, line: i + 1, text: text}, true
			}
		}
	}
	return mention{}, false
}

// goPackageName is the name the package clause of the Go file at p gives,
// or "" when the file cannot be read or has none.
func goPackageName(files *symbol.Commit, p string, side analyze.LineKind) string {
	src, ok := files.Read(p, side)
	if !ok {
		return ""
	}
	return packageClause(src)
}

// packageClause is the name a Go source's package clause gives, or "".
func packageClause(src []byte) string {
	for _, line := range strings.Split(string(src), "\n") {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "package "); ok {
			return strings.TrimSpace(strings.SplitN(rest, "//", 2)[0])
		}
	}
	return ""
}

// evidence cites the mention at the commit.
func (m mention) evidence(commit string) finding.Evidence {
	return finding.Evidence{Path: m.path, Line: m.line, Commit: commit, Excerpt: m.text}
}

// mountedByNamed reports whether the route s adds is registered in the
// body of a function a README names: the README documents what that
// function mounts as a whole. go-chi/chi fd503d9 added six pprof routes
// to middleware.Profiler, which the README lists as "Easily attach
// net/http/pprof to your routers", and each was drafted as a new route
// to document (round 117, noise).
func mountedByNamed(files *symbol.Commit, s surfaceLine) bool {
	def := enclosingFuncRE[analyze.SourceLanguage(s.path)]
	if def == nil || s.line <= 0 {
		return false
	}
	src, ok := files.Read(s.path, analyze.Added)
	if !ok {
		return false
	}
	lines := strings.Split(string(src), "\n")
	if s.line > len(lines) {
		return false
	}
	// Outwards through the blocks around the line: the first one a
	// function starts. A route at the top level (a Python decorator, the
	// handler below it) is in none.
	in := indentOf(lines[s.line-1])
	for i := s.line - 2; i >= 0 && in > 0; i-- {
		if strings.TrimSpace(lines[i]) == "" || indentOf(lines[i]) >= in {
			continue
		}
		if m := def.FindStringSubmatch(lines[i]); m != nil {
			_, named := readmeMention(files, s.path, surfaceAPI, m[1], analyze.Added)
			return named
		}
		in = indentOf(lines[i])
	}
	return false
}

// indentOf is how many spaces and tabs start line.
func indentOf(line string) int {
	return len(line) - len(strings.TrimLeft(line, " \t"))
}

// enclosingFuncRE finds, by language, the line that starts a function
// and its name: a Go function or method, a Python def, a JavaScript
// function declaration.
var enclosingFuncRE = map[string]*lazyregexp.Regexp{
	analyze.LangGo:     lazyregexp.New(`^func\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)\s*[\[(]`),
	analyze.LangPython: lazyregexp.New(`^\s*(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(`),
	analyze.LangJS:     lazyregexp.New(`^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)\s*\(`),
}
