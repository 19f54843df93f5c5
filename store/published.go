package store

import (
	"time"
)

// Publishing bookkeeping kept apart from drafts: issues found on GitHub by
// their markers after a restore, claims on drafts being published, and the
// pace of writes to each GitHub host.
var (
	// bucketPublished, in each repository's bucket: fingerprint → a
	// Publication found on GitHub that no draft recorded.
	bucketPublished = []byte("published")
	bucketLeases    = []byte("leases") // draft number → Lease
	bucketPace      = []byte("pace")   // GitHub host → Pace
	keyRestored     = []byte("restored-from")
)

// Publication is an issue on GitHub that carries a finding's marker.
type Publication struct {
	Issue   int       `json:"issue"`
	URL     string    `json:"url,omitempty"`
	FoundAt time.Time `json:"found_at"`
}

// RecordPublication remembers that fp's issue exists on GitHub, found by
// its marker after the database was restored: pending drafts of the finding
// are marked published with it now, and a draft made for it later starts
// out published (see PutDraft) instead of being offered again. It returns
// the drafts it marked.
func (tx *Tx) RecordPublication(repoID, fp string, p Publication) ([]Draft, error) {
	b, err := tx.repoBucket(repoID, false)
	if err != nil {
		return nil, err
	}
	if p.FoundAt.IsZero() {
		p.FoundAt = tx.Now()
	}
	if err := putJSON(b.Bucket(bucketPublished), []byte(fp), p); err != nil {
		return nil, err
	}
	d, ok, err := tx.DraftForFinding(repoID, fp)
	if err != nil || !ok || d.State != DraftPending {
		return nil, err
	}
	markPublished(&d, p)
	d, err = tx.PutDraft(d)
	return []Draft{d}, err
}

// PublicationOf returns the publication recorded for fp, if any.
func (tx *Tx) PublicationOf(repoID, fp string) (Publication, bool, error) {
	var p Publication
	b, err := tx.repoBucket(repoID, false)
	if err != nil {
		return p, false, err
	}
	ok, err := getJSON(b.Bucket(bucketPublished), []byte(fp), &p)
	return p, ok, err
}

func markPublished(d *Draft, p Publication) {
	d.State, d.Issue, d.IssueURL, d.PublishedAt = DraftPublished, p.Issue, p.URL, p.FoundAt
	d.Note = "published before the database was restored: found on GitHub by its marker"
}

// knownPublication returns the recorded publication of one of a new draft's
// findings.
func (tx *Tx) knownPublication(d Draft) (Publication, bool, error) {
	for _, fp := range d.Fingerprints {
		p, ok, err := tx.PublicationOf(d.RepoID, fp)
		if err != nil || ok {
			return p, ok, err
		}
	}
	return Publication{}, false, nil
}

// RestoredFrom is the time of the backup the database was restored from,
// while doctor --fix has not yet found on GitHub every issue published
// since; zero otherwise. Until then publishing looks for a draft's issue by
// its marker before creating it.
func (tx *Tx) RestoredFrom() time.Time {
	var t time.Time
	if meta := tx.btx.Bucket(bucketMeta); meta != nil {
		_ = t.UnmarshalText(meta.Get(keyRestored))
	}
	return t
}

// SetRestoredFrom records (or, with a zero time, clears) RestoredFrom.
func (tx *Tx) SetRestoredFrom(t time.Time) error {
	meta, err := tx.btx.CreateBucketIfNotExists(bucketMeta)
	if err != nil {
		return err
	}
	if t.IsZero() {
		return meta.Delete(keyRestored)
	}
	raw, err := t.UTC().MarshalText()
	if err != nil {
		return err
	}
	return meta.Put(keyRestored, raw)
}
