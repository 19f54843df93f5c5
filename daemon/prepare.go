package daemon

import (
	"bytes"
	"context"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing/format/gitattributes"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/factcheck"
	"github.com/ticket-master/ticket-master/analyze/todo"
	"github.com/ticket-master/ticket-master/draft"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/store"
)

// preparer is the stage between the detectors and the store. It runs with
// git at hand and no transaction open: it drops files .gitattributes marks
// as generated or vendored, confirms resolutions, passes everything that
// came from git through the one redaction boundary, states each finding's
// commit as git has it, and checks every claim against git. A finding
// whose claims git contradicts is dropped (and counted), never queued.
type preparer struct {
	ctx     context.Context
	repo    *analyze.Repo
	plan    plan
	blobs   *lazyBlobs
	checker *factcheck.Checker // prepare's, for findings no worker checked
	checks  FactChecks         // since the last takeChecks
	dropped int                // findings dropped by the last prepare
	attrs   attributesCache

	// mu guards what the detect workers share: several run at once.
	mu      sync.Mutex
	commits map[string]walkedCommit // the commits being analysed, by hash
	// checked are the counts of the commits whose findings a worker
	// checked (see checkOnWorker), until prepare takes them in order.
	checked map[string]checkedCommit
}

// walkedCommit is a commit as the walk gave it, its subject redacted once
// asked for: redacting 2,000 subjects up front took 6 ms of a backfill's
// head, where few of them are ever cited.
type walkedCommit struct {
	analyze.Commit
	redacted bool
}

// checkedCommit is what a worker's checks of one commit found.
type checkedCommit struct {
	checks  FactChecks
	dropped int
}

func newPreparer(ctx context.Context, repo *analyze.Repo, p plan, commits []analyze.Commit) *preparer {
	blobs := newLazyBlobs(ctx, repo)
	pr := &preparer{ctx: ctx, repo: repo, plan: p, blobs: blobs, commits: make(map[string]walkedCommit, len(commits)), checked: map[string]checkedCommit{}}
	for _, c := range commits {
		pr.commits[c.Hash] = walkedCommit{Commit: c}
	}
	pr.checker = pr.newChecker(blobs)
	return pr
}

// newChecker checks claims against the files files reads.
func (pr *preparer) newChecker(files analyze.FileReader) *factcheck.Checker {
	return &factcheck.Checker{
		Blobs:   files,
		Commits: func(h string) (analyze.Commit, error) { return pr.commit(pr.ctx, h) },
		Redact:  redactText,
	}
}

// Close ends the preparer's git process.
func (pr *preparer) Close() { pr.blobs.Close() }

// commit returns a commit's metadata, from the walk when it is one of the
// commits analysed, from git otherwise (and remembers it).
func (pr *preparer) commit(ctx context.Context, hash string) (analyze.Commit, error) {
	pr.mu.Lock()
	w, ok := pr.commits[hash]
	if ok && !w.redacted {
		w.Subject, w.redacted = redactText(w.Subject), true
		pr.commits[hash] = w
	}
	pr.mu.Unlock()
	if ok {
		return w.Commit, nil
	}
	// Asked of git without the lock: the other workers go on meanwhile.
	c, err := pr.repo.CommitInfo(ctx, hash)
	if err == nil {
		c.Subject = redactText(c.Subject)
		pr.mu.Lock()
		pr.commits[hash] = walkedCommit{Commit: c, redacted: true}
		pr.mu.Unlock()
	}
	return c, err
}

// detect runs the detectors over a commit's diff without the files the
// commit's .gitattributes marks linguist-generated or linguist-vendored,
// and notes what the commit renamed and deleted.
func (pr *preparer) detect(c analyze.Commit, cd *analyze.CommitDiff) analyze.Result {
	if m := pr.attrs.matcher(cd); m != nil {
		kept := cd.Files[:0:0]
		for _, f := range cd.Files {
			// A test's expected output marked generated is still the
			// tests' data: charmbracelet/glamour marks its *.golden files
			// linguist-generated, and 9cedaca's 28 updated golden files
			// were read as "changes no test" (round 101, wrong).
			// So are the cases of a suite under a test folder that a
			// project keeps out of its language statistics: Python-Markdown
			// marks tests/misc/** linguist-vendored, and cb47805e's change
			// to tests/misc/html.html was read as "changes no test" (round
			// 110, wrong).
			if !linguistSkipped(m, f.Path()) || analyze.IsTestData(f.Path()) || analyze.InTestSuite(f.Path()) && analyze.SourceLanguage(f.Path()) == "" {
				kept = append(kept, f)
			}
		}
		cd = cd.WithFiles(kept)
	}
	res := pr.plan.run.Detect(c, cd)
	if len(c.Parents) <= 1 {
		for _, f := range cd.Files {
			if f.OldPath != "" && f.OldPath != f.NewPath {
				if res.Moved == nil {
					res.Moved = map[string]string{}
				}
				to := f.NewPath
				if to != "" && (analyze.SkipReason(to) != "" || disabledName(to)) {
					// Moved into vendored or generated code: no longer the
					// project's to fix (Neargye/magic_enum 26b9d46 moved
					// doctest.h into test/3rdparty/, and its TODOs
					// followed it there).
					to = ""
				}
				res.Moved[f.OldPath] = to
			}
		}
	}
	pr.checkOnWorker(c, cd, &res)
	return res
}

// disabledName reports a file renamed out of use: a backup or a copy set
// aside (spf13/afero 1f3c733, "chore: disable unused example", renamed
// examples_test.go to examples_test.go.bak, and its TODOs followed).
func disabledName(p string) bool {
	for _, ext := range []string{".bak", ".orig", ".old", ".disabled", ".unused", "~"} {
		if strings.HasSuffix(strings.ToLower(p), ext) {
			return true
		}
	}
	return false
}

// checkOnWorker confirms, redacts, dates and checks a commit's result where
// its detectors ran, with the files they read at hand: the analysis reads
// a commit's files by object name and keeps them, where prepare asked git
// for each cited file by commit and path, one at a time, on the goroutine
// that stores the results in order (about a tenth of a backfill's CPU on
// go-git's last 2,000 commits). prepare counts what it found, in order.
func (pr *preparer) checkOnWorker(c analyze.Commit, cd *analyze.CommitDiff, res *analyze.Result) {
	files := commitFiles{c: c, cd: cd, other: pr.blobs}
	var done checkedCommit
	res.Resolved = withoutDeletions(confirmResolutions(pr.ctx, pr.repo, files, *res, pr.plan.todo), res.Moved)
	res.Findings, done.dropped = pr.checkFindingsWith(pr.newChecker(files), res.Findings, &done.checks)
	pr.mu.Lock()
	pr.checked[c.Hash] = done
	pr.mu.Unlock()
}

// prepare confirms, redacts, dates and checks one commit's result, unless
// a worker did (checkOnWorker): then it counts what the worker found.
func (pr *preparer) prepare(ctx context.Context, res analyze.Result) analyze.Result {
	res.Commit.Subject = redactText(res.Commit.Subject)
	pr.mu.Lock()
	done, ok := pr.checked[res.Commit.Hash]
	delete(pr.checked, res.Commit.Hash)
	pr.mu.Unlock()
	if ok && res.Commit.Hash != "" {
		pr.checks.merge(done.checks)
		pr.dropped += done.dropped
		return res
	}
	res.Resolved = withoutDeletions(confirmResolutions(ctx, pr.repo, pr.blobs, res, pr.plan.todo), res.Moved)
	var dropped int
	res.Findings, dropped = pr.checkFindingsWith(pr.checker, res.Findings, &pr.checks)
	pr.dropped += dropped
	return res
}

// checkFindingsWith redacts, dates and checks found with ck, counting in
// counts; it returns the findings whose claims hold, and how many did not.
func (pr *preparer) checkFindingsWith(ck *factcheck.Checker, found []finding.Finding, counts *FactChecks) ([]finding.Finding, int) {
	kept := found[:0:0]
	dropped := 0
	for _, f := range found {
		f = redactFinding(f)
		pr.date(pr.ctx, &f.Evidence)
		for i := range f.Also {
			pr.date(pr.ctx, &f.Also[i])
		}
		problems := ck.Finding(f)
		counts.add(f.Kind, problems)
		if len(problems) > 0 {
			dropped++
			continue
		}
		kept = append(kept, f)
	}
	return kept, dropped
}

// commitFiles reads the files of one commit and of its first parent as the
// analysis has them (analyze.CommitDiff.ReadSource), and any other file,
// or one too large for the analysis to keep, through other.
type commitFiles struct {
	c     analyze.Commit
	cd    *analyze.CommitDiff
	other analyze.FileReader
}

func (f commitFiles) Read(commit, path string, max int64) ([]byte, error) {
	side := analyze.Added
	switch {
	case commit == f.c.Hash:
	case len(f.c.Parents) > 0 && commit == f.c.Parents[0]:
		side = analyze.Removed
	default:
		return f.other.Read(commit, path, max)
	}
	if data, ok := f.cd.ReadSource(path, side); ok && int64(len(data)) <= max {
		return data, nil
	}
	return f.other.Read(commit, path, max)
}

// date states an evidence's commit subject and date as git has them for
// that very commit, never another's.
func (pr *preparer) date(ctx context.Context, ev *finding.Evidence) {
	if ev.Commit == "" {
		return
	}
	if c, err := pr.commit(ctx, ev.Commit); err == nil {
		ev.Subject, ev.Time = c.Subject, c.Time
	}
}

// asideChecker checks findings made outside a commit's result (the
// hotspot window's), as prepare does a commit's, on a goroutine of its
// own: the batch writer's, while prepare goes on with the next results.
// It has its own checker and counts, which the writer takes with its
// batch.
type asideChecker struct {
	pr      *preparer
	checker *factcheck.Checker
	checks  FactChecks
	dropped int
}

func (pr *preparer) aside() *asideChecker {
	return &asideChecker{pr: pr, checker: pr.newChecker(pr.blobs)}
}

// check redacts, dates and checks found, and returns the findings whose
// claims hold.
func (a *asideChecker) check(found []finding.Finding) []finding.Finding {
	kept, dropped := a.pr.checkFindingsWith(a.checker, found, &a.checks)
	a.dropped += dropped
	return kept
}

// take returns the counts since the last call.
func (a *asideChecker) take() (FactChecks, int) {
	c, d := a.checks, a.dropped
	a.checks, a.dropped = FactChecks{}, 0
	return c, d
}

// takeChecks returns the fact-check counts since the last call.
func (pr *preparer) takeChecks() FactChecks {
	c := pr.checks
	pr.checks = FactChecks{}
	return c
}

// redactText is the one redaction boundary: every text that came from git
// passes through it before it is stored, shown or sent.
func redactText(s string) string {
	out, _ := draft.Redact(s)
	return out
}

// redactFinding redacts every text of a finding. The fingerprint was
// computed before this, so a secret's finding still knows it is the same.
func redactFinding(f finding.Finding) finding.Finding {
	f.Text, f.Body, f.Title = redactText(f.Text), redactText(f.Body), redactText(f.Title)
	items := make([]string, len(f.Items))
	for i, it := range f.Items {
		items[i] = redactText(it)
	}
	f.Items = items
	f.Evidence = redactEvidence(f.Evidence)
	also := make([]finding.Evidence, len(f.Also))
	for i, ev := range f.Also {
		also[i] = redactEvidence(ev)
	}
	f.Also = also
	return f
}

func redactEvidence(ev finding.Evidence) finding.Evidence {
	ev.Path, ev.Excerpt, ev.Subject = redactText(ev.Path), redactText(ev.Excerpt), redactText(ev.Subject)
	return ev
}

// withoutDeletions drops the resolutions a file's deletion makes (every
// TODO of a deleted file reads as removed): a deleted file resolves its
// findings only once it is gone from every watched branch, which
// followCode decides after the walk.
func withoutDeletions(resolved []analyze.Resolution, moved map[string]string) []analyze.Resolution {
	if len(moved) == 0 {
		return resolved
	}
	out := resolved[:0:0]
	for _, r := range resolved {
		deleted := false
		for from, to := range moved {
			if to == "" && aboutFile(r.Fingerprint, from) {
				deleted = true
				break
			}
		}
		if !deleted {
			out = append(out, r)
		}
	}
	return out
}

// confirmResolutions drops the removal of a TODO when the file still holds
// an identical one at that commit: the finding is still true. The file is
// read through blobs, the preparer's one git process, unless it is large.
func confirmResolutions(ctx context.Context, repo *analyze.Repo, blobs todo.Blobs, res analyze.Result, opts todo.Options) []analyze.Resolution {
	out := res.Resolved[:0:0]
	for _, r := range res.Resolved {
		if r.ReplacedBy == "" && todo.PathOf(r.Fingerprint) != "" {
			if present, _ := todo.Present(ctx, repo, blobs, res.Commit.Hash, r.Fingerprint, opts); present {
				continue
			}
		}
		out = append(out, r)
	}
	return out
}

// attributesCache keeps the matcher of the last .gitattributes read: it
// rarely changes between commits, so it is parsed again only when its
// content does.
type attributesCache struct {
	mu      sync.Mutex // detect runs on several commits at once
	content []byte
	m       gitattributes.Matcher
}

// matcher is the matcher of the root .gitattributes at the commit, or nil
// when there is none. (Nested .gitattributes files are not read.)
func (a *attributesCache) matcher(cd *analyze.CommitDiff) gitattributes.Matcher {
	data, ok := cd.ReadSource(".gitattributes", analyze.Added)
	if !ok || !bytes.Contains(data, []byte("linguist-")) {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.m != nil && bytes.Equal(data, a.content) {
		return a.m
	}
	attrs, err := gitattributes.ReadAttributes(bytes.NewReader(data), nil, true)
	if err != nil {
		return nil
	}
	a.content, a.m = data, gitattributes.NewMatcher(attrs)
	return a.m
}

// linguistSkipped reports whether .gitattributes marks a path as generated
// or vendored, as GitHub's linguist reads it: what a generator or another
// project wrote is nobody's issue here.
func linguistSkipped(m gitattributes.Matcher, path string) bool {
	got, ok := m.Match(strings.Split(path, "/"), []string{"linguist-generated", "linguist-vendored"})
	if !ok {
		return false
	}
	for _, a := range got {
		if a.IsSet() || a.IsValueSet() && a.Value() == "true" {
			return true
		}
	}
	return false
}

// FactChecks counts the findings whose claims were checked against git and
// those that failed (and were dropped), by kind, and keeps the last
// failures for `status`.
type FactChecks struct {
	Checked int                `json:"checked"`
	Failed  int                `json:"failed"`
	ByKind  map[string][2]int  `json:"by_kind,omitempty"` // kind: checked, failed
	Recent  []FactCheckFailure `json:"recent,omitempty"`
}

type FactCheckFailure struct {
	Kind   string `json:"kind"`
	Path   string `json:"path"`
	Commit string `json:"commit"`
	Reason string `json:"reason"`
}

// maxRecentFailures bounds the failures status keeps.
const maxRecentFailures = 20

func (c *FactChecks) add(kind string, problems []factcheck.Problem) {
	if c.ByKind == nil {
		c.ByKind = map[string][2]int{}
	}
	k := c.ByKind[kind]
	c.Checked++
	k[0]++
	if len(problems) > 0 {
		c.Failed++
		k[1]++
		p := problems[0]
		c.Recent = append(c.Recent, FactCheckFailure{Kind: kind, Path: p.Evidence.Path, Commit: p.Evidence.Commit, Reason: p.Reason})
		if len(c.Recent) > maxRecentFailures {
			c.Recent = c.Recent[len(c.Recent)-maxRecentFailures:]
		}
	}
	c.ByKind[kind] = k
}

func (c *FactChecks) merge(o FactChecks) {
	c.Checked += o.Checked
	c.Failed += o.Failed
	for kind, v := range o.ByKind {
		if c.ByKind == nil {
			c.ByKind = map[string][2]int{}
		}
		k := c.ByKind[kind]
		k[0] += v[0]
		k[1] += v[1]
		c.ByKind[kind] = k
	}
	c.Recent = append(c.Recent, o.Recent...)
	if len(c.Recent) > maxRecentFailures {
		c.Recent = c.Recent[len(c.Recent)-maxRecentFailures:]
	}
}

// cacheFactChecks names the store's running fact-check counts.
const cacheFactChecks = "fact-checks"

// StoredFactChecks reads a repository's fact-check counts.
func StoredFactChecks(tx *store.Tx, repoID string) (FactChecks, error) {
	var c FactChecks
	_, err := tx.Cache(repoID, cacheFactChecks, &c)
	return c, err
}

// recordChecks adds a batch's fact-check counts to the repository's.
func recordChecks(tx *store.Tx, repoID string, c FactChecks) error {
	if c.Checked == 0 {
		return nil
	}
	var total FactChecks
	if _, err := tx.Cache(repoID, cacheFactChecks, &total); err != nil {
		return err
	}
	total.merge(c)
	return tx.PutCache(repoID, cacheFactChecks, total)
}
