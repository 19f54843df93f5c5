package store

import (
	"path/filepath"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// A throwaway database (analyze's) commits without waiting for the disk;
// every other one waits, as bbolt's safety needs. Both keep what they
// commit.
func TestThrowawayStoreSkipsSync(t *testing.T) {
	for _, throwaway := range []bool{false, true} {
		s, err := Open(filepath.Join(t.TempDir(), "t.db"), Options{Throwaway: throwaway})
		if err != nil {
			t.Fatal(err)
		}
		err = s.withDB(false, func(db *bolt.DB) error {
			if db.NoSync != throwaway || db.NoGrowSync != throwaway {
				t.Errorf("Throwaway %v: bbolt NoSync %v, NoGrowSync %v", throwaway, db.NoSync, db.NoGrowSync)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Update(func(tx *Tx) error { return tx.PutRepo(Repo{ID: "r", Path: "/r"}) }); err != nil {
			t.Fatal(err)
		}
		err = s.View(func(tx *Tx) error {
			_, err := tx.Repo("r")
			return err
		})
		if err != nil {
			t.Errorf("Throwaway %v: the repository committed is not read back: %v", throwaway, err)
		}
	}
}
