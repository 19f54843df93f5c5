package docdrift

import (
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
)

// netSurfaces finds the flags, routes and config keys the commit adds or
// removes, net of those both removed and added, in the order of the diff.
// Where the commit gives the whole files, each is checked against them: a
// surface "added" that the old file already defined, or "removed" that
// the new file still defines, did not change; a line inside a docstring
// or a string that the hunk began within defines nothing; a Python route
// whose handler's docstring changed with it is documented.
// netSurfacesOf is netSurfaces, found once a commit: Detect reports them
// and DetectCommit resolves with the removed ones.
func netSurfacesOf(cd *analyze.CommitDiff) []surfaceLine {
	return cd.Memo(netKey{}, func() any { return netSurfaces(cd, symbol.ForCommit(cd)) }).([]surfaceLine)
}

// netKey keeps a commit's net surfaces in its memo.
type netKey struct{}

func netSurfaces(cd *analyze.CommitDiff, syms *symbol.Commit) []surfaceLine {
	var all []surfaceLine
	for i := range cd.Files {
		f := &cd.Files[i]
		p := f.Path()
		if f.Binary || analyze.SkipReason(p) != "" || analyze.IsTestPath(p) || analyze.IsSupportPath(p) {
			continue
		}
		if f.OldPath != "" && (analyze.IsTestPath(f.OldPath) || analyze.IsSupportPath(f.OldPath)) {
			continue
		}
		if internalProgram(cd, f) {
			continue
		}
		var scan func(p string, lines []analyze.SideLine, added bool) []surfaceLine
		code := false
		switch {
		case isExampleConfig(p):
			scan = configKeys
		case analyze.SourceLanguage(p) != "" && cd.AnalysableSource(f):
			scan, code = codeSurfaces, true
		default:
			continue
		}
		// Code is scanned where a changed line may name a surface:
		// building each hunk's sides for it was 2% of what a go-git
		// backfill allocated, most of them with no such line.
		var found []surfaceLine
		for _, h := range f.Hunks {
			if f.OldPath != "" && (!code || changedMayBeSurface(h, analyze.Removed)) {
				found = append(found, scan(f.OldPath, analyze.SideOfHunk(h, analyze.Removed), false)...)
			}
			if f.NewPath != "" && (!code || changedMayBeSurface(h, analyze.Added)) {
				found = append(found, scan(f.NewPath, analyze.SideOfHunk(h, analyze.Added), true)...)
			}
		}
		if len(found) > 0 && scan != nil && syms.Generated(f) {
			continue
		}
		var docs []symbol.Symbol // the symbols whose docs changed, read once
		docsRead := false
		for _, s := range found {
			if s.kind == surfaceRoute && (s.name == "/" || strings.HasSuffix(s.name, " /")) {
				continue // the root route says too little to document or to miss
			}
			if s.added && s.kind == surfaceRoute {
				if !docsRead {
					docs, docsRead = docChanged(symbol.Changed(f)), true
				}
				if handlerDocumented(docs, s.line) {
					continue
				}
			}
			all = append(all, s)
		}
	}
	added, removed := map[string]bool{}, map[string]bool{}
	for _, s := range all {
		key := s.kind + "\x00" + s.name
		if s.added {
			added[key] = true
		} else {
			removed[key] = true
		}
	}
	files := wholeFiles{cd: cd, read: syms.Read, surfaces: map[sideKey]map[string]bool{}, code: map[sideKey][]symbol.Line{}}
	var out []surfaceLine
	for _, s := range all {
		key := s.kind + "\x00" + s.name
		if added[key] && removed[key] || s.documented || !files.confirms(s) {
			// A key re-declared under its doc comment is the same key
			// still: soft-serve 35103b63 changed AnonAccess's type and kept
			// `yaml:"anon_access"` below "// AnonAccess overrides ...", and
			// the key was "removed" (round 141, wrong).
			continue
		}
		out = append(out, s)
	}
	return out
}

func docChanged(syms []symbol.Symbol) []symbol.Symbol {
	var out []symbol.Symbol
	for _, s := range syms {
		if s.DocChanged {
			out = append(out, s)
		}
	}
	return out
}

// handlerDocumented reports whether the route decorator on line belongs to
// a function whose docstring changed: frameworks (FastAPI, Flask with
// flasgger) publish it as the route's documentation.
func handlerDocumented(docs []symbol.Symbol, line int) bool {
	for _, s := range docs {
		if s.Line > line && s.Line <= line+8 {
			return true
		}
	}
	return false
}

type sideKey struct {
	path  string
	added bool
}

// wholeFiles checks surfaces against the files the commit gives whole.
type wholeFiles struct {
	cd       *analyze.CommitDiff
	read     func(string, analyze.LineKind) ([]byte, bool)
	surfaces map[sideKey]map[string]bool // kind + "\x00" + name
	code     map[sideKey][]symbol.Line
}

// confirms reports whether the whole files agree that s changed: its line
// is code, and the other side of its file did not define it (for an
// addition) or the new side defines it no more (for a removal). A removal
// is claimed only when the new file can be read, or the file is gone.
func (w wholeFiles) confirms(s surfaceLine) bool {
	f := w.fileOf(s)
	if f == nil {
		return false
	}
	this := sideKey{s.path, s.added}
	if code := w.codeOf(this); code != nil && s.line > 0 && s.line <= len(code) && code[s.line-1].Inside {
		return false
	}
	other := sideKey{f.OldPath, false}
	if !s.added {
		other = sideKey{f.NewPath, true}
	}
	if other.path == "" {
		// An added or deleted file: nothing on the other side, unless
		// another file still declares a flag the deleted one did.
		return s.added || s.kind != surfaceFlag || !w.declaredElsewhere(s)
	}
	names, ok := w.surfacesOf(other)
	if !ok {
		return s.added // an addition stands on the hunks; a removal needs the file
	}
	if names[s.kind+"\x00"+s.name] {
		return false
	}
	if !s.added && s.kind == surfaceFlag && w.holdsFlag(other, s.name) {
		// Still declared, over more lines than the patterns read one at a
		// time: a formatter wrapped the call (Prettier put `'-v,
		// --verbose',` on a line of its own in tj/commander.js 1bdc749a,
		// and the flag was "removed": round 117, wrong).
		return false
	}
	return true
}

// declaredElsewhere reports whether a file of the commit's tree, in the
// language of the deleted file that declared flag s, declares it too:
// jquery/jquery dfc693e deleted Gruntfile.cjs and its grunt option
// "filename", while build/command.js went on declaring the --filename the
// README documents (round 135, wrong). One git grep, asked only of flags
// of deleted files.
func (w wholeFiles) declaredElsewhere(s surfaceLine) bool {
	files, err := w.cd.FilesNaming(strings.TrimLeft(s.name, "-"), analyze.SourceLanguage(s.path))
	if err != nil {
		return false
	}
	for _, p := range files {
		if p == s.path {
			continue
		}
		if names, ok := w.surfacesOf(sideKey{p, true}); ok && names[s.kind+"\x00"+s.name] {
			return true
		}
	}
	return false
}

// holdsFlag reports whether the file at k still spells flag as a word of
// its own (containsWord: --verbose is not in --verbose-level).
func (w wholeFiles) holdsFlag(k sideKey, flag string) bool {
	side := analyze.Removed
	if k.added {
		side = analyze.Added
	}
	src, ok := w.read(k.path, side)
	return ok && containsWord(string(src), flag)
}

func (w wholeFiles) fileOf(s surfaceLine) *analyze.FileDiff {
	for i := range w.cd.Files {
		f := &w.cd.Files[i]
		if s.added && f.NewPath == s.path || !s.added && f.OldPath == s.path {
			return f
		}
	}
	return nil
}

func (w wholeFiles) lines(k sideKey) ([]analyze.SideLine, bool) {
	side := analyze.Removed
	if k.added {
		side = analyze.Added
	}
	src, ok := w.read(k.path, side)
	if !ok {
		return nil, false
	}
	texts := strings.Split(strings.TrimSuffix(string(src), "\n"), "\n")
	out := make([]analyze.SideLine, len(texts))
	for i, t := range texts {
		out[i] = analyze.SideLine{Text: t, No: i + 1, Changed: true}
	}
	return out, true
}

func (w wholeFiles) codeOf(k sideKey) []symbol.Line {
	if c, ok := w.code[k]; ok {
		return c
	}
	var code []symbol.Line
	if lines, ok := w.lines(k); ok && analyze.SourceLanguage(k.path) != "" {
		texts := make([]string, len(lines))
		for i, l := range lines {
			texts[i] = l.Text
		}
		code = symbol.Code(k.path, texts)
	}
	w.code[k] = code
	return code
}

func (w wholeFiles) surfacesOf(k sideKey) (map[string]bool, bool) {
	if names, ok := w.surfaces[k]; ok {
		return names, names != nil
	}
	var names map[string]bool
	if lines, ok := w.lines(k); ok {
		names = map[string]bool{}
		scan := codeSurfaces
		if isExampleConfig(k.path) {
			scan = configKeys
		}
		for _, s := range scan(k.path, lines, k.added) {
			names[s.kind+"\x00"+s.name] = true
		}
	}
	w.surfaces[k] = names
	return names, names != nil
}

// internalProgram reports a Go program kept under an internal/ folder: a
// tool of the project's own, such as the code generators its go:generate
// lines run, whose flags no user passes (uber-go/atomic's
// internal/gen-atomicwrapper, twelve flags drafted as undocumented in
// round 77). An application's own packages under internal/ are libraries,
// not programs: their flags and routes are the program's in cmd/.
func internalProgram(cd *analyze.CommitDiff, f *analyze.FileDiff) bool {
	p := f.Path()
	if analyze.SourceLanguage(p) != analyze.LangGo || !analyze.HasDir(p, "internal") {
		return false
	}
	side := analyze.Added
	if f.NewPath == "" {
		side = analyze.Removed
	}
	src, ok := cd.ReadSource(p, side)
	return ok && packageClause(src) == "main"
}
