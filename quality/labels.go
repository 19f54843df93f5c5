package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
)

// Verdicts a person gives a draft (QUALITY.md). A wrong fact outranks
// every other verdict.
const (
	Useful  = "useful"
	Trivial = "trivial"
	Noise   = "noise"
	Wrong   = "wrong"
)

// Verdicts lists them in the order reports print them.
var verdicts = []string{Useful, Trivial, Noise, Wrong}

// Label is one judgement, one line of labels.jsonl. The file is only ever
// appended to: judging a finding again adds a line, and the last line for
// a key is the verdict in force; earlier ones are its history.
type Label struct {
	Key
	Verdict string `json:"verdict"`
	Reason  string `json:"reason"`
	// Title and BodySHA are the draft as it was judged: when the detector
	// now says something else about the same finding, it is judged again.
	Title   string `json:"title"`
	BodySHA string `json:"body_sha"`
	Judged  string `json:"judged"` // date, YYYY-MM-DD
}

// check says what is wrong with a label, for the file's line numbers.
func (l Label) check() error {
	switch {
	case l.Repo == "" || l.Commit == "" || l.Path == "" || l.Kind == "" || l.ExcerptSHA == "":
		return errors.New("repo, commit, path, kind and excerpt_sha are all required")
	case !slices.Contains(verdicts, l.Verdict):
		return fmt.Errorf("verdict %q is not one of %s", l.Verdict, strings.Join(verdicts, ", "))
	case strings.TrimSpace(l.Reason) == "":
		return errors.New("a verdict needs a one-line reason")
	case strings.Contains(l.Reason, "\n"):
		return errors.New("the reason must be one line")
	}
	return nil
}

// ReadLabels reads a labels file; a missing file is an empty set.
func ReadLabels(path string) ([]Label, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("open labels: %w", err)
	}
	defer f.Close()
	labels, err := DecodeLabels(f)
	if err != nil {
		return nil, fmt.Errorf("%s:%w", path, err)
	}
	return labels, nil
}

// DecodeLabels reads JSON lines; blank lines are allowed. An error names
// the line, so a hand edit gone wrong is easy to find.
func DecodeLabels(r io.Reader) ([]Label, error) {
	var out []Label
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var l Label
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&l); err != nil {
			return nil, fmt.Errorf("%d: %w", n, err)
		}
		if err := l.check(); err != nil {
			return nil, fmt.Errorf("%d: %w", n, err)
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read labels: %w", err)
	}
	return out, nil
}

// AppendLabels adds labels at the end of the file, creating it if needed.
func AppendLabels(path string, labels []Label) error {
	for _, l := range labels {
		if err := l.check(); err != nil {
			return fmt.Errorf("label %s: %w", l.Short(), err)
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("open labels: %w", err)
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w) // one object a line
	enc.SetEscapeHTML(false)  // reasons quote code: keep "=>" readable
	for _, l := range labels {
		if err := enc.Encode(l); err != nil {
			f.Close()
			return fmt.Errorf("encode label: %w", err)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("write labels: %w", err)
	}
	return f.Close()
}

// LabelSet is the verdicts in force: the last label for each key.
type LabelSet struct {
	byKey map[string]Label
	order []string // keys in the order first seen, for stable reports
}

// NewLabelSet keeps the last label of each key.
func NewLabelSet(labels []Label) *LabelSet {
	s := &LabelSet{byKey: map[string]Label{}}
	for _, l := range labels {
		k := l.Key.String()
		if _, seen := s.byKey[k]; !seen {
			s.order = append(s.order, k)
		}
		s.byKey[k] = l
	}
	return s
}

// Match is a draft with the label in force for it, if any.
type Match struct {
	Draft Draft
	Label *Label
	// Changed: the draft's title or body is not what was judged; the
	// verdict still counts, and `quality label` offers it for judging again.
	Changed bool
	// Item: a line of the maintenance digest, not a draft of its own; only
	// its title is compared (its body is the digest's).
	Item bool
}

// Match finds the label for each draft of one repository (through any of
// its evidence, main evidence first) and returns the labels of that
// repository that matched no draft: kept as history, reported as unmatched.
func (s *LabelSet) Match(repo string, drafts []Draft) (matches []Match, unmatched []Label) {
	used := map[string]bool{}
	for _, d := range drafts {
		m := Match{Draft: d, Item: d.item}
		for _, k := range d.Keys(repo) {
			if l, ok := s.byKey[k.String()]; ok {
				m.Label = &l
				m.Changed = l.Title != d.Title || (!m.Item && l.BodySHA != BodyHash(d.Body))
				used[k.String()] = true
				break
			}
		}
		matches = append(matches, m)
	}
	for _, k := range s.order {
		if l := s.byKey[k]; l.Repo == repo && !used[k] {
			unmatched = append(unmatched, l)
		}
	}
	return matches, unmatched
}

// Earlier finds the labels of a repository on the same commit, path and
// detector as key but another excerpt: what was said of this finding
// before the detector changed how it quotes it, shown as a hint when
// judging again.
func (s *LabelSet) Earlier(k Key) []Label {
	var out []Label
	for _, id := range s.order {
		l := s.byKey[id]
		if l.Repo == k.Repo && l.Commit == k.Commit && l.Path == k.Path && l.Kind == k.Kind && l.ExcerptSHA != k.ExcerptSHA {
			out = append(out, l)
		}
	}
	return out
}
