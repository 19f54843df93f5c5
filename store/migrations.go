package store

import bolt "go.etcd.io/bbolt"

// A migration moves a database from one schema to the next. migrations[i]
// goes from schema i to i+1, all of them in the one transaction that opens
// an older file for writing, so a crash leaves the old schema, never half
// of the new one. Append a step for every change of layout and never edit a
// released one: databases out there are at every version. Each step has its
// own test in migrations_test.go, run on a database written at the schema
// before it.
type migration struct {
	name string
	run  func(*bolt.Tx) error
}

var migrations = []migration{
	{"top-level buckets", func(tx *bolt.Tx) error {
		// An empty file gets the repositories and drafts buckets.
		for _, b := range [][]byte{bucketRepos, bucketDrafts} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return nil
	}},
	{"publishing bookkeeping", func(tx *bolt.Tx) error {
		// Claims on drafts being published, the pace per GitHub host, and
		// in each repository the issues found on GitHub after a restore.
		for _, b := range [][]byte{bucketLeases, bucketPace} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketRepos).ForEachBucket(func(id []byte) error {
			_, err := tx.Bucket(bucketRepos).Bucket(id).CreateBucketIfNotExists(bucketPublished)
			return err
		})
	}},
	{"redacted texts", redactStored},
}
