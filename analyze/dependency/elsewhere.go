package dependency

import (
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
)

// removedElsewhere reports whether the commit removes a line naming the
// dependency from a file it does not read as a manifest: a dependency
// moved into a manifest from tox.ini's deps, a Makefile or a CI script is
// no new dependency (pytest-dev/pytest ec8436848 moves coverage, numpy,
// pexpect and others from tox.ini into a dependency group). Lock files are
// left out: a package already locked as another's dependency and now
// declared is new to the manifest all the same.
func (s *sides) removedElsewhere(ps []placed) bool {
	if s.removedNames == nil {
		s.removedNames = map[string]bool{}
		for i := range s.cd.Files {
			f := &s.cd.Files[i]
			if f.Binary || s.changed[f.OldPath] != "" || s.changed[f.NewPath] != "" ||
				analyze.SkipReason(f.Path()) == analyze.SkipLockFile {
				continue
			}
			for _, h := range f.Hunks {
				for _, l := range h.Lines {
					if l.Kind == analyze.Removed {
						for _, tok := range nameTokens(l.Text) {
							s.removedNames[tok] = true
						}
					}
				}
			}
		}
	}
	for _, p := range ps {
		for _, n := range []string{p.name, strings.ToLower(p.display), pep503(p.display)} {
			if s.removedNames[n] || s.removedNames[pep503(n)] {
				return true
			}
		}
	}
	return false
}

// nameTokens splits a line into the words a package name can be, lower
// case: "xdist: pytest-xdist>=2.1.0" holds "xdist" and "pytest-xdist".
func nameTokens(line string) []string {
	return strings.FieldsFunc(strings.ToLower(line), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || strings.ContainsRune("._-@/", r))
	})
}
