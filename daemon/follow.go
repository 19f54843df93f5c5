package daemon

import (
	"context"
	"errors"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/dependency"
	"github.com/ticket-master/ticket-master/analyze/factcheck"
	"github.com/ticket-master/ticket-master/analyze/todo"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/store"
)

// Why findings are resolved without a commit removing them, for the
// comment that closes their issue.
const (
	whyRewritten = "the commit that introduced it is on no branch any more (an amend, a rebase, a reset or a deleted branch)"
	whyDeleted   = "the file was deleted from every branch"
	whyDropped   = "no manifest it was found in declares the package at any branch tip"
	whyTODOGone  = "its file holds it at no branch tip"
)

// followScope says what followCode looks for beyond the files commits
// deleted and the commits history dropped.
type followScope struct {
	// everyFile: every open finding's file (a backfill, analyze --since).
	everyFile bool
	// manifests: whether the manifests a dependency finding cites still
	// declare its package at some tip, and whether a TODO's file still
	// holds it at some tip (after a backfill, or new commits with a merge
	// among them: a merge's own changes are not analysed).
	manifests bool
	// walked are the commits the reconcile walked, newest last: the
	// newest tip is most often among them, and its subject and date
	// need not be asked of git again.
	walked []analyze.Commit
}

// followCode resolves what the code no longer shows at the current branch
// tips, after the new commits are analysed:
//   - findings about a file that commits deleted, once the file is gone
//     from every watched branch tip (a file deleted on one branch only is
//     still there on the others);
//   - after history was rewritten (an old tip is on no branch any more), findings
//     whose commit is on no branch: an amended or dropped commit, abandoned
//     detached-HEAD work. A finding seen again in a commit that is on a
//     branch (the rebased copy) keeps going, with that commit as evidence.
//
// While HEAD is detached (a rebase or bisect in progress) the second check
// waits: the work may yet land on a branch.
//
// With scope.everyFile (a backfill, `analyze --since`), every open finding's
// file is looked for: history deletes files where no analysed commit
// shows it (pallets/markupsafe: docs/requirements.txt changed on a
// maintenance branch, gone from main since a commit before the window,
// and not brought back by the merge). A finding whose fingerprint names
// no file (a dependency) is resolved then only when every file it cites
// is gone from every tip. With scope.manifests, a dependency finding is
// resolved when no manifest it cites declares its package at any tip.
func (rc *Reconciler) followCode(ctx context.Context, repo *analyze.Repo, rec store.Repo, deleted map[string]bool, before, now map[string]string, scope followScope, sum *Summary) error {
	// With the files deleted by commits stored before (see recordDeletions).
	deleted, renamed, done, err := rc.takeDeletions(rec.ID, deleted)
	if err != nil {
		return err
	}
	if err := rc.followCodeAt(ctx, repo, rec, deleted, renamed, before, now, scope, sum); err != nil {
		return err
	}
	return done()
}

func (rc *Reconciler) followCodeAt(ctx context.Context, repo *analyze.Repo, rec store.Repo, deleted map[string]bool, renamed map[string]rename, before, now map[string]string, scope followScope, sum *Summary) error {
	everyFile := scope.everyFile
	branches := map[string]string{}
	for ref, h := range now {
		if ref != "HEAD" {
			branches[ref] = h
		}
	}
	tips := analyze.SortedTips(branches)
	if len(tips) == 0 {
		return nil // no branch at all (an unborn one): nothing to compare with
	}
	rewritten := false
	if _, detached := now["HEAD"]; !detached && len(before) > 0 {
		gone, err := repo.Unreachable(ctx, analyze.SortedTips(before), tips)
		if err != nil {
			return err
		}
		rewritten = gone
	}
	// A deleted branch may have held the last copy of a file that was
	// deleted elsewhere earlier: then every finding's file is looked for.
	branchGone := false
	for ref := range before {
		if _, ok := now[ref]; !ok && ref != "HEAD" {
			branchGone = true
		}
	}
	lookAll := branchGone || everyFile
	if len(deleted) == 0 && !rewritten && !lookAll && !scope.manifests {
		return nil
	}
	var open []store.Finding
	err := rc.Store.View(func(tx *store.Tx) (err error) {
		open, err = tx.Findings(rec.ID, store.FindingOpen)
		return err
	})
	if err != nil || len(open) == 0 {
		return err
	}
	blobs := newLazyBlobs(ctx, repo)
	defer blobs.Close()
	atTips := newTipFiles(blobs) // the tips' files, for every check below
	// Every path the findings cite, listed at the tips (`git ls-tree`)
	// beside the checks below, which wait on other git processes: on
	// go-git's last 2,000 commits it took 11 ms before them.
	listed := make(chan map[string]bool, 1)
	go func() {
		present := map[string]bool{}
		if lookAll {
			present = pathsAtTips(ctx, repo, tips, open)
		}
		listed <- present
	}()
	var present map[string]bool // from listed, before the first existsAtTips
	existsAtTips := func(path string) bool {
		if ok, known := present[path]; known {
			return ok
		}
		for _, tip := range tips {
			// A large file exists all the same: only absence matters.
			if _, err := atTips.Read(tip, path, 0); !errors.Is(err, analyze.ErrNoBlob) {
				return true
			}
		}
		return false
	}
	reachable := map[string]bool{}
	onBranch := func(commit string) (bool, error) {
		if ok, seen := reachable[commit]; seen {
			return ok, nil
		}
		rest, err := repo.NewCommits(ctx, []string{commit}, tips, 1)
		if err != nil {
			// A commit that no longer exists (pruned) is on no branch.
			reachable[commit] = false
			return false, nil
		}
		reachable[commit] = len(rest) == 0
		return reachable[commit], nil
	}
	// madeAfter reports whether the commit that renamed a file away is an
	// ancestor of a finding's commit: the finding was made on the file
	// made anew at the old path after the rename (sourcegraph/conc
	// 3cb69e9 re-created panic.go beside the panics/panics.go its parent
	// had moved it to, and a453739 deleted that copy; its finding went on
	// as panics/panics.go's: round 104, wrong). A finding made on a branch
	// that still had the old file, where the rename was not yet merged,
	// goes where the file went.
	madeAfter := func(findingCommit, renameCommit string) bool {
		if findingCommit == "" || renameCommit == "" {
			return false
		}
		rest, err := repo.NewCommits(ctx, []string{renameCommit}, []string{findingCommit}, 1)
		return err == nil && len(rest) == 0 // either gone: follow the rename, as before
	}
	checker := &factcheck.Checker{Blobs: blobs, Redact: redactText}
	relocate := func(ev finding.Evidence) (finding.Evidence, bool) {
		copyOf, ok, err := repo.CopyOf(ctx, ev.Commit, tips)
		if err != nil || !ok {
			return ev, false
		}
		c, err := repo.CommitInfo(ctx, copyOf)
		if err != nil {
			return ev, false
		}
		ev.Commit = copyOf
		ev, ok = checker.Relocate(ev)
		ev.Subject, ev.Time = redactText(c.Subject), c.Time
		return ev, ok
	}
	newest, err := repo.NewestCommit(ctx, tips)
	if err != nil {
		return err
	}
	var settings plan // the settings at the newest tip, read on first need
	planned := false
	readPlan := func() (err error) {
		if !planned {
			settings, err = rc.planFor(ctx, repo, newest)
			planned = err == nil
		}
		return err
	}
	var notesKept map[string]bool   // the notes some tip holds, when looked for
	var testedLater map[string]bool // untested findings the tips' tests call
	var listGone map[string]bool    // untested findings listing what the tips' files no longer define
	if scope.manifests {
		if err := readPlan(); err != nil {
			return err
		}
		// Side by side: each mostly waits on git (testedAtTips's reads or
		// greps of the tips' tests, notesAtTips's reads), and this pass is
		// the end of a backfill that nothing else overlaps: on go-git's
		// last 2,000 commits the two took 60 ms one after the other. The
		// Go tests testedAtTips reads come through a reader of their own:
		// through the one the other checks share they waited on its
		// round trips, and it on theirs.
		tests := newLazyBlobs(ctx, repo)
		defer tests.Close()
		tested := make(chan map[string]bool, 1)
		go func() { tested <- testedAtTips(ctx, repo, open, tips, atTips, analyze.NewGoTests(tests)) }()
		// Each check reads the findings' files at every tip, one after
		// the other: read them first, a few to a round trip to git.
		for _, tip := range tips {
			atTips.Prefetch(tip, citedFiles(open), analyze.MaxSourceBytes)
		}
		notesKept = notesAtTips(ctx, repo, open, tips, atTips, settings.todo)
		listGone = listedGoneAtTips(open, tips, atTips)
		testedLater = <-tested
	}
	present = <-listed
	var gone, moved []store.Finding
	var why []string
	follow := map[string]string{} // renamed away: the finding goes where the file went
	for _, f := range open {
		if p := f.CurrentPath(); p != "" && aboutFile(f.Fingerprint, p) && (deleted[p] || lookAll || rewritten) && !existsAtTips(p) {
			if mv, ok := renamed[p]; ok && existsAtTips(mv.to) {
				if !madeAfter(f.Evidence.Commit, mv.commit) {
					follow[p] = mv.to
					continue
				}
			}
			gone, why = append(gone, f), append(why, whyDeleted)
			continue
		}
		if everyFile && !aboutFile(f.Fingerprint, f.CurrentPath()) && citesOnlyGone(f, existsAtTips) {
			gone, why = append(gone, f), append(why, whyDeleted)
			continue
		}
		if scope.manifests && f.Kind == finding.KindDependency && droppedAtTips(f, tips, atTips) {
			gone, why = append(gone, f), append(why, whyDropped)
			continue
		}
		if scope.manifests && signatureGone(f, tips, atTips) {
			gone, why = append(gone, f), append(why, whySignatureGone)
			continue
		}
		if scope.manifests && removalRestored(f, tips, atTips) {
			gone, why = append(gone, f), append(why, whyRestored)
			continue
		}
		if notesKept != nil && f.Kind == finding.KindTODO && !notesKept[f.Fingerprint] {
			gone, why = append(gone, f), append(why, whyTODOGone)
			continue
		}
		if listGone[f.Fingerprint] && !testedLater[f.Fingerprint] {
			gone, why = append(gone, f), append(why, whyListGone)
			continue
		}
		if testedLater[f.Fingerprint] {
			gone, why = append(gone, f), append(why, whyTestedAtTips)
			continue
		}
		if !rewritten || f.Evidence.Commit == "" {
			continue
		}
		ok, err := onBranch(f.Evidence.Commit)
		if err != nil {
			return err
		}
		if ok {
			continue
		}
		if f.Latest != nil {
			if ok, err := onBranch(f.Latest.Commit); err != nil {
				return err
			} else if ok {
				f.Evidence, f.Latest = *f.Latest, nil
				moved = append(moved, f)
				continue
			}
		}
		// A copy of the commit on a branch (rebased, amended, picked) that
		// was not analysed again (made under TICKET_MASTER=0, or analysed
		// before): the finding holds there if its evidence does.
		if ev, ok := relocate(f.Evidence); ok {
			f.Evidence = ev
			f.Also = nil
			moved = append(moved, f)
			continue
		}
		gone, why = append(gone, f), append(why, whyRewritten)
	}
	if len(gone) == 0 && len(moved) == 0 && len(follow) == 0 {
		return nil
	}
	if err := readPlan(); err != nil {
		return err
	}
	newestInfo, err := commitInfo(ctx, repo, newest, scope.walked)
	if err != nil {
		return err
	}
	w := &writer{rec: rec, target: rec.GitHubRepo(), plan: settings, sum: sum}
	return rc.Store.Update(func(tx *store.Tx) error {
		q, err := loadQueue(tx, w)
		if err != nil {
			return err
		}
		w.queue = q
		var ch changes
		for i, f := range gone {
			f.Status, f.ResolvedBy, f.ResolvedSubject, f.UpdatedAt = store.FindingResolved, newest, redactText(newestInfo.Subject), tx.Now()
			f.ResolvedWhy = why[i]
			if err := tx.PutFinding(rec.ID, f); err != nil {
				return err
			}
			ch.closed = append(ch.closed, f.Fingerprint)
			sum.Resolved++
		}
		for _, f := range moved {
			f.UpdatedAt = tx.Now()
			if err := tx.PutFinding(rec.ID, f); err != nil {
				return err
			}
			ch.restated = append(ch.restated, f.Fingerprint)
		}
		if err := w.followRenames(tx, follow, &ch); err != nil {
			return err
		}
		if err := q.sync(tx, ch); err != nil {
			return err
		}
		return q.save(tx)
	})
}

// commitInfo is the commit hash names, from the commits walked when it is
// among them (searched newest first), else from git: at the end of a
// backfill that was one more git process to wait for (7-11 ms on go-git).
func commitInfo(ctx context.Context, repo *analyze.Repo, hash string, walked []analyze.Commit) (analyze.Commit, error) {
	for i := len(walked) - 1; i >= 0; i-- {
		if walked[i].Hash == hash {
			return walked[i], nil
		}
	}
	return repo.CommitInfo(ctx, hash)
}

// citedFiles are the files the checks at the tips read of open findings:
// each one's current file, and a TODO's file as its fingerprint names it.
func citedFiles(open []store.Finding) []string {
	var out []string
	for _, f := range open {
		out = append(out, f.CurrentPath())
		if f.Kind == finding.KindTODO {
			out = append(out, todo.PathOf(f.Fingerprint))
		}
	}
	return out
}

// droppedAtTips reports whether no manifest a dependency finding cites
// declares its package at any tip, though some tip has one of them: the
// package left in a commit the analysis never read. A merge's own changes
// are not analysed, and one that resolves a conflict by dropping a package
// leaves the finding of the branch that added it (ramsey/uuid's 3.x
// commits adding nikic/php-parser, merged into 4.x without it; round 69,
// stale). Anything unreadable or unparsable keeps the finding.
func droppedAtTips(f store.Finding, tips []string, blobs analyze.FileReader) bool {
	read := false
	seen := map[string]bool{}
	for _, p := range findingPaths(f) {
		if seen[p] {
			continue
		}
		seen[p] = true
		for _, tip := range tips {
			content, err := blobs.Read(tip, p, analyze.MaxSourceBytes)
			if errors.Is(err, analyze.ErrNoBlob) {
				continue
			}
			if err != nil {
				return false
			}
			declared, ok := dependency.Declares(f.Fingerprint, p, content)
			if !ok || declared {
				return false
			}
			read = true
		}
	}
	return read
}

// pathsAtTips says, for every path an open finding cites, whether some
// tip has it, in one round trip to git: a backfill looks at every finding.
// When git cannot answer, nothing is known: each path is then looked for
// on its own.
func pathsAtTips(ctx context.Context, repo *analyze.Repo, tips []string, open []store.Finding) map[string]bool {
	var paths []string
	for _, f := range open {
		paths = append(paths, findingPaths(f)...)
	}
	present, err := repo.PathsAt(ctx, tips, paths)
	if err != nil {
		return map[string]bool{}
	}
	return present
}

// findingPaths are the files a finding cites: where it is now, and its
// evidence.
func findingPaths(f store.Finding) []string {
	var out []string
	if p := f.CurrentPath(); p != "" {
		out = append(out, p)
	}
	for _, ev := range f.Places() {
		if ev.Path != "" {
			out = append(out, ev.Path)
		}
	}
	return out
}

// citesOnlyGone reports whether a finding cites files and no tip has any
// of them.
func citesOnlyGone(f store.Finding, exists func(string) bool) bool {
	paths := findingPaths(f)
	if len(paths) == 0 {
		return false
	}
	for _, p := range paths {
		if exists(p) {
			return false
		}
	}
	return true
}

// aboutFile reports whether a finding is about the file at path: its
// fingerprint names the path ("todo:PATH:..."). A finding whose fingerprint
// names no path (a dependency, found in whichever manifest pins it) is
// about something else, which a deleted file does not take away.
func aboutFile(fingerprint, path string) bool {
	return renamedFingerprint(fingerprint, path, "\x00") != fingerprint
}

// notesAtTips is the set of open TODO findings whose file holds them at
// some tip: the others were left in commits the analysis never read. A
// merge's own changes are not analysed, and one that drops a note its
// branch added leaves that branch's finding (jsonpickle fe0aa01 added
// "remove default registration of the YAML backend in v5.0.0" on its
// maintenance branch; the merge 83b3ba3 dropped it the same day, and the
// draft stayed: round 76, stale). Each file is read once per tip for all
// its notes; a file that cannot be read keeps them all.
func notesAtTips(ctx context.Context, repo *analyze.Repo, open []store.Finding, tips []string, blobs analyze.FileReader, opts todo.Options) map[string]bool {
	byPath := map[string][]string{}
	for _, f := range open {
		if f.Kind == finding.KindTODO {
			// A renamed file's note has its new path in its fingerprint.
			p := todo.PathOf(f.Fingerprint)
			byPath[p] = append(byPath[p], f.Fingerprint)
		}
	}
	kept := map[string]bool{}
	for _, fps := range byPath {
		for _, tip := range tips {
			found, err := todo.PresentAll(ctx, repo, blobs, tip, fps, opts)
			for _, fp := range fps {
				kept[fp] = kept[fp] || found[fp] || err != nil
			}
		}
	}
	return kept
}
