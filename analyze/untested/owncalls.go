package untested

import "strings"

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
