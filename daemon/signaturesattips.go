package daemon

import (
	"errors"
	"slices"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/store"
)

// whySignatureGone is why a drift finding resolves at the tips.
const whySignatureGone = "no branch tip holds the signature it cites"

// signatureGone reports whether an open drift finding about a changed
// signature cites a line no tip's copy of its file holds any more: a later
// commit changed the signature again, renamed or removed the symbol, and
// that change was documented or needed no docs, since it raised no drift
// of its own (gobwas/glob's New of 2015, renamed Compile two weeks later:
// "Update the docs for the changed New signature" stayed in the digest;
// round 84, wrong; tidwall/btree's generic BTree[T], made BTreeG; round
// 82). A later undocumented change of the same symbol is the finding's
// Latest, whose line is then looked for as well. A file no tip has is the
// deleted-file rule's; one that cannot be read keeps the finding.
func signatureGone(f store.Finding, tips []string, blobs analyze.FileReader) bool {
	if f.Kind != finding.KindDocDrift || !changedSignature(f.Items) {
		return false
	}
	var cited []string
	for _, ev := range []*finding.Evidence{&f.Evidence, f.Latest} {
		if ev != nil {
			if line := strings.TrimSpace(ev.Excerpt); line != "" {
				cited = append(cited, line)
			}
		}
	}
	if len(cited) == 0 {
		return false
	}
	read := false
	for _, tip := range tips {
		content, err := blobs.Read(tip, f.CurrentPath(), analyze.MaxSourceBytes)
		if errors.Is(err, analyze.ErrNoBlob) {
			continue
		}
		if err != nil {
			return false
		}
		read = true
		text := string(content)
		for _, line := range cited {
			// The excerpt was redacted before it was stored.
			if strings.Contains(text, line) || strings.Contains(redactText(text), line) {
				return false
			}
		}
	}
	return read
}

// whyRestored is why a drift finding of a removal resolves at the tips.
const whyRestored = "a branch tip defines the removed symbol again"

// removalRestored reports whether an open drift finding about a removed
// (or renamed) API symbol is out of date: a tip's copy of the file it was removed from
// defines it again (alecthomas/participle ce4901a replaced
// UnexpectedTokenError.Position with Token, and 212920a put Position back
// eight months later; "Update the docs for the removed ..." stayed in the
// digest: round 136, stale). A file no tip has, or one that cannot be
// read, keeps the finding.
func removalRestored(f store.Finding, tips []string, blobs analyze.FileReader) bool {
	if f.Kind != finding.KindDocDrift || !slices.ContainsFunc(f.Items, func(it string) bool {
		return strings.HasPrefix(it, "removed: ") || strings.HasPrefix(it, "renamed: ")
	}) {
		return false
	}
	rest := strings.TrimPrefix(f.Fingerprint, finding.KindDocDrift+":")
	k := strings.LastIndex(rest, ":api:")
	if k <= 0 {
		return false // a flag, a route, a key: the surfaces' own rules
	}
	p, name := rest[:k], rest[k+len(":api:"):]
	for _, tip := range tips {
		content, err := blobs.Read(tip, p, analyze.MaxSourceBytes)
		if err != nil {
			continue
		}
		if defined, known := symbol.DefinedIn(p, content, name); known && defined {
			return true
		}
	}
	return false
}

// changedSignature reports a drift finding's items of a changed
// signature ("after: ...", or "now: ..." when the old one is unknown),
// not of a removal or rename, whose symbol is meant to be gone.
func changedSignature(items []string) bool {
	for _, it := range items {
		if strings.HasPrefix(it, "after: ") || strings.HasPrefix(it, "now: ") {
			return true
		}
	}
	return false
}
