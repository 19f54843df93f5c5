package daemon

import (
	"slices"
	"sort"
	"strings"

	"github.com/ticket-master/ticket-master/draft"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/store"
)

// cacheBudget names the store's record of the drafts created, for the
// draft budget.
const cacheBudget = "draft-budget"

// budgetLedger remembers when drafts were created, as the number of
// commits analysed by then, so that the budget counts the drafts of the
// last window of analysed commits.
type budgetLedger struct {
	Created []int `json:"created"` // ordinals, ascending
}

// used counts the drafts created after ordinal from (exclusive).
func (l budgetLedger) used(from int) int {
	i := sort.SearchInts(l.Created, from+1)
	return len(l.Created) - i
}

// trim forgets what fell out of every window.
func (l *budgetLedger) trim(from int) {
	i := sort.SearchInts(l.Created, from+1)
	l.Created = append([]int(nil), l.Created[i:]...)
}

// draftQueue decides which open findings get a draft: within the budget,
// best first (severity, then confidence); low-severity ones go into the
// repository's maintenance digest; the rest wait until room frees up. It
// lives for one transaction.
type draftQueue struct {
	w        *writer
	analysed int // commits analysed so far, the current one included
	ledger   budgetLedger
	waiting  map[string]store.Finding // open findings without a draft
	seq      map[string]int           // the order they became waiting in
	next     int
	digest   bool // the digest's items changed
	lines    draft.DigestLines
	// digestText holds the items of the digest's last rewrite while its
	// text waits to be written, by save.
	digestText *[]store.Finding
	titleKeys  map[string]string // by title, see titleKey
}

// wait adds a finding to the waiting ones, after those already there.
func (q *draftQueue) wait(f store.Finding) {
	if _, ok := q.waiting[f.Fingerprint]; !ok {
		q.seq[f.Fingerprint] = q.next
		q.next++
	}
	q.waiting[f.Fingerprint] = f
}

// digestFingerprint is the fingerprint of a repository's maintenance
// digest draft; its items are the findings its draft also lists. It is the
// same in every repository (its hidden marker then finds the one digest
// issue of a GitHub repository, whichever clone published it).
func digestFingerprint(string) string { return "digest:maintenance" }

func loadQueue(tx *store.Tx, w *writer) (*draftQueue, error) {
	q := &draftQueue{w: w, analysed: tx.AnalysedCount(w.rec.ID), waiting: map[string]store.Finding{}, seq: map[string]int{}}
	if _, err := tx.Cache(w.rec.ID, cacheBudget, &q.ledger); err != nil {
		return nil, err
	}
	open, err := tx.Findings(w.rec.ID, store.FindingOpen)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(open, func(i, j int) bool { return open[i].FirstSeen.Before(open[j].FirstSeen) })
	for _, f := range open {
		d, has, err := tx.DraftForFinding(w.rec.ID, f.Fingerprint)
		if err != nil {
			return nil, err
		}
		if !has || d.State == store.DraftWithdrawn || d.Digest && !slices.Contains(d.Fingerprints, f.Fingerprint) {
			q.wait(f)
		}
	}
	return q, nil
}

func (q *draftQueue) save(tx *store.Tx) error {
	if err := q.writeDigestText(tx); err != nil {
		return err
	}
	if w := q.w.plan.settings.Budget.Window; w > 0 {
		q.ledger.trim(q.analysed - w)
	}
	return tx.PutCache(q.w.rec.ID, cacheBudget, q.ledger)
}

// forget takes a finding out of the waiting ones.
func (q *draftQueue) forget(fp string) {
	delete(q.waiting, fp)
	delete(q.seq, fp)
}

// room is how many drafts may still be created now; -1 means no limit.
func (q *draftQueue) room() int {
	b := q.w.plan.settings.Budget
	allowed := b.Allowed(q.analysed)
	if allowed < 0 {
		return -1
	}
	from := 0
	if b.Window > 0 {
		from = q.analysed - b.Window
	}
	return max(allowed-q.ledger.used(from), 0)
}

// sync brings drafts in line with one commit's changes, then drafts the
// best waiting findings the budget has room for.
func (q *draftQueue) sync(tx *store.Tx, ch changes) error {
	rid := q.w.rec.ID
	for _, fp := range ch.closed {
		q.forget(fp)
		d, has, err := tx.DraftForFinding(rid, fp)
		if err != nil {
			return err
		}
		if !has {
			continue
		}
		if d.Digest {
			q.digest = true
			continue
		}
		if d.State != store.DraftPending {
			continue
		}
		// A draft that covers several findings (merged duplicates) stays
		// while any of them is open.
		open, err := anyOpen(tx, rid, d.Fingerprints)
		if err != nil {
			return err
		}
		if open {
			if draft.IsList(d.Evidence) || mergesByCommit(d) {
				// A list of notes loses the one done; a commit's
				// untested files, the one now tested.
				if err := q.regroup(tx, d); err != nil {
					return err
				}
			}
			continue // the other findings, and this batch's new ones, go on
		}
		d.State = store.DraftWithdrawn
		if _, err := tx.PutDraft(d); err != nil {
			return err
		}
		q.w.sum.Withdrawn++
	}
	for _, fp := range ch.restated {
		if err := q.restate(tx, fp); err != nil {
			return err
		}
	}
	for _, fp := range ch.opened {
		f, ok, err := tx.Finding(rid, fp)
		if err != nil || !ok {
			return err
		}
		d, has, err := tx.DraftForFinding(rid, fp)
		if err != nil {
			return err
		}
		switch {
		case has && d.Digest && slices.Contains(d.Fingerprints, fp):
			q.digest = true // an item back on the checklist
		case has && d.Digest:
			// It left the checklist once, resolved; found again, it is
			// ranked anew, and may now be worth a draft of its own
			// (go-git 5c24dfb3's untested object.go, medium, whose
			// low-severity finding of an earlier commit the digest
			// had listed).
			q.wait(f)
		case has && d.State == store.DraftPending:
			// Found again while its draft waits (resolved and found anew
			// in one commit, or back in its commit's draft): the draft is
			// worded from what was found now. olekukonko/tablewriter
			// 9eed19c moved WithHeaderAutoFormat out of config.go and added
			// thirty builder methods there; the pending draft kept asking
			// for tests of WithHeaderAutoFormat (round 72, stale).
			if err := q.restate(tx, fp); err != nil {
				return err
			}
		case has && d.State != store.DraftWithdrawn && !d.Digest:
			// Published or discarded: a person decided; nothing to add.
		default:
			q.wait(f)
		}
	}
	return q.fill(tx)
}

// restate rewrites the pending template draft of a finding that was said
// anew (a hotspot's new counts, a TODO's edited text, a renamed file), so
// that the draft states what is true now.
func (q *draftQueue) restate(tx *store.Tx, fp string) error {
	rid := q.w.rec.ID
	d, has, err := tx.DraftForFinding(rid, fp)
	if err != nil || !has {
		if !has {
			if f, ok, ferr := tx.Finding(rid, fp); ferr == nil && ok && f.Status == store.FindingOpen {
				q.wait(f)
			}
		}
		return err
	}
	if d.Digest {
		if !slices.Contains(d.Fingerprints, fp) {
			// Not on the checklist (any more): ranked anew, as a
			// finding found again is (sync).
			if f, ok, ferr := tx.Finding(rid, fp); ferr != nil || ok && f.Status == store.FindingOpen {
				if ferr != nil {
					return ferr
				}
				q.wait(f)
			}
			return nil
		}
		q.digest = true
		return nil
	}
	if draft.IsList(d.Evidence) || mergesByCommit(d) {
		return q.regroup(tx, d) // a note of the list edited or moved
	}
	if d.State != store.DraftPending || d.Edited || d.DraftedBy != draft.TemplateName || d.Fingerprint() != fp {
		return nil
	}
	f, ok, err := tx.Finding(rid, fp)
	if err != nil || !ok {
		return err
	}
	d.Evidence[0] = f.Evidence
	return q.retemplate(tx, d, f)
}

// retemplate rewrites a pending template draft's title, body and labels
// from f, as the template drafter writes them now, and stores it.
func (q *draftQueue) retemplate(tx *store.Tx, d store.Draft, f store.Finding) error {
	is := draft.Template(q.w.target, f)
	title, err := q.distinctTitle(tx, d.ID, is.Title, f)
	if err != nil {
		return err
	}
	d.Title, d.Body = title, is.Body
	d.Labels = finding.MergeLabels(is.Labels, q.w.plan.settings.Labels)
	_, err = tx.PutDraft(d)
	return err
}

// fill drafts the best waiting findings while the budget and the
// per-commit cap allow; low-severity ones join the digest.
func (q *draftQueue) fill(tx *store.Tx) error {
	room := q.room()
	perCommit := q.w.plan.settings.MaxDraftsPerCommit
	created := 0
	allowed := func() bool {
		return room != 0 && (perCommit <= 0 || created < perCommit)
	}
	take := func() {
		created++
		if room > 0 {
			room--
		}
		q.ledger.Created = append(q.ledger.Created, q.analysed)
		q.w.sum.NewDrafts++
	}
	var low, rest []store.Finding
	for _, f := range q.waiting {
		switch {
		case f.Severity == finding.Low:
			low = append(low, f)
		case room != 0:
			// With no room, none of the rest can be drafted: a backfill
			// over its budget would copy and sort them at every commit.
			rest = append(rest, f)
		}
	}
	// The best go first when there is not room for all; the drafts are
	// then created (numbered) in the order their findings came, by commit
	// and then by path, as people read a diff.
	sortByRank(rest)
	var chosen []store.Finding
	left := room
	for _, f := range rest {
		if left == 0 || perCommit > 0 && len(chosen) >= perCommit {
			break
		}
		chosen = append(chosen, f)
		if left > 0 {
			left--
		}
	}
	sort.SliceStable(chosen, func(i, j int) bool { return q.seq[chosen[i].Fingerprint] < q.seq[chosen[j].Fingerprint] })
	for _, f := range chosen {
		if !allowed() {
			break
		}
		if _, ok := q.waiting[f.Fingerprint]; !ok {
			continue // joined an earlier draft of this round
		}
		group := q.sameTextAs(f)
		if len(group) == 1 {
			if notes := q.sameFileNotes(f); len(notes) >= minListNotes || nearPair(notes) {
				group = notes
			} else if same := q.sameCommit(f); len(same) > 1 {
				group = same
			}
		}
		if err := q.newDraft(tx, group); err != nil {
			return err
		}
		take()
	}
	if len(low) > 0 {
		d, live, err := q.liveDigest(tx)
		if err != nil {
			return err
		}
		if !live && allowed() {
			take()
			live = true
		}
		if live {
			sortByRank(low)
			for _, f := range low {
				if !slices.Contains(d.Fingerprints, f.Fingerprint) {
					d.Fingerprints = append(d.Fingerprints, f.Fingerprint)
				}
				q.forget(f.Fingerprint)
			}
			if d.State == store.DraftWithdrawn {
				d.State = store.DraftPending
			}
			if _, err := tx.PutDraft(untexted(d)); err != nil {
				return err
			}
			q.digest = true // rewriteDigest follows
		}
	}
	if q.digest {
		q.digest = false
		return q.rewriteDigest(tx)
	}
	return nil
}

// sortByRank orders findings best first: severity, then confidence, then
// the older first.
func sortByRank(fs []store.Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Severity.Rank() != b.Severity.Rank() {
			return a.Severity.Rank() > b.Severity.Rank()
		}
		if a.Confidence != b.Confidence {
			return a.Confidence > b.Confidence
		}
		if !a.FirstSeen.Equal(b.FirstSeen) {
			return a.FirstSeen.Before(b.FirstSeen)
		}
		return a.Fingerprint < b.Fingerprint
	})
}

// sameTextAs is f with the waiting findings that say the same in other
// files of the same commit (the same TODO pasted into two files): one
// draft cites them all.
func (q *draftQueue) sameTextAs(f store.Finding) []store.Finding {
	group := []store.Finding{f}
	key := draft.SameTextKey(f)
	if key == "" {
		return group
	}
	var others []store.Finding
	for fp, o := range q.waiting {
		if fp != f.Fingerprint && o.Evidence.Commit == f.Evidence.Commit && draft.SameTextKey(o) == key {
			others = append(others, o)
		}
	}
	sort.Slice(others, func(i, j int) bool { return others[i].Evidence.Path < others[j].Evidence.Path })
	return append(group, others...)
}

// minListNotes is how many notes of one word one commit must leave in one
// file for them to be one draft, a list (draft.IsList), rather than a
// draft each: two notes a commit adds to a file are often unrelated
// (unless they say nearly the same next to each other: nearPair), a
// file's worth of them
// is its to-do list.
const minListNotes = 3

// maxNearLines is how far apart two notes of one commit in one file may be
// and still be one draft: rows of one table, lines of one function.
const maxNearLines = 5

// nearPair reports two notes (ordered by line) that say nearly the same
// close enough to be one: BurntSushi/toml 60801d0 wrote "TODO: should
// include \"a\"" and, two rows below in the same test table, "should
// include \"a.a\"", one gap in Meta.Keys drafted twice (round 79). Two
// neighbours that ask different things ("support retries in the client",
// "document the flags") stay a draft each.
func nearPair(notes []store.Finding) bool {
	return len(notes) == 2 && notes[1].Evidence.Line-notes[0].Evidence.Line <= maxNearLines &&
		draft.WordSimilarity(notes[0].Text, notes[1].Text) >= minNearSimilarity
}

// minNearSimilarity is how alike (draft.WordSimilarity) two near notes'
// texts must be to be one draft.
const minNearSimilarity = 0.5

// sameFileNotes is f with the waiting notes of its word that its commit
// left in its file, ordered by line, when f is a note that gets a draft of
// its own. Low-severity notes stay in the digest.
func (q *draftQueue) sameFileNotes(f store.Finding) []store.Finding {
	group := []store.Finding{f}
	if f.Kind != finding.KindTODO || f.Severity == finding.Low {
		return group
	}
	for fp, o := range q.waiting {
		if fp != f.Fingerprint && o.Kind == f.Kind && o.Word == f.Word && o.Severity != finding.Low &&
			o.Evidence.Commit == f.Evidence.Commit && o.Evidence.Path == f.Evidence.Path {
			group = append(group, o)
		}
	}
	sort.SliceStable(group, func(i, j int) bool { return group[i].Evidence.Line < group[j].Evidence.Line })
	return group
}

// regroup rewrites a pending template draft of a list of notes from the
// notes of it still open, each at its place now: a note done leaves the
// list, an edited one is quoted as it reads. A draft of one commit's
// findings (mergesByCommit) is worded again from those still open. The
// draft keeps its fingerprints (a note that comes back is on the list
// again at the next rewrite) and its marker, the first fingerprint's,
// which publishing looks for.
func (q *draftQueue) regroup(tx *store.Tx, d store.Draft) error {
	if d.State != store.DraftPending || d.Edited || d.DraftedBy != draft.TemplateName {
		return nil
	}
	open, err := openFindings(tx, d)
	if err != nil || len(open) == 0 {
		return err // none: withdrawn by the caller
	}
	if mergesByCommit(d) {
		sortByPath(open)
	} else {
		sort.SliceStable(open, func(i, j int) bool { return open[i].Evidence.Line < open[j].Evidence.Line })
	}
	d.Evidence = nil
	for _, o := range open {
		d.Evidence = append(d.Evidence, o.Evidence)
	}
	return q.retemplate(tx, d, leadOf(open, d.Fingerprint()))
}

// newDraft drafts a group of findings as one template draft (or revives
// the withdrawn draft of the first one).
func (q *draftQueue) newDraft(tx *store.Tx, group []store.Finding) error {
	rid := q.w.rec.ID
	f := group[0]
	d, _, err := tx.DraftForFinding(rid, f.Fingerprint)
	if err != nil {
		return err
	}
	if d.Digest {
		d = store.Draft{} // it left the digest (its severity changed): a draft of its own
	}
	for _, o := range group[1:] {
		f.Also = append(f.Also, o.Evidence)
	}
	if len(group) > 1 {
		if err := tx.PutFinding(rid, f); err != nil {
			return err
		}
	}
	f = merged(f, group)
	is := draft.Template(q.w.target, f)
	d.RepoID, d.Repo = rid, q.w.rec.Path
	d.Fingerprints, d.Evidence = nil, nil
	for _, g := range group {
		d.Fingerprints = append(d.Fingerprints, g.Fingerprint)
		d.Evidence = append(d.Evidence, g.Evidence)
		q.forget(g.Fingerprint)
	}
	title, err := q.distinctTitle(tx, d.ID, is.Title, f)
	if err != nil {
		return err
	}
	d.Title, d.Body = title, is.Body
	d.Labels = finding.MergeLabels(is.Labels, q.w.plan.settings.Labels)
	d.State, d.DraftedBy, d.Note = store.DraftPending, draft.TemplateName, ""
	_, err = tx.PutDraft(d)
	return err
}

// distinctTitle keeps two pending drafts of a repository from sharing a
// title (the same note in two files, in two commits): the new one names its
// file after the title.
func (q *draftQueue) distinctTitle(tx *store.Tx, id uint64, title string, f store.Finding) (string, error) {
	pending, err := tx.Drafts(store.DraftFilter{RepoID: q.w.rec.ID, State: store.DraftPending})
	if err != nil {
		return "", err
	}
	want := q.titleKey(title)
	for _, d := range pending {
		if d.ID != id && q.titleKey(d.Title) == want {
			return draft.TitleAt(title, f), nil
		}
	}
	return title, nil
}

// titleKey is a title as distinctTitle compares it: lower case, spaces
// folded. The keys are kept, since every draft made compares its title with
// those of all pending drafts.
func (q *draftQueue) titleKey(title string) string {
	if k, ok := q.titleKeys[title]; ok {
		return k
	}
	k := strings.Join(strings.Fields(strings.ToLower(title)), " ")
	if q.titleKeys == nil {
		q.titleKeys = map[string]string{}
	}
	q.titleKeys[title] = k
	return k
}

// liveDigest returns the repository's digest draft; live is false when
// there is none yet, or it was withdrawn, or discarded (then the low
// findings wait: a person said no to the checklist).
func (q *draftQueue) liveDigest(tx *store.Tx) (store.Draft, bool, error) {
	rid := q.w.rec.ID
	fp := digestFingerprint(rid)
	d, has, err := tx.DraftForFinding(rid, fp)
	if err != nil {
		return d, false, err
	}
	if !has {
		d = store.Draft{RepoID: rid, Repo: q.w.rec.Path, Fingerprints: []string{fp}, Digest: true,
			State: store.DraftWithdrawn, DraftedBy: draft.TemplateName}
		return d, false, nil
	}
	switch d.State {
	case store.DraftPending, store.DraftPublished:
		return d, true, nil
	case store.DraftDiscarded:
		return d, false, nil
	}
	return d, false, nil
}

// rewriteDigest brings the digest in line with its findings: open items
// to do; on a published digest, resolved items struck through (the issue
// on GitHub is updated by publish and review). A pending digest with
// nothing open is withdrawn. Its text (the checklist, its evidence and
// labels) is written once, when the queue is saved (writeDigestText): a
// backfill changes the digest in many commits of a batch, and rendering
// and storing the whole checklist each time was most of the queue's cost.
// The text is the one the last rewrite would have written, from the items
// as they stood then. A published digest is written whole at once: each
// change of its text marks it for an update on GitHub.
func (q *draftQueue) rewriteDigest(tx *store.Tx) error {
	rid := q.w.rec.ID
	d, has, err := tx.DraftForFinding(rid, digestFingerprint(rid))
	if err != nil || !has || d.State == store.DraftDiscarded {
		return err
	}
	var items []store.Finding
	keep := d.Fingerprints[:1:1]
	open := 0
	for _, fp := range d.Fingerprints[1:] {
		f, ok, err := tx.Finding(rid, fp)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if f.Status == store.FindingOpen {
			open++
		} else if d.State != store.DraftPublished {
			continue // never on GitHub: just leave it out
		}
		keep = append(keep, fp)
		items = append(items, f)
	}
	if d.State == store.DraftPublished {
		d.Fingerprints = keep
		q.digestText = nil
		d = q.digestWithText(d, items)
		_, err = tx.PutDraft(d)
		return err
	}
	q.digestText = &items
	changed := !slices.Equal(keep, d.Fingerprints) || d.Title != draft.DigestTitle
	d.Fingerprints, d.Title = keep, draft.DigestTitle
	if open == 0 && d.State == store.DraftPending {
		d.State = store.DraftWithdrawn
		q.w.sum.Withdrawn++
		changed = true
	}
	if !changed {
		// Writing it would only point its findings at it again: skip
		// that when they all do already.
		for _, fp := range keep {
			id, ok, err := tx.DraftIDForFinding(rid, fp)
			if err != nil {
				return err
			}
			if !ok || id != d.ID {
				changed = true
				break
			}
		}
	}
	if !changed {
		return nil
	}
	_, err = tx.PutDraft(untexted(d))
	return err
}

// untexted is a digest that is not published without its checklist and
// evidence, as the writes before save's store it: save writes them afresh
// from the items, and until then every read and write of the batch would
// carry the whole checklist along (a few hundred reads of 18 KB each in a
// 2,000-commit backfill). A published digest keeps its text: the next
// rewrite compares it with the new one.
func untexted(d store.Draft) store.Draft {
	if d.State != store.DraftPublished {
		d.Body, d.Evidence = "", nil
	}
	return d
}

// writeDigestText writes the digest's text from the items its last
// rewrite found, when one is due.
func (q *draftQueue) writeDigestText(tx *store.Tx) error {
	if q.digestText == nil {
		return nil
	}
	items := *q.digestText
	q.digestText = nil
	rid := q.w.rec.ID
	d, has, err := tx.DraftForFinding(rid, digestFingerprint(rid))
	if err != nil || !has || d.State == store.DraftDiscarded {
		return err
	}
	// Only the text changes: which draft each finding points to stays as
	// the rewrites and the writes after them left it.
	return tx.RewriteDraft(q.digestWithText(d, items))
}

// digestWithText is the digest with its checklist, labels and evidence
// written from items.
func (q *draftQueue) digestWithText(d store.Draft, items []store.Finding) store.Draft {
	is := q.lines.Digest(q.w.target, d.Fingerprint(), items)
	if d.State == store.DraftPublished && d.Body != is.Body {
		d.NeedsUpdate = true
	}
	d.Title, d.Body = is.Title, is.Body
	if !d.Edited || len(d.Labels) == 0 {
		// Labels a person chose in review stay as the list changes.
		d.Labels = finding.MergeLabels(is.Labels, q.w.plan.settings.Labels)
	}
	d.Evidence = nil
	for _, f := range items {
		d.Evidence = append(d.Evidence, f.Evidence)
	}
	return d
}

func anyOpen(tx *store.Tx, repoID string, fps []string) (bool, error) {
	for _, fp := range fps {
		f, ok, err := tx.Finding(repoID, fp)
		if err != nil {
			return false, err
		}
		if ok && f.Status == store.FindingOpen {
			return true, nil
		}
	}
	return false, nil
}
