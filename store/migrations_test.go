package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// migrationTests has one entry per migration step: seed writes a database
// as the schema before the step laid it out (what an older binary left
// behind), check looks at it after the step.
var migrationTests = []struct {
	seed  func(t *testing.T, tx *bolt.Tx)
	check func(t *testing.T, tx *bolt.Tx)
}{
	0: {
		seed: func(*testing.T, *bolt.Tx) {}, // a bbolt file with nothing in it
		check: func(t *testing.T, tx *bolt.Tx) {
			if tx.Bucket(bucketRepos) == nil || tx.Bucket(bucketDrafts) == nil {
				t.Error("top-level buckets missing")
			}
		},
	},
	1: {
		// Schema 1 as the code of that time wrote it: a repository bucket
		// with its record and three sub-buckets, and a draft.
		seed: func(t *testing.T, tx *bolt.Tx) {
			rb, err := tx.Bucket(bucketRepos).CreateBucket([]byte("0123456789ab"))
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range [][]byte{bucketCommits, bucketFindings, bucketByFinder} {
				if _, err := rb.CreateBucket(name); err != nil {
					t.Fatal(err)
				}
			}
			if err := rb.Put(keyRecord, []byte(`{"id":"0123456789ab","path":"/src/a","git_dir":"/src/a/.git","enrolled":true}`)); err != nil {
				t.Fatal(err)
			}
			if err := tx.Bucket(bucketDrafts).Put(draftKey(1), []byte(`{"id":1,"repo_id":"0123456789ab","fingerprints":["todo:a"],"title":"t","state":"pending"}`)); err != nil {
				t.Fatal(err)
			}
		},
		check: func(t *testing.T, tx *bolt.Tx) {
			if tx.Bucket(bucketLeases) == nil || tx.Bucket(bucketPace) == nil {
				t.Error("leases or pace bucket missing")
			}
			rb := tx.Bucket(bucketRepos).Bucket([]byte("0123456789ab"))
			if rb.Bucket(bucketPublished) == nil {
				t.Error("the repository has no published bucket")
			}
			if rb.Get(keyRecord) == nil || tx.Bucket(bucketDrafts).Get(draftKey(1)) == nil {
				t.Error("the record or the draft is gone")
			}
		},
	},
	2: {
		// Before every text from git passed the redaction boundary, a
		// token in a commit subject or a detector's title was stored as
		// it came.
		seed: func(t *testing.T, tx *bolt.Tx) {
			rb, err := tx.Bucket(bucketRepos).CreateBucket([]byte("0123456789ab"))
			if err != nil {
				t.Fatal(err)
			}
			for _, name := range [][]byte{bucketCommits, bucketFindings, bucketByFinder, bucketPublished} {
				if _, err := rb.CreateBucket(name); err != nil {
					t.Fatal(err)
				}
			}
			f := `{"fingerprint":"todo:a.go:1","kind":"todo","text":"rotate","title":"Use ` + oldToken + ` for now",` +
				`"items":["` + oldToken + `"],"evidence":{"path":"a.go","line":1,"commit":"c1","subject":"add ` + oldToken + `"},"status":"open"}`
			if err := rb.Bucket(bucketFindings).Put([]byte("todo:a.go:1"), []byte(f)); err != nil {
				t.Fatal(err)
			}
			d := `{"id":1,"repo_id":"0123456789ab","fingerprints":["todo:a.go:1"],"title":"t","body":"added in c1 \"add ` + oldToken +
				`\"","state":"published","evidence":[{"path":"a.go","commit":"c1","subject":"add ` + oldToken + `"}]}`
			if err := tx.Bucket(bucketDrafts).Put(draftKey(1), []byte(d)); err != nil {
				t.Fatal(err)
			}
		},
		check: func(t *testing.T, tx *bolt.Tx) {
			rb := tx.Bucket(bucketRepos).Bucket([]byte("0123456789ab"))
			f := string(rb.Bucket(bucketFindings).Get([]byte("todo:a.go:1")))
			d := string(tx.Bucket(bucketDrafts).Get(draftKey(1)))
			for _, raw := range []string{f, d} {
				if strings.Contains(raw, oldToken) || !strings.Contains(raw, "[REDACTED]") {
					t.Errorf("not redacted: %s", raw)
				}
			}
			if !strings.Contains(f, `"fingerprint":"todo:a.go:1"`) || !strings.Contains(d, `"state":"published"`) {
				t.Errorf("the records changed beyond their texts:\n%s\n%s", f, d)
			}
		},
	},
}

// oldToken is a GitHub token as an older binary stored it, in clear.
const oldToken = "ghp_" + "R8sKc2VnT4bqLw7XzP0aYdM3fJ6hN1eQ5uBv"

func TestEveryMigrationHasATest(t *testing.T) {
	if len(migrationTests) != len(migrations) {
		t.Fatalf("%d migrations, %d migration tests: add a test for each step", len(migrations), len(migrationTests))
	}
}

// Each step runs on a database at the schema before it, written by that
// schema's own steps and seeded as an older binary left it; afterwards the
// file opens with the current code.
func TestMigrationSteps(t *testing.T) {
	for i, step := range migrations {
		t.Run(step.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "old.db")
			db, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			err = db.Update(func(tx *bolt.Tx) error {
				for _, earlier := range migrations[:i] {
					if err := earlier.run(tx); err != nil {
						return err
					}
				}
				if i > 0 {
					meta, err := tx.CreateBucketIfNotExists(bucketMeta)
					if err != nil {
						return err
					}
					if err := meta.Put(keySchema, []byte(strconv.Itoa(i))); err != nil {
						return err
					}
				}
				migrationTests[i].seed(t, tx)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			db.Close()
			whole := filepath.Join(t.TempDir(), "whole.db")
			copyFile(t, path, whole)
			if db, err = bolt.Open(path, 0o600, nil); err != nil {
				t.Fatal(err)
			}
			err = db.Update(func(tx *bolt.Tx) error {
				if err := step.run(tx); err != nil {
					return err
				}
				migrationTests[i].check(t, tx)
				return nil
			})
			db.Close()
			if err != nil {
				t.Fatalf("step %d: %v", i, err)
			}
			// The whole chain from this schema on, as Open runs it.
			s, err := Open(whole, Options{})
			if err != nil {
				t.Fatalf("open at schema %d: %v", i, err)
			}
			if err := s.View(func(*Tx) error { return nil }); err != nil {
				t.Fatalf("read after migrating from schema %d: %v", i, err)
			}
		})
	}
}

// A record a migration cannot read (random damage, or a flipped byte that
// makes a current file's schema look older) is damage: Open says so and
// names doctor --fix (exit 4), instead of failing the migration (exit 1),
// and leaves the file as it was.
func TestMigrationOnAnUnreadableRecordIsDamage(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, step := range migrations[:2] {
			if err := step.run(tx); err != nil {
				return err
			}
		}
		meta, err := tx.CreateBucketIfNotExists(bucketMeta)
		if err != nil {
			return err
		}
		if err := meta.Put(keySchema, []byte("2")); err != nil {
			return err
		}
		return tx.Bucket(bucketDrafts).Put(draftKey(1), []byte(`{"id":1,"title":"t`+"\x00\xff"+`"state`))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	before := readFile(t, path)
	_, err = Open(path, Options{})
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), FixCommand) {
		t.Fatalf("Open = %v, want the damage error naming %s", err, FixCommand)
	}
	if !bytes.Equal(readFile(t, path), before) {
		t.Error("the failed migration changed the file")
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
