package store

import (
	"fmt"
	"reflect"
	"slices"
	"testing"

	"github.com/ticket-master/ticket-master/finding"
)

// TestClonesCoverEveryReference fails when Finding or Draft gains a slice,
// map or pointer that cloneFinding or cloneDraft does not copy: a caller
// changing it would change the transaction's cached record.
func TestClonesCoverEveryReference(t *testing.T) {
	cases := []struct {
		typ    reflect.Type
		copied []string
	}{
		{reflect.TypeFor[Finding](), []string{"Items", "Labels", "Also", "Latest"}},
		{reflect.TypeFor[Draft](), []string{"Fingerprints", "Labels", "Evidence"}},
	}
	for _, c := range cases {
		for _, name := range references(c.typ) {
			if !slices.Contains(c.copied, name) {
				t.Errorf("%s.%s is a reference its clone does not copy: copy it in store/decoded.go", c.typ.Name(), name)
			}
		}
	}
}

// references lists the fields of a struct (and of the structs it embeds
// or holds by value) that share memory when copied; time.Time's location
// is immutable and does not count.
func references(t reflect.Type) []string {
	var out []string
	for f := range t.Fields() {
		switch {
		case f.Type == reflect.TypeFor[finding.Evidence]():
			// All strings, ints and a time.Time: copied by value.
		case f.Type.Kind() == reflect.Struct && f.Type.PkgPath() != "time":
			out = append(out, references(f.Type)...)
		case f.Type.Kind() == reflect.Slice || f.Type.Kind() == reflect.Map || f.Type.Kind() == reflect.Pointer || f.Type.Kind() == reflect.Interface:
			out = append(out, f.Name)
		}
	}
	return out
}

func TestEvidenceIsCopiedByValue(t *testing.T) {
	for f := range reflect.TypeFor[finding.Evidence]().Fields() {
		if k := f.Type.Kind(); k == reflect.Slice || k == reflect.Map || k == reflect.Pointer || k == reflect.Interface {
			t.Errorf("finding.Evidence.%s is a reference: copy it in cloneFinding and cloneDraft", f.Name)
		}
	}
}

// TestDecodedRecordsStayAsStored changes what reads return and writes
// records again inside one transaction: every later read gives what is
// stored, never a caller's change nor a stale copy.
func TestDecodedRecordsStayAsStored(t *testing.T) {
	s, _ := newStore(t)
	err := s.Update(func(tx *Tx) error {
		if err := tx.PutRepo(Repo{ID: "r1", Path: "/p"}); err != nil {
			return err
		}
		f := Finding{Finding: finding.Finding{Fingerprint: "todo:a.go:1", Labels: []string{"todo"}, Also: []finding.Evidence{{Path: "b.go"}}}, Status: FindingOpen, Latest: &finding.Evidence{Path: "a.go"}}
		if err := tx.PutFinding("r1", f); err != nil {
			return err
		}
		d, err := tx.PutDraft(Draft{RepoID: "r1", Fingerprints: []string{"todo:a.go:1"}, Title: "t", Labels: []string{"todo"}, State: DraftPending, Evidence: []finding.Evidence{{Path: "a.go"}}})
		if err != nil {
			return err
		}

		got, _, _ := tx.Finding("r1", "todo:a.go:1")
		got.Labels[0], got.Also[0].Path, got.Latest.Path, got.Status = "x", "x", "x", "x"
		all, _ := tx.Findings("r1", "")
		all[0].Labels[0] = "y"
		open, _ := tx.Findings("r1", FindingOpen) // filtered from the cache
		open[0].Also[0].Path, open[0].Latest.Path = "z", "z"
		again, ok, err := tx.Finding("r1", "todo:a.go:1")
		if err != nil || !ok || again.Labels[0] != "todo" || again.Also[0].Path != "b.go" || again.Latest.Path != "a.go" || again.Status != FindingOpen {
			t.Errorf("finding after changing returned copies = %+v (ok %v, err %v)", again, ok, err)
		}

		gd, _ := tx.Draft(d.ID)
		gd.Fingerprints[0], gd.Labels[0], gd.Evidence[0].Path = "x", "x", "x"
		ds, _ := tx.Drafts(DraftFilter{})
		ds[0].Labels[0] = "y"
		pending, _ := tx.Drafts(DraftFilter{RepoID: "r1", State: DraftPending}) // filtered from the cache
		pending[0].Evidence[0].Path, pending[0].Fingerprints[0] = "z", "z"
		byFP, _, _ := tx.DraftForFinding("r1", "todo:a.go:1")
		if byFP.Fingerprints[0] != "todo:a.go:1" || byFP.Labels[0] != "todo" || byFP.Evidence[0].Path != "a.go" {
			t.Errorf("draft after changing returned copies = %+v", byFP)
		}

		f.Status = FindingResolved
		if err := tx.PutFinding("r1", f); err != nil {
			return err
		}
		if again, _, _ := tx.Finding("r1", "todo:a.go:1"); again.Status != FindingResolved {
			t.Errorf("finding read after a write = %q, want resolved", again.Status)
		}
		if open, _ := tx.Findings("r1", FindingOpen); len(open) != 0 {
			t.Errorf("open findings after resolving the only one = %d", len(open))
		}
		byFP.Title = "new"
		if _, err := tx.PutDraft(byFP); err != nil {
			return err
		}
		if ds, _ := tx.Drafts(DraftFilter{}); len(ds) != 1 || ds[0].Title != "new" {
			t.Errorf("drafts after a write = %+v", ds)
		}
		if err := tx.DeleteRepo("r1"); err != nil {
			return err
		}
		if _, err := tx.Draft(d.ID); err == nil {
			t.Errorf("draft %d still read after its repository was deleted", d.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestFilteredListsFromTheCache lists findings and drafts by status once
// decoded: a listing read from the cache keeps only what matches, as one
// decoded from the file does.
func TestFilteredListsFromTheCache(t *testing.T) {
	s, _ := newStore(t)
	err := s.Update(func(tx *Tx) error {
		for _, r := range []string{"r1", "r2"} {
			if err := tx.PutRepo(Repo{ID: r, Path: "/" + r}); err != nil {
				return err
			}
		}
		for i, st := range []string{FindingOpen, FindingResolved, FindingOpen} {
			f := Finding{Finding: finding.Finding{Fingerprint: fmt.Sprintf("todo:a.go:%d", i)}, Status: st}
			if err := tx.PutFinding("r1", f); err != nil {
				return err
			}
		}
		for _, d := range []Draft{
			{RepoID: "r1", Fingerprints: []string{"todo:a.go:0"}, State: DraftPending},
			{RepoID: "r1", Fingerprints: []string{"todo:a.go:1"}, State: DraftWithdrawn},
			{RepoID: "r2", Fingerprints: []string{"todo:b.go:0"}, State: DraftPending},
		} {
			if _, err := tx.PutDraft(d); err != nil {
				return err
			}
		}
		for pass := range 2 { // the second pass reads the cache the first filled
			open, err := tx.Findings("r1", FindingOpen)
			if err != nil || len(open) != 2 || open[0].Status != FindingOpen || open[1].Status != FindingOpen {
				t.Errorf("pass %d: open findings = %+v, %v; want 2", pass, open, err)
			}
			pending, err := tx.Drafts(DraftFilter{RepoID: "r1", State: DraftPending})
			if err != nil || len(pending) != 1 || pending[0].Fingerprints[0] != "todo:a.go:0" {
				t.Errorf("pass %d: pending drafts of r1 = %+v, %v; want the one of todo:a.go:0", pass, pending, err)
			}
			if all, _ := tx.Drafts(DraftFilter{}); len(all) != 3 {
				t.Errorf("pass %d: %d drafts in all, want 3", pass, len(all))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
