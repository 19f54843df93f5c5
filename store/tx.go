package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// ErrNotFound is returned for a repository or draft that is not in the store.
var ErrNotFound = errors.New("not found")

// Tx is one transaction. Its methods are the only way into the file layout.
type Tx struct {
	btx      *bolt.Tx
	now      func() time.Time
	writable bool
	touched  map[string]bool // repositories whose drafts changed
	// reposChanged: a repository was added, changed or removed, so the
	// list of repositories beside the database is rewritten.
	reposChanged bool
	cache        decoded // findings and drafts decoded so far
	reuse        *reuse  // and by earlier transactions, when asked to
}

// Now is the store's clock.
func (tx *Tx) Now() time.Time { return tx.now().UTC() }

func (tx *Tx) repoBucket(id string, create bool) (*bolt.Bucket, error) {
	repos := tx.btx.Bucket(bucketRepos)
	if b := repos.Bucket([]byte(id)); b != nil || !create {
		if b == nil {
			return nil, fmt.Errorf("repository %s: %w", id, ErrNotFound)
		}
		return b, nil
	}
	b, err := repos.CreateBucket([]byte(id))
	if err != nil {
		return nil, fmt.Errorf("create repository bucket: %w", err)
	}
	for _, name := range [][]byte{bucketCommits, bucketFindings, bucketByFinder, bucketPublished} {
		if _, err := b.CreateBucket(name); err != nil {
			return nil, fmt.Errorf("create repository bucket: %w", err)
		}
	}
	return b, nil
}

func getJSON(b *bolt.Bucket, key []byte, v any) (bool, error) {
	raw := b.Get(key)
	if raw == nil {
		return false, nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return true, undecodable(b, string(key), err)
	}
	return true, nil
}

func putJSON(b *bolt.Bucket, key []byte, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", key, err)
	}
	return b.Put(key, raw)
}

// PutRepo creates or replaces a repository's record.
func (tx *Tx) PutRepo(r Repo) error {
	b, err := tx.repoBucket(r.ID, true)
	if err != nil {
		return err
	}
	tx.reposChanged = true
	return putJSON(b, keyRecord, r)
}

// Repo returns the repository with the given ID.
func (tx *Tx) Repo(id string) (Repo, error) {
	var r Repo
	b, err := tx.repoBucket(id, false)
	if err != nil {
		return r, err
	}
	if ok, err := getJSON(b, keyRecord, &r); err != nil || !ok {
		if err == nil {
			err = fmt.Errorf("repository %s has no record: %w", id, ErrNotFound)
		}
		return r, err
	}
	return r, nil
}

// Repos lists every known repository, enrolled or not, by path.
func (tx *Tx) Repos() ([]Repo, error) {
	var out []Repo
	err := tx.btx.Bucket(bucketRepos).ForEachBucket(func(k []byte) error {
		r, err := tx.Repo(string(k))
		switch {
		case errors.Is(err, ErrNotFound):
			// The bucket is there, its record is not: the file is damaged.
			return damaged(tx.btx.DB().Path(), "%v", err)
		case err != nil:
			return err
		case r.ID != string(k):
			// Bytes changed inside the record, still valid JSON: every
			// lookup by this ID would fail.
			return damaged(tx.btx.DB().Path(), "the record of repository %s names %s", printable(k), printable([]byte(r.ID)))
		}
		out = append(out, r)
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, err
}

// DeleteRepo removes a repository and everything recorded about it,
// including its drafts.
func (tx *Tx) DeleteRepo(id string) error {
	drafts, err := tx.Drafts(DraftFilter{RepoID: id})
	if err != nil {
		return err
	}
	db := tx.btx.Bucket(bucketDrafts)
	for _, d := range drafts {
		if err := db.Delete(draftKey(d.ID)); err != nil {
			return err
		}
	}
	if err := tx.btx.Bucket(bucketRepos).DeleteBucket([]byte(id)); err != nil && !errors.Is(err, berrors.ErrBucketNotFound) {
		return fmt.Errorf("delete repository %s: %w", id, err)
	}
	tx.reposChanged = true
	tx.touch(id)
	tx.cache.dropAll()
	return nil
}

// Tips are the ref tips a repository was last reconciled at; the next
// reconcile walks only commits not reachable from them.
func (tx *Tx) Tips(repoID string) (map[string]string, error) {
	tips := map[string]string{}
	b, err := tx.repoBucket(repoID, false)
	if err != nil {
		return nil, err
	}
	_, err = getJSON(b, keyTips, &tips)
	return tips, err
}

// SetTips records the tips a reconcile reached.
func (tx *Tx) SetTips(repoID string, tips map[string]string) error {
	b, err := tx.repoBucket(repoID, false)
	if err != nil {
		return err
	}
	return putJSON(b, keyTips, tips)
}

// Analysed reports whether a commit has already been analysed.
func (tx *Tx) Analysed(repoID, hash string) bool { return tx.AnalysedOf(repoID)(hash) }

// AnalysedOf is Analysed for many commits of one repository: the function
// it returns answers from the repository's bucket, looked up once (a
// backfill asks of 2,000 commits, and three nested buckets opened for
// each took 5 ms). Use it within the transaction only.
func (tx *Tx) AnalysedOf(repoID string) func(hash string) bool {
	b, err := tx.repoBucket(repoID, false)
	if err != nil {
		return func(string) bool { return false }
	}
	c := b.Bucket(bucketCommits)
	return func(hash string) bool { return c.Get([]byte(hash)) != nil }
}

// MarkAnalysed records commits as analysed, so that a reconcile interrupted
// after this transaction never analyses them twice.
func (tx *Tx) MarkAnalysed(repoID string, hashes ...string) error {
	b, err := tx.repoBucket(repoID, false)
	if err != nil {
		return err
	}
	c := b.Bucket(bucketCommits)
	stamp := binary.BigEndian.AppendUint64(nil, uint64(tx.Now().Unix()))
	for _, h := range hashes {
		if err := c.Put([]byte(h), stamp); err != nil {
			return err
		}
	}
	return nil
}

// AnalysedCount is how many commits of a repository have been analysed.
func (tx *Tx) AnalysedCount(repoID string) int {
	b, err := tx.repoBucket(repoID, false)
	if err != nil {
		return 0
	}
	return b.Bucket(bucketCommits).Stats().KeyN
}

// Finding returns a finding by fingerprint; ok is false if there is none.
func (tx *Tx) Finding(repoID, fp string) (f Finding, ok bool, err error) {
	b, err := tx.repoBucket(repoID, false)
	if err != nil {
		return f, false, err
	}
	if f, ok := tx.cache.finding(repoID, fp); ok {
		return f, true, nil
	}
	fb := b.Bucket(bucketFindings)
	raw := fb.Get([]byte(fp))
	if raw == nil {
		return f, false, nil
	}
	f, err = tx.decodeFinding(fb, repoID, fp, raw, fp)
	return f, err == nil, err
}

// decodeFinding decodes a finding's stored bytes (or takes what an earlier
// transaction decoded from the same bytes) and keeps it for this one; what
// names it in the error of a record that cannot be decoded.
func (tx *Tx) decodeFinding(b *bolt.Bucket, repoID, key string, raw []byte, what string) (Finding, error) {
	f, ok := tx.reuse.finding(repoID, key, raw)
	if !ok {
		if err := json.Unmarshal(raw, &f); err != nil {
			return Finding{}, undecodable(b, what, err)
		}
		tx.reuse.keepFinding(repoID, key, raw, f)
	}
	tx.cache.keepFinding(repoID, key, f)
	return f, nil
}

// decodeDraft is decodeFinding for a draft.
func (tx *Tx) decodeDraft(b *bolt.Bucket, id uint64, raw []byte, what string) (Draft, error) {
	d, ok := tx.reuse.draft(id, raw)
	if !ok {
		if err := json.Unmarshal(raw, &d); err != nil {
			return Draft{}, undecodable(b, what, err)
		}
		tx.reuse.keepDraft(id, raw, d)
	}
	tx.cache.keepDraft(id, d)
	return d, nil
}

// PutFinding creates or replaces a finding.
func (tx *Tx) PutFinding(repoID string, f Finding) error {
	b, err := tx.repoBucket(repoID, false)
	if err != nil {
		return err
	}
	tx.cache.dropFinding(repoID, f.Fingerprint)
	return putJSON(b.Bucket(bucketFindings), []byte(f.Fingerprint), f)
}

// Findings lists a repository's findings with the given status ("" for all).
func (tx *Tx) Findings(repoID, status string) ([]Finding, error) {
	return tx.FindingsWithPrefix(repoID, "", status)
}

// FindingsWithPrefix lists a repository's findings whose fingerprint
// starts with prefix ("untested:" for one detector's, "untested:pkg/" for
// those of a folder) with the given status ("" for all): a rule about a
// few findings need not decode every one.
func (tx *Tx) FindingsWithPrefix(repoID, prefix, status string) ([]Finding, error) {
	b, err := tx.repoBucket(repoID, false)
	if err != nil {
		return nil, err
	}
	var out []Finding
	fb := b.Bucket(bucketFindings)
	c := fb.Cursor()
	for k, v := c.Seek([]byte(prefix)); k != nil && bytes.HasPrefix(k, []byte(prefix)); k, v = c.Next() {
		// Only the findings kept are copied out of the cache: the draft
		// queue lists the open ones of a repository whose resolved ones
		// are most.
		if cf, ok := tx.cache.peekFinding(repoID, string(k)); ok {
			if status == "" || cf.Status == status {
				out = append(out, cloneFinding(*cf))
			}
			continue
		}
		f, err := tx.decodeFinding(fb, repoID, string(k), v, "finding "+string(k))
		if err != nil {
			return out, err
		}
		if status == "" || f.Status == status {
			out = append(out, f)
		}
	}
	return out, nil
}

func draftKey(id uint64) []byte { return binary.BigEndian.AppendUint64(nil, id) }

// Touch marks a repository's drafts as changed, so that its hook's notice
// is written again after the transaction (after a restore, say).
func (tx *Tx) Touch(repoID string) { tx.touch(repoID) }

func (tx *Tx) touch(repoID string) {
	if tx.touched == nil {
		tx.touched = map[string]bool{}
	}
	tx.touched[repoID] = true
}

// PutDraft creates (ID 0) or replaces a draft and indexes it by its
// findings. It returns the draft as stored.
func (tx *Tx) PutDraft(d Draft) (Draft, error) {
	db := tx.btx.Bucket(bucketDrafts)
	now := tx.Now()
	if d.ID == 0 {
		seq, err := db.NextSequence()
		if err != nil {
			return d, err
		}
		d.ID = seq
		d.CreatedAt = now
		if d.State == DraftPending {
			// Its issue was found on GitHub after a restore: never offer
			// it for publishing again.
			p, ok, err := tx.knownPublication(d)
			if err != nil {
				return d, err
			}
			if ok {
				markPublished(&d, p)
			}
		}
	}
	d.UpdatedAt = now
	tx.cache.dropDraft(d.ID)
	if err := putJSON(db, draftKey(d.ID), d); err != nil {
		return d, err
	}
	rb, err := tx.repoBucket(d.RepoID, false)
	if err != nil {
		return d, err
	}
	for _, fp := range d.Fingerprints {
		if err := rb.Bucket(bucketByFinder).Put([]byte(fp), draftKey(d.ID)); err != nil {
			return d, err
		}
	}
	tx.touch(d.RepoID)
	return d, nil
}

// RewriteDraft replaces the record of an existing draft and leaves which
// draft each finding points to as it is: for a draft whose findings were
// settled by earlier writes and whose text comes last (the draft queue
// writes the maintenance digest's checklist once per transaction).
func (tx *Tx) RewriteDraft(d Draft) error {
	db := tx.btx.Bucket(bucketDrafts)
	if d.ID == 0 || db.Get(draftKey(d.ID)) == nil {
		return fmt.Errorf("rewrite draft %d: %w", d.ID, ErrNotFound)
	}
	d.UpdatedAt = tx.Now()
	tx.cache.dropDraft(d.ID)
	if err := putJSON(db, draftKey(d.ID), d); err != nil {
		return err
	}
	tx.touch(d.RepoID)
	return nil
}

// DraftIDForFinding is the number of the draft a finding points to, as
// DraftForFinding finds it, without reading the draft.
func (tx *Tx) DraftIDForFinding(repoID, fp string) (uint64, bool, error) {
	rb, err := tx.repoBucket(repoID, false)
	if err != nil {
		return 0, false, err
	}
	raw := rb.Bucket(bucketByFinder).Get([]byte(fp))
	if len(raw) != 8 {
		return 0, false, nil
	}
	return binary.BigEndian.Uint64(raw), true, nil
}

// Draft returns a draft by number.
func (tx *Tx) Draft(id uint64) (Draft, error) {
	if d, ok := tx.cache.draft(id); ok {
		return d, nil
	}
	db := tx.btx.Bucket(bucketDrafts)
	raw := db.Get(draftKey(id))
	if raw == nil {
		return Draft{}, fmt.Errorf("draft %d: %w", id, ErrNotFound)
	}
	return tx.decodeDraft(db, id, raw, string(draftKey(id)))
}

// DraftForFinding returns the draft that covers a finding, if any.
func (tx *Tx) DraftForFinding(repoID, fp string) (Draft, bool, error) {
	rb, err := tx.repoBucket(repoID, false)
	if err != nil {
		return Draft{}, false, err
	}
	raw := rb.Bucket(bucketByFinder).Get([]byte(fp))
	if raw == nil {
		return Draft{}, false, nil
	}
	d, err := tx.Draft(binary.BigEndian.Uint64(raw))
	if errors.Is(err, ErrNotFound) {
		return d, false, nil
	}
	return d, err == nil, err
}

// DraftFilter selects drafts; zero fields match everything.
type DraftFilter struct {
	RepoID string
	State  string
}

// Drafts lists drafts in number order.
func (tx *Tx) Drafts(f DraftFilter) ([]Draft, error) {
	var out []Draft
	match := func(d *Draft) bool {
		return (f.RepoID == "" || d.RepoID == f.RepoID) && (f.State == "" || d.State == f.State)
	}
	err := tx.btx.Bucket(bucketDrafts).ForEach(func(k, v []byte) error {
		if len(k) == 8 {
			// Only the drafts kept are copied out of the cache (the
			// queue looks at the pending ones for every draft it makes).
			if c, ok := tx.cache.peekDraft(binary.BigEndian.Uint64(k)); ok {
				if match(c) {
					out = append(out, cloneDraft(*c))
				}
				return nil
			}
		}
		var d Draft
		if len(k) == 8 {
			var err error
			id := binary.BigEndian.Uint64(k)
			if d, err = tx.decodeDraft(tx.btx.Bucket(bucketDrafts), id, v, fmt.Sprintf("draft %d", id)); err != nil {
				return err
			}
		} else if err := json.Unmarshal(v, &d); err != nil {
			return undecodable(tx.btx.Bucket(bucketDrafts), fmt.Sprintf("draft %d", binary.BigEndian.Uint64(k)), err)
		}
		if match(&d) {
			out = append(out, d)
		}
		return nil
	})
	return out, err
}

// CountDrafts counts a repository's drafts in each state.
func (tx *Tx) CountDrafts(repoID string) (map[string]int, error) {
	ds, err := tx.Drafts(DraftFilter{RepoID: repoID})
	if err != nil {
		return nil, err
	}
	counts := map[string]int{}
	for _, d := range ds {
		counts[d.State]++
	}
	return counts, nil
}

// keyCachePrefix marks per-repository cache entries (such as the list of
// open issues and its ETag) in the repository's bucket.
const keyCachePrefix = "cache:"

// Cache reads a cached value of a repository into v; ok is false when
// there is none.
func (tx *Tx) Cache(repoID, name string, v any) (bool, error) {
	b, err := tx.repoBucket(repoID, false)
	if err != nil {
		return false, err
	}
	return getJSON(b, []byte(keyCachePrefix+name), v)
}

// PutCache stores a cached value of a repository.
func (tx *Tx) PutCache(repoID, name string, v any) error {
	b, err := tx.repoBucket(repoID, false)
	if err != nil {
		return err
	}
	return putJSON(b, []byte(keyCachePrefix+name), v)
}
