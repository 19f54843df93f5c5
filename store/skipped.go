package store

import (
	"bytes"
	"encoding/binary"
)

// skippedFlag follows the time stamp in the record of a commit made with
// TICKET_MASTER=0. Such a commit counts as analysed everywhere (Analysed is
// true, so no reconcile or backfill ever looks at it); the flag only says
// why.
var skippedFlag = []byte("skipped")

// MarkSkipped records commits as skipped: never to be analysed. Commits
// already analysed keep their record. It returns how many were newly
// marked.
func (tx *Tx) MarkSkipped(repoID string, hashes ...string) (int, error) {
	b, err := tx.repoBucket(repoID, false)
	if err != nil {
		return 0, err
	}
	c := b.Bucket(bucketCommits)
	value := append(binary.BigEndian.AppendUint64(nil, uint64(tx.Now().Unix())), skippedFlag...)
	n := 0
	for _, h := range hashes {
		if c.Get([]byte(h)) != nil {
			continue
		}
		if err := c.Put([]byte(h), value); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// Skipped reports whether a commit was recorded as skipped.
func (tx *Tx) Skipped(repoID, hash string) bool {
	b, err := tx.repoBucket(repoID, false)
	if err != nil {
		return false
	}
	v := b.Bucket(bucketCommits).Get([]byte(hash))
	return len(v) > 8 && bytes.Equal(v[8:], skippedFlag)
}
