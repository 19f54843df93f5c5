package untested

import "github.com/ticket-master/ticket-master/analyze"

// calledIn reports whether one of srcs calls name (analyze.Calls).
func calledIn(srcs []string, name string) bool {
	for _, src := range srcs {
		if analyze.Calls([]byte(src), name) {
			return true
		}
	}
	return false
}
