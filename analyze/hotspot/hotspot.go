package hotspot

import (
	"fmt"
	"path"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
	"github.com/ticket-master/ticket-master/finding"
)

// Options configure Detect. Zero fields take the defaults.
type Options struct {
	// Window is how many recent commits are looked at. Default 50.
	Window int
	// MinChanges and MinShare: a file changed by at least MinChanges of the
	// window's commits, and by at least MinShare of them, is a hotspot.
	// The share keeps a short window (a young repository, where every
	// commit touches main.go) from firing on counts alone. MinShare
	// defaults to 0.2 (negative drops the share test). MinChanges 0 (the
	// default) makes churn alone no hotspot: on twelve real histories a
	// file reported for changing often, without fixes, was judged worth an
	// issue 0 times in 30 (imgui.cpp, a library's main header: files a
	// project keeps central by design). Files that keep needing fixes are.
	MinChanges int
	MinShare   float64
	// MinFixes: a file changed by at least this many fix or revert commits
	// is a hotspot whatever its share. Default 4; negative turns it off.
	MinFixes int
}

// TouchOf reduces one commit's diff to the files it changed. Vendored,
// generated, lock, documentation, changelog, dependency-manifest, CI and
// tool configuration files, tests and test data are left out: churn there
// says nothing about the design of the code (a fix that adds its
// regression test makes the test file churn, not rot). A merge commit touches nothing:
// its diff against the first parent repeats the merged branch's commits,
// which the walk reports one by one. Nor does a bot's commit, a
// dependency bump or a release: a tool's routine, whatever it edits. Their
// renames and deletions are kept, so that the history follows the files.
func TouchOf(c analyze.Commit, cd *analyze.CommitDiff) analyze.FileTouch {
	t := analyze.FileTouch{Commit: c, Fix: analyze.IsFixSubject(c.Subject)}
	if cd == nil || len(c.Parents) > 1 {
		return t
	}
	routine := isBookkeeping(c)
	if routine {
		t.Fix = false
	}
	if t.Fix && sweeping(cd) {
		// A fix or revert of many files at once is no fix of each:
		// gorilla/websocket's "Reverts to v1.5.0" (50 files) and a revert
		// of a tooling change (45) were two of server.go's "5 fixes"
		// (round 118, wrong).
		t.Fix = false
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
		if !routine && f.NewPath != "" && hotspotCandidate(f) && !slices.Contains(t.Paths, f.NewPath) {
			t.Paths = append(t.Paths, f.NewPath)
			// A file a fix adds was not broken: cheeriojs/cheerio 6c13cd1b
			// "fix(website): restore Algolia search after the redesign"
			// wrote website/scripts/sync-algolia-crawler.mjs, counted as
			// the first of its "4 fixes" (round 106, wrong).
			if t.Fix && (f.OldPath == "" || layoutOnly(f)) {
				t.NoFix = append(t.NoFix, f.NewPath)
			}
		}
	}
	return t
}

// maxFixFiles is how many files of code a commit may change and still
// count as a fix of each.
const maxFixFiles = 20

// sweeping reports whether cd changes more than maxFixFiles files of code.
func sweeping(cd *analyze.CommitDiff) bool {
	n := 0
	for i := range cd.Files {
		if hotspotCandidate(&cd.Files[i]) {
			n++
		}
	}
	return n > maxFixFiles
}

// layoutOnly reports whether f's hunks change comments and layout alone:
// each hunk's two sides, the lines around the change included, say the
// same. A block moved past other code is no layout: adhocore/gronx
// 8aee396 moved a check below the bounds check in checker.go, which the
// changed lines alone, the same on both sides, read as a reflow (round
// 151).
func layoutOnly(f *analyze.FileDiff) bool {
	for _, h := range f.Hunks {
		var before, after []string
		for _, l := range h.Lines {
			switch l.Kind {
			case analyze.Removed:
				before = append(before, l.Text)
			case analyze.Added:
				after = append(after, l.Text)
			default:
				before, after = append(before, l.Text), append(after, l.Text)
			}
		}
		if !symbol.LayoutOnly(f.NewPath, before, after) {
			return false
		}
	}
	return len(f.Hunks) > 0
}

// fixes reports whether t fixed something in the file at p.
func fixes(t analyze.FileTouch, p string) bool {
	return t.Fix && !slices.Contains(t.NoFix, p)
}

// hotspotCandidate reports whether a file's churn counts.
func hotspotCandidate(f *analyze.FileDiff) bool {
	p := f.NewPath
	if p == "" || f.Binary || analyze.SkipReason(p) != "" || analyze.IsDocPath(p) || analyze.IsProjectFile(p) ||
		analyze.ManifestKind(p) != "" || analyze.IsConfigPath(p) || analyze.IsTestData(p) || analyze.InTestSuite(p) ||
		buildScript(p) {
		return false
	}
	return !analyze.GeneratedContent(analyze.TopLines(f))
}

// buildScript reports a file that builds the project rather than being
// it: its fixes are the build's, following compilers and platforms, not
// the design's (DaveGamble/cJSON's Makefile and CMakeLists.txt, "4 fixes"
// each over four years of build flags).
func buildScript(p string) bool {
	switch path.Base(p) {
	case "Makefile", "makefile", "GNUmakefile", "Makefile.am", "Makefile.in", "CMakeLists.txt", "meson.build",
		"meson_options.txt", "configure.ac", "configure.in", "BUILD", "BUILD.bazel", "WORKSPACE", "SConstruct",
		"build.gradle", "build.gradle.kts", "settings.gradle", "settings.gradle.kts", "build.xml", "build.zig",
		// Task runners' files: the project's sessions and chores
		// (wntrblm/nox's noxfile.py, "4 fixes" that set up CI sessions
		// beside the library's fixes: round 100, noise).
		"noxfile.py", "tasks.py", "fabfile.py", "dodo.py", "justfile", "Justfile", "Taskfile.yml", "Taskfile.yaml",
		"Rakefile", "Gruntfile.js", "gulpfile.js", "magefile.go":
		return true
	}
	switch path.Ext(p) {
	case ".cmake", ".mk", ".mak", ".bzl":
		return true
	}
	return false
}

func (o Options) withDefaults() Options {
	if o.Window <= 0 {
		o.Window = 50
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
	lastFix int // index in the window of the newest fix
	// fixed are the touches counted as fixes, by index in the window;
	// fixSubjects their subjects: one fix applied twice (re-applied after
	// a rollback, cherry-picked onto the branch again) is one fix.
	// gorilla/websocket's server.go counted "fix: don't use
	// errors.ErrUnsupported ..." twice among its "5 fixes" (round 118,
	// wrong).
	fixed       map[int]bool
	fixSubjects map[string]bool
}

// countFix counts the touch at index i of the window, commit c, as a fix
// unless a fix of the same subject was counted.
func (h *fileHistory) countFix(i int, c analyze.Commit) {
	subject := strings.ToLower(strings.TrimSpace(c.Subject))
	if h.fixSubjects[subject] {
		return
	}
	if h.fixed == nil {
		h.fixed, h.fixSubjects = map[int]bool{}, map[string]bool{}
	}
	h.fixed[i], h.fixSubjects[subject] = true, true
	h.fixes++
	h.lastFix = i
}

// Detect reports the files that changed unusually often, or by
// many fixes, within window: the last commits, oldest first (only the last
// o.Window are read). Findings come sorted by path.
func Detect(window []analyze.FileTouch, o Options) []finding.Finding {
	o = o.withDefaults()
	if len(window) > o.Window {
		window = window[len(window)-o.Window:]
	}
	if len(window) == 0 {
		return nil
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
			if fixes(t, p) {
				h.countFix(i, t.Commit)
			}
		}
	}

	var out []finding.Finding
	n := len(window)
	total := 0
	for _, h := range files {
		total += len(h.touches)
	}
	// The commits that changed code: a merge's own changes are not
	// analysed, and docs or tests alone say nothing of the code.
	changing := 0
	for _, t := range window {
		if len(t.Paths) > 0 {
			changing++
		}
	}
	var byFixesOnly []*fileHistory // ranked below, at most maxByFixes kept
	paths := map[*fileHistory]string{}
	for p, h := range files {
		changes := len(h.touches)
		share := float64(changes) / float64(n)
		byChurn := o.MinChanges > 0 && changes >= o.MinChanges && (o.MinShare < 0 || share >= o.MinShare-1e-9)
		// A file with four fifths of the window's changes to code is the
		// project itself, a single-header or single-module library
		// (p-ranav/argparse's argparse.hpp, sindresorhus/is's
		// source/index.ts; rounds 62 and 71), where every fix lands: its
		// fixes say nothing about it. Churn, which a team asks for, still
		// counts.
		// So is a project whose window changes three files of code or
		// fewer (gorilla/handlers' cors.go, chalk/supports-color's
		// index.js beside browser.js and index.d.ts, zeux/pugixml's
		// pugixml.cpp beside its header: round 74): there is no rest of
		// the code for the file to stand out from.
		// And so is a file more than half the commits that change code
		// change (spf13/pflag's flag.go: 23 of 36, 6 of them fixes; the
		// library's core, judged noise in round 79; axios's fetch.js, 7
		// of 18 with 6 fixes, stands out).
		sole := changes*5 >= total*4 || len(files) <= fewFiles || changes*2 > changing
		byFixes := o.MinFixes > 0 && h.fixes >= o.MinFixes && !sole && !fixesLongPast(window, h)
		switch {
		case byChurn:
			out = append(out, hotspotFinding(window, p, h, byFixes))
		case byFixes:
			byFixesOnly = append(byFixesOnly, h)
			paths[h] = p
		}
	}
	// Where many files have their fixes, the fixes are spread over the
	// project, and the files with the most stand for it: jedib0t/go-pretty's
	// window to 2026-07-19 made ten hotspots of four to seven fixes each, a
	// digest of hotspots (round 85, noise).
	slices.SortFunc(byFixesOnly, func(a, b *fileHistory) int {
		if a.fixes != b.fixes {
			return b.fixes - a.fixes
		}
		if a.lastFix != b.lastFix {
			return b.lastFix - a.lastFix
		}
		return strings.Compare(paths[a], paths[b])
	})
	for _, h := range byFixesOnly[:min(len(byFixesOnly), maxByFixes)] {
		out = append(out, hotspotFinding(window, paths[h], h, true))
	}
	slices.SortFunc(out, func(a, b finding.Finding) int { return strings.Compare(a.Evidence.Path, b.Evidence.Path) })
	return out
}

// maxByFixes is how many hotspots by their fixes one window makes at most.
const maxByFixes = 3

// Memory is how long a hotspot's counts describe the project: a window's
// fixes a year older than its last commit, or a finding no window has
// found again for a year, tell of a time the project has left (google/
// gflags' "8 fixes in 50 commits to 2017-05-16" open in 2025; jmoiron/
// sqlx's named.go, whose five fixes of 2020-21 a window reaching 2024
// still counted, kept warm by a CI commit's one-line edit: rounds 68, 80).
const Memory = 365 * 24 * time.Hour

// fixesLongPast reports whether a file's newest fix in the window is more
// than Memory older than the window's last commit (dates unknown: no).
func fixesLongPast(window []analyze.FileTouch, h *fileHistory) bool {
	fix, last := window[h.lastFix].Commit.Time, windowSpan(window).newest
	return !fix.IsZero() && !last.IsZero() && last.Sub(fix) > Memory
}

// fewFiles is the most files of code a window may change and be the
// whole project's code: no file of them is a hotspot by its fixes.
const fewFiles = 3

// hotspotFinding states a file's churn as the window shows it now. Its
// evidence is the newest commit of the window that changed the file (the
// pipeline states that commit's own subject and date): the window's last
// commit, which earlier drafts cited, was often a bot's that never touched
// it (marked 23d05ee8, a lock file bump, under rules.ts). The counts and
// the window's end date are in the text. The fingerprint is the path
// alone: the finding is restated (Spec.Rolling) as the window moves, one
// per file.
func hotspotFinding(window []analyze.FileTouch, p string, h *fileHistory, byFixes bool) finding.Finding {
	n, changes := len(window), len(h.touches)
	newest := window[h.touches[changes-1]].Commit
	if byFixes {
		// What made it a hotspot: sqlx's named.go cited a CI commit's
		// one-line edit beside its five fixes (round 80).
		newest = window[h.lastFix].Commit
	}
	span := windowSpan(window)
	commits := plural(n, "recent commit")
	if span.long != "" {
		commits = plural(n, "commit") + span.long
	}
	counts := fmt.Sprintf("changed in %d of %s, %s", changes, commits, fixCount(h.fixes))
	items := []string{counts}
	for k := changes - 1; k >= 0; k-- { // newest first, as git log lists them
		t := window[h.touches[k]]
		item := finding.ShortHash(t.Commit.Hash) + " " + strings.TrimSpace(t.Commit.Subject)
		if h.fixed[h.touches[k]] {
			item += " (fix)"
		}
		items = append(items, item)
	}
	return finding.Finding{
		Kind:        finding.KindHotspot,
		Fingerprint: finding.KindHotspot + ":" + p,
		Text:        p + " " + counts,
		Body: fmt.Sprintf("%s %s. A file that keeps needing changes, and fixes above all, often does too much or lacks tests: "+
			"review it for a split into smaller parts, clearer interfaces, or the tests that would have caught the fixed bugs.", p, counts),
		Title:      hotspotTitle(p, changes, h.fixes, n, byFixes, span.short),
		Labels:     []string{"tech-debt"},
		Items:      items,
		Confidence: hotspotConfidence(h.fixes, changes),
		Evidence:   finding.Evidence{Path: p, Commit: newest.Hash},
	}
}

// span is when the window's commits were made, as the title and the text
// say it: a count read weeks later, or kept after the file cooled off,
// says which commits it counted ("in 50 commits to 2026-04-13"), not
// "recent" ones. Empty when the commits carry no time.
type span struct {
	short, long string
	newest      time.Time // the window's newest commit date; zero when one is unknown
}

func windowSpan(window []analyze.FileTouch) span {
	// The oldest and newest dates, not the first and last commits: the
	// analysis takes a merged branch's commits in turn, and lark's window
	// ended on one of 2026-05-21 while its newest commit was of 2026-08-13
	// (round 81, "to 2026-05-21" beside evidence of 2026-07-19: wrong).
	var first, last time.Time
	for _, t := range window {
		at := t.Commit.Time
		if at.IsZero() {
			return span{}
		}
		if first.IsZero() || at.Before(first) {
			first = at
		}
		if at.After(last) {
			last = at
		}
	}
	from, to := first.UTC().Format(time.DateOnly), last.UTC().Format(time.DateOnly)
	return span{short: " to " + to, long: " made from " + from + " to " + to, newest: last}
}

// hotspotMaxTitle keeps titles under the style's 80 characters.
const hotspotMaxTitle = 79

// FixDriven reports whether a hotspot finding was made by its fixes (at
// least MinFixes of them in the window), from the title hotspotTitle gave
// it: such a file stays listed after it cools off, since a run of fixes
// says something about the code that quiet does not take back (axios
// lib/adapters/fetch.js, 6 fixes within weeks of landing).
func FixDriven(f finding.Finding) bool {
	return f.Kind == finding.KindHotspot && strings.HasPrefix(f.Title, fixDrivenVerb)
}

const fixDrivenVerb = "Refactor "

// hotspotTitle names the file by its path when that fits, else by the
// longest end of it that does (tenacity's "asyncio/__init__.py": its base
// name alone is every package's), else by its base name cut as a last
// resort.
func hotspotTitle(p string, changes, fixes, n int, byFixes bool, upTo string) string {
	commits := plural(n, "recent commit")
	if upTo != "" {
		commits = plural(n, "commit") + upTo
	}
	sentence := func(name string) string {
		if byFixes {
			return fmt.Sprintf(fixDrivenVerb+"%s, changed by %s in %s", name, plural(fixes, "fix"), commits)
		}
		return fmt.Sprintf("Review %s, changed in %d of %s", name, changes, commits)
	}
	// The window's last date before the path's leading folders: a
	// hotspot by its fixes stays open after the file cools off, and
	// colinhacks/zod's "Refactor packages/zod/src/v4/classic/schemas.ts,
	// changed by 4 fixes in 50 commits" was read a hundred commits later,
	// when the last 50 held two (round 122, wrong); a path's end starts
	// "…/" (PathEnds), never a path it is not. The file's whole base name
	// before the date: Neargye/magic_enum's "Refactor
	// magic_enum_containers…, changed by 8 fixes in 50 commits to
	// 2026-08-08" fits whole without it.
	counts := []string{commits}
	if upTo != "" {
		counts = append(counts, plural(n, "commit"))
	}
	for k, c := range counts {
		commits = c
		for _, name := range analyze.PathEnds(p) {
			if k == 0 && len(counts) > 1 && !strings.Contains(name, "/") && commonFileName(name) {
				continue // "index.js" names no file: the path, without the date
			}
			if title := sentence(name); utf8.RuneCountInString(title) <= hotspotMaxTitle {
				return title
			}
		}
	}
	base := path.Base(p)
	over := utf8.RuneCountInString(sentence(base)) - hotspotMaxTitle
	r := []rune(base)
	return sentence(string(r[:max(1, len(r)-over-1)]) + "…")
}

// commonFileName reports a base name many folders of a project have: a
// module's or package's entry file.
func commonFileName(name string) bool {
	switch stem := strings.TrimSuffix(name, path.Ext(name)); stem {
	case "index", "__init__", "mod", "lib", "main", "utils", "util", "types", "common", "helpers":
		return true
	}
	return false
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

// hotspotConfidence: churn made of fixes says more than churn alone, which
// may be a file growing by features.
func hotspotConfidence(fixes, changes int) float64 {
	c := 0.3 + 0.5*float64(fixes)/float64(max(changes, 1))
	return min(c, 0.8)
}
