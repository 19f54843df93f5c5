package daemon

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/store"
)

// The digest's text is written once per batch (see rewriteDigest): what
// a batch leaves stored must be what writing it after every commit left.
// The same results are applied as one batch to one store and commit by
// commit to another; every draft must come out the same, digest included,
// through items that leave, come back, empty the digest and revive it.
func TestDigestTheSameWhateverTheBatch(t *testing.T) {
	r := newGitRepo(t)
	r.commit("start", nil)
	dep := func(name, commit string) finding.Finding {
		return finding.Finding{Kind: finding.KindDependency, Fingerprint: "dependency:" + name, Text: name + " added",
			Title: "New dependency " + name, Evidence: finding.Evidence{Path: "go.mod", Line: 3, Commit: commit, Excerpt: name + " v1.0.0"}}
	}
	todo := func(text, commit string) finding.Finding {
		return finding.Finding{Kind: finding.KindTODO, Fingerprint: "todo:a.go:" + text, Word: "TODO", Text: text,
			Evidence: finding.Evidence{Path: "a.go", Line: 2, Commit: commit, Excerpt: "// TODO: " + text}}
	}
	resolved := func(commit string, names ...string) []analyze.Resolution {
		var out []analyze.Resolution
		for _, n := range names {
			out = append(out, analyze.Resolution{Fingerprint: "dependency:" + n, Commit: commit})
		}
		return out
	}
	steps := []struct {
		found    []string // dependencies found
		resolved []string // dependencies resolved
		todo     string
	}{
		{found: []string{"a", "b"}, todo: "retry the upload"},
		{found: []string{"c"}, resolved: []string{"a"}},
		{found: []string{"a"}}, // back on the list
		{resolved: []string{"b", "c"}},
		{found: []string{"b"}, todo: "close the file"}, // seen again
		{resolved: []string{"a", "b"}},                 // the digest is empty: withdrawn
		{found: []string{"d"}},                         // and revived
		{found: []string{"d", "e"}},
	}
	var results []analyze.Result
	at := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	for i, st := range steps {
		c := analyze.Commit{Hash: fmt.Sprintf("%040x", i+1), Subject: fmt.Sprintf("step %d", i), Time: at.Add(time.Duration(i) * time.Hour)}
		if i > 0 {
			c.Parents = []string{fmt.Sprintf("%040x", i)}
		}
		res := analyze.Result{Commit: c, Resolved: resolved(c.Hash, st.resolved...)}
		for _, n := range st.found {
			res.Findings = append(res.Findings, dep(n, c.Hash))
		}
		if st.todo != "" {
			res.Findings = append(res.Findings, todo(st.todo, c.Hash))
		}
		results = append(results, res)
	}

	cfg := config.Defaults()
	whole, wholeID := enrolled(t, r, cfg)
	applyResults(t, whole, wholeID, results...)
	each, eachID := enrolled(t, r, cfg)
	for _, res := range results {
		applyResults(t, each, eachID, res)
	}

	got, want := stripTimes(drafts(t, whole, "")), stripTimes(drafts(t, each, ""))
	if !reflect.DeepEqual(got, want) {
		t.Errorf("drafts after one batch:\n%+v\nafter one commit at a time:\n%+v", got, want)
	}
	var digests int
	for _, d := range got {
		if d.Digest {
			digests++
			if d.State != store.DraftPending || len(d.Fingerprints) != 3 || len(d.Evidence) != 2 {
				t.Errorf("digest after d and e were found = %+v, want pending with their two items", d)
			}
		}
	}
	if digests != 1 {
		t.Errorf("%d digests, want 1: %+v", digests, got)
	}

	// Published, the digest is rewritten whole as items go and come: its
	// issue needs the new text, with the resolved items struck through.
	publish := func(rc *Reconciler) {
		t.Helper()
		err := rc.Store.Update(func(tx *store.Tx) error {
			ds, err := tx.Drafts(store.DraftFilter{})
			for _, d := range ds {
				if d.Digest {
					d.State, d.Issue, d.IssueURL = store.DraftPublished, 7, "https://github.com/o/r/issues/7"
					_, err = tx.PutDraft(d)
				}
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	publish(whole)
	publish(each)
	var later []analyze.Result
	for i, st := range []struct{ found, resolved []string }{
		{resolved: []string{"d"}},
		{found: []string{"f"}},
	} {
		c := analyze.Commit{Hash: fmt.Sprintf("%040x", 100+i), Parents: []string{fmt.Sprintf("%040x", 99+i)}, Subject: "later", Time: at.Add(time.Duration(100+i) * time.Hour)}
		res := analyze.Result{Commit: c, Resolved: resolved(c.Hash, st.resolved...)}
		for _, n := range st.found {
			res.Findings = append(res.Findings, dep(n, c.Hash))
		}
		later = append(later, res)
	}
	applyResults(t, whole, wholeID, later...)
	for _, res := range later {
		applyResults(t, each, eachID, res)
	}
	got, want = stripTimes(drafts(t, whole, "")), stripTimes(drafts(t, each, ""))
	if !reflect.DeepEqual(got, want) {
		t.Errorf("published: drafts after one batch:\n%+v\nafter one commit at a time:\n%+v", got, want)
	}
	for _, d := range got {
		if !d.Digest {
			continue
		}
		if !d.NeedsUpdate || len(d.Evidence) != 3 || !strings.Contains(d.Body, "~~") || !strings.Contains(d.Body, "dependency:f") {
			t.Errorf("published digest after d was resolved and f found: needs update %v, %d items:\n%s", d.NeedsUpdate, len(d.Evidence), d.Body)
		}
	}
}

// stripTimes leaves out when drafts were written, which differs between
// two runs.
func stripTimes(ds []store.Draft) []store.Draft {
	out := make([]store.Draft, len(ds))
	for i, d := range ds {
		d.CreatedAt, d.UpdatedAt = time.Time{}, time.Time{}
		out[i] = d
	}
	return out
}
