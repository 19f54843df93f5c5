package main

import (
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/ticket-master/ticket-master/daemon"
	"github.com/ticket-master/ticket-master/finding"
)

// kindCount is one row of analyze's table: of a kind's open findings, how
// many have a draft of their own, are items of the maintenance digest, or
// wait for room in the draft budget. Without the last two columns a kind
// whose findings all went into the digest read "11 findings, 0 drafts",
// as if they had been lost.
type kindCount struct {
	findings, drafts, digest, waiting int
}

// previewCounts is analyze's table: a row per kind, and the digest drafts.
type previewCounts struct {
	kinds   map[string]*kindCount
	digests int
	drafts  int
}

// countPreview counts every draft of p, so it must run before the drafts
// are cut to --max-issues.
func countPreview(p daemon.Preview) previewCounts {
	c := previewCounts{kinds: map[string]*kindCount{}}
	row := func(kind string) *kindCount {
		if c.kinds[kind] == nil {
			c.kinds[kind] = &kindCount{}
		}
		return c.kinds[kind]
	}
	const ownDraft, inDigest = 1, 2
	covered := map[string]int{}
	for _, d := range p.Drafts {
		c.drafts++
		if d.Kind == "digest" {
			c.digests++
			for _, fp := range d.Fingerprints {
				if fp != d.Fingerprint {
					covered[fp] = inDigest
				}
			}
			continue
		}
		row(finding.KindOf(d.Fingerprint)).drafts++
		covered[d.Fingerprint] = ownDraft
		for _, fp := range d.Fingerprints {
			covered[fp] = ownDraft
		}
	}
	for _, f := range p.Findings {
		r := row(f.Kind)
		r.findings++
		switch covered[f.Fingerprint] {
		case inDigest:
			r.digest++
		case 0:
			r.waiting++
		}
	}
	return c
}

func (c previewCounts) total() kindCount {
	var t kindCount
	for _, r := range c.kinds {
		t.findings += r.findings
		t.digest += r.digest
		t.waiting += r.waiting
	}
	t.drafts = c.drafts
	return t
}

// print writes the table, framed by blank lines, or says there is nothing.
func (c previewCounts) print(w io.Writer) {
	if len(c.kinds) == 0 && c.digests == 0 {
		fmt.Fprintln(w, "\nNo open findings.")
		return
	}
	kinds := make([]string, 0, len(c.kinds))
	for k := range c.kinds {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	tb := newTable("KIND", "FINDINGS", "DRAFTS", "IN DIGEST", "WAITING")
	n := strconv.Itoa
	for _, k := range kinds {
		r := c.kinds[k]
		tb.row(k, n(r.findings), n(r.drafts), n(r.digest), n(r.waiting))
	}
	if c.digests > 0 {
		tb.row("digest", "-", n(c.digests), "-", "-")
	}
	t := c.total()
	tb.row("total", n(t.findings), n(t.drafts), n(t.digest), n(t.waiting))
	fmt.Fprintln(w)
	_ = tb.print(w)
	fmt.Fprintln(w)
}
