package todo

import (
	"path"
	"slices"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/finding"
)

// Detector finds TODO-family comments a commit adds or removes.
type Detector struct{}

// Spec describes the TODO detector. Its drafts quote the comment, so the
// template's words are the draft package's TODO layout rather than these.
func (Detector) Spec() analyze.Spec {
	return analyze.Spec{
		Name:     finding.KindTODO,
		Summary:  "TODO, FIXME, HACK, XXX and BUG comments a commit leaves in the code",
		Severity: finding.Medium,
	}
}

// DetectCommit runs Detect over every file of the commit, reading a file
// whole only where a hunk in its middle has a changed line that may be a
// TODO, to know whether the hunk starts inside a comment or a string.
//
// A merge commit yields nothing: its diff against its first parent is what
// the merged branch did, commit by commit, and those commits are analysed
// themselves; a TODO the branch added would otherwise be "added" by the
// merge too, dated the day of the merge (a sync merge re-adding years-old
// FIXMEs).
func (Detector) DetectCommit(c analyze.Commit, cd *analyze.CommitDiff, s *config.Effective) (found []finding.Finding, resolved []analyze.Resolution) {
	if cd == nil || len(c.Parents) > 1 {
		return nil, nil
	}
	opts := Options{Words: s.TODO.Words, WordLabels: s.TODO.Labels}
	var source sourceFunc
	if cd.Source != nil {
		source = cd.ReadSource
	}
	synced := syncedFolder(c.Subject, cd)
	for i := range cd.Files {
		if reporterTemplate(cd.Files[i].Path()) || exercise(cd.Files[i].Path()) {
			continue
		}
		f, r := detect(c, &cd.Files[i], opts, source)
		if synced != "" && strings.HasPrefix(cd.Files[i].Path(), synced+"/") {
			f = nil // another project's notes, brought in with its code
		}
		if len(f) > 0 && cd.Sources != nil && (cd.GrammarOutput(cd.Files[i].Path()) || cd.GeneratedFile(cd.Files[i].Path())) {
			f = nil // a generator's notes, written out by it
		}
		if len(f) > 0 && cd.CopiedFromGo(cd.Files[i].Path()) {
			f = nil // Go's notes, in its code copied here
		}
		found = append(found, f...)
		resolved = append(resolved, r...)
	}
	if fixesCode(cd) {
		for i := range found {
			if reproducesBug(found[i]) {
				found[i].Confidence, found[i].Severity = confidenceQuestion, finding.Low
			}
		}
	}
	carryMoves(found, resolved)
	if analyze.IsRevertSubject(c.Subject) {
		// What a revert adds, the commit it reverts took out.
		for i := range found {
			ev := &found[i].Evidence
			ev.Restored = !ev.Edited && !ev.Moved
		}
	}
	found = withoutCopies(c, cd, found)
	markMovesOverTwoCommits(cd, found)
	return found, resolved
}

// minCopiedText is the shortest note text (and fewest words) that tells a
// copy of a note from another note saying the same few words.
const (
	minCopiedText  = 20
	minCopiedWords = 4
)

// maxCopiedAsks bounds the notes of one commit asked about, in one git grep.
const maxCopiedAsks = 8

// withoutCopies drops the notes a commit adds to a new file that the tree
// before it already holds, word for word, in another file of the same
// kind in its folder or in a file of the same name anywhere: code copied
// with its notes, which the project had left there before. jmoiron/sqlx
// e1956c6 copied LoadFile's FIXME of 2013 into the new sqlx_context.go,
// f48589f "Copied tests over" a test's FIXME into sqlx_context_test.go
// (round 80), sebdah/goldie eeaf336 its module into v2/ (round 82): each
// drafted as new. The original is found, or was there before the
// analysis began. Asking the whole tree was a fifth of go-git's backfill.
func withoutCopies(c analyze.Commit, cd *analyze.CommitDiff, found []finding.Finding) []finding.Finding {
	if len(c.Parents) != 1 || len(found) == 0 {
		return found
	}
	added := addedFiles(cd)
	// One git grep for the commit's candidates, over the places any of
	// them could have come from; each keeps the holders of its own.
	var texts, globs []string
	candidate := func(f finding.Finding) bool {
		text := strings.TrimSpace(f.Text)
		return added[f.Evidence.Path] && !f.Evidence.Moved && len(text) >= minCopiedText && len(strings.Fields(text)) >= minCopiedWords
	}
	for _, f := range found {
		if candidate(f) && len(texts) < maxCopiedAsks {
			p := f.Evidence.Path
			texts = append(texts, strings.TrimSpace(f.Text))
			for _, g := range copySources(p) {
				if !slices.Contains(globs, g) {
					globs = append(globs, g)
				}
			}
		}
	}
	if len(texts) == 0 {
		return found
	}
	held, err := cd.HoldersAt(c.Parents[0], texts, globs, maxCopiedAsks)
	if err != nil {
		return found
	}
	return slices.DeleteFunc(found, func(f finding.Finding) bool {
		if !candidate(f) {
			return false
		}
		p := f.Evidence.Path
		return slices.ContainsFunc(held[strings.TrimSpace(f.Text)], func(h string) bool {
			return path.Dir(h) == path.Dir(p) && path.Ext(h) == path.Ext(p) || path.Base(h) == path.Base(p)
		})
	})
}

// copySources are the globs of the files a note of the file at p may have
// been copied from: another of its kind in its folder, or one of its name
// anywhere.
func copySources(p string) []string {
	return []string{path.Join(path.Dir(p), "*"+path.Ext(p)), "**/" + path.Base(p)}
}

// addedFiles are the paths of the files cd adds.
func addedFiles(cd *analyze.CommitDiff) map[string]bool {
	added := map[string]bool{}
	for i := range cd.Files {
		if cd.Files[i].OldPath == "" {
			added[cd.Files[i].NewPath] = true
		}
	}
	return added
}

// markMovesOverTwoCommits says "moved here" of the notes a commit adds to
// a new file that a file of the same kind its parent deleted held, as the
// parent's own parent had it: a file moved over two commits, deleted by
// one and written anew under another path by the next (rust-lang/cargo
// 9306ab8 deleted src/util/toml/mod.rs, 071de10 wrote it as
// src/workspace/parser/mod.rs, and its 2024 HACK was drafted as "added
// in" 071de10: round 121, wrong). The deletion resolved the old file's
// findings, so the note is kept, as moved. Asked only when the parent was
// analysed in the same run (analyze.CommitDiff.DeletedByParent), of at
// most maxCopiedAsks notes.
func markMovesOverTwoCommits(cd *analyze.CommitDiff, found []finding.Finding) {
	grandparent, deleted := cd.DeletedByParent()
	if grandparent == "" {
		return
	}
	added := addedFiles(cd)
	asks := 0
	for i := range found {
		ev := &found[i].Evidence
		text := strings.TrimSpace(found[i].Text)
		if !added[ev.Path] || ev.Moved || ev.Edited || len(text) < minCopiedText || len(strings.Fields(text)) < minCopiedWords || asks == maxCopiedAsks {
			continue
		}
		var same []string
		for _, d := range deleted {
			if path.Ext(d) == path.Ext(ev.Path) && !strings.ContainsAny(d, "*?[") {
				same = append(same, d)
			}
		}
		if len(same) == 0 {
			continue
		}
		asks++
		if held, err := cd.HeldAt(grandparent, text, same, 1); err == nil && len(held) > 0 {
			ev.Moved = true
		}
	}
}

// reporterTemplate reports a file a project gives the people who report
// its bugs or send it changes, whose notes are the blanks they fill in:
// thoughtbot/factory_bot c7b06a78 put four TODOs in
// .github/REPRODUCTION_SCRIPT.rb "to make it more clear what needs to be
// changed" by reporters.
func reporterTemplate(p string) bool {
	if !strings.HasPrefix(p, ".github/") && !strings.Contains(p, "/.github/") {
		return false
	}
	upper := strings.ToUpper(p)
	return strings.Contains(upper, "TEMPLATE") || strings.Contains(upper, "REPRODUC")
}

// carryMoves pairs a note the commit removes from one file with the same
// note (word and text) it adds to another: sindresorhus/execa 672c2d7
// "Split files" moved "@todo this relies on signal-exit internals" from
// test/test.js to test/exit/cleanup.js, and was reported as adding it.
// The old finding is handed over to the new one (its draft carries on,
// as for a note edited in place), and the new one says it moved. A file
// renamed whole is followed as a rename, not here.
func carryMoves(found []finding.Finding, resolved []analyze.Resolution) {
	gone := map[string][]int{} // the note's hash: its resolutions
	for i, r := range resolved {
		if r.ReplacedBy == "" {
			h := noteHash(r.Fingerprint)
			gone[h] = append(gone[h], i)
		}
	}
	for j := range found {
		fd := &found[j]
		h := noteHash(fd.Fingerprint)
		if fd.Evidence.Edited || len(gone[h]) == 0 {
			continue
		}
		i := gone[h][0]
		gone[h] = gone[h][1:]
		resolved[i].ReplacedBy = fd.Fingerprint
		fd.Evidence.Moved = true
	}
}

// noteHash is the part of a TODO's fingerprint that does not name its
// file: the same note in two files has the same one.
func noteHash(fp string) string {
	return fp[strings.LastIndex(fp, ":")+1:]
}

// exercise reports a file of a course's exercises, whose TODOs are the
// learner's instructions: rust-lang/rustlings keeps 94 of its 120
// exercises/ files with "TODO: Fix the compiler error ..." notes, the
// answers in solutions/ (round 73: eight drafts, all noise). Koans and
// katas are the same.
func exercise(p string) bool {
	return analyze.HasDir(p, "exercises", "exercise", "koans", "katas")
}

// reproducesBug reports a BUG note in a test: added by a commit that also
// changes the code under test, it tells the bug the new test reproduces,
// which the commit fixes. CLIUtils/CLI11 f10ee369 (fixing issue #1258)
// added the issue's test with "BUG: Validates "kRed" against {"red",
// "blue"}" on the line that failed before the fix (round 71, noise). It
// goes to the digest: a test may also pin a bug that stays.
func reproducesBug(f finding.Finding) bool {
	return strings.EqualFold(f.Word, "BUG") && analyze.InTestSuite(f.Evidence.Path)
}

// fixesCode reports whether a commit changes code outside tests: a file
// with a comment syntax that is no test, documentation, configuration,
// manifest or data.
func fixesCode(cd *analyze.CommitDiff) bool {
	for i := range cd.Files {
		p := cd.Files[i].Path()
		if _, ok := CommentSyntaxFor(p); ok && !analyze.InTestSuite(p) && !analyze.IsTestData(p) && !analyze.IsDocPath(p) &&
			!analyze.IsConfigPath(p) && analyze.ManifestKind(p) == "" && !analyze.IsProjectFile(p) {
			return true
		}
	}
	return false
}
