package symbol

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"slices"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
)

// Commit reads the symbols of one commit's files: whole where the commit
// gives its files (analyze.CommitDiff.Source), from the hunks otherwise.
// It reads and parses each file at most once; make one per commit.
type Commit struct {
	cd *analyze.CommitDiff
	// parsed are the Go files' sides read so far, by path.
	parsed map[sidePath]parsedSides
	// defs are the exported definitions of whole files, by side and path.
	defs map[sidePath]map[string]bool
	// renames are the Go declarations the commit renamed: old → new.
	renames map[string]string
	// files are the files read so far; nil content when absent.
	files map[sidePath][]byte
	// changed are the symbols Changed found so far, by file.
	changed map[*analyze.FileDiff][]Symbol
	// scanned are the definitions scanDefs found in whole files, by file:
	// several rules ask of the same large file (rust-lang/libc's
	// thousand-line mod.rs files, each asked once per removed symbol).
	scanned map[sidePath]scannedFile
	// grammarOutput says, by path, whether a file sits beside its parser
	// generator's source: untested and docdrift both ask Generated of a
	// file, and the answer costs a round trip to git.
	grammarOutput map[string]bool
}

type sidePath struct {
	side analyze.LineKind
	path string
}

// scannedFile is a whole file's lines and the definitions in them.
type scannedFile struct {
	lines []analyze.SideLine
	defs  []defSpan
	ok    bool
}

// scan is scanDefs of the whole file at path on one side, read and
// scanned once per commit; ok is false when the file cannot be read.
func (c *Commit) scan(path string, side analyze.LineKind) scannedFile {
	key := sidePath{side, path}
	if f, done := c.scanned[key]; done {
		return f
	}
	var f scannedFile
	if src, ok := c.Read(path, side); ok {
		f.lines = analyze.FileLines(src)
		f.defs = scanDefs(analyze.SourceLanguage(path), f.lines)
		f.ok = true
	}
	if c.scanned == nil {
		c.scanned = map[sidePath]scannedFile{}
	}
	c.scanned[key] = f
	return f
}

// ForCommit prepares to read the symbols of cd's files. Detectors of one
// commit share one (analyze.CommitDiff.Memo): untested and docdrift read
// and parse the same Go files.
func ForCommit(cd *analyze.CommitDiff) *Commit {
	return cd.Memo(commitKey{}, func() any {
		return &Commit{cd: cd, parsed: map[sidePath]parsedSides{}, defs: map[sidePath]map[string]bool{}, files: map[sidePath][]byte{}}
	}).(*Commit)
}

// commitKey keeps a commit's Commit in its memo.
type commitKey struct{}

// Read is the file at path on one side of the commit
// (analyze.CommitDiff.ReadSource), read once however often it is asked
// for: several rules look at the same few files.
func (c *Commit) Read(path string, side analyze.LineKind) ([]byte, bool) {
	key := sidePath{side, path}
	if src, ok := c.files[key]; ok {
		return src, src != nil
	}
	src, ok := c.cd.ReadSource(path, side)
	if !ok {
		src = nil
	} else if src == nil {
		src = []byte{}
	}
	c.files[key] = src
	return src, ok
}

// Prefetch reads the files not read yet in one round trip to git, for
// Read to answer: a rule that will need both sides of a file, or probes
// several READMEs, asks for them together.
func (c *Commit) Prefetch(files ...analyze.FileAt) {
	var ask []analyze.FileAt
	for _, f := range files {
		if _, done := c.files[sidePath{f.Side, f.Path}]; !done && f.Path != "" && !slices.Contains(ask, f) {
			ask = append(ask, f)
		}
	}
	if len(ask) < 2 {
		return // Read asks for one as well
	}
	for i, got := range c.cd.ReadSources(ask) {
		src := got.Content
		if !got.OK {
			src = nil
		} else if src == nil {
			src = []byte{}
		}
		c.files[sidePath{ask[i].Side, ask[i].Path}] = src
	}
}

// bothSides are f's two sides, for Prefetch.
func bothSides(f *analyze.FileDiff) []analyze.FileAt {
	return []analyze.FileAt{{Path: f.OldPath, Side: analyze.Removed}, {Path: f.NewPath, Side: analyze.Added}}
}

// Changed returns the exported symbols f adds, changes or removes. A Go
// file whose two sides the commit gives is parsed whole (go/parser) and
// compared declaration by declaration: comments, layout and renames
// (of the declaration, its locals, or of what the commit renamed
// elsewhere) are no change, and a change deep inside a long function is
// one. Other files are read from the hunks (Changed).
func (c *Commit) Changed(f *analyze.FileDiff) []Symbol {
	if f == nil || f.Binary {
		return nil
	}
	if syms, ok := c.changed[f]; ok {
		return slices.Clone(syms)
	}
	syms := c.changedIn(f)
	if c.changed == nil {
		c.changed = map[*analyze.FileDiff][]Symbol{}
	}
	c.changed[f] = slices.Clone(syms)
	return syms
}

// Known returns what Changed says of f when a detector of the commit has
// asked already, so that a cheaper guess is not needed.
func (c *Commit) Known(f *analyze.FileDiff) ([]Symbol, bool) {
	syms, ok := c.changed[f]
	return slices.Clone(syms), ok
}

// ChangesNone reports, from f's hunks alone, that Changed finds nothing
// in f: a Go file whose changed lines all fall in unexported
// declarations. A caller asks it before anything that reads the file; the
// answer is Changed's, as Known tells the commit's other detectors.
func (c *Commit) ChangesNone(f *analyze.FileDiff) bool {
	if analyze.SourceLanguage(f.Path()) != analyze.LangGo || !hunksOnlyUnexported(f) {
		return false
	}
	if c.changed == nil {
		c.changed = map[*analyze.FileDiff][]Symbol{}
	}
	c.changed[f] = nil // what Changed says of it (touchesOnlyUnexported)
	return true
}

// changedIn is Changed, found.
func (c *Commit) changedIn(f *analyze.FileDiff) []Symbol {
	if analyze.SourceLanguage(f.Path()) == analyze.LangGo {
		if c.touchesOnlyUnexported(f) {
			return nil // Go reports exported declarations only
		}
		if oldF, newF, ok := c.goSides(f); ok {
			// Renames within the file first; the commit's other files are
			// parsed for theirs only when a change is left that they could
			// explain.
			own := map[string]string{}
			goRenames(oldF, newF, own)
			syms := goChanged(oldF, newF, own)
			if !hasChange(syms) || !c.othersMayRename(f) {
				return syms
			}
			return goChanged(oldF, newF, c.goRenames())
		}
	}
	return c.rustPrivateMethods(f, c.wholeRenames(f, c.qualify(f, Changed(f))))
}

// rustPrivateMethods drops the methods of Rust types that the file defines
// without pub, where the hunks did not show the definition:
// dtolnay/proc-macro2 805a6ad changed `pub fn new` of `impl Ident` in
// src/fallback.rs, whose `pub(crate) struct Ident` sat six lines above the
// hunk, and "Exported code ... Ident.new" was drafted (round 72, wrong).
// Each side is read whole once, and only when a method is left.
func (c *Commit) rustPrivateMethods(f *analyze.FileDiff, syms []Symbol) []Symbol {
	if analyze.SourceLanguage(f.Path()) != analyze.LangRust {
		return syms
	}
	private := map[analyze.LineKind]map[string]bool{}
	privateAt := func(side analyze.LineKind) map[string]bool {
		if m, ok := private[side]; ok {
			return m
		}
		p := f.NewPath
		if side == analyze.Removed {
			p = f.OldPath
		}
		var m map[string]bool
		if src, ok := c.Read(p, side); ok {
			m = rustPrivateTypes(scanDefs(analyze.LangRust, analyze.FileLines(src)))
		}
		private[side] = m
		return m
	}
	return slices.DeleteFunc(syms, func(s Symbol) bool {
		typ, _, ok := strings.Cut(s.Name, ".")
		if !ok || s.Kind != "method" {
			return false
		}
		side := analyze.Added
		if s.Change == Removed {
			side = analyze.Removed
		}
		return privateAt(side)[typ]
	})
}

// wholeRenames pairs an added and a removed definition of one file that
// the hunks showed too little of to compare (pairRenames wants a body):
// read whole at both sides, the same but for the name is a rename.
// python-poetry/tomlkit 0b95c6e fixed a typo in ends_with_withespace, and
// the hunk showed the def line and its docstring: "ends_with_whitespace
// added".
func (c *Commit) wholeRenames(f *analyze.FileDiff, syms []Symbol) []Symbol {
	if f.OldPath == "" || f.NewPath == "" {
		return syms
	}
	var newDefs, oldDefs []defSpan
	read := func(p string, side analyze.LineKind) []defSpan {
		src, ok := c.Read(p, side)
		if !ok {
			return nil
		}
		return scanDefs(analyze.SourceLanguage(p), analyze.FileLines(src))
	}
	at := func(defs []defSpan, line int) (defSpan, bool) {
		for _, d := range defs {
			if d.line == line {
				return d, true
			}
		}
		return defSpan{}, false
	}
	for i := range syms {
		n := syms[i]
		if n.Change != Added {
			continue
		}
		for j := range syms {
			o := syms[j]
			if o.Change != Removed || o.RenamedTo != "" || o.Kind != n.Kind || receiverOf(o.Name) != receiverOf(n.Name) {
				continue
			}
			if newDefs == nil {
				newDefs, oldDefs = read(f.NewPath, analyze.Added), read(f.OldPath, analyze.Removed)
			}
			nd, ok1 := at(newDefs, n.Line)
			od, ok2 := at(oldDefs, o.Line)
			if !ok1 || !ok2 || len(nd.body) == 0 { // whole files: every body is complete
				continue
			}
			if maskedDef(od, o.Name) == maskedDef(nd, n.Name) {
				syms[i].Change, syms[i].RenamedFrom = Renamed, o.Name
				syms[j].RenamedTo = n.Name
				break
			}
		}
	}
	// The callers the commit renamed along: changed by the rename alone.
	renamed := map[string]string{}
	for _, s := range syms {
		if s.Change == Renamed {
			renamed[s.RenamedFrom[strings.LastIndexByte(s.RenamedFrom, '.')+1:]] = s.Name[strings.LastIndexByte(s.Name, '.')+1:]
		}
	}
	if len(renamed) == 0 {
		return syms
	}
	out := syms[:0]
	for _, s := range syms {
		if s.Change == BodyChanged && onlyRenamed(oldDefs, newDefs, s, renamed) {
			continue
		}
		out = append(out, s)
	}
	return out
}

// onlyRenamed reports whether s, changed in its body, says at the new side
// what it said at the old with the renamed names replaced.
func onlyRenamed(oldDefs, newDefs []defSpan, s Symbol, renamed map[string]string) bool {
	var nd, od *defSpan
	for i := range newDefs {
		if newDefs[i].line == s.Line {
			nd = &newDefs[i]
		}
	}
	for i := range oldDefs {
		if oldDefs[i].name == s.Name && oldDefs[i].kind == s.Kind {
			od = &oldDefs[i]
		}
	}
	if nd == nil || od == nil {
		return false
	}
	was := normJoin(append(append([]string{}, od.head...), od.body...))
	for from, to := range renamed {
		was = replaceWord(was, from, to)
	}
	return was == normJoin(append(append([]string{}, nd.head...), nd.body...))
}

// qualify names the symbols the hunks could not place by the whole file
// around them: a method whose class or impl the hunk does not show is
// "to" in the hunk and "Redirect.to" in the file; and one whose class
// turns out private is no exported symbol at all.
func (c *Commit) qualify(f *analyze.FileDiff, syms []Symbol) []Symbol {
	var newDefs, oldDefs map[int]defSpan
	var newTemplates, oldTemplates []defSpan
	out := syms[:0]
	for _, s := range syms {
		if strings.Contains(s.Name, ".") || s.Change == Renamed {
			out = append(out, s)
			continue
		}
		path, side, defs, templates := f.NewPath, analyze.Added, &newDefs, &newTemplates
		if s.Change == Removed {
			path, side, defs, templates = f.OldPath, analyze.Removed, &oldDefs, &oldTemplates
		}
		if *defs == nil {
			*defs = map[int]defSpan{}
			if src, ok := c.Read(path, side); ok {
				for _, d := range scanDefs(analyze.SourceLanguage(path), analyze.FileLines(src)) {
					(*defs)[d.line] = d
					if d.kind == macro {
						*templates = append(*templates, d)
					}
				}
			}
		}
		if slices.ContainsFunc(*templates, func(m defSpan) bool { return s.Line > m.line && s.Line <= m.end }) {
			continue // in a macro's body, which the hunk did not show: a template
		}
		if d, ok := (*defs)[s.Line]; ok && d.kind != impl && d.kind != mod {
			if !d.exported {
				continue
			}
			s.Name = d.name
			if d.end >= s.Line && s.EndLine > d.end {
				// Two definitions of one name whose impls the hunks did
				// not show were one group, spanning both (Amanieu/
				// parking_lot 391cf55: RawReentrantMutex's
				// is_owned_by_current_thread cited as lines 141-347, the
				// end of ReentrantMutex's): the file says where it ends.
				s.EndLine = d.end
			}
		}
		out = append(out, s)
	}
	return out
}

// Generated reports whether the whole new file, as the commit gives it,
// starts with a generator's marker that the hunks did not show.
func (c *Commit) Generated(f *analyze.FileDiff) bool {
	if f.NewPath == "" {
		return false
	}
	src, ok := c.Read(f.NewPath, analyze.Added)
	if !ok {
		return false
	}
	if analyze.GeneratedHeader(src) {
		return true
	}
	g, ok := c.grammarOutput[f.NewPath]
	if !ok {
		g = c.cd.GrammarOutput(f.NewPath)
		if c.grammarOutput == nil {
			c.grammarOutput = map[string]bool{}
		}
		c.grammarOutput[f.NewPath] = g
	}
	return g
}

// Spanned gives syms the lines their definitions span in f's new file
// (the old one for a removal), read whole: the hunks show where a
// definition ends only when they reach its end. hatch's
// Terminal.initialize_styles was cited as "lines 183-188", where the
// first hunk stopped, and ran to line 213 (pypa/hatch 3d899bd9: round
// 134, wrong). Go's symbols span their definitions already, and a file
// that cannot be read leaves syms as they are. It returns a new slice.
func (c *Commit) Spanned(f *analyze.FileDiff, syms []Symbol) []Symbol {
	out := slices.Clone(syms)
	if analyze.SourceLanguage(f.Path()) == analyze.LangGo {
		return out
	}
	ends := map[analyze.LineKind]map[int]int{}
	endsAt := func(side analyze.LineKind) map[int]int {
		if m, ok := ends[side]; ok {
			return m
		}
		p := f.NewPath
		if side == analyze.Removed {
			p = f.OldPath
		}
		m := map[int]int{}
		for _, d := range c.scan(p, side).defs {
			m[d.line] = d.end
		}
		ends[side] = m
		return m
	}
	for i, s := range out {
		side := analyze.Added
		if s.Change == Removed {
			side = analyze.Removed
		}
		if end, ok := endsAt(side)[s.Line]; ok && end >= s.Line {
			out[i].EndLine = end
		}
	}
	return out
}

// DefinesUnexported reports whether the file at path, at side, still
// defines name, though not as an exported symbol: a definition made
// private (Rust's `pub` to `pub(crate)`, JavaScript's `export` taken
// off), not removed. ijl/orjson bda10ac made loads, dumps and four more
// pub(crate), and each was drafted "removed" (round 135, wrong). Go and
// Python spell privacy in the name: for them a rename says it.
func (c *Commit) DefinesUnexported(path string, side analyze.LineKind, name string) bool {
	lang := analyze.SourceLanguage(path)
	if lang == "" || lang == analyze.LangGo || lang == analyze.LangPython {
		return false
	}
	for _, d := range c.scan(path, side).defs {
		if d.name == name || !strings.Contains(name, ".") && strings.HasSuffix(d.name, "."+name) {
			return true
		}
	}
	return false
}

// Defines reports whether the file at path, at one side of the commit,
// defines an exported symbol called name. known is false when the commit
// does not give that file: then nothing can be said.
func (c *Commit) Defines(path string, side analyze.LineKind, name string) (defined, known bool) {
	key := sidePath{side, path}
	names, ok := c.defs[key]
	if !ok {
		names = c.readDefs(path, side)
		c.defs[key] = names
	}
	if names == nil {
		return false, false
	}
	if names[name] {
		return true, true
	}
	// A method whose class the hunk did not show is named alone: any
	// definition of that name in a type counts.
	if !strings.Contains(name, ".") {
		for n := range names {
			if strings.HasSuffix(n, "."+name) {
				return true, true
			}
		}
	}
	return false, true
}

// DefinesMethod reports whether the file at path, at one side of the
// commit, defines a method called method on any type, exported or not: a
// base class's, say, which the file's other classes may inherit. Go has
// no inheritance, and many of a file's types have a Close or a String of
// their own: it is never asked there (false).
func (c *Commit) DefinesMethod(path string, side analyze.LineKind, method string) bool {
	lang := analyze.SourceLanguage(path)
	if lang == "" || lang == analyze.LangGo {
		return false
	}
	src, ok := c.Read(path, side)
	if !ok {
		return false
	}
	for _, d := range scanDefs(lang, analyze.FileLines(src)) {
		if strings.HasSuffix(d.name, "."+method) {
			return true
		}
	}
	return false
}

// PromotesMethod reports whether, in the Go file at path, type typ has
// method from a type its struct embeds, defined in that file:
// valyala/fasthttp eb1f908 moved SetContentType from RequestHeader and
// ResponseHeader onto a `header` both embed, and drafted both as removed
// (round 69, wrong).
func (c *Commit) PromotesMethod(path string, side analyze.LineKind, typ, method string) bool {
	if analyze.SourceLanguage(path) != analyze.LangGo {
		return false
	}
	src, ok := c.Read(path, side)
	if !ok {
		return false
	}
	s := newGoSide(src)
	i, ok := s.byName[typ]
	if !ok {
		return false
	}
	ch := s.chunks[i]
	for no := ch.start; no <= ch.end && no <= len(s.lines); no++ {
		m := goEmbedRE.FindSubmatch(s.lines[no-1])
		if m == nil {
			continue
		}
		if _, ok := s.byName[string(m[1])+"."+method]; ok {
			return true
		}
	}
	return false
}

// goEmbedRE is a struct's embedded field on a line of its own: `header`,
// `*header`, with a tag or comment after it at most.
var goEmbedRE = lazyregexp.New(`^\t+\*?([A-Za-z_]\w*)\s*(?:` + "`" + `[^` + "`" + `]*` + "`" + `)?\s*(?://.*)?$`)

// readDefs names the exported definitions of a whole file; nil when the
// commit does not give it or it does not parse.
func (c *Commit) readDefs(path string, side analyze.LineKind) map[string]bool {
	src, ok := c.Read(path, side)
	var names map[string]bool
	if ok {
		names = map[string]bool{}
		if lang := analyze.SourceLanguage(path); lang == analyze.LangGo {
			for n := range newGoSide(src).byName {
				if goExported(n) {
					names[n] = true
				}
			}
		} else if lang != "" {
			for _, d := range exportedDefs(c.scan(path, side).defs) {
				names[d.name] = true
			}
			if lang == analyze.LangPython {
				// A module-level assignment defines a name too: an alias
				// (ConnectionError = ProtocolError) keeps the old one.
				for _, m := range pyAssignRE.FindAllSubmatch(src, -1) {
					if n := string(m[1]); !strings.HasPrefix(n, "_") {
						names[n] = true
					}
				}
			}
		}
	}
	return names
}

// goSides parses both sides of a Go file, as far as they exist: the
// declarations the commit changed (changedGoSides), or the whole file
// when it cannot be split.
func (c *Commit) goSides(f *analyze.FileDiff) (oldF, newF *goFile, ok bool) {
	key := sidePath{analyze.Context, f.Path() + "\x00" + f.OldPath}
	if p, done := c.parsed[key]; done {
		return p.old, p.new, p.ok
	}
	var oldSrc, newSrc []byte
	hasOld, hasNew := f.OldPath != "", f.NewPath != ""
	c.Prefetch(bothSides(f)...)
	if hasOld {
		if oldSrc, ok = c.Read(f.OldPath, analyze.Removed); !ok {
			return c.keepSides(key, nil, nil, false)
		}
	}
	if hasNew {
		if newSrc, ok = c.Read(f.NewPath, analyze.Added); !ok {
			return c.keepSides(key, nil, nil, false)
		}
	}
	if oldF, newF, ok = changedGoSides(f, oldSrc, newSrc, hasOld, hasNew); ok {
		return c.keepSides(key, oldF, newF, true)
	}
	if hasOld {
		if oldF, ok = parseGo(oldSrc); !ok {
			return c.keepSides(key, nil, nil, false)
		}
	}
	if hasNew {
		if newF, ok = parseGo(newSrc); !ok {
			return c.keepSides(key, nil, nil, false)
		}
	}
	return c.keepSides(key, oldF, newF, true)
}

type parsedSides struct {
	old, new *goFile
	ok       bool
}

func (c *Commit) keepSides(key sidePath, oldF, newF *goFile, ok bool) (*goFile, *goFile, bool) {
	c.parsed[key] = parsedSides{oldF, newF, ok}
	return oldF, newF, ok
}

// goRenames finds the declarations the commit renamed in its Go files.
// Only files whose hunks show a definition both removed and added are
// parsed for it.
func (c *Commit) goRenames() map[string]string {
	if c.renames != nil {
		return c.renames
	}
	c.renames = map[string]string{}
	for i := range c.cd.Files {
		f := &c.cd.Files[i]
		if f.OldPath == "" || f.NewPath == "" || analyze.SourceLanguage(f.NewPath) != analyze.LangGo || !mayRename(f) {
			continue
		}
		if !c.namesMayRename(f) {
			continue
		}
		if oldF, newF, ok := c.goSides(f); ok {
			goRenames(oldF, newF, c.renames)
		}
	}
	return c.renames
}

// namesMayRename tells, from the two sides split into declarations (no
// parse), whether f can rename one: a declaration the commit touched on
// the old side whose name the new side no longer declares, and one it
// touched on the new side whose name the old side did not declare. Most
// files mayRename's look at the hunks lets through change a signature or
// a body and keep every name; parsing them for renames was over half of
// the Go parsing in a backfill. A touched declaration the split cannot
// name (a var or const group) may hide a rename: it is parsed.
func (c *Commit) namesMayRename(f *analyze.FileDiff) bool {
	c.Prefetch(bothSides(f)...)
	oldSrc, ok1 := c.Read(f.OldPath, analyze.Removed)
	newSrc, ok2 := c.Read(f.NewPath, analyze.Added)
	if !ok1 || !ok2 {
		return true // goSides decides what it can read
	}
	added, removed := changedLines(f)
	oldS, newS := newGoSide(oldSrc), newGoSide(newSrc)
	goneName := touchedNameMissing(oldS, removed, newS)
	newName := touchedNameMissing(newS, added, oldS)
	return goneName && newName
}

// touchesOnlyUnexported tells, from the sides split into declarations (no
// parse), that every declaration f's changed lines fall in is unexported
// ("parse", "(*reader).next"): none of them is a symbol Changed reports,
// and no declaration needs parsing. A touched declaration the split cannot
// name (a var or const group) is parsed.
func (c *Commit) touchesOnlyUnexported(f *analyze.FileDiff) bool {
	if hunksOnlyUnexported(f) {
		return true // the hunks show it without reading the file
	}
	return c.readTouchesOnlyUnexported(f)
}

// readTouchesOnlyUnexported is touchesOnlyUnexported from the file's two
// sides, read whole.
func (c *Commit) readTouchesOnlyUnexported(f *analyze.FileDiff) bool {
	added, removed := changedLines(f)
	if len(added) > 0 && len(removed) > 0 {
		c.Prefetch(bothSides(f)...)
	}
	for _, side := range []struct {
		path  string
		kind  analyze.LineKind
		lines []int
	}{{f.OldPath, analyze.Removed, removed}, {f.NewPath, analyze.Added, added}} {
		if side.path == "" || len(side.lines) == 0 {
			continue
		}
		src, ok := c.Read(side.path, side.kind)
		if !ok {
			return false
		}
		s := newGoSide(src)
		for i := range s.touched(side.lines) {
			names := s.chunks[i].names
			if len(names) == 0 {
				return false
			}
			for _, n := range names {
				if goExported(n) {
					return false
				}
			}
		}
	}
	return true
}

// changedLines are the numbers of f's added lines (in the new file) and
// removed lines (in the old one).
func changedLines(f *analyze.FileDiff) (added, removed []int) {
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			switch l.Kind {
			case analyze.Added:
				added = append(added, l.NewNo)
			case analyze.Removed:
				removed = append(removed, l.OldNo)
			}
		}
	}
	return added, removed
}

// touchedNameMissing reports whether a declaration of from that holds one
// of lines declares a name other does not, or cannot be named.
func touchedNameMissing(from *goSide, lines []int, other *goSide) bool {
	for i := range from.touched(lines) {
		names := from.chunks[i].names
		if len(names) == 0 {
			return true
		}
		for _, n := range names {
			if _, ok := other.byName[n]; !ok {
				return true
			}
		}
	}
	return false
}

// hasChange reports whether syms holds a body or signature change.
func hasChange(syms []Symbol) bool {
	for _, s := range syms {
		if s.Change == BodyChanged || s.Change == SignatureChanged {
			return true
		}
	}
	return false
}

// othersMayRename reports whether another Go file of the commit may
// rename a declaration.
func (c *Commit) othersMayRename(f *analyze.FileDiff) bool {
	for i := range c.cd.Files {
		g := &c.cd.Files[i]
		if g != f && g.OldPath != "" && g.NewPath != "" && analyze.SourceLanguage(g.NewPath) == analyze.LangGo && mayRename(g) {
			return true
		}
	}
	return false
}

// mayRename reports whether a hunk of f removes a line and adds another
// that both start a Go declaration. An indented line declares only inside
// a group ("type (", "var (", "const ("), which the hunk shows or git
// names as the hunk's section: in a body, "\treturn x" reads like a
// group's member.
func mayRename(f *analyze.FileDiff) bool {
	var removed, added bool
	for _, h := range f.Hunks {
		inGroup := startsGroup(h.Section)
		for _, l := range h.Lines {
			switch {
			case startsGroup(l.Text):
				inGroup = true
			case l.Text == ")":
				inGroup = false
			}
			if l.Kind == analyze.Context {
				continue
			}
			if _, _, fn := goFuncName(l.Text); !(fn || goTypeRE.MatchString(l.Text) || goVarRE.MatchString(l.Text) ||
				inGroup && goGroupTypeRE.MatchString(l.Text)) {
				continue
			}
			removed = removed || l.Kind == analyze.Removed
			added = added || l.Kind == analyze.Added
		}
	}
	return removed && added
}

// startsGroup reports whether a Go line opens a group of declarations.
func startsGroup(text string) bool {
	for _, g := range []string{"type (", "var (", "const ("} {
		if strings.HasPrefix(text, g) {
			return true
		}
	}
	return false
}

// pyAssignRE is a module-level assignment in Python: "Name = ...",
// "Name: T = ...".
var pyAssignRE = lazyregexp.New(`(?m)^([A-Za-z_]\w*)\s*(?::[^=\n]+)?=[^=]`)

// EmptyClass reports whether the Python class defined on line of the file
// at path, as the commit has it, holds nothing but a docstring, pass or
// ...: an exception or warning type named for callers to raise and catch,
// with no code of its own to test (pyparsing-dev/pyparsing 65ddbbe
// defined PyparsingWarning and two subclasses, each a docstring).
func (c *Commit) EmptyClass(path string, line int) bool {
	if analyze.SourceLanguage(path) != analyze.LangPython {
		return false
	}
	src, ok := c.Read(path, analyze.Added)
	return ok && emptyPythonClass(src, line)
}

// emptyPythonClass is EmptyClass of a whole file's source.
func emptyPythonClass(src []byte, line int) bool {
	for _, d := range scanPythonDefs(analyze.FileLines(src)) {
		if d.line != line || d.kind != Class && d.kind != Type {
			continue
		}
		if d.nested {
			return false // a method, a nested class
		}
		for _, n := range d.body {
			// A statement's norm is "indent|text"; after the header's colon,
			// the text alone.
			if _, stmt, ok := strings.Cut(n, "|"); ok {
				n = stmt
			}
			if n != "pass" && n != "..." {
				return false
			}
		}
		return len(d.body) > 0 || d.end > d.line // a docstring; not a header with nothing under it
	}
	return false
}
