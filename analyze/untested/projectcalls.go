package untested

import (
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
)

// calledByProjectTests is calledByOwnTests over every test the project
// has at the commit, whatever its file is named (analyze.TestCalls):
// jazzband/tablib keeps the tests of every format in tests/test_tablib.py,
// psf/cachecontrol calls its heuristics from tests/test_expires_heuristics.py,
// and the rewrites of code those tests call were judged noise (rounds 74
// and 75). A symbol whose doc comment the commit rewrote states a new
// contract and stays, as does one whose name is too short to tell apart
// from others' (a call of "get" is anyone's). Asked of a file only when
// everything else would report it: it is one git grep.
func calledByProjectTests(cd *analyze.CommitDiff, p string, syms []symbol.Symbol) bool {
	names := make([]string, 0, len(syms))
	for _, s := range syms {
		name := s.Name[strings.LastIndexAny(s.Name, ".:")+1:]
		if s.DocChanged || len(name) < 3 {
			return false
		}
		names = append(names, name)
	}
	called, err := cd.TestCalls(names, p)
	if err != nil || called == nil {
		return false // unknown: reported as before
	}
	for _, n := range names {
		if !called[n] {
			return false
		}
	}
	return true
}
