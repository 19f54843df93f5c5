package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func TestCheckIntactDamagedAndMissing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "tm.db")
	if h, err := Check(path, Options{}); err != nil || h.Size != 0 {
		t.Fatalf("no database, nothing says there was one: %+v, %v", h, err)
	}
	filledStore(t, path)
	h, err := Check(path, Options{})
	if err != nil {
		t.Fatalf("intact: %v", err)
	}
	if h.Size == 0 || h.Schema != SchemaVersion() || h.FreeShare() < 0 || h.FreeShare() > 1 {
		t.Errorf("health = %+v", h)
	}

	damagedPath := filepath.Join(dir, "bad.db")
	copyFile(t, path, damagedPath)
	smashRoot(t, damagedPath)
	if _, err := Check(damagedPath, Options{}); !errors.Is(err, ErrDamaged) {
		t.Errorf("damaged: err = %v", err)
	}

	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if _, err := Check(path, Options{}); !errors.Is(err, ErrMissing) {
		t.Errorf("deleted: err = %v", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Error("Check created a database")
	}
}

// A value damaged in place (bytes flipped inside a record) leaves bbolt's
// pages consistent, but the record no longer decodes: Check reports it, so
// that doctor --fix restores the backup instead of calling the file
// healthy while status and drafts list say it is damaged.
func TestCheckFindsRecordsThatDoNotDecode(t *testing.T) {
	for _, tc := range []struct {
		name   string
		bucket [][]byte
		want   string
	}{
		{"draft", [][]byte{bucketDrafts}, "draft 1 cannot be read"},
		{"finding", [][]byte{bucketRepos, []byte("repo1"), bucketFindings}, "finding todo:repo1:file0.go:0 cannot be read"},
		{"repository", [][]byte{bucketRepos, []byte("repo2")}, "record cannot be read"},
		{"repository's ID", [][]byte{bucketRepos, []byte("repo0")}, "the record of repository repo0 names repo1"},
		{"repository without its record", [][]byte{bucketRepos, []byte("repo1")}, "repository repo1 has no record"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "tm.db")
			filledStore(t, path)
			db, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			err = db.Update(func(tx *bolt.Tx) error {
				b := tx.Bucket(tc.bucket[0])
				for _, name := range tc.bucket[1:] {
					b = b.Bucket(name)
				}
				k, v := b.Cursor().First()
				switch tc.name {
				case "repository":
					k, v = keyRecord, b.Get(keyRecord)
				case "repository's ID":
					// Still valid JSON, naming another repository.
					return b.Put(keyRecord, bytes.Replace(b.Get(keyRecord), []byte(`"repo0"`), []byte(`"repo1"`), 1))
				case "repository without its record":
					return b.Delete(keyRecord)
				}
				damaged := append([]byte(nil), v...)
				damaged[len(damaged)/2] = 0x01 // a control character inside a JSON string
				return b.Put(k, damaged)
			})
			db.Close()
			if err != nil {
				t.Fatal(err)
			}
			_, err = Check(path, Options{})
			if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Check = %v, want a damage error saying %q", err, tc.want)
			}
		})
	}
}

// The free share grows when records are deleted: that is what triggers a
// compaction.
func TestCheckMeasuresFreeSpace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tm.db")
	filledStore(t, path)
	before, err := Check(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Update(func(tx *Tx) error {
		for _, id := range []string{"repo0", "repo1", "repo2"} {
			if err := tx.DeleteRepo(id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	after, err := Check(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if after.FreeShare() < 0.8 || after.FreeShare() <= before.FreeShare() {
		t.Errorf("free share %.2f before, %.2f after deleting everything", before.FreeShare(), after.FreeShare())
	}
}

// smashRoot overwrites the page number in the header of the root page.
func smashRoot(t testing.TB, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h, _, err := readHeader(f, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt([]byte{0xde, 0xad, 0xbe, 0xef}, int64(h.root)*int64(h.pageSize)); err != nil {
		t.Fatal(err)
	}
}
