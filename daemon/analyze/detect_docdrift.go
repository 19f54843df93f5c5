package analyze

import (
	"fmt"
	"path"
)

// DocDriftOptions configure DetectDocDrift. Zero fields take the defaults.
type DocDriftOptions struct {
	// MaxFindings caps the findings of one commit, so that a sweeping
	// refactor yields a few issues rather than a wall of them. Default 10.
	MaxFindings int
}

const defaultDocDriftMax = 10

// DetectDocDrift reports the public surfaces a commit changes while it
// changes no documentation (IsDocPath): exported API whose signature
// changed or that was removed or renamed (ChangedSymbols; a change to the
// symbol's doc comment silences it), command-line flags added or removed,
// HTTP routes added or removed, and config keys added or removed (struct
// tags yaml/json/toml, example config files). Any documentation change in
// the commit silences all of it. A flag, route or key that one line
// removes and another adds (a reworded flag, a route moved to another
// file) is no change. One finding per surface, fingerprint
// "docdrift:<path>:<kind>:<name>", e.g. "docdrift:cmd/main.go:flag:--timeout".
func DetectDocDrift(c Commit, cd *CommitDiff, o DocDriftOptions) []Finding {
	if cd == nil {
		return nil
	}
	if o.MaxFindings <= 0 {
		o.MaxFindings = defaultDocDriftMax
	}
	for i := range cd.Files {
		if p := cd.Files[i].NewPath; p != "" && IsDocPath(p) {
			return nil // the author touched the docs; trust them
		}
		if p := cd.Files[i].OldPath; p != "" && IsDocPath(p) {
			return nil
		}
	}

	var found []Finding
	seen := map[string]bool{}
	emit := func(f Finding) {
		if !seen[f.Fingerprint] && len(found) < o.MaxFindings {
			seen[f.Fingerprint] = true
			found = append(found, f)
		}
	}
	for _, f := range apiDrift(c, cd) {
		emit(f)
	}
	for _, s := range netSurfaces(cd) {
		emit(surfaceFinding(c, cd, s))
	}
	return found
}

// apiDrift reports exported symbols whose signature changed, or that are
// gone, with their doc comments untouched. A symbol removed from one file
// and added to another of the same directory moved, and is left out.
func apiDrift(c Commit, cd *CommitDiff) []Finding {
	type fileSyms struct {
		f    *FileDiff
		syms []Symbol
	}
	var files []fileSyms
	addedIn := map[string]bool{} // dir + "\x00" + name
	for i := range cd.Files {
		f := &cd.Files[i]
		if !analysableSource(f) {
			continue
		}
		syms := ChangedSymbols(f)
		files = append(files, fileSyms{f, syms})
		for _, s := range syms {
			if s.Change == SymbolAdded {
				addedIn[path.Dir(f.NewPath)+"\x00"+s.Name] = true
			}
		}
	}
	var out []Finding
	for _, fs := range files {
		for _, s := range fs.syms {
			if s.DocChanged {
				continue
			}
			switch s.Change {
			case SymbolSignatureChanged:
				out = append(out, apiFinding(c, fs.f, s))
			case SymbolRemoved:
				if !addedIn[path.Dir(fs.f.OldPath)+"\x00"+s.Name] {
					out = append(out, apiFinding(c, fs.f, s))
				}
			}
		}
	}
	return out
}

func apiFinding(c Commit, f *FileDiff, s Symbol) Finding {
	fd := Finding{
		Kind:   KindDocDrift,
		Labels: []string{"documentation"},
	}
	if s.Change == SymbolRemoved {
		fd.Fingerprint = docDriftFingerprint(f.OldPath, surfaceAPI, s.Name)
		fd.Title = fitTitle("Update the docs for the removed ", s.Name, "")
		fd.Text = fmt.Sprintf("%s was removed from %s with no documentation change", s.Name, f.OldPath)
		fd.Body = fmt.Sprintf("The commit removes or renames the exported %s %s from %s. %s",
			s.Kind, s.Name, f.OldPath, noDocsSentence)
		fd.Items = []string{"removed: " + s.Signature}
		fd.Evidence = removedEvidence(c, f, s.Signature)
		return fd
	}
	fd.Fingerprint = docDriftFingerprint(f.NewPath, surfaceAPI, s.Name)
	fd.Title = fitTitle("Update the docs for the changed ", s.Name, " signature")
	fd.Text = fmt.Sprintf("the signature of %s changed in %s with no documentation change", s.Name, f.NewPath)
	fd.Body = fmt.Sprintf("The commit changes the signature of the exported %s %s in %s, and its doc comment did not change. %s",
		s.Kind, s.Name, f.NewPath, noDocsSentence)
	if s.OldSignature != "" {
		fd.Items = []string{"before: " + s.OldSignature, "after: " + s.Signature}
	} else {
		fd.Items = []string{"now: " + s.Signature}
	}
	fd.Evidence = Evidence{Path: f.NewPath, Line: s.Line, Commit: c.Hash, Excerpt: s.Signature}
	if s.EndLine > s.Line {
		fd.Evidence.EndLine = s.EndLine
	}
	return fd
}

// noDocsSentence is what a diff can say about the docs: none changed.
// Which docs name the surface would take the tree, not the diff.
const noDocsSentence = "No documentation changed in this commit, so README, docs/ and the other documentation files do not reflect it yet."

// netSurfaces finds the flags, routes and config keys the commit adds or
// removes, net of those both removed and added, in the order of the diff.
func netSurfaces(cd *CommitDiff) []surfaceLine {
	var all []surfaceLine
	for i := range cd.Files {
		f := &cd.Files[i]
		p := f.Path()
		if f.Binary || SkipReason(p) != "" || IsTestPath(p) || hasDir(p, "testdata") {
			continue
		}
		var scan func(p string, lines []sideLine, added bool) []surfaceLine
		switch {
		case isExampleConfig(p):
			scan = configKeys
		case symbolLanguage(p) != "" && analysableSource(f):
			scan = codeSurfaces
		default:
			continue
		}
		for _, h := range f.Hunks {
			if f.OldPath != "" {
				all = append(all, scan(f.OldPath, sideOfHunk(h, Removed), false)...)
			}
			if f.NewPath != "" {
				all = append(all, scan(f.NewPath, sideOfHunk(h, Added), true)...)
			}
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
	var out []surfaceLine
	for _, s := range all {
		key := s.kind + "\x00" + s.name
		if added[key] && removed[key] {
			continue
		}
		out = append(out, s)
	}
	return out
}

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

func surfaceFinding(c Commit, cd *CommitDiff, s surfaceLine) Finding {
	before, after := surfaceWording(s.kind)
	what := before + s.name + after // "--timeout flag", "route POST /x"
	fd := Finding{
		Kind:        KindDocDrift,
		Fingerprint: docDriftFingerprint(s.path, s.kind, s.name),
		Labels:      []string{"documentation"},
	}
	if s.added {
		fd.Title = fitTitle("Document the new "+before, s.name, after)
		fd.Text = fmt.Sprintf("new %s in %s with no documentation change", what, s.path)
		fd.Body = fmt.Sprintf("The commit adds the %s in %s (line %d). %s", what, s.path, s.line, noDocsSentence)
		fd.Items = []string{fmt.Sprintf("added in %s line %d: %s", s.path, s.line, s.text)}
		fd.Evidence = Evidence{Path: s.path, Line: s.line, Commit: c.Hash, Excerpt: s.text}
		return fd
	}
	fd.Title = fitTitle("Update the docs for the removed "+before, s.name, after)
	fd.Text = fmt.Sprintf("%s removed from %s with no documentation change", what, s.path)
	fd.Body = fmt.Sprintf("The commit removes the %s from %s. %s", what, s.path, noDocsSentence)
	fd.Items = []string{fmt.Sprintf("removed from %s: %s", s.path, s.text)}
	fd.Evidence = Evidence{Path: s.path, Commit: c.Hash, Excerpt: s.text}
	for i := range cd.Files {
		if cd.Files[i].OldPath == s.path {
			fd.Evidence = removedEvidence(c, &cd.Files[i], s.text)
		}
	}
	return fd
}

// removedEvidence points at what remains of the file a surface was removed
// from: the file as a whole (line 0), since the line no longer exists at
// the commit; the old path when the file itself is gone.
func removedEvidence(c Commit, f *FileDiff, excerpt string) Evidence {
	return Evidence{Path: f.Path(), Commit: c.Hash, Excerpt: excerpt}
}

func docDriftFingerprint(p, kind, name string) string {
	return KindDocDrift + ":" + p + ":" + kind + ":" + name
}

// fitTitle joins a title around name, shortening the name if the title
// would be longer than drafts allow.
func fitTitle(before, name, after string) string {
	if t := before + name + after; len(t) <= titleMax {
		return t
	}
	room := titleMax - len(before) - len(after)
	if room < 8 {
		return shortenTitle(before+name+after, titleMax)
	}
	return before + shortenTitle(name, room) + after
}
