package store

import (
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

// Bucket names. Each repository has a bucket of its own under repos, holding
// its record, its ref tips and sub-buckets for analysed commits, findings and
// the draft of each finding; drafts live in one top-level bucket because
// their numbers are global, as the CLI shows them.
var (
	bucketMeta     = []byte("meta")
	bucketRepos    = []byte("repos")
	bucketDrafts   = []byte("drafts")
	keySchema      = []byte("schema")
	keyRecord      = []byte("record")
	keyTips        = []byte("tips")
	bucketCommits  = []byte("commits")
	bucketFindings = []byte("findings")
	bucketByFinder = []byte("draft-by-finding")
)

// SchemaVersion is the layout this binary reads and writes.
func SchemaVersion() int { return len(migrations) }

func schemaOf(tx *bolt.Tx) (int, error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		return 0, nil
	}
	raw := meta.Get(keySchema)
	if raw == nil {
		return 0, nil
	}
	v, err := strconv.Atoi(string(raw))
	if err != nil {
		return 0, fmt.Errorf("database schema version %q is not a number: the file is damaged", raw)
	}
	return v, nil
}

func checkVersion(tx *bolt.Tx) error {
	v, err := schemaOf(tx)
	if err != nil {
		return err
	}
	if v > SchemaVersion() {
		return fmt.Errorf("the database was written by a newer ticket-master (schema %d, this one reads %d): upgrade ticket-master", v, SchemaVersion())
	}
	if v < SchemaVersion() {
		return fmt.Errorf("the database has schema %d but %d is needed: it is migrated when opened for writing", v, SchemaVersion())
	}
	return nil
}

// migrate brings the database up to SchemaVersion in one transaction, so a
// crash leaves it at the old version rather than half-way.
func migrate(tx *bolt.Tx) error {
	v, err := schemaOf(tx)
	if err != nil {
		return err
	}
	if v > SchemaVersion() {
		return checkVersion(tx)
	}
	for ; v < SchemaVersion(); v++ {
		if err := migrations[v].run(tx); err != nil {
			return fmt.Errorf("migrate schema %d to %d (%s): %w", v, v+1, migrations[v].name, err)
		}
	}
	meta, err := tx.CreateBucketIfNotExists(bucketMeta)
	if err != nil {
		return err
	}
	return meta.Put(keySchema, []byte(strconv.Itoa(v)))
}
