package todo

import (
	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/finding"
)

// Detector finds TODO-family comments a commit adds or removes.
type Detector struct{}

// Spec describes the TODO detector. Its drafts quote the comment, so the
// template's words are the draft package's TODO layout rather than these.
func (Detector) Spec() analyze.Spec {
	return analyze.Spec{
		Name:     finding.KindTODO,
		Summary:  "TODO, FIXME, HACK, XXX and BUG comments a commit leaves in the code",
		Severity: finding.Medium,
	}
}

// DetectCommit runs Detect over every file of the commit, reading a file
// whole only where a hunk in its middle has a changed line that may be a
// TODO, to know whether the hunk starts inside a comment or a string.
//
// A merge commit yields nothing: its diff against its first parent is what
// the merged branch did, commit by commit, and those commits are analysed
// themselves; a TODO the branch added would otherwise be "added" by the
// merge too, dated the day of the merge (a sync merge re-adding years-old
// FIXMEs).
func (Detector) DetectCommit(c analyze.Commit, cd *analyze.CommitDiff, s *config.Effective) (found []finding.Finding, resolved []analyze.Resolution) {
	if cd == nil || len(c.Parents) > 1 {
		return nil, nil
	}
	opts := Options{Words: s.TODO.Words, WordLabels: s.TODO.Labels}
	var source sourceFunc
	if cd.Source != nil {
		source = cd.ReadSource
	}
	for i := range cd.Files {
		f, r := detect(c, &cd.Files[i], opts, source)
		found = append(found, f...)
		resolved = append(resolved, r...)
	}
	return found, resolved
}
