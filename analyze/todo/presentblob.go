package todo

import (
	"bytes"
	"strconv"
)

// binaryProbe is how much of a file git looks at for a NUL byte to call it
// binary, which git grep -I then does not read.
const binaryProbe = 8000

// presentInBlob is PresentAll over a file already read, into rs: it picks the lines
// git grep would print (each line holding a pattern, presentBefore lines
// before it and presentAfter after it, as long as git would keep of each)
// and scans them in the same runs, so that the answer is git grep's
// without a process. A file that holds none of the patterns is done with
// at once.
func presentInBlob(data []byte, rs *runs) bool {
	if bytes.IndexByte(data[:min(len(data), binaryProbe)], 0) >= 0 {
		return false
	}
	pats := grepPatterns(rs.opts.Words)
	if !holdsAny(data, pats) {
		return false
	}
	// git grep prints "COMMIT:PATH\0LINE\0TEXT", of which presentIn keeps
	// presentMaxLine bytes.
	prefix := len(rs.commit) + 1 + len(rs.path) + 1 + 1
	emit := func(no int, line []byte) bool {
		keep := presentMaxLine - prefix - len(strconv.Itoa(no))
		line = line[:max(0, min(len(line), keep))]
		return rs.add(no, string(bytes.TrimSuffix(line, []byte("\r"))))
	}
	var prev [presentBefore][]byte // the lines before this one, by number
	shown, after := 0, 0           // the last line emitted; how many more follow a match
	for no := 1; len(data) > 0; no++ {
		line := data
		if k := bytes.IndexByte(data, '\n'); k >= 0 {
			line, data = data[:k], data[k+1:]
		} else {
			data = nil
		}
		switch {
		case holdsAny(line, pats):
			for n := max(shown+1, no-presentBefore, 1); n < no; n++ {
				if emit(n, prev[n%presentBefore]) {
					return true
				}
			}
			if emit(no, line) {
				return true
			}
			shown, after = no, presentAfter
		case after > 0:
			if emit(no, line) {
				return true
			}
			shown = no
			after--
		}
		prev[no%presentBefore] = line
	}
	return rs.check()
}

// holdsAny reports whether b holds one of the patterns.
func holdsAny(b []byte, pats []string) bool {
	for _, p := range pats {
		if bytes.Contains(b, []byte(p)) {
			return true
		}
	}
	return false
}
