package hooks

import (
	"fmt"
	"path/filepath"
)

// Inspect reports, for each hook in Names, who wrote the file in the hooks
// folder git uses for repoPath and whether a foreign hook is chained. It
// changes nothing.
func Inspect(repoPath string) ([]State, error) {
	dir, err := Dir(repoPath)
	if err != nil {
		return nil, fmt.Errorf("inspect hooks: %w", err)
	}
	states := make([]State, 0, len(Names()))
	for _, h := range Names() {
		s := State{Hook: h, Path: filepath.Join(dir, h)}
		hk, err := classify(s.Path)
		if err != nil {
			return nil, fmt.Errorf("inspect %s hook: %w", h, err)
		}
		ck, err := classify(s.Path + chainSuffix)
		if err != nil {
			return nil, fmt.Errorf("inspect %s hook: %w", h, err)
		}
		s.Ours, s.Foreign, s.Chained = hk == ours, hk == foreign, ck == foreign
		states = append(states, s)
	}
	return states, nil
}
