package analyze

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// HotspotOptions configure DetectHotspots. Zero fields take the defaults.
type HotspotOptions struct {
	// Window is how many recent commits are looked at. Default 50.
	Window int
	// MinChanges and MinShare: a file changed by at least MinChanges of the
	// window's commits, and by at least MinShare of them, is a hotspot.
	// The share keeps a short window (a young repository, where every
	// commit touches main.go) from firing on counts alone. Defaults 10 and
	// 0.2; a negative MinShare drops the share test.
	MinChanges int
	MinShare   float64
	// MinFixes: a file changed by at least this many fix or revert commits
	// is a hotspot whatever its share. Default 4; negative turns it off.
	MinFixes int
	// WindowID names the block of commits the window belongs to and goes
	// into the fingerprint, so that a file is drafted at most once per
	// block. It must stay the same for Window commits in a row and then
	// change: e.g. the short hash of the first commit of the current block
	// (commit number floor(n/Window)*Window of those the caller has seen),
	// or the block's index. Empty means the short hash of the window's
	// first commit, which is right only when the caller passes blocks that
	// do not overlap (analyze --last N); a sliding window would then give a
	// new fingerprint, and a new draft, on every commit.
	WindowID string
}

// FileTouch is what the hotspot detector keeps of one commit.
type FileTouch struct {
	Commit Commit
	// Paths are the files the commit changed, by their new names, without
	// the files TouchOf leaves out.
	Paths []string
	// Fix says the commit fixed or reverted something, judged by its subject.
	Fix bool
	// Moved maps each path the commit renamed or deleted to its new name,
	// "" for a deletion (or a move into vendored code): the history follows
	// a rename, and a file that is gone is not a hotspot.
	Moved map[string]string
}

// fixSubjectRE is a subject that fixes or reverts: whole words only, so
// "prefix" and "debug" are not fixes, but "fix(parser):" and
// `Revert "Add cache"` are.
var fixSubjectRE = regexp.MustCompile(`(?i)\b(?:fix(?:e[sd]|ing)?|bugs?|bugfix(?:es)?|hotfix(?:es)?|revert(?:s|ed|ing)?|regressions?)\b`)

// TouchOf reduces one commit's diff to the files it changed. Vendored,
// generated, lock, documentation and dependency-manifest files are left out:
// churn there says nothing about the design of the code. A merge commit
// touches nothing: its diff against the first parent repeats the merged
// branch's commits, which the walk reports one by one.
func TouchOf(c Commit, cd *CommitDiff) FileTouch {
	t := FileTouch{Commit: c, Fix: fixSubjectRE.MatchString(c.Subject)}
	if cd == nil || len(c.Parents) > 1 {
		return t
	}
	for i := range cd.Files {
		f := &cd.Files[i]
		if f.OldPath != "" && f.OldPath != f.NewPath {
			if t.Moved == nil {
				t.Moved = map[string]string{}
			}
			to := f.NewPath
			if to != "" && !hotspotCandidate(f) {
				to = ""
			}
			t.Moved[f.OldPath] = to
		}
		if f.NewPath != "" && hotspotCandidate(f) && !slices.Contains(t.Paths, f.NewPath) {
			t.Paths = append(t.Paths, f.NewPath)
		}
	}
	return t
}

// hotspotCandidate reports whether a file's churn counts.
func hotspotCandidate(f *FileDiff) bool {
	p := f.NewPath
	if p == "" || f.Binary || SkipReason(p) != "" || isDocPath(p) || isManifest(p) {
		return false
	}
	var top []string
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			if l.Kind != Removed && l.NewNo <= generatedProbeLines {
				top = append(top, l.Text)
			}
		}
	}
	return !GeneratedContent(top)
}

// isDocPath reports documentation: prose files, and anything under a docs
// folder.
func isDocPath(p string) bool {
	for _, dir := range strings.Split(path.Dir(p), "/") {
		switch strings.ToLower(dir) {
		case "doc", "docs", "documentation":
			return true
		}
	}
	base := strings.ToLower(path.Base(p))
	switch path.Ext(base) {
	case ".md", ".markdown", ".rst", ".adoc", ".asciidoc":
		return true
	}
	stem := strings.TrimSuffix(base, path.Ext(base))
	switch stem {
	case "readme", "changelog", "changes", "history", "news", "license", "licence",
		"copying", "authors", "contributors", "notice":
		return true
	}
	return false
}

// isManifest reports dependency manifests: dependency bumps change them
// often, and the dependency detector reports what matters in them.
func isManifest(p string) bool {
	base := path.Base(p)
	switch base {
	case "go.mod", "go.work", "package.json", "Cargo.toml", "pyproject.toml", "pom.xml",
		"Gemfile", "composer.json":
		return true
	}
	return strings.HasPrefix(base, "requirements") && strings.HasSuffix(base, ".txt")
}

func (o HotspotOptions) withDefaults() HotspotOptions {
	if o.Window <= 0 {
		o.Window = 50
	}
	if o.MinChanges <= 0 {
		o.MinChanges = 10
	}
	if o.MinShare == 0 {
		o.MinShare = 0.2
	}
	if o.MinFixes == 0 {
		o.MinFixes = 4
	}
	return o
}

// fileHistory is one file's touches within the window.
type fileHistory struct {
	touches []int // indices in the window, oldest first
	fixes   int
}

// DetectHotspots reports the files that changed unusually often, or by
// many fixes, within window: the last commits, oldest first (only the last
// o.Window are read). Findings come sorted by path.
func DetectHotspots(window []FileTouch, o HotspotOptions) []Finding {
	o = o.withDefaults()
	if len(window) > o.Window {
		window = window[len(window)-o.Window:]
	}
	if len(window) == 0 {
		return nil
	}
	id := o.WindowID
	if id == "" {
		id = ShortHash(window[0].Commit.Hash)
	}
	files := map[string]*fileHistory{}
	for i, t := range window {
		// Renames first, all at once, so that a commit that swaps two
		// names does not lose either history.
		carried := map[string]*fileHistory{}
		for from, to := range t.Moved {
			if h := files[from]; h != nil && to != "" {
				carried[to] = h
			}
			delete(files, from)
		}
		for to, h := range carried {
			files[to] = h
		}
		for _, p := range t.Paths {
			h := files[p]
			if h == nil {
				h = &fileHistory{}
				files[p] = h
			}
			if n := len(h.touches); n > 0 && h.touches[n-1] == i {
				continue // listed twice by one commit
			}
			h.touches = append(h.touches, i)
			if t.Fix {
				h.fixes++
			}
		}
	}

	var out []Finding
	n := len(window)
	for p, h := range files {
		changes := len(h.touches)
		share := float64(changes) / float64(n)
		byChurn := changes >= o.MinChanges && (o.MinShare < 0 || share >= o.MinShare-1e-9)
		byFixes := o.MinFixes > 0 && h.fixes >= o.MinFixes
		if byChurn || byFixes {
			out = append(out, hotspotFinding(window, p, h, byFixes, id))
		}
	}
	slices.SortFunc(out, func(a, b Finding) int { return strings.Compare(a.Evidence.Path, b.Evidence.Path) })
	return out
}

func hotspotFinding(window []FileTouch, p string, h *fileHistory, byFixes bool, windowID string) Finding {
	n, changes := len(window), len(h.touches)
	last := window[h.touches[changes-1]].Commit
	counts := fmt.Sprintf("changed in %d of the last %s, %s", changes, plural(n, "commit"), fixCount(h.fixes))
	items := []string{counts}
	for k := changes - 1; k >= 0; k-- { // newest first, as git log lists them
		t := window[h.touches[k]]
		item := ShortHash(t.Commit.Hash) + " " + strings.TrimSpace(t.Commit.Subject)
		if t.Fix {
			item += " (fix)"
		}
		items = append(items, item)
	}
	return Finding{
		Kind:        KindHotspot,
		Fingerprint: KindHotspot + ":" + p + ":" + windowID,
		Text:        p + " " + counts,
		Body: fmt.Sprintf("%s %s. A file that keeps needing changes, and fixes above all, often does too much or lacks tests: "+
			"review it for a split into smaller parts, clearer interfaces, or the tests that would have caught the fixed bugs.", p, counts),
		Title:    hotspotTitle(p, changes, h.fixes, n, byFixes),
		Labels:   []string{"tech-debt"},
		Items:    items,
		Evidence: Evidence{Path: p, Commit: last.Hash},
	}
}

// hotspotMaxTitle keeps titles under the style's 80 characters.
const hotspotMaxTitle = 79

// hotspotTitle names the file by its path when that fits, else by its base
// name, cut as a last resort.
func hotspotTitle(p string, changes, fixes, n int, byFixes bool) string {
	sentence := func(name string) string {
		if byFixes {
			return fmt.Sprintf("Refactor %s, changed by %s in the last %s", name, plural(fixes, "fix"), plural(n, "commit"))
		}
		return fmt.Sprintf("Review %s, changed in %d of the last %s", name, changes, plural(n, "commit"))
	}
	base := path.Base(p)
	for _, title := range []string{sentence(p), sentence(base)} {
		if utf8.RuneCountInString(title) <= hotspotMaxTitle {
			return title
		}
	}
	over := utf8.RuneCountInString(sentence(base)) - hotspotMaxTitle
	r := []rune(base)
	return sentence(string(r[:max(1, len(r)-over-1)]) + "…")
}

func fixCount(fixes int) string {
	switch fixes {
	case 0:
		return "none by fixes or reverts"
	case 1:
		return "1 by a fix or revert"
	}
	return fmt.Sprintf("%d by fixes or reverts", fixes)
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if strings.HasSuffix(word, "x") {
		return fmt.Sprintf("%d %ses", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
