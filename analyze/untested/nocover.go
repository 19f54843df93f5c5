package untested

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"strings"

	"github.com/ticket-master/ticket-master/analyze/symbol"
)

// noCoverRE is coverage.py's exclusion marker as projects write it: a
// "# pragma: no cover" (or "nocover") comment on a def or class line
// leaves that definition, a class's methods with it, out of the coverage
// the project measures. "# no cov" is the one Hatch's project template
// configures (exclude_lines = ["no cov", ...]), and Hatch's own code
// writes: pypa/hatch 3d899bd9's `def initialize_styles(self, styles:
// dict):  # no cov` was drafted as a method to test (round 134, noise).
var noCoverRE = lazyregexp.New(`#\s*(?:pragma:\s*no\s?cover|no\s?cov)\b`)

// excludedFromCoverage reports whether the project says s is not to be
// tested: its definition line, or its class's among the file's changed
// symbols, carries coverage.py's exclusion marker (encode/httpcore
// a42df6c: `class TLSinTLSStream(NetworkStream):  # pragma: no cover`,
// drafted as six symbols to test).
func excludedFromCoverage(s symbol.Symbol, changed []symbol.Symbol) bool {
	if noCoverRE.MatchString(s.Signature) {
		return true
	}
	class, _, ok := strings.Cut(s.Name, ".")
	if !ok {
		return false
	}
	for _, c := range changed {
		if c.Name == class && noCoverRE.MatchString(c.Signature) {
			return true
		}
	}
	return false
}
