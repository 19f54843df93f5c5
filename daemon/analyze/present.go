package analyze

import (
	"context"
	"strings"
)

// TODOPresent reports whether the file at commit still carries a TODO with
// the given fingerprint. A fingerprint names the text, not the line, so two
// identical TODOs in one file are one finding: removing one of them must
// not resolve it while the other remains.
func (r *Repo) TODOPresent(ctx context.Context, commit, fingerprint string, opts TODOOptions) (bool, error) {
	path := TODOPath(fingerprint)
	if path == "" {
		return false, nil
	}
	raw, err := r.ReadFile(ctx, commit, path)
	if err != nil {
		return false, nil // the file is gone (or unreadable): so is the TODO
	}
	lines := strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n")
	h := Hunk{NewStart: 1, NewLines: len(lines)}
	for i, l := range lines {
		h.Lines = append(h.Lines, Line{Kind: Added, Text: l, NewNo: i + 1})
	}
	fd := FileDiff{NewPath: path, Hunks: []Hunk{h}}
	found, _ := DetectTODOs(Commit{Hash: commit}, &fd, opts)
	for _, f := range found {
		if f.Fingerprint == fingerprint {
			return true, nil
		}
	}
	return false, nil
}

// TODOPath is the file a TODO fingerprint ("todo:PATH:HASH") names.
func TODOPath(fingerprint string) string {
	rest, ok := strings.CutPrefix(fingerprint, KindTODO+":")
	i := strings.LastIndexByte(rest, ':')
	if !ok || i < 0 {
		return ""
	}
	return rest[:i]
}
