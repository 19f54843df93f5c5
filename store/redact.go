package store

import (
	"encoding/json"
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"

	"github.com/ticket-master/ticket-master/credential"
	"github.com/ticket-master/ticket-master/finding"
)

// redactStored is the migration that brings texts stored before every text
// from git passed one redaction boundary (a finding's title and items, a
// commit subject in its evidence) in line: each is redacted once. Findings
// keep their fingerprints, which were computed before anything was
// redacted.
func redactStored(tx *bolt.Tx) error {
	err := tx.Bucket(bucketRepos).ForEachBucket(func(id []byte) error {
		fb := tx.Bucket(bucketRepos).Bucket(id).Bucket(bucketFindings)
		if fb == nil {
			return nil
		}
		return rewriteJSON(fb, func(raw []byte) ([]byte, error) {
			var f Finding
			if err := json.Unmarshal(raw, &f); err != nil {
				return nil, err
			}
			f.Finding = redactFinding(f.Finding)
			return json.Marshal(f)
		})
	})
	if err != nil {
		return err
	}
	db := tx.Bucket(bucketDrafts)
	if db == nil {
		return nil
	}
	return rewriteJSON(db, func(raw []byte) ([]byte, error) {
		var d Draft
		if err := json.Unmarshal(raw, &d); err != nil {
			return nil, err
		}
		d.Title, d.Body = redact(d.Title), redact(d.Body)
		for i, ev := range d.Evidence {
			d.Evidence[i] = redactEvidence(ev)
		}
		return json.Marshal(d)
	})
}

// rewriteJSON replaces each value of b by what fn makes of it, where that
// differs; keys are collected first, since a bucket must not change while
// it is iterated.
func rewriteJSON(b *bolt.Bucket, fn func([]byte) ([]byte, error)) error {
	type kv struct{ k, v []byte }
	var changed []kv
	err := b.ForEach(func(k, v []byte) error {
		if v == nil {
			return nil // a sub-bucket
		}
		out, err := fn(v)
		if err != nil {
			return fmt.Errorf("decode the record at key %s: %w", keyText(k), err)
		}
		if string(out) != string(v) {
			changed = append(changed, kv{append([]byte(nil), k...), out})
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, c := range changed {
		if err := b.Put(c.k, c.v); err != nil {
			return err
		}
	}
	return nil
}

func redact(s string) string {
	out, _ := credential.Redact(s)
	return out
}

func redactFinding(f finding.Finding) finding.Finding {
	f.Text, f.Body, f.Title = redact(f.Text), redact(f.Body), redact(f.Title)
	for i, it := range f.Items {
		f.Items[i] = redact(it)
	}
	f.Evidence = redactEvidence(f.Evidence)
	for i, ev := range f.Also {
		f.Also[i] = redactEvidence(ev)
	}
	return f
}

func redactEvidence(ev finding.Evidence) finding.Evidence {
	ev.Excerpt, ev.Subject = redact(ev.Excerpt), redact(ev.Subject)
	return ev
}

// keyText shows a bucket key to people: as text when it is printable (a
// fingerprint), else in hex (a draft's 8-byte ID).
func keyText(k []byte) string {
	for _, c := range k {
		if c < 0x20 || c > 0x7e {
			return fmt.Sprintf("%x", k)
		}
	}
	return strconv.Quote(string(k))
}
