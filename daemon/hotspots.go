package daemon

import (
	"fmt"
	"time"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/hotspot"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/store"
)

// hotspotWindow is the hotspot detector's memory of a repository: the last
// Window commits' touches. A file's hotspot finding is one per file
// (Spec.Rolling), restated from this window each time it moves on.
type hotspotWindow struct {
	Touches []analyze.FileTouch `json:"touches"`
}

// add moves the window on by one commit.
func (w *hotspotWindow) add(t analyze.FileTouch, size int) {
	if size <= 0 {
		size = 50
	}
	w.Touches = append(w.Touches, t)
	if len(w.Touches) > size {
		// Dropped from the front without a copy: append copies the
		// window once its spare room runs out, not at every commit.
		w.Touches = w.Touches[len(w.Touches)-size:]
	}
}

// cooledHotspots resolves the open hotspot findings whose file no commit of
// the window touched: the file has cooled off, and its draft (or digest
// line) goes, unless its fixes made it a hotspot. Only a file the whole window left alone, not one that merely
// dropped under the threshold, so that a file on the edge does not open
// and close a finding every few commits. Any hotspot not found again is
// resolved once its newest counted change is hotspot.Memory old.
func (w *writer) cooledHotspots(open []store.Finding, last analyze.Commit, win hotspotWindow, found []finding.Finding) []analyze.Resolution {
	if len(win.Touches) < max(w.plan.settings.HotspotWindow, 1) {
		return nil // the window is not full yet: too early to say
	}
	touched := map[string]bool{}
	for _, t := range win.Touches {
		for _, p := range t.Paths {
			touched[p] = true
		}
	}
	still := map[string]bool{}
	for _, f := range found {
		still[f.Fingerprint] = true
	}
	var out []analyze.Resolution
	for _, f := range open {
		if f.Kind != finding.KindHotspot || still[f.Fingerprint] {
			continue
		}
		if old := f.Evidence.Time; !old.IsZero() && !last.Time.IsZero() && last.Time.Sub(old) > hotspot.Memory {
			out = append(out, analyze.Resolution{Fingerprint: f.Fingerprint, Commit: last.Hash,
				Why: fmt.Sprintf("%s has not been a hotspot since %s", f.CurrentPath(), old.UTC().Format(time.DateOnly))})
			continue
		}
		if touched[f.CurrentPath()] || hotspot.FixDriven(f.Finding) {
			continue
		}
		out = append(out, analyze.Resolution{Fingerprint: f.Fingerprint, Commit: last.Hash,
			Why: fmt.Sprintf("%s has not changed in the last %d commits", f.CurrentPath(), len(win.Touches))})
	}
	return out
}
