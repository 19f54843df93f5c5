package daemon

import "github.com/ticket-master/ticket-master/daemon/analyze"

// hotspotWindow is the hotspot detector's memory of a repository: the last
// Window commits' touches, and the block they belong to. Blocks of Window
// commits follow each other; a file is drafted as a hotspot at most once
// per block, since the block's ID is in the fingerprint.
type hotspotWindow struct {
	BlockID    string              `json:"block_id"`
	BlockCount int                 `json:"block_count"`
	Touches    []analyze.FileTouch `json:"touches"`
}

// add moves the window on by one commit.
func (w *hotspotWindow) add(t analyze.FileTouch, size int) {
	if size <= 0 {
		size = 50
	}
	if w.BlockID == "" || w.BlockCount >= size {
		w.BlockID, w.BlockCount = analyze.ShortHash(t.Commit.Hash), 0
	}
	w.BlockCount++
	w.Touches = append(w.Touches, t)
	if len(w.Touches) > size {
		w.Touches = append([]analyze.FileTouch(nil), w.Touches[len(w.Touches)-size:]...)
	}
}
