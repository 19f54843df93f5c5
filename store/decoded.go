package store

import (
	"slices"
)

// decoded keeps the findings and drafts one transaction has already
// decoded, so that reading the same record again (the draft queue reads
// the same open findings and drafts for every commit of a batch) costs a
// copy instead of a JSON decode. An entry is always exactly what decoding
// the stored bytes gives: a write drops the entry instead of keeping the
// value written, since encoding is not an exact round trip (invalid UTF-8
// is replaced, for one). Callers get deep copies, so that changing a
// returned record never changes the cache.
type decoded struct {
	findings map[string]map[string]Finding // by repository ID, then fingerprint
	drafts   map[uint64]Draft
}

func (c *decoded) finding(repoID, fp string) (Finding, bool) {
	f, ok := c.findings[repoID][fp]
	if !ok {
		return f, false
	}
	return cloneFinding(f), true
}

// peekFinding is the cached finding itself, for a look that copies only
// what it keeps (a listing filtered by status); never to be changed.
func (c *decoded) peekFinding(repoID, fp string) (*Finding, bool) {
	f, ok := c.findings[repoID][fp]
	return &f, ok
}

// keepFinding keeps a finding under the key it is stored at (a damaged
// record may name another fingerprint).
func (c *decoded) keepFinding(repoID, key string, f Finding) {
	if c.findings == nil {
		c.findings = map[string]map[string]Finding{}
	}
	m := c.findings[repoID]
	if m == nil {
		m = map[string]Finding{}
		c.findings[repoID] = m
	}
	m[key] = cloneFinding(f)
}

func (c *decoded) dropFinding(repoID, fp string) { delete(c.findings[repoID], fp) }

func (c *decoded) draft(id uint64) (Draft, bool) {
	d, ok := c.drafts[id]
	if !ok {
		return d, false
	}
	return cloneDraft(d), true
}

// peekDraft is the cached draft itself (see peekFinding).
func (c *decoded) peekDraft(id uint64) (*Draft, bool) {
	d, ok := c.drafts[id]
	return &d, ok
}

// keepDraft keeps a draft under the number it is stored at.
func (c *decoded) keepDraft(id uint64, d Draft) {
	if c.drafts == nil {
		c.drafts = map[uint64]Draft{}
	}
	c.drafts[id] = cloneDraft(d)
}

func (c *decoded) dropDraft(id uint64) { delete(c.drafts, id) }

// dropAll forgets everything (a repository and its drafts were deleted).
func (c *decoded) dropAll() { *c = decoded{} }

// cloneFinding copies every slice and pointer of a finding; the test
// TestClonesCoverEveryReference fails when a new one is not copied here.
func cloneFinding(f Finding) Finding {
	f.Items = slices.Clone(f.Items)
	f.Labels = slices.Clone(f.Labels)
	f.Also = slices.Clone(f.Also)
	if f.Latest != nil {
		ev := *f.Latest
		f.Latest = &ev
	}
	return f
}

// cloneDraft copies every slice of a draft (see cloneFinding).
func cloneDraft(d Draft) Draft {
	d.Fingerprints = slices.Clone(d.Fingerprints)
	d.Labels = slices.Clone(d.Labels)
	d.Evidence = slices.Clone(d.Evidence)
	return d
}
