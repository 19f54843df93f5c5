package symbol

// A definition whose new lines are its old ones with a local name renamed
// throughout (flask 9e831e9 "fix pyright type errors": `except BadRequest
// as e:` ... `from e` became `as ebr` ... `from ebr`, so as not to shadow
// the parameter e) does the same as before: there is nothing new to
// test. Go is parsed whole and compared with its locals renamed
// (collectLocals); the languages read from the hunks are compared here,
// token by token, on what the hunk shows of the definition.

// renamedLocals reports whether the new head and body (the norms joined,
// normJoin) are the old ones with some local names renamed: the two token
// by token the same but for names, each old name always becoming the same
// new one and no two the same one; each renamed name bound by the
// definition where the hunk shows it (a parameter, an assignment, `as`,
// `let`, `for`, `catch`), not a call's keyword or a name from elsewhere
// (calling bar() instead of foo() is a change), and renamed everywhere
// after that binding and nowhere before it; and no new name already in
// use on the old side (a rename onto a name in use changes what it refers
// to). String literals must be equal.
//
// A parameter's name is a local name only where callers cannot name it
// (params true: Rust, Java); in Python a caller passes it by keyword, and
// its rename is the signature's change.
func renamedLocals(oldHead, newHead, oldBody, newBody string, params bool) bool {
	ot := append(codeTokens(oldHead), codeTokens(oldBody)...)
	nt := append(codeTokens(newHead), codeTokens(newBody)...)
	if len(ot) != len(nt) {
		return false
	}
	headLen := len(codeTokens(oldHead))
	if len(codeTokens(newHead)) != headLen || !params && oldHead != newHead {
		return false
	}
	to, from := map[string]string{}, map[string]string{}
	for i := range ot {
		o, n := ot[i], nt[i]
		if o == n {
			continue
		}
		if !isName(o) || !isName(n) {
			return false
		}
		if prev, ok := to[o]; ok && prev != n {
			return false
		}
		if prev, ok := from[n]; ok && prev != o {
			return false
		}
		to[o], from[n] = n, o
	}
	if len(to) == 0 {
		return false
	}
	inOld := map[string]bool{}
	for _, t := range ot {
		inOld[t] = true
	}
	for o, n := range to {
		if inOld[n] {
			return false // onto a name in use: what uses it would change
		}
		// Where the hunk shows o bound, o is n from there on; a use of o
		// before it is another o (a parameter the binding shadowed) and
		// stays.
		b := -1
		for i := range ot {
			if ot[i] == o && nt[i] == n && (bindsAt(ot, i) || i < headLen && paramAt(ot[:headLen], i)) {
				b = i
				break
			}
		}
		if b < 0 {
			return false
		}
		for i := range ot {
			if ot[i] == o && (i < b) == (nt[i] == n) {
				return false
			}
		}
	}
	return true
}

// codeTokens splits a norm into names, string literals (whole) and single
// characters, without spaces.
func codeTokens(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t':
			i++
		case c == '"' || c == '\'' || c == '`':
			j := i + 1
			for j < len(s) && s[j] != c {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			j = min(j+1, len(s))
			out = append(out, s[i:j])
			i = j
		case isIdent(c):
			j := i
			for j < len(s) && isIdent(s[j]) {
				j++
			}
			out = append(out, s[i:j])
			i = j
		default:
			out = append(out, s[i:i+1])
			i++
		}
	}
	return out
}

// isName reports a token that names something: not a number, not a
// keyword that could stand where a name does.
func isName(t string) bool {
	if t == "" || t[0] >= '0' && t[0] <= '9' || !isIdent(t[0]) {
		return false
	}
	switch t {
	case "self", "this", "super", "None", "True", "False", "null", "undefined", "true", "false", "nil",
		"return", "await", "yield", "new", "not", "and", "or", "in", "is", "if", "else", "as", "let", "var", "const", "mut", "for":
		return false
	}
	return true
}

// bindsAt reports whether the name at toks[i] is bound there: after `as`,
// `let`, `mut`, `const`, `var` or `for`; as the target of a plain
// assignment at the start of a statement (`x = ...`, `x := ...`, not a
// call's `f(x=1)` nor `x == y`); or as what a catch clause names.
func bindsAt(toks []string, i int) bool {
	prev := func(k int) string {
		if i-k < 0 {
			return ""
		}
		return toks[i-k]
	}
	next := func(k int) string {
		if i+k >= len(toks) {
			return ""
		}
		return toks[i+k]
	}
	switch prev(1) {
	case "as", "let", "mut", "const", "var", "for":
		return true
	}
	if prev(1) == "(" && prev(2) == "catch" && next(1) == ")" {
		return true
	}
	assigns := next(1) == "=" && next(2) != "=" && next(2) != ">" ||
		next(1) == ":" && next(2) == "="
	if !assigns {
		return false
	}
	// The start of a statement: the text's, a Python line's (its norm
	// starts with the indent, "4|"), or after a brace or semicolon.
	switch prev(1) {
	case "", "|", "{", "}", ";":
		return true
	}
	return false
}

// paramAt reports whether head[i] is a parameter's name: the first name
// after the parameter list's "(" or after a "," at its depth, past any
// "*", "**", "&" or "mut", and followed by ":", ",", ")" or "=".
func paramAt(head []string, i int) bool {
	depth := 0
	for k := 0; k < i; k++ {
		switch head[k] {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
		}
	}
	if depth != 1 {
		return false
	}
	k := i - 1
	for k >= 0 && (head[k] == "*" || head[k] == "&" || head[k] == "mut") {
		k--
	}
	if k < 0 || head[k] != "(" && head[k] != "," {
		return false
	}
	if i+1 >= len(head) {
		return false
	}
	switch head[i+1] {
	case ":", ",", ")", "=":
		return true
	}
	return false
}
