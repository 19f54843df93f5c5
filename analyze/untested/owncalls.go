package untested

import "github.com/ticket-master/ticket-master/analyze"

// calledIn reports whether one of srcs calls name (analyze.Calls).
func calledIn(srcs [][]byte, name string) bool {
	for _, src := range srcs {
		if analyze.Calls(src, name) {
			return true
		}
	}
	return false
}

// asStrings is srcs as strings.
func asStrings(srcs [][]byte) []string {
	out := make([]string, len(srcs))
	for i, src := range srcs {
		out[i] = string(src)
	}
	return out
}
