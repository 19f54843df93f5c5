package credential

// Finding assignments ("name <op> value") is the costliest step of both
// the secret detector and redaction: the regular expression that says what
// one is ran on every line that holds a secret's word, and minified
// JavaScript has long lines full of "key" and "token". Written as a scan,
// it is one pass over the line. assignSpec and quotedAssignSpec in the tests
// are the specification: the fuzz tests hold the scan to their matches,
// index for index.

// Assignments returns what the regular expression
//
//	["']?([A-Za-z_][A-Za-z0-9_.\-]*)["']?[ \t]*(:=|=>|=|:)[ \t]*
//
// (the leading quote only when quoted) finds in s with
// FindAllStringSubmatchIndex(s, -1): for each assignment, from left to
// right and not overlapping, the start and end of the match, of the name
// and of the operator.
//
// The pattern needs no backtracking worth the name: a quote taken is never
// given back (a name cannot start with one), the name and the blanks are
// always taken whole (what follows a shorter name is a name byte, which
// neither a quote, a blank nor an operator is), and the operator is the
// first alternative the text starts with. So a match starts at the first
// place a name (or a quote and a name) can start, and when none follows a
// name, no start inside that name gives one either.
func Assignments(s string, quoted bool) [][]int {
	var flat []int // six per match: one allocation, not one a match
	for i := 0; i < len(s); {
		start, j := i, i
		if quoted && isQuoteByte(s[j]) && j+1 < len(s) && isNameStart(s[j+1]) {
			j++
		}
		if !isNameStart(s[j]) {
			i++
			continue
		}
		nameStart := j
		for j < len(s) && isNameByte(s[j]) {
			j++
		}
		nameEnd := j
		if j < len(s) && isQuoteByte(s[j]) {
			j++
		}
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		opStart := j
		switch {
		case j+1 < len(s) && (s[j] == ':' && s[j+1] == '=' || s[j] == '=' && s[j+1] == '>'):
			j += 2
		case j < len(s) && (s[j] == '=' || s[j] == ':'):
			j++
		default:
			i = nameEnd // every start inside the name ends it there too
			continue
		}
		opEnd := j
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		flat = append(flat, start, j, nameStart, nameEnd, opStart, opEnd)
		i = j
	}
	if flat == nil {
		return nil
	}
	out := make([][]int, len(flat)/6)
	for k := range out {
		out[k] = flat[6*k : 6*k+6 : 6*k+6]
	}
	return out
}

func isNameStart(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_'
}

func isNameByte(c byte) bool {
	return isNameStart(c) || c >= '0' && c <= '9' || c == '.' || c == '-'
}

func isQuoteByte(c byte) bool { return c == '"' || c == '\'' }
