package hooks

import (
	"fmt"
)

// Inspect reports, for each hook in Names, who wrote the file in the hooks
// folder git uses for repoPath, whether ours is of an older version, and
// whether a foreign hook is chained. It changes nothing.
func Inspect(repoPath string) ([]State, error) {
	dir, err := Dir(repoPath)
	if err != nil {
		return nil, fmt.Errorf("inspect hooks: %w", err)
	}
	states := make([]State, 0, len(Names()))
	for _, h := range Names() {
		f, err := inspectFiles(dir, h)
		if err != nil {
			return nil, fmt.Errorf("inspect %s hook: %w", h, err)
		}
		s := State{Hook: h, Path: f.path, ChainedPath: f.chained()}
		s.Ours, s.Foreign, s.Chained = f.hookKind == ours, f.hookKind == foreign, s.ChainedPath != ""
		s.Outdated = s.Ours && f.version < Version
		states = append(states, s)
	}
	return states, nil
}
