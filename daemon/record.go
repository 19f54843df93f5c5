package daemon

import (
	"path"
	"slices"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/detectors"
	"github.com/ticket-master/ticket-master/analyze/docdrift"
	"github.com/ticket-master/ticket-master/analyze/untested"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/ghrepo"
	"github.com/ticket-master/ticket-master/store"
)

// writer writes analysis results of one repository into the store.
type writer struct {
	rec    store.Repo
	target ghrepo.Repo
	plan   plan
	sum    *Summary
	queue  *draftQueue // loaded per transaction by apply
	// untested are the repository's open untested findings, read once a
	// transaction for the resolutions by a test's calls (a later test)
	// and kept up to date by the commits that open or resolve one.
	untested *openUntested
	// recent are the last commits' test calls, loaded per transaction by
	// apply: a test written before the code keeps its finding from
	// opening (testsfirst.go).
	recent recentTests
}

// openUntested is a repository's open untested findings as of a point of
// a transaction, in the store's order (by fingerprint).
type openUntested struct{ findings []store.Finding }

// update brings the list in line with the untested findings a commit
// opened, restated or closed. Reading the list again instead decoded
// every untested finding the repository ever had, resolved ones too, after
// each such commit: most of the writer's reads in a backfill.
func (o *openUntested) update(tx *store.Tx, repoID string, ch changes) error {
	for _, list := range [][]string{ch.opened, ch.restated, ch.closed} {
		for _, fp := range list {
			if finding.KindOf(fp) != finding.KindUntested {
				continue
			}
			f, ok, err := tx.Finding(repoID, fp)
			if err != nil {
				return err
			}
			open := ok && f.Status == store.FindingOpen
			i, listed := slices.BinarySearchFunc(o.findings, fp, func(f store.Finding, fp string) int {
				return strings.Compare(f.Fingerprint, fp)
			})
			switch {
			case listed && open:
				o.findings[i] = f
			case listed:
				o.findings = slices.Delete(o.findings, i, i+1)
			case open:
				o.findings = slices.Insert(o.findings, i, f)
			}
		}
	}
	return nil
}

// cacheHotspots names the store's record of the hotspot window.
const cacheHotspots = "hotspot-window"

// cacheDiffReviewQueue names the commits waiting for the model's diff review.
const cacheDiffReviewQueue = "review-queue"

// maxDiffReviewQueue is how many commits per repository may wait for review.
const maxDiffReviewQueue = 20

// apply writes a batch of results: findings opened, carried over,
// restated or resolved, their drafts created, rewritten or withdrawn
// (within the draft budget), the hotspot window moved on, and the commits
// marked as analysed, all in one transaction so that a crash leaves either
// all of it or none.
func (w *writer) apply(tx *store.Tx, batch []analyze.Result, hotspots func([]analyze.FileTouch) []finding.Finding) error {
	q, err := loadQueue(tx, w)
	if err != nil {
		return err
	}
	w.queue = q
	w.untested = nil // another transaction
	var win hotspotWindow
	if _, err := tx.Cache(w.rec.ID, cacheHotspots, &win); err != nil {
		return err
	}
	w.recent = nil
	if _, err := tx.Cache(w.rec.ID, cacheRecentTests, &w.recent); err != nil {
		return err
	}
	var queue []string
	if w.plan.diffReview {
		if _, err := tx.Cache(w.rec.ID, cacheDiffReviewQueue, &queue); err != nil {
			return err
		}
	}
	for _, res := range batch {
		ch, err := w.record(tx, res.Commit, res)
		if err != nil {
			return err
		}
		w.recent = w.recent.add(res.Commit, res.Resolved)
		if w.untested != nil && ch.touchUntested() {
			if err := w.untested.update(tx, w.rec.ID, ch); err != nil {
				return err
			}
		}
		if err := tx.MarkAnalysed(w.rec.ID, res.Commit.Hash); err != nil {
			return err
		}
		q.analysed++
		if err := q.sync(tx, ch); err != nil {
			return err
		}
		touch := res.Touch
		if touch.Commit.Hash == "" {
			// A merge the analysis did not diff touches nothing, but it is
			// one of the window's commits, made when it was made: a window
			// that starts at one says when (google/btree's "4 fixes in 50
			// recent commits" spanned 2014 to 2024).
			touch.Commit = res.Commit
		}
		win.add(touch, w.plan.settings.HotspotWindow)
		if w.plan.diffReview && len(res.Commit.Parents) <= 1 {
			queue = append(queue, res.Commit.Hash)
			// A backfill must not queue hours of model time: the model
			// reviews the most recent commits only.
			if len(queue) > maxDiffReviewQueue {
				queue = queue[len(queue)-maxDiffReviewQueue:]
			}
		}
	}
	hotspotsOn := w.plan.settings.On(finding.KindHotspot) && hotspots != nil
	dependencyOn := w.plan.settings.On(finding.KindDependency)
	var open []store.Finding // read once for the checks of the batch's end
	if len(batch) > 0 && (hotspotsOn || dependencyOn) {
		var err error
		if open, err = tx.Findings(w.rec.ID, store.FindingOpen); err != nil {
			return err
		}
	}
	if hotspotsOn && len(batch) > 0 {
		last := batch[len(batch)-1].Commit
		found := hotspots(win.Touches)
		cooled := w.cooledHotspots(open, last, win, found)
		ch, err := w.record(tx, last, analyze.Result{Commit: last, Findings: found, Resolved: cooled})
		if err != nil {
			return err
		}
		if err := q.sync(tx, ch); err != nil {
			return err
		}
	}
	if dependencyOn && len(batch) > 0 {
		// The open findings read before the hotspots were recorded: those
		// change hotspot findings only.
		last := batch[len(batch)-1].Commit
		if aged := agedDependencies(open, last); len(aged) > 0 {
			ch, err := w.record(tx, last, analyze.Result{Commit: last, Resolved: aged})
			if err != nil {
				return err
			}
			if err := q.sync(tx, ch); err != nil {
				return err
			}
		}
	}
	if err := q.save(tx); err != nil {
		return err
	}
	if err := recordDeletions(tx, w.rec.ID, batch); err != nil {
		return err
	}
	if err := tx.PutCache(w.rec.ID, cacheHotspots, win); err != nil {
		return err
	}
	w.recent = w.recent.settle()
	if err := tx.PutCache(w.rec.ID, cacheRecentTests, w.recent); err != nil {
		return err
	}
	if w.plan.diffReview {
		return tx.PutCache(w.rec.ID, cacheDiffReviewQueue, queue)
	}
	return nil
}

// changes are the fingerprints one commit touched, in the order seen:
// drafts are numbered that way, by commit, then by path, as people read a
// diff.
type changes struct {
	opened   []string // new or reopened: they need a draft
	restated []string // open and said anew (rolling, carried over): rewrite their draft
	closed   []string // resolved or replaced: withdraw or update their draft
}

// record applies one commit's resolutions (and hand-overs), carries open
// findings along the files the commit renamed, then records its findings.
func (w *writer) record(tx *store.Tx, c analyze.Commit, res analyze.Result) (changes, error) {
	var ch changes
	resolved, err := expandResolutions(tx, w.rec.ID, res.Resolved, w.openUntested)
	if err != nil {
		return ch, err
	}

	byFP := map[string]finding.Finding{}
	for _, f := range res.Findings {
		byFP[f.Fingerprint] = f
	}
	handed := map[string]bool{} // new fingerprints a hand-over already recorded
	for _, r := range resolved {
		f, ok, err := tx.Finding(w.rec.ID, r.Fingerprint)
		if err != nil {
			return ch, err
		}
		if !ok || f.Status != store.FindingOpen {
			continue
		}
		if r.MovedTo != "" {
			if f.CurrentPath() == r.MovedFrom {
				f.Path, f.UpdatedAt = r.MovedTo, tx.Now()
				if err := tx.PutFinding(w.rec.ID, f); err != nil {
					return ch, err
				}
				ch.restated = append(ch.restated, f.Fingerprint)
			}
			continue
		}
		if nf, ok := byFP[r.ReplacedBy]; ok && r.ReplacedBy != r.Fingerprint {
			done, err := w.handOver(tx, f, w.stored(nf, tx), &ch)
			if err != nil {
				return ch, err
			}
			if done {
				handed[r.ReplacedBy] = true
				continue
			}
		}
		f.Status, f.ResolvedBy, f.ResolvedSubject, f.UpdatedAt = store.FindingResolved, r.Commit, c.Subject, tx.Now()
		f.ResolvedWhy = r.Why
		if err := tx.PutFinding(w.rec.ID, f); err != nil {
			return ch, err
		}
		ch.closed = append(ch.closed, f.Fingerprint)
		w.sum.Resolved++
	}
	if err := w.followRenames(tx, res.Moved, &ch); err != nil {
		return ch, err
	}
	for _, af := range res.Findings {
		if handed[af.Fingerprint] {
			continue
		}
		f, ok, err := tx.Finding(w.rec.ID, af.Fingerprint)
		if err != nil {
			return ch, err
		}
		if ok && f.Status == store.FindingOpen {
			if undoes(f.Finding, af) {
				f.Status, f.ResolvedBy, f.ResolvedSubject, f.UpdatedAt = store.FindingResolved, c.Hash, c.Subject, tx.Now()
				f.ResolvedWhy = whyUndone
				if err := tx.PutFinding(w.rec.ID, f); err != nil {
					return ch, err
				}
				ch.closed = append(ch.closed, f.Fingerprint)
				w.sum.Resolved++
				continue
			}
			// Seen before, in another commit or a rebased copy of it.
			if err := w.seenAgain(tx, f, af, &ch); err != nil {
				return ch, err
			}
			continue
		}
		if w.recent.coverFirst(c, af) {
			continue // its test came in the commit before
		}
		nf := w.stored(af, tx)
		if ok {
			nf.FirstSeen = f.FirstSeen
		}
		if err := tx.PutFinding(w.rec.ID, nf); err != nil {
			return ch, err
		}
		ch.opened = append(ch.opened, nf.Fingerprint)
		w.sum.Findings++
	}
	return ch, nil
}

// stored makes the store's record of a new finding, with the severity the
// settings give its kind.
func (w *writer) stored(f finding.Finding, tx *store.Tx) store.Finding {
	f.Severity = w.severity(f)
	now := tx.Now()
	return store.Finding{Finding: f, Status: store.FindingOpen, FirstSeen: now, UpdatedAt: now}
}

// severity is the settings' severity for the finding's kind, else the
// finding's own, else its detector's default.
func (w *writer) severity(f finding.Finding) finding.Severity {
	if s, ok := w.plan.settings.SeverityOf(f.Kind); ok {
		if sev, err := finding.ParseSeverity(s); err == nil {
			// The settings lower or raise a kind as a whole; a finding its
			// detector marked high stays high unless the kind is set.
			if f.Severity != "" && f.Severity.Rank() > sev.Rank() && sev != finding.Low {
				return f.Severity
			}
			return sev
		}
	}
	if f.Severity != "" {
		return f.Severity
	}
	if spec, ok := detectors.Spec(f.Kind); ok && spec.Severity != "" {
		return spec.Severity
	}
	return finding.Medium
}

// whyUndone says why a drift finding closed when its change was undone.
const whyUndone = "a later commit changed the signature back"

// undoes reports whether a drift finding found again states the change
// the open one states, undone: its signature after is the open one's
// before. Masterminds/semver 23f51de changed Constraints.Validate's
// parameter from *Version to Version, and 6c684ba "Restoring v1 Go
// package API" changed it back five days later; the README had never
// changed, and the draft asked to update it (round 76, stale).
func undoes(open, again finding.Finding) bool {
	if open.Kind != finding.KindDocDrift || again.Kind != finding.KindDocDrift {
		return false
	}
	before, ok1 := itemAfter(open.Items, "before: ")
	after, ok2 := itemAfter(again.Items, "after: ")
	return ok1 && ok2 && before == after
}

// itemAfter is the rest of the first item that starts with prefix.
func itemAfter(items []string, prefix string) (string, bool) {
	for _, it := range items {
		if rest, ok := strings.CutPrefix(it, prefix); ok {
			return strings.TrimSpace(rest), true
		}
	}
	return "", false
}

// seenAgain handles an open finding found again: a rolling one (a
// hotspot's counts) takes the new statement; any other remembers the new
// commit, which takes over as evidence if history is rewritten so that the
// first one is on no branch any more.
func (w *writer) seenAgain(tx *store.Tx, f store.Finding, af finding.Finding, ch *changes) error {
	if spec, ok := detectors.Spec(af.Kind); ok && spec.Rolling {
		f.Text, f.Body, f.Title, f.Items, f.Labels = af.Text, af.Body, af.Title, af.Items, af.Labels
		f.Evidence, f.Also, f.Confidence = af.Evidence, af.Also, af.Confidence
		f.Severity = w.severity(af)
		f.UpdatedAt = tx.Now()
		ch.restated = append(ch.restated, f.Fingerprint)
		return tx.PutFinding(w.rec.ID, f)
	}
	if af.Evidence.Commit == "" || af.Evidence.Commit == f.Evidence.Commit {
		return nil
	}
	ev := af.Evidence
	f.Latest = &ev
	return tx.PutFinding(w.rec.ID, f)
}

// handOver carries an open finding, and its draft, over to the finding
// that takes its place. It reports false when that fingerprint is already
// an open finding of its own (the old one is then simply resolved).
func (w *writer) handOver(tx *store.Tx, old, nf store.Finding, ch *changes) (bool, error) {
	cur, ok, err := tx.Finding(w.rec.ID, nf.Fingerprint)
	if err != nil || ok && cur.Status == store.FindingOpen {
		return false, err
	}
	nf.FirstSeen = old.FirstSeen
	old.Status, old.ReplacedBy, old.UpdatedAt = store.FindingReplaced, nf.Fingerprint, tx.Now()
	if err := tx.PutFinding(w.rec.ID, old); err != nil {
		return false, err
	}
	if err := tx.PutFinding(w.rec.ID, nf); err != nil {
		return false, err
	}
	d, has, err := tx.DraftForFinding(w.rec.ID, old.Fingerprint)
	if err != nil {
		return false, err
	}
	if has && d.State != store.DraftWithdrawn {
		for i, fp := range d.Fingerprints {
			if fp == old.Fingerprint {
				d.Fingerprints[i] = nf.Fingerprint
			}
		}
		for i, ev := range d.Evidence {
			if ev == old.Evidence {
				d.Evidence[i] = nf.Evidence
			}
		}
		if _, err := tx.PutDraft(d); err != nil {
			return false, err
		}
		w.queue.forget(old.Fingerprint)
		ch.restated = append(ch.restated, nf.Fingerprint)
	} else {
		w.queue.forget(old.Fingerprint)
		ch.opened = append(ch.opened, nf.Fingerprint)
	}
	return true, nil
}

// followRenames carries the open findings of each file a commit renamed
// over to the new name: the same TODO in a moved file is the same work. A
// deleted file resolves its findings only once it is gone from every
// watched branch tip (followCode).
func (w *writer) followRenames(tx *store.Tx, moved map[string]string, ch *changes) error {
	renames := map[string]string{}
	for from, to := range moved {
		if to != "" {
			renames[from] = to
		}
	}
	if len(renames) == 0 {
		return nil
	}
	open, err := tx.Findings(w.rec.ID, store.FindingOpen)
	if err != nil {
		return err
	}
	for _, f := range open {
		to, ok := renames[f.CurrentPath()]
		if !ok {
			continue
		}
		nf := f
		nf.Path = to
		nf.Fingerprint = renamedFingerprint(f.Fingerprint, f.CurrentPath(), to)
		nf.Latest = nil
		if nf.Fingerprint == f.Fingerprint {
			// A fingerprint without the path (a dependency's): only where
			// it lives changes.
			nf.UpdatedAt = tx.Now()
			if err := tx.PutFinding(w.rec.ID, nf); err != nil {
				return err
			}
			continue
		}
		if _, err := w.handOver(tx, f, nf, ch); err != nil {
			return err
		}
	}
	return nil
}

// renamedFingerprint moves a fingerprint ("kind:PATH" or "kind:PATH:rest")
// from one path to another; a fingerprint that does not name from is kept.
func renamedFingerprint(fp, from, to string) string {
	kind, rest, ok := strings.Cut(fp, ":")
	if !ok || !strings.HasPrefix(rest, from) {
		return fp
	}
	tail := rest[len(from):]
	if tail != "" && tail[0] != ':' {
		return fp
	}
	return kind + ":" + to + tail
}

// expandResolutions turns the resolutions that name no one finding into
// those of the open findings they name: a commit's documentation mentions
// resolve the open drift findings whose surface they name (the docs
// caught up, in this commit or a later one); a test's calls, the untested
// findings whose every symbol it calls; a family resolves those whose
// fingerprint starts with it.
func expandResolutions(tx *store.Tx, repoID string, resolved []analyze.Resolution, untestedOpen func(*store.Tx) ([]store.Finding, error)) ([]analyze.Resolution, error) {
	var out []analyze.Resolution
	var open []store.Finding
	loaded := false
	for _, r := range resolved {
		if r.Fingerprint == untested.RemovalResolution {
			f, ok, err := tx.Finding(repoID, untested.Fingerprint(r.DiffPath))
			if err != nil {
				return nil, err
			}
			if ok && f.Status == store.FindingOpen && untested.RemovesAll(r.Diff, f.Items) {
				out = append(out, analyze.Resolution{Fingerprint: f.Fingerprint, Commit: r.Commit})
			}
			continue
		}
		if r.Fingerprint == untested.Resolution {
			byCalls, err := testedByCalls(tx, r, untestedOpen)
			if err != nil {
				return nil, err
			}
			out = append(out, byCalls...)
			continue
		}
		if r.Fingerprint != docdrift.Resolution && !r.Family {
			out = append(out, r)
			continue
		}
		if !loaded {
			all, err := tx.Findings(repoID, store.FindingOpen)
			if err != nil {
				return nil, err
			}
			open, loaded = all, true
		}
		for _, f := range open {
			switch {
			case r.Family:
				if strings.HasPrefix(f.Fingerprint, r.Fingerprint) && f.Fingerprint != r.Except {
					out = append(out, analyze.Resolution{Fingerprint: f.Fingerprint, Commit: r.Commit, Why: r.Why})
				}
			case f.Kind == finding.KindDocDrift:
				if docdrift.Resolves(f.Finding, r.DocMentions, r.DocFiles) {
					out = append(out, analyze.Resolution{Fingerprint: f.Fingerprint, Commit: r.Commit})
				}
			}
		}
	}
	return out, nil
}

// openUntested returns the repository's open untested findings, read
// once a transaction unless a commit opened or resolved one since.
func (w *writer) openUntested(tx *store.Tx) ([]store.Finding, error) {
	if w.untested == nil {
		open, err := tx.FindingsWithPrefix(w.rec.ID, finding.KindUntested+":", store.FindingOpen)
		if err != nil {
			return nil, err
		}
		w.untested = &openUntested{findings: open}
	}
	return w.untested.findings, nil
}

// touchUntested reports whether a commit opened, restated or closed an
// untested finding: the writer's list of open ones is then read again.
func (ch changes) touchUntested() bool {
	for _, list := range [][]string{ch.opened, ch.restated, ch.closed} {
		for _, fp := range list {
			if finding.KindOf(fp) == finding.KindUntested {
				return true
			}
		}
	}
	return false
}

// testedByCalls resolves the open untested findings that test r.DiffPath
// covers by calling every symbol they list (a test that came after the
// code). A Go test reaches its own folder's package alone.
func testedByCalls(tx *store.Tx, r analyze.Resolution, untestedOpen func(*store.Tx) ([]store.Finding, error)) ([]analyze.Resolution, error) {
	open, err := untestedOpen(tx)
	if err != nil {
		return nil, err
	}
	goDir := ""
	if analyze.SourceLanguage(r.DiffPath) == analyze.LangGo {
		goDir = path.Dir(r.DiffPath)
	}
	var out []analyze.Resolution
	calls, read := "", false
	added, readAdded := "", false
	for _, f := range open {
		if f.Kind != finding.KindUntested || goDir != "" && path.Dir(f.CurrentPath()) != goDir {
			continue
		}
		if !readAdded {
			added, readAdded = untested.AddedText(r.Diff), true
		}
		if !untested.MayCover(added, f.Items) {
			continue
		}
		if !read {
			calls, read = untested.TestCalls(r.Diff), true
		}
		if untested.CallsCover(r.DiffPath, calls, f.CurrentPath(), f.Items) {
			out = append(out, analyze.Resolution{Fingerprint: f.Fingerprint, Commit: r.Commit})
		}
	}
	return out, nil
}
