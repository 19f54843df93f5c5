package untested

import (
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
)

// calledByOwnTests reports whether every symbol of syms is one its file's
// own tests, where the project keeps them (conventionalTests), already
// call by name at the commit: a rewrite of tested code (python-hyper/h11
// bdcc34e's ReceiveBuffer.maybe_extract_lines, which test_receivebuffer.py
// called six times; rounds 70 to 74 judged a dozen such drafts noise). One
// the hunks call added but the unchanged tests call was there before under
// that name (h11 13de195's process_client_switch_proposal, "Small
// refactor to client switch proposal handling"). A symbol whose doc comment the commit rewrote with
// it states a new contract that the old tests may not check (go-git
// 3fe32a2's DiscoverVersion, "the discovered version is not consumed from
// the reader", judged useful): it stays.
func calledByOwnTests(files *symbol.Commit, p string, syms []symbol.Symbol) bool {
	for _, s := range syms {
		if s.DocChanged {
			return false
		}
	}
	var tests []string
	for _, t := range conventionalTests(p) {
		if src, ok := files.Read(t, analyze.Added); ok {
			tests = append(tests, string(src))
		}
	}
	if len(tests) == 0 {
		return false
	}
	for _, s := range syms {
		name := s.Name[strings.LastIndexAny(s.Name, ".:")+1:]
		if len(name) < 3 || !calledIn(tests, name) {
			return false
		}
	}
	return true
}

// calledIn reports whether one of srcs calls name: "name(" with no
// identifier byte before it.
func calledIn(srcs []string, name string) bool {
	for _, src := range srcs {
		for from := 0; ; {
			k := strings.Index(src[from:], name+"(")
			if k < 0 {
				break
			}
			k += from
			if k == 0 || !isIdentByte(src[k-1]) {
				return true
			}
			from = k + 1
		}
	}
	return false
}
