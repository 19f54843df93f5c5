package daemon

import (
	"fmt"
	"time"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/hotspot"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/store"
)

// agedDependencies resolves the open dependency findings whose commit is
// more than a year (hotspot.Memory) older than last, the newest commit the
// analysis has taken: a package added or upgraded years ago and in use
// since has nothing left to review (sebdah/goldie's go-difflib of 2019,
// lukeed/uvu's sade from its first import, drafted "new" in 2025: rounds
// 81 and 82, noise). A package bumped since was resolved by the bump.
func agedDependencies(open []store.Finding, last analyze.Commit) []analyze.Resolution {
	if last.Time.IsZero() {
		return nil
	}
	var out []analyze.Resolution
	for _, f := range open {
		if f.Kind != finding.KindDependency {
			continue
		}
		if at := f.Evidence.Time; !at.IsZero() && last.Time.Sub(at) > hotspot.Memory {
			out = append(out, analyze.Resolution{Fingerprint: f.Fingerprint, Commit: last.Hash,
				Why: fmt.Sprintf("changed on %s, more than a year before the newest commit: in use since", at.UTC().Format(time.DateOnly))})
		}
	}
	return out
}
