package store

import (
	"bytes"
	"sync"
)

// reuse keeps, while a large analysis runs (Store.ReuseDecoded), the
// findings and drafts earlier transactions decoded, with the bytes they
// were decoded from: a later transaction that finds the very same bytes
// stored takes a copy of the record instead of decoding it again. A
// backfill's batches each read every open finding and every draft (the
// draft queue, the hooks' notices), though most of them did not change
// since the last batch. Comparing the bytes makes it exact, whoever
// wrote the file in between.
type reuse struct {
	mu       sync.Mutex
	users    int
	size     int // bytes kept, raw
	drafts   map[uint64]reusedDraft
	findings map[string]map[string]reusedFinding // by repository, then key
}

type reusedDraft struct {
	raw []byte
	d   Draft
}

type reusedFinding struct {
	raw []byte
	f   Finding
}

// reuseLimit bounds the bytes kept: past it, everything is dropped and
// kept afresh (a history with more findings than this decodes as before).
const reuseLimit = 8 << 20

// ReuseDecoded makes the store keep decoded records across transactions
// until the function it returns is called (by every caller that asked:
// two reconciles may overlap in the daemon). Between large analyses
// nothing is kept, so an idle daemon holds no copy of the database.
func (s *Store) ReuseDecoded() (done func()) {
	r := s.reuse
	r.mu.Lock()
	r.users++
	r.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			r.mu.Lock()
			defer r.mu.Unlock()
			r.users--
			if r.users == 0 {
				r.drop()
			}
		})
	}
}

func (r *reuse) drop() {
	r.drafts, r.findings, r.size = nil, nil, 0
}

// room makes room for n more bytes; false when nothing is kept now.
func (r *reuse) room(n int) bool {
	if r.users == 0 {
		return false
	}
	if r.size+n > reuseLimit {
		r.drop()
	}
	r.size += n
	return true
}

func (r *reuse) draft(id uint64, raw []byte) (Draft, bool) {
	if r == nil {
		return Draft{}, false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	e, ok := r.drafts[id]
	if !ok || !bytes.Equal(e.raw, raw) {
		return Draft{}, false
	}
	return cloneDraft(e.d), true
}

func (r *reuse) keepDraft(id uint64, raw []byte, d Draft) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if old, ok := r.drafts[id]; ok {
		r.size -= len(old.raw)
	}
	if !r.room(len(raw)) {
		return
	}
	if r.drafts == nil {
		r.drafts = map[uint64]reusedDraft{}
	}
	r.drafts[id] = reusedDraft{raw: bytes.Clone(raw), d: cloneDraft(d)}
}

func (r *reuse) finding(repoID, key string, raw []byte) (Finding, bool) {
	if r == nil {
		return Finding{}, false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	e, ok := r.findings[repoID][key]
	if !ok || !bytes.Equal(e.raw, raw) {
		return Finding{}, false
	}
	return cloneFinding(e.f), true
}

func (r *reuse) keepFinding(repoID, key string, raw []byte, f Finding) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if old, ok := r.findings[repoID][key]; ok {
		r.size -= len(old.raw)
	}
	if !r.room(len(raw)) {
		return
	}
	if r.findings == nil {
		r.findings = map[string]map[string]reusedFinding{}
	}
	m := r.findings[repoID]
	if m == nil {
		m = map[string]reusedFinding{}
		r.findings[repoID] = m
	}
	m[key] = reusedFinding{raw: bytes.Clone(raw), f: cloneFinding(f)}
}
