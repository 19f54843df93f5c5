package symbol

// goFuncName reads a Go function line as goFuncRE does, without the
// regular expression: splitting a file into declarations ran goFuncRE on
// every func line of every side read (3% of a backfill's CPU, most of it
// the regexp package backtracking over the optional receiver). recv and
// name are the pattern's groups 1 and 2; ok is whether it matches.
// FuzzGoFuncName holds the two to the same answers.
func goFuncName(text string) (recv, name string, ok bool) {
	if len(text) < 4 || text[:4] != "func" {
		return "", "", false
	}
	i := skipSpace(text, 4)
	if i < len(text) && text[i] == '(' {
		// The receiver is optional in the pattern, but nothing else can
		// follow "func (": with a receiver name first, else without.
		for _, named := range []bool{true, false} {
			if recv, j, ok := goReceiver(text, i+1, named); ok {
				if name, ok := goFuncTail(text, j); ok {
					return recv, name, true
				}
			}
		}
		return "", "", false
	}
	name, ok = goFuncTail(text, i)
	return "", name, ok
}

// goReceiver reads `\s*(?:\w+\s+)?\*?\s*(\w+)\s*(?:\[[^\]]*\])?\s*\)\s*`
// from i, with the receiver's name (named) or without, and returns the
// type and where the reading stopped.
func goReceiver(text string, i int, named bool) (string, int, bool) {
	i = skipSpace(text, i)
	if named {
		j := skipWord(text, i)
		if j == i || j >= len(text) || !isRESpace(text[j]) {
			return "", 0, false
		}
		i = skipSpace(text, j)
	}
	if i < len(text) && text[i] == '*' {
		i++
	}
	i = skipSpace(text, i)
	j := skipWord(text, i)
	if j == i {
		return "", 0, false
	}
	recv := text[i:j]
	i = skipSpace(text, j)
	if i < len(text) && text[i] == '[' {
		k := i + 1
		for k < len(text) && text[k] != ']' {
			k++
		}
		if k == len(text) {
			return "", 0, false
		}
		i = skipSpace(text, k+1)
	}
	if i >= len(text) || text[i] != ')' {
		return "", 0, false
	}
	return recv, skipSpace(text, i+1), true
}

// goFuncTail reads `(\w+)\s*[\[(]` from i.
func goFuncTail(text string, i int) (string, bool) {
	j := skipWord(text, i)
	if j == i {
		return "", false
	}
	k := skipSpace(text, j)
	if k >= len(text) || text[k] != '(' && text[k] != '[' {
		return "", false
	}
	return text[i:j], true
}

// skipSpace is the index of the first byte at or after i that is not
// what RE2's \s matches.
func skipSpace(text string, i int) int {
	for i < len(text) && isRESpace(text[i]) {
		i++
	}
	return i
}

// skipWord is the index of the first byte at or after i that is not what
// RE2's \w matches.
func skipWord(text string, i int) int {
	for i < len(text) && isREWord(text[i]) {
		i++
	}
	return i
}

func isRESpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'
}

func isREWord(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}
