package store

import (
	"testing"

	"github.com/ticket-master/ticket-master/finding"
)

// While decoded records are reused across transactions, a read gives
// what is stored now: a record another handle on the file rewrote is
// decoded afresh, a copy changed by a caller changes nothing, and once the
// last user is done nothing is kept.
func TestReuseDecodedGivesWhatIsStored(t *testing.T) {
	s, _ := newStore(t)
	other, err := Open(s.Path(), Options{Now: s.opts.Now}) // another process, say
	if err != nil {
		t.Fatal(err)
	}
	put := func(st *Store, title, status string) {
		t.Helper()
		err := st.Update(func(tx *Tx) error {
			if err := tx.PutRepo(Repo{ID: "r1", Path: "/p"}); err != nil {
				return err
			}
			if err := tx.PutFinding("r1", Finding{Finding: finding.Finding{Fingerprint: "todo:a.go:1", Labels: []string{"todo"}}, Status: status}); err != nil {
				return err
			}
			d := Draft{ID: 0, RepoID: "r1", Fingerprints: []string{"todo:a.go:1"}, Title: title, State: DraftPending, Labels: []string{"todo"}}
			if ds, err := tx.Drafts(DraftFilter{}); err == nil && len(ds) == 1 {
				d.ID = ds[0].ID
			}
			_, err := tx.PutDraft(d)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	read := func() (Draft, Finding) {
		t.Helper()
		var d Draft
		var f Finding
		err := s.View(func(tx *Tx) error {
			ds, err := tx.Drafts(DraftFilter{RepoID: "r1", State: DraftPending})
			if err != nil || len(ds) != 1 {
				t.Fatalf("pending drafts = %+v, %v", ds, err)
			}
			d = ds[0]
			fs, err := tx.Findings("r1", "")
			if err != nil || len(fs) != 1 {
				t.Fatalf("findings = %+v, %v", fs, err)
			}
			f = fs[0]
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return d, f
	}

	put(s, "first", FindingOpen)
	done := s.ReuseDecoded()
	d, f := read()
	d.Labels[0], f.Labels[0] = "changed", "changed" // a caller's copies
	if d, f := read(); d.Title != "first" || d.Labels[0] != "todo" || f.Labels[0] != "todo" {
		t.Errorf("second read = %+v, %+v; want the stored record", d, f)
	}
	if len(s.reuse.drafts) != 1 || len(s.reuse.findings["r1"]) != 1 {
		t.Errorf("kept %d drafts and %d findings, want 1 and 1", len(s.reuse.drafts), len(s.reuse.findings["r1"]))
	}
	put(other, "second", FindingResolved)
	if d, f := read(); d.Title != "second" || f.Status != FindingResolved {
		t.Errorf("after another handle rewrote them: %q, %q; want second, resolved", d.Title, f.Status)
	}
	again := s.ReuseDecoded() // a second reconcile
	done()
	done() // twice is once
	if len(s.reuse.drafts) == 0 {
		t.Errorf("one user left, yet nothing is kept")
	}
	again()
	if s.reuse.drafts != nil || s.reuse.findings != nil || s.reuse.size != 0 {
		t.Errorf("after the last user: %d drafts, %d repositories' findings, %d bytes kept", len(s.reuse.drafts), len(s.reuse.findings), s.reuse.size)
	}
	read()
	if s.reuse.drafts != nil {
		t.Errorf("records kept with no user")
	}
}

// Past its limit the reuse starts over instead of growing.
func TestReuseDecodedIsBounded(t *testing.T) {
	r := &reuse{users: 1}
	raw := make([]byte, reuseLimit/3+1)
	for id := range uint64(3) {
		r.keepDraft(id, raw, Draft{ID: id})
	}
	if len(r.drafts) != 1 || r.size != len(raw) {
		t.Errorf("after three records of a third of the limit: %d kept, %d bytes; want the last one alone", len(r.drafts), r.size)
	}
	r.keepDraft(2, raw[:10], Draft{ID: 2}) // replaced: its old bytes no longer count
	if r.size != 10 {
		t.Errorf("after replacing the record: %d bytes counted, want 10", r.size)
	}
}
