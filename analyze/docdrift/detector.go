package docdrift

import (
	"slices"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/finding"
)

// Detector finds public surfaces a commit changes without documentation.
type Detector struct{}

// Spec describes the documentation-drift detector.
func (Detector) Spec() analyze.Spec {
	return analyze.Spec{
		Name:     finding.KindDocDrift,
		Summary:  "a public surface (API, flag, route, config key) changed with no documentation change",
		Severity: finding.Low,
		Template: analyze.Template{
			Intro:    "A public surface in %s changed in a commit that changed no documentation.",
			Why:      "Users read the documentation, not the diff: a flag, route, setting or API that changed without it leaves them with wrong instructions.",
			Approach: []string{"Find where the documentation names what changed (README, docs/, doc comments) and bring it up to date.", "Document anything new, with an example."},
			Done:     []string{"The documentation describes the surface as it is now.", "Nothing in the documentation names what was removed or renamed."},
		},
	}
}

// DetectCommit finds drift, and passes on the lines the commit added to
// documentation and changelogs: an open drift finding whose surface they
// name is resolved.
func (Detector) DetectCommit(c analyze.Commit, cd *analyze.CommitDiff, _ *config.Effective) ([]finding.Finding, []analyze.Resolution) {
	found := Detect(c, cd, Options{})
	resolved := removedSurfaces(c, cd, found)
	if docs, drops := docLines(cd), docFiles(cd, analyze.Removed); docs != "" || len(drops) > 0 {
		r := analyze.Resolution{Fingerprint: Resolution, Commit: c.Hash, DocMentions: docs}
		if len(drops) > 0 {
			r.DocFiles = &analyze.DocLines{Drops: drops, Adds: docFiles(cd, analyze.Added)}
		}
		resolved = append(resolved, r)
	}
	return found, resolved
}

// removedSurfaces resolves the findings of the surfaces a commit removes
// from the code (a flag, a route, a key) unless it reports their removal:
// keyring's "Document the new --get-mode flag" stayed after 1c6450a
// renamed the flag --mode the next day, the docs changed with it (round
// 73, stale).
func removedSurfaces(c analyze.Commit, cd *analyze.CommitDiff, found []finding.Finding) []analyze.Resolution {
	var out []analyze.Resolution
	for _, s := range netSurfacesOf(cd) {
		if s.added {
			continue
		}
		fp := docDriftFingerprint(s.path, s.kind, s.name)
		if !slices.ContainsFunc(found, func(f finding.Finding) bool { return f.Fingerprint == fp }) {
			out = append(out, analyze.Resolution{Fingerprint: fp, Commit: c.Hash})
		}
	}
	return out
}

// Resolves reports whether a commit's documentation lines resolve the
// open drift finding f: its added lines (mentions) name f's surface, or f
// is of a surface removed or renamed and the commit took the lines naming
// it out of the doc f cites (of any doc, when f cites code) without adding
// one there that does. olekukonko/tablewriter rewrote its README in
// 87ab8b8, naming none of the fourteen methods whose removal its digest
// still listed (round 72, stale); the old README it kept beside it as
// README_LEGACY.md documents the old version.
func Resolves(f finding.Finding, mentions string, files *analyze.DocLines) bool {
	name := Surface(f.Fingerprint)
	if name == "" {
		return false
	}
	if strings.Contains(mentions, name) {
		return true
	}
	if files == nil || len(files.Drops) == 0 || !removal(f) {
		return false
	}
	drops, adds := files.Drops, files.Adds
	short := name[strings.LastIndexByte(name, '.')+1:] // "SetHeader" of "Table.SetHeader": docs write table.SetHeader
	if p := f.Evidence.Path; analyze.IsDocPath(p) {
		return namesWord(drops[p], short) && !namesWord(adds[p], short)
	}
	for p, text := range drops {
		if namesWord(text, short) && !namesWord(adds[p], short) {
			return true
		}
	}
	return false
}

// removal reports a finding of a surface removed or renamed.
func removal(f finding.Finding) bool {
	return len(f.Items) > 0 && (strings.HasPrefix(f.Items[0], "removed") || strings.HasPrefix(f.Items[0], "renamed"))
}

// namesWord reports whether text holds name, not inside a longer word.
func namesWord(text, name string) bool { return analyze.IndexWord(text, name) >= 0 }

// Resolution is the fingerprint of a resolution by documentation mentions;
// see analyze.Resolution.DocMentions.
const Resolution = "docdrift:*"

// Surface is the name a drift finding's fingerprint ends with
// ("--timeout" of "docdrift:main.go:flag:--timeout"), as documentation
// would write it.
func Surface(fingerprint string) string {
	i := strings.LastIndexByte(fingerprint, ':')
	if !strings.HasPrefix(fingerprint, finding.KindDocDrift+":") || i < 0 {
		return ""
	}
	return fingerprint[i+1:]
}

// docFiles is the lines of one kind a commit added to or removed from
// each documentation file.
func docFiles(cd *analyze.CommitDiff, kind analyze.LineKind) map[string]string {
	var out map[string]string
	for _, f := range cd.Files {
		if !analyze.IsDocPath(f.Path()) {
			continue
		}
		var b strings.Builder
		for _, h := range f.Hunks {
			for _, l := range h.Lines {
				if l.Kind == kind {
					b.WriteString(l.Text + "\n")
				}
			}
		}
		if b.Len() > 0 {
			if out == nil {
				out = map[string]string{}
			}
			out[f.Path()] = b.String()
		}
	}
	return out
}

// docLines joins the lines a commit added to documentation files and
// changelogs: an entry that names a surface documents it.
func docLines(cd *analyze.CommitDiff) string {
	var b strings.Builder
	for _, f := range cd.Files {
		if !analyze.IsDocPath(f.Path()) && !analyze.IsChangelogPath(f.Path()) {
			continue
		}
		for _, h := range f.Hunks {
			for _, l := range h.Lines {
				if l.Kind == analyze.Added {
					b.WriteString(l.Text + "\n")
				}
			}
		}
	}
	return b.String()
}
