package review

// Style colours a session's text on a terminal. A nil function leaves its
// text plain, so the zero Style is right for pipes and NO_COLOR.
type Style struct {
	Title  func(string) string // a draft's title
	Prompt func(string) string // the question and its answers, [y,n,...]
}

func paint(f func(string) string, s string) string {
	if f == nil {
		return s
	}
	return f(s)
}
