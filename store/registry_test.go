package store

import (
	"os"
	"testing"
	"time"
)

// The list beside the database names the enrolled repositories, and is
// written only when it changes (every reconcile rewrites its record).
func TestRegistryFollowsEnrolledRepositories(t *testing.T) {
	s, _ := newStore(t)
	put := func(r Repo) {
		t.Helper()
		if err := s.Update(func(tx *Tx) error { return tx.PutRepo(r) }); err != nil {
			t.Fatal(err)
		}
	}
	put(Repo{ID: "a", Path: "/src/a", GitDir: "/src/a/.git", Enrolled: true, Branches: []string{"main"}})
	put(Repo{ID: "b", Path: "/src/b", GitDir: "/src/b/.git", Enrolled: false})
	got, err := Registry(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].ID != "a" || got[0].Branches[0] != "main" {
		t.Fatalf("registry = %+v", got)
	}
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(registryPath(s.Path()), old, old); err != nil {
		t.Fatal(err)
	}
	put(Repo{ID: "a", Path: "/src/a", GitDir: "/src/a/.git", Enrolled: true, Branches: []string{"main"}, LastError: "x"})
	if info, _ := os.Stat(registryPath(s.Path())); !info.ModTime().Equal(old) {
		t.Error("the list was rewritten although it did not change")
	}
	if err := s.Update(func(tx *Tx) error { return tx.DeleteRepo("a") }); err != nil {
		t.Fatal(err)
	}
	if got, _ := Registry(s.Path()); len(got) != 0 {
		t.Errorf("registry after delete = %+v", got)
	}
}
