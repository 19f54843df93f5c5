package docdrift

import (
	"bytes"
	"fmt"
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"math"
	"path"
	"slices"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
	"github.com/ticket-master/ticket-master/finding"
)

// Options configure Detect. Zero fields take the defaults.
type Options struct {
	// MaxFindings caps the findings of one commit, so that a sweeping
	// refactor yields a few issues rather than a wall of them. Default 10.
	MaxFindings int
}

const defaultDocDriftMax = 10

// Detect reports the public surfaces a commit changes while it changes no
// documentation (IsDocPath): exported API whose signature changed, or that
// was removed or renamed (symbol.Commit.Changed); command-line flags,
// HTTP routes and config keys (struct tags yaml/toml, example config
// files) added or removed. Only what users see counts: nothing in tests,
// examples, fixtures, scripts (IsSupportPath), comments, docstrings or
// strings. A surface is documented, and not reported, when any
// documentation file changed in the commit, when a changelog entry or a
// comment or docstring the commit adds names it, or when its own doc
// comment (a route handler's docstring) changed with it. A flag, route or
// key that one line removes and another adds is no change, and a
// signature change of type annotations alone (Python, TypeScript) or of
// comments is none either. Removals are claimed only when the file at the
// commit confirms them: a symbol still defined further down the file was
// not removed.
//
// documents reports a file whose change documents the commit's surfaces:
// documentation (IsDocPath), a Python stub, which is the reference of an
// extension's API (pydantic/pydantic-core b8321cc added `extra` to
// validate_python with its docstring in _pydantic_core.pyi), and a
// command's help text (pinojs/pino-pretty 2928d13's help/help.txt).
func documents(p string) bool {
	if analyze.IsDocPath(p) || path.Ext(p) == ".pyi" {
		return true
	}
	base := strings.ToLower(path.Base(p))
	return path.Ext(base) == ".txt" && (strings.HasPrefix(base, "help") || strings.HasPrefix(base, "usage") || analyze.HasDir(p, "help"))
}

// One finding per surface, fingerprint "docdrift:<path>:<kind>:<name>",
// e.g. "docdrift:cmd/main.go:flag:--timeout".
func Detect(c analyze.Commit, cd *analyze.CommitDiff, o Options) []finding.Finding {
	if cd == nil {
		return nil
	}
	if o.MaxFindings <= 0 {
		o.MaxFindings = defaultDocDriftMax
	}
	for i := range cd.Files {
		if p := cd.Files[i].NewPath; p != "" && documents(p) {
			return nil // the author touched the docs; trust them
		}
		if p := cd.Files[i].OldPath; p != "" && documents(p) {
			return nil
		}
	}
	// The notes are read only when a surface is found: most commits
	// change none, and reading them lexes every hunk of every source file.
	var notesRead *notes
	notes := func() notes {
		if notesRead == nil {
			n := notesOf(cd)
			notesRead = &n
		}
		return *notesRead
	}
	syms := symbol.ForCommit(cd)
	var found []finding.Finding
	seen := map[string]bool{}
	emit := func(f finding.Finding, kind, name string) {
		if seen[f.Fingerprint] || len(found) >= o.MaxFindings || notes().names(kind, name) {
			return
		}
		if deletedIn(cd, f.Evidence.Path) {
			// The file is gone at the commit, so it cannot be cited there
			// (fastapi/sqlmodel 784713b deleted a tutorial file): the
			// README line that still names what it held is the evidence,
			// and without one there is nothing to show.
			if len(f.Also) == 0 {
				return
			}
			f.Evidence, f.Also = f.Also[len(f.Also)-1], slices.Clip(f.Also[:len(f.Also)-1])
			if len(f.Also) == 0 {
				f.Also = nil
			}
		}
		seen[f.Fingerprint] = true
		found = append(found, f)
	}
	for _, a := range apiDrift(cd, syms) {
		if a.sym.RenamedTo != "" && notes().names(surfaceAPI, a.sym.RenamedTo) {
			continue // the notes name it by its new name
		}
		// An API no README names has no user documentation to drift from:
		// an application's internals, or a library documented elsewhere.
		m, ok := readmeMention(syms, a.f.Path(), surfaceAPI, a.sym.Name, analyze.Added)
		if !ok {
			continue
		}
		emit(withMention(apiFinding(c, a), m, c.Hash, "still names "+a.sym.Name), surfaceAPI, a.sym.Name)
	}
	for _, s := range netSurfacesOf(cd) {
		m, ok := readmeMention(syms, s.path, s.kind, s.name, analyze.Added)
		switch {
		case ok && s.added:
			continue // the README documents it already
		case ok:
			before, after := surfaceWording(s.kind)
			emit(withMention(surfaceFinding(c, cd, s), m, c.Hash, "still documents the "+before+s.name+after), s.kind, s.name)
		case s.kind == surfaceFlag && s.added && undocumentedCLI(syms, s):
			continue
		case s.kind == surfaceRoute && s.added && mountedByNamed(syms, s):
			continue
		case !s.added:
			// A removed surface no README names leaves nothing to update:
			// jmespath/jmespath.py c0ca205 dropped jp.py's --ordered, which
			// no documentation had named (round 78, noise).
			continue
		default:
			emit(surfaceFinding(c, cd, s), s.kind, s.name)
		}
	}
	return found
}

// withMention adds to a finding the README line that names its surface:
// the documentation to update, cited at the commit.
func withMention(fd finding.Finding, m mention, commit, says string) finding.Finding {
	fd.Also = append(fd.Also, m.evidence(commit))
	fd.Body += fmt.Sprintf(" %s %s (line %d).", m.path, says, m.line)
	fd.Items = append(fd.Items, fmt.Sprintf("%s line %d: %s", m.path, m.line, m.text))
	fd.Confidence = math.Round(min(fd.Confidence+0.2, 0.9)*100) / 100
	return fd
}

// apiChange is an exported symbol whose users' documentation drifted.
type apiChange struct {
	f   *analyze.FileDiff
	sym symbol.Symbol
}

// apiDrift reports exported symbols whose signature changed, or that are
// gone or renamed, with their doc comments untouched. A symbol removed
// from one file and added to another of the same directory moved, and is
// left out. JavaScript and TypeScript are left out too: a module's
// exports are rarely its package's API, which only the package's entry
// points say.
func apiDrift(cd *analyze.CommitDiff, syms *symbol.Commit) []apiChange {
	type fileSyms struct {
		f    *analyze.FileDiff
		syms []symbol.Symbol
	}
	var files []fileSyms
	addedIn := map[string]bool{} // dir + "\x00" + name
	for i := range cd.Files {
		f := &cd.Files[i]
		if !cd.AnalysableSource(f) || analyze.SourceLanguage(f.Path()) == analyze.LangJS ||
			analyze.IsSupportPath(f.Path()) || analyze.IsInternalPath(f.Path()) ||
			(f.OldPath != "" && (analyze.IsSupportPath(f.OldPath) || analyze.IsInternalPath(f.OldPath))) {
			continue // users neither call it nor read its documentation
		}
		hunkSyms, known := syms.Known(f) // untested read the file already
		if !known {
			if !mayDeclare(f) {
				continue // no declaration line shown: nothing added, removed or re-signed
			}
			hunkSyms = symbol.Changed(f)
		}
		for _, s := range hunkSyms {
			if s.Change == symbol.Added {
				addedIn[path.Dir(f.NewPath)+"\x00"+s.Name] = true // a file that only adds may take in a move
			}
		}
		if !apiCandidate(hunkSyms) {
			continue // the hunks show nothing to document: no need to read the files
		}
		if !readmesMayName(cd, syms, f.Path(), hunkSyms) {
			// Detect reports only what a README names: reading the file's
			// sides whole for what no README holds was a tenth of go-git's
			// backfill, which drafts no docdrift finding.
			continue
		}
		if syms.Generated(f) || analyze.SourceLanguage(f.Path()) == analyze.LangRust && extensionOnly(syms, f.Path()) {
			continue
		}
		changed := syms.Changed(f)
		files = append(files, fileSyms{f, changed})
		for _, s := range changed {
			if s.Change == symbol.Added || s.Change == symbol.Renamed {
				addedIn[path.Dir(f.NewPath)+"\x00"+s.Name] = true
			}
		}
	}
	var out []apiChange
	for _, fs := range files {
		for _, s := range fs.syms {
			if s.DocChanged && s.Change != symbol.Removed || s.Stub || s.Name == "default" {
				// Documented, a stub, or an anonymous default export no docs
				// name. A removal takes its doc comment with it: that is no
				// documentation of the removal.
				continue
			}
			switch s.Change {
			case symbol.SignatureChanged:
				if s.Kind == symbol.Class || s.Kind == symbol.Type {
					continue // a class's bases, a struct's definition line: not how it is called
				}
				if analyze.SourceLanguage(fs.f.NewPath) == analyze.LangPython && (kwargsSpelledOut(s) || docstringNamesParams(syms, fs.f, s)) {
					continue // the keywords it took, named; or its docstring says how to call it now
				}
				if s.Value || s.Compatible || s.SigTypesOnly || s.AnnotationOnly {
					// A value, a parameter callers may leave out, or types
					// alone: annotations that change nothing at run time,
					// or bounds and generics a compiler checks for callers;
					// or an attribute or decorator above it that changes
					// what it does, not how it is called.
					continue
				}
				out = append(out, apiChange{fs.f, s})
			case symbol.Removed:
				if addedIn[path.Dir(fs.f.OldPath)+"\x00"+s.Name] {
					continue // moved within its package
				}
				if strings.HasPrefix(s.Signature, "export default") {
					continue // users import a default export by no name
				}
				if fs.f.NewPath != "" {
					// A removal is only claimed where the file confirms it:
					// the hunks may show a definition leaving one place for
					// another further down.
					if s.RenamedTo != "" {
						if defined, known := syms.Defines(fs.f.NewPath, analyze.Added, s.RenamedTo); !defined || !known {
							continue
						}
					}
					if defined, known := syms.Defines(fs.f.NewPath, analyze.Added, s.Name); defined || !known {
						continue
					}
					if syms.DefinesUnexported(fs.f.NewPath, analyze.Added, s.Name) {
						continue // made private, not removed
					}
					if k := strings.LastIndex(s.Name, "."); k > 0 && syms.DefinesMethod(fs.f.NewPath, analyze.Added, s.Name[k+1:]) {
						// Another type of the file defines it now: hoisted
						// into a base class the first inherits it from
						// (tkem/cachetools 0e778e4: TTLCache.currsize onto
						// _TimedCache), or moved between two of its types.
						continue
					}
					if k := strings.LastIndex(s.Name, "."); k > 0 && syms.PromotesMethod(fs.f.NewPath, analyze.Added, s.Name[:k], s.Name[k+1:]) {
						continue // promoted from a struct the type embeds
					}
					if k := strings.LastIndex(s.Name, "."); k > 0 {
						if defined, _ := syms.Defines(fs.f.NewPath, analyze.Added, s.Name[k+1:]); defined {
							// A function of the method's name stays, which
							// is what the docs name: dtolnay/indoc 4702b6a
							// dropped the UnindentBytes trait, and the READMEs'
							// unindent_bytes is the free function beside it
							// (round 73, noise).
							continue
						}
					}
				}
				if definedBeside(cd, syms, fs.f, s.Name) {
					continue // moved to another file of its package
				}
				if fs.f.NewPath != "" && reexports(syms, fs.f.NewPath, s.Name) {
					continue // moved to a module the file re-exports
				}
				if fs.f.NewPath == "" {
					// A README must name it for Detect to report it: asked
					// before the tree's git grep, which nushell/nushell's
					// deleted files asked 47 times in 300 commits, two
					// seconds of the backfill's three (round 114).
					if _, named := readmeMention(syms, fs.f.Path(), surfaceAPI, s.Name, analyze.Added); !named {
						continue
					}
				}
				if definedInTree(cd, syms, fs.f, s.Name) {
					continue // another copy of the library keeps it
				}
				out = append(out, apiChange{fs.f, s})
			}
		}
	}
	return out
}

// definedInTree reports whether, f being deleted, a file the commit
// leaves alone defines name at the commit: yaml/pyyaml dc0c4c1 "Remove
// 2.7 support" deleted lib/yaml/, the Python 2 copy of the library, while
// lib3/yaml/ kept safe_load, dump, CLoader and CDumper; four drafts said
// the README named removed functions (round 76, wrong). In Go only the
// package's own folder is asked (another folder's is another package's):
// a type and a method of another type may share a name (hashicorp/
// go-retryablehttp ad882be deleted standard.go's StandardClient struct,
// and the README's `StandardClient()` is client.go's
// Client.StandardClient; round 85, wrong). Not asked of a file that stays
// (a definition taken out of a file and kept elsewhere is moved, which
// the commit shows). Asked last: it is one git grep over the tree (most of
// mypy's backfill when asked of every removal).
func definedInTree(cd *analyze.CommitDiff, syms *symbol.Commit, f *analyze.FileDiff, name string) bool {
	lang := analyze.SourceLanguage(f.Path())
	if f.NewPath != "" {
		return false
	}
	if lang == analyze.LangGo {
		return definedInPackage(cd, syms, f, name)
	}
	word, _, _ := strings.Cut(name, ".")
	files, err := cd.FilesNaming(word, lang)
	if err != nil {
		return false
	}
	for _, p := range files {
		if p == f.OldPath || p == f.NewPath {
			continue
		}
		if defined, _ := syms.Defines(p, analyze.Added, name); defined {
			return true
		}
	}
	return false
}

// definedInPackage is definedInTree for Go: the other files of the
// package's folder at the commit, read from the analysis's trees (a git
// grep over go-git's tree for each deleted file's removals doubled its
// backfill).
func definedInPackage(cd *analyze.CommitDiff, syms *symbol.Commit, f *analyze.FileDiff, name string) bool {
	dir := path.Dir(f.OldPath)
	short := name[strings.LastIndexByte(name, '.')+1:]
	files, err := cd.FilesIn(dir)
	if err != nil {
		return false
	}
	for _, base := range files {
		p := path.Join(dir, base)
		if p == f.OldPath || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			continue
		}
		// Parsed only when the name is there to find.
		if src, ok := syms.Read(p, analyze.Added); !ok || !bytes.Contains(src, []byte(short)) {
			continue
		}
		if defined, _ := syms.Defines(p, analyze.Added, name); defined {
			return true
		}
	}
	return false
}

// definedBeside reports whether another file the commit changes, in the
// folder of f, defines name at the commit: spf13/afero 165e3dc renamed
// GcsFs to Fs in gcsfs/fs.go and moved gcs.go, whose GcsFs wraps Fs with
// MkdirAll, OpenFile and RemoveAll, into gcsfs/ unchanged; the hunks of
// fs.go showed the three removed, and no hunk showed them added.
func definedBeside(cd *analyze.CommitDiff, syms *symbol.Commit, f *analyze.FileDiff, name string) bool {
	var dirs []string
	for _, p := range []string{f.OldPath, f.NewPath} {
		if p != "" {
			dirs = append(dirs, path.Dir(p))
		}
	}
	lang := analyze.SourceLanguage(f.Path())
	for i := range cd.Files {
		g := &cd.Files[i]
		if g == f || g.NewPath == "" || g.Binary || !slices.Contains(dirs, path.Dir(g.NewPath)) || analyze.SourceLanguage(g.NewPath) != lang {
			continue
		}
		if defined, _ := syms.Defines(g.NewPath, analyze.Added, name); defined {
			return true
		}
	}
	return false
}

// reexportRE is a line that re-exports what another module defines:
// Rust's `pub use`, Python's `from x import`, JavaScript's `export ... from`.
var reexportRE = lazyregexp.New(`^\s*(?:pub(?:\([^)]*\))?\s+use\s|from\s+\S+\s+import\s|export\s.*\sfrom\s)`)

// reexports reports whether the file at p, as the commit leaves it,
// re-exports name (its last part) from another module, by name or with a
// glob: dtolnay/indoc a9afce8 replaced unindent/src/lib.rs's definitions
// with `mod unindent; pub use unindent::*;`, its unindent.rs a link to the
// crate's own, and the digest said unindent_bytes and Unindent.unindent
// were removed (round 73, wrong).
func reexports(syms *symbol.Commit, p, name string) bool {
	src, ok := syms.Read(p, analyze.Added)
	if !ok {
		return false
	}
	bare := name[strings.LastIndexByte(name, '.')+1:]
	if k := strings.IndexByte(name, '.'); k > 0 {
		bare = name[:k] // a method goes where its type goes
	}
	for _, l := range strings.Split(string(src), "\n") {
		if !reexportRE.MatchString(l) {
			continue
		}
		if strings.Contains(l, "*") || namesWord(l, bare) {
			return true
		}
	}
	return false
}

// mayDeclare tells whether f's hunks could show a Go declaration added,
// removed or re-signed, the only symbols apiDrift looks at: the hunks show
// a line that starts with "func" or "type" and is changed, or the context
// above a changed parameter line (a signature over several lines), or a
// type group's opening (its members are declarations too). A function's
// first line as context over a change in its body, as most Go hunks show
// it, declares nothing new. Scanning hunks for definitions was most of
// this detector's time. Other languages are always scanned.
func mayDeclare(f *analyze.FileDiff) bool {
	if analyze.SourceLanguage(f.Path()) != analyze.LangGo {
		return true
	}
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			if !strings.HasPrefix(l.Text, "type") && !strings.HasPrefix(l.Text, "func") {
				continue
			}
			if l.Kind != analyze.Context {
				return true // a declaration's line added, removed or changed
			}
			if t := strings.TrimSpace(l.Text); !strings.HasSuffix(t, "{") || strings.HasPrefix(t, "type") && !strings.Contains(t, "struct") && !strings.Contains(t, "interface") {
				// A signature over several lines, a group of types, a
				// type defined on one line: what follows may change it.
				return true
			}
		}
	}
	return false
}

// apiCandidate reports whether the hunks show a symbol whose change could
// be drift: a signature changed without its doc comment, or a removal.
func apiCandidate(syms []symbol.Symbol) bool {
	for _, s := range syms {
		if s.Change == symbol.Removed || s.Change == symbol.SignatureChanged && !s.DocChanged {
			return true
		}
	}
	return false
}

func apiFinding(c analyze.Commit, a apiChange) finding.Finding {
	f, s := a.f, a.sym
	fd := finding.Finding{
		Kind:       finding.KindDocDrift,
		Labels:     []string{"documentation"},
		Confidence: 0.5,
	}
	switch {
	case s.Change == symbol.Removed && s.RenamedTo != "":
		fd.Fingerprint = docDriftFingerprint(f.OldPath, surfaceAPI, s.Name)
		fd.Title = analyze.FitTitle("Update the docs for ", s.Name, ", renamed to "+s.RenamedTo)
		if len(fd.Title) > analyze.TitleMax {
			fd.Title = analyze.FitTitle("Update the docs for the renamed ", s.Name, "")
		}
		fd.Text = fmt.Sprintf("%s was renamed to %s in %s with no documentation change", s.Name, s.RenamedTo, f.NewPath)
		fd.Body = fmt.Sprintf("The commit renames the exported %s %s to %s in %s. %s",
			s.Kind, s.Name, s.RenamedTo, f.NewPath, noDocsSentence)
		fd.Items = []string{"renamed: " + s.Signature}
		fd.Evidence = removedEvidence(c, f, s.Signature)
		fd.Confidence = 0.6
		return fd
	case s.Change == symbol.Removed:
		fd.Fingerprint = docDriftFingerprint(f.OldPath, surfaceAPI, s.Name)
		fd.Title = analyze.FitTitle("Update the docs for the removed ", s.Name, "")
		fd.Text = fmt.Sprintf("%s was removed from %s with no documentation change", s.Name, f.OldPath)
		fd.Body = fmt.Sprintf("The commit removes the exported %s %s from %s. %s",
			s.Kind, s.Name, f.OldPath, noDocsSentence)
		fd.Items = []string{"removed: " + s.Signature}
		fd.Evidence = removedEvidence(c, f, s.Signature)
		fd.Confidence = 0.55
		return fd
	}
	fd.Fingerprint = docDriftFingerprint(f.NewPath, surfaceAPI, s.Name)
	fd.Title = analyze.FitTitle("Update the docs for the changed ", s.Name, " signature")
	fd.Text = fmt.Sprintf("the signature of %s changed in %s with no documentation change", s.Name, f.NewPath)
	fd.Body = fmt.Sprintf("The commit changes the signature of the exported %s %s in %s, and its doc comment did not change. %s",
		s.Kind, s.Name, f.NewPath, noDocsSentence)
	if analyze.SourceLanguage(f.NewPath) == analyze.LangGo {
		fd.Confidence = 0.35 // godoc shows the new signature by itself
	}
	if s.OldSignature != "" {
		fd.Items = []string{"before: " + s.OldSignature, "after: " + s.Signature}
	} else {
		fd.Items = []string{"now: " + s.Signature}
	}
	fd.Evidence = finding.Evidence{Path: f.NewPath, Line: s.Line, Commit: c.Hash, Excerpt: s.Signature}
	if s.EndLine > s.Line {
		fd.Evidence.EndLine = s.EndLine
	}
	return fd
}

// maxOtherFlags bounds the flags undocumentedCLI looks for in the READMEs.
const maxOtherFlags = 20

// undocumentedCLI reports a new flag of a program whose READMEs name none
// of its other flags: the project does not document that command line,
// so there is nothing for the new flag to drift from (pypa/readme_renderer
// took its CLI out of the README in 78cf418, and --output, --package and
// --format were drafted as undocumented: round 78, noise). A program's
// first flag still asks for documentation.
func undocumentedCLI(syms *symbol.Commit, s surfaceLine) bool {
	src, ok := syms.Read(s.path, analyze.Added)
	if !ok {
		return false
	}
	lines := analyze.FileLines(src)
	for i := range lines {
		lines[i].Changed = true // every flag of the file, not the commit's alone
	}
	others := 0
	for _, o := range codeSurfaces(s.path, lines, true) {
		if o.kind != surfaceFlag || o.name == s.name {
			continue
		}
		if others++; others > maxOtherFlags {
			break
		}
		if _, named := readmeMention(syms, s.path, surfaceFlag, o.name, analyze.Added); named {
			return false
		}
	}
	return others > 0
}

// noDocsSentence is what a diff can say about the docs: none changed.
// Which docs name the surface would take the tree, not the diff.
const noDocsSentence = "No documentation changed in this commit, so README, docs/ and the other documentation files do not reflect it yet."

// surfaceWording is how titles and texts name a kind of surface: the
// words before the name and after it.
func surfaceWording(kind string) (before, after string) {
	switch kind {
	case surfaceFlag:
		return "", " flag"
	case surfaceRoute:
		return "route ", ""
	default:
		return "config key ", ""
	}
}

func surfaceFinding(c analyze.Commit, cd *analyze.CommitDiff, s surfaceLine) finding.Finding {
	before, after := surfaceWording(s.kind)
	what := before + s.name + after // "--timeout flag", "route POST /x"
	fd := finding.Finding{
		Kind:        finding.KindDocDrift,
		Fingerprint: docDriftFingerprint(s.path, s.kind, s.name),
		Labels:      []string{"documentation"},
		Confidence:  surfaceConfidence(s),
	}
	if s.added {
		fd.Title = analyze.FitTitle("Document the new "+before, s.name, after)
		fd.Text = fmt.Sprintf("new %s in %s with no documentation change", what, s.path)
		fd.Body = fmt.Sprintf("The commit adds the %s in %s (line %d). %s", what, s.path, s.line, noDocsSentence)
		fd.Items = []string{fmt.Sprintf("added in %s line %d: %s", s.path, s.line, s.text)}
		fd.Evidence = finding.Evidence{Path: s.path, Line: s.line, Commit: c.Hash, Excerpt: s.text}
		return fd
	}
	fd.Title = analyze.FitTitle("Update the docs for the removed "+before, s.name, after)
	fd.Text = fmt.Sprintf("%s removed from %s with no documentation change", what, s.path)
	fd.Body = fmt.Sprintf("The commit removes the %s from %s. %s", what, s.path, noDocsSentence)
	fd.Items = []string{fmt.Sprintf("removed from %s: %s", s.path, s.text)}
	fd.Evidence = finding.Evidence{Path: s.path, Commit: c.Hash, Excerpt: s.text}
	for i := range cd.Files {
		if cd.Files[i].OldPath == s.path {
			fd.Evidence = removedEvidence(c, &cd.Files[i], s.text)
		}
	}
	return fd
}

// surfaceConfidence: flags and routes are what users type, config keys
// what they copy; a removal breaks what users already wrote.
func surfaceConfidence(s surfaceLine) float64 {
	c := 0.5
	switch s.kind {
	case surfaceFlag, surfaceRoute:
		c = 0.6
	}
	if !s.added {
		c += 0.05
	}
	return c
}

// deletedIn reports a path the commit deletes.
func deletedIn(cd *analyze.CommitDiff, p string) bool {
	for i := range cd.Files {
		if f := &cd.Files[i]; f.NewPath == "" && f.OldPath == p {
			return true
		}
	}
	return false
}

// removedEvidence points at what remains of the file a surface was removed
// from: the file as a whole (line 0), since the line no longer exists at
// the commit; the old path when the file itself is gone (Detect then
// cites the README line that names it instead, see deletedIn).
func removedEvidence(c analyze.Commit, f *analyze.FileDiff, excerpt string) finding.Evidence {
	return finding.Evidence{Path: f.Path(), Commit: c.Hash, Excerpt: excerpt}
}

func docDriftFingerprint(p, kind, name string) string {
	return finding.KindDocDrift + ":" + p + ":" + kind + ":" + name
}

// kwargsSpelledOut reports a Python signature that took any keyword
// (**kwargs) and now names its keywords, each with a default: every call
// that worked still does, and what users read of it is the docstring's
// (davidhalter/parso 02eb9b9 made load_grammar(**kwargs) take
// (*, language='python', version=None, path=None), the names its inner
// function had taken; round 85, noise).
func kwargsSpelledOut(s symbol.Symbol) bool {
	if !strings.Contains(paramList(s.OldSignature), "**") {
		return false
	}
	params := pyParams(s.Signature)
	if len(params) == 0 {
		return false
	}
	for _, p := range params {
		if !strings.Contains(p, "=") && !strings.HasPrefix(p, "*") {
			return false
		}
	}
	return true
}

// docstringNamesParams reports whether a Python definition's docstring,
// at the commit, names every parameter its new signature has: what users
// read (Sphinx builds the API pages from it) says how to call it now.
// davidhalter/parso f79432e took `language` out of load_grammar, leaving
// (*, version=None, path=None), whose docstring's ":param str version:"
// and ":param str path:" name both (round 85, noise). A signature with no
// parameter says nothing this way.
func docstringNamesParams(syms *symbol.Commit, f *analyze.FileDiff, s symbol.Symbol) bool {
	var names []string
	for _, p := range pyParams(s.Signature) {
		name, _, _ := strings.Cut(p, "=")
		name, _, _ = strings.Cut(name, ":")
		names = append(names, strings.TrimLeft(strings.TrimSpace(name), "*"))
	}
	if len(names) == 0 {
		return false
	}
	src, ok := syms.Read(f.NewPath, analyze.Added)
	if !ok {
		return false
	}
	doc := pyDocstring(strings.Split(string(src), "\n"), s.Line)
	for _, n := range names {
		if !namesWord(doc, n) {
			return false
		}
	}
	return true
}

// pyDocstring is the docstring of the Python definition whose first line
// is line (1-based): the triple-quoted string that opens its body, or "".
func pyDocstring(lines []string, line int) string {
	i := line - 1
	// The signature may run over several lines: the body starts after
	// the line that ends with ":".
	for i < len(lines) && i >= 0 && !strings.HasSuffix(strings.TrimSpace(lines[i]), ":") {
		i++
	}
	i++
	if i < 1 || i >= len(lines) {
		return ""
	}
	first := strings.TrimLeft(strings.TrimSpace(lines[i]), "rRuU")
	q := ""
	for _, quote := range []string{`"""`, "'''"} {
		if strings.HasPrefix(first, quote) {
			q = quote
		}
	}
	if q == "" {
		return ""
	}
	var b strings.Builder
	rest := first[len(q):]
	for end := min(len(lines), i+200); ; {
		if k := strings.Index(rest, q); k >= 0 {
			return b.String() + rest[:k]
		}
		b.WriteString(rest + "\n")
		if i++; i >= end {
			return b.String()
		}
		rest = lines[i]
	}
}

// paramList is what a signature holds between its first "(" and its last
// ")", or "".
func paramList(sig string) string {
	open, end := strings.IndexByte(sig, '('), strings.LastIndexByte(sig, ')')
	if open < 0 || end < open {
		return ""
	}
	return sig[open+1 : end]
}

// pyParams are the parameters of a Python signature ("def f(self, *, a=1,
// b: int = 2, **kw):") as written, split at the top level, without self,
// cls and the bare markers * and /.
func pyParams(sig string) []string {
	list := paramList(sig)
	var out []string
	depth, from := 0, 0
	for i := 0; i <= len(list); i++ {
		if i < len(list) {
			switch list[i] {
			case '(', '[', '{':
				depth++
				continue
			case ')', ']', '}':
				depth--
				continue
			case ',':
				if depth > 0 {
					continue
				}
			default:
				continue
			}
		}
		p := strings.TrimSpace(list[from:i])
		from = i + 1
		name, _, _ := strings.Cut(p, "=")
		name, _, _ = strings.Cut(name, ":")
		switch strings.TrimSpace(name) {
		case "", "*", "/", "self", "cls":
			continue
		}
		out = append(out, p)
	}
	return out
}
