package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/ticket-master/ticket-master/draft/checklist"
)

// Draft is what the benchmark reads of one element of `drafts list --json`.
// Only the fields it measures are decoded, so that fields the CLI adds
// later never break it.
type Draft struct {
	ID          uint64     `json:"id"`
	Title       string     `json:"title"`
	Body        string     `json:"body"`
	State       string     `json:"state"`
	Fingerprint string     `json:"fingerprint"`
	Evidence    []Evidence `json:"evidence"`
	// Digest marks the repository's maintenance digest: its other
	// fingerprints are its items, its evidence theirs, in the same order.
	Digest       bool     `json:"digest"`
	Fingerprints []string `json:"fingerprints"`
	item         bool     // one of a digest's items (Items), not a draft
	// now is the file an item is about today when its line says so ("; now
	// `pyproject.toml`"): its evidence stays true of its commit.
	now string
}

// nowPath is the file the draft says it is about today, when that is not
// its evidence's: "the file is now `X`" in a draft's footer, "; now `X`"
// on a digest's line. "" when it says nothing of the kind.
func (d Draft) nowPath() string {
	if d.item {
		return d.now
	}
	if m := fileNowRE.FindStringSubmatch(d.Body); m != nil {
		return m[1]
	}
	return ""
}

var (
	fileNowRE = regexp.MustCompile("the file is now `([^`]+)`")
	itemNowRE = regexp.MustCompile("; now `([^`]+)`")
)

// Evidence is one place a draft cites.
type Evidence struct {
	Path    string `json:"path"`
	Line    int    `json:"line"`
	EndLine int    `json:"end_line"`
	Commit  string `json:"commit"`
	Subject string `json:"subject"`
	Excerpt string `json:"excerpt"`
}

// Kind is the detector that made the draft: its fingerprint's first field
// ("todo:path:..." is a todo draft).
func (d Draft) Kind() string {
	if d.Digest {
		return "digest"
	}
	kind, _, ok := strings.Cut(d.Fingerprint, ":")
	if !ok || kind == "" {
		return "unknown"
	}
	return kind
}

// Key identifies a judged finding independently of fingerprints, ids and
// wording, which change as the detectors are reworked: the repository, the
// commit and path of one piece of evidence, the detector, and a hash of the
// quoted excerpt.
type Key struct {
	Repo       string `json:"repo"`
	Commit     string `json:"commit"`
	Path       string `json:"path"`
	Kind       string `json:"kind"`
	ExcerptSHA string `json:"excerpt_sha"`
}

// String is the key in one line, as the label file's readers compare it.
func (k Key) String() string {
	return strings.Join([]string{k.Repo, k.Commit, k.Path, k.Kind, k.ExcerptSHA}, "|")
}

// Short is a handle for the key that a person can type: 8 hex digits of
// its hash, printed by `quality label` and accepted back in verdict lines.
func (k Key) Short() string {
	sum := sha256.Sum256([]byte(k.String()))
	return hex.EncodeToString(sum[:4])
}

// Keys are the keys of every place the draft cites, its main evidence
// first; a label on any of them judges the draft.
func (d Draft) Keys(repo string) []Key {
	keys := make([]Key, 0, len(d.Evidence))
	for _, e := range d.Evidence {
		keys = append(keys, Key{Repo: repo, Commit: e.Commit, Path: e.Path, Kind: d.Kind(), ExcerptSHA: ExcerptHash(e.Excerpt)})
	}
	return keys
}

// ExcerptHash hashes an excerpt after trimming each line and dropping
// blank ones, so that re-indentation or a trailing newline in how the
// detector quotes a line does not orphan its label. 12 hex digits.
func ExcerptHash(excerpt string) string {
	var lines []string
	for _, l := range strings.Split(excerpt, "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	sum := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return hex.EncodeToString(sum[:6])
}

// BodyHash tells whether a draft's text changed since it was judged.
func BodyHash(body string) string {
	sum := sha256.Sum256([]byte(body))
	return hex.EncodeToString(sum[:6])
}

// itemLine is one checklist line of the digest: the tick, the text, and the
// hidden marker naming the item's fingerprint.
var itemLine = regexp.MustCompile(`(?m)^\s*[-*] \[[ xX]\] (.*?)\s*<!-- ticket-master:item=(.*?) -->\s*$`)

// Items are the findings a digest lists, each as a draft of its own kind
// with its evidence and its line's text (up to the link) as title, so that
// labels judge them like any draft. A draft that is no digest has none.
// Items whose evidence the draft does not carry are left out: they cannot
// be keyed; so are those with no line of their own, named on the line of
// another that says the same.
func (d Draft) Items() []Draft {
	if !d.Digest || len(d.Fingerprints) < 2 {
		return nil
	}
	titles := map[string]string{}
	nows := map[string]string{}
	for _, m := range itemLine.FindAllStringSubmatch(d.Body, -1) {
		text := strings.Trim(m[1], "~")
		key := checklist.KeyOf(m[2])
		if n := itemNowRE.FindStringSubmatch(text); n != nil {
			nows[key] = n[1]
		}
		if i := strings.Index(text, ": ["); i >= 0 {
			text = text[:i]
		}
		// The drafter breaks mentions with a zero-width space ("@\u200beslint"),
		// in the hidden marker too: the fingerprint has none.
		titles[key] = unmention(text)
	}
	var out []Draft
	for i, fp := range d.Fingerprints[1:] {
		if i >= len(d.Evidence) {
			break
		}
		if _, ok := titles[fp]; !ok && len(titles) > 0 {
			continue // another place of a line that says the same (draft.Digest)
		}
		out = append(out, Draft{ID: d.ID, Title: titles[fp], Body: titles[fp], State: d.State,
			Fingerprint: fp, Evidence: []Evidence{d.Evidence[i]}, item: true, now: nows[fp]})
	}
	return out
}

// unmention drops the zero-width spaces the drafter puts after "@" and "#"
// so that GitHub links no one.
func unmention(s string) string { return strings.ReplaceAll(s, "\u200b", "") }

// DecodeWaiting reads `drafts list --waiting --json`: findings without a
// draft yet, each with one piece of evidence, as drafts labels can match.
// An empty list is not nil: the budget was measured and nothing waits.
func DecodeWaiting(b []byte) ([]Draft, error) {
	var views []struct {
		Fingerprint string   `json:"fingerprint"`
		Title       string   `json:"title"`
		Evidence    Evidence `json:"evidence"`
	}
	if err := json.Unmarshal(b, &views); err != nil {
		return nil, fmt.Errorf("drafts list --waiting --json: %w", err)
	}
	out := []Draft{}
	for _, v := range views {
		out = append(out, Draft{Title: v.Title, Fingerprint: v.Fingerprint, State: "waiting", Evidence: []Evidence{v.Evidence}})
	}
	return out, nil
}
