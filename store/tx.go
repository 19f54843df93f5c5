package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ErrNotFound is returned for a repository or draft that is not in the store.
var ErrNotFound = errors.New("not found")

// Tx is one transaction. Its methods are the only way into the file layout.
type Tx struct {
	btx      *bolt.Tx
	now      func() time.Time
	writable bool
	touched  map[string]bool // repositories whose drafts changed
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
	for _, name := range [][]byte{bucketCommits, bucketFindings, bucketByFinder} {
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
		return true, fmt.Errorf("decode %s: %w", key, err)
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
		if err != nil {
			return err
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
	if err := tx.btx.Bucket(bucketRepos).DeleteBucket([]byte(id)); err != nil && !errors.Is(err, bolt.ErrBucketNotFound) {
		return fmt.Errorf("delete repository %s: %w", id, err)
	}
	tx.touch(id)
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
func (tx *Tx) Analysed(repoID, hash string) bool {
	b, err := tx.repoBucket(repoID, false)
	if err != nil {
		return false
	}
	return b.Bucket(bucketCommits).Get([]byte(hash)) != nil
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
	ok, err = getJSON(b.Bucket(bucketFindings), []byte(fp), &f)
	return f, ok, err
}

// PutFinding creates or replaces a finding.
func (tx *Tx) PutFinding(repoID string, f Finding) error {
	b, err := tx.repoBucket(repoID, false)
	if err != nil {
		return err
	}
	return putJSON(b.Bucket(bucketFindings), []byte(f.Fingerprint), f)
}

// Findings lists a repository's findings with the given status ("" for all).
func (tx *Tx) Findings(repoID, status string) ([]Finding, error) {
	b, err := tx.repoBucket(repoID, false)
	if err != nil {
		return nil, err
	}
	var out []Finding
	err = b.Bucket(bucketFindings).ForEach(func(k, v []byte) error {
		var f Finding
		if err := json.Unmarshal(v, &f); err != nil {
			return fmt.Errorf("decode finding %s: %w", k, err)
		}
		if status == "" || f.Status == status {
			out = append(out, f)
		}
		return nil
	})
	return out, err
}

func draftKey(id uint64) []byte { return binary.BigEndian.AppendUint64(nil, id) }

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
	}
	d.UpdatedAt = now
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

// Draft returns a draft by number.
func (tx *Tx) Draft(id uint64) (Draft, error) {
	var d Draft
	ok, err := getJSON(tx.btx.Bucket(bucketDrafts), draftKey(id), &d)
	if err == nil && !ok {
		err = fmt.Errorf("draft %d: %w", id, ErrNotFound)
	}
	return d, err
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
	err := tx.btx.Bucket(bucketDrafts).ForEach(func(k, v []byte) error {
		var d Draft
		if err := json.Unmarshal(v, &d); err != nil {
			return fmt.Errorf("decode draft %d: %w", binary.BigEndian.Uint64(k), err)
		}
		if (f.RepoID == "" || d.RepoID == f.RepoID) && (f.State == "" || d.State == f.State) {
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
