package credential

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"slices"
	"strings"
	"unicode"
)

// Redacted replaces a credential wherever one is found.
const Redacted = "[REDACTED]"

var (
	// urlCredRE is scheme://user:password@; only the password goes.
	urlCredRE = lazyregexp.New(`\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@]+:([^\s/@]+)@`)
	// linePrefixRE is what may precede a name for it to start a config line:
	// indentation, comment markers, a YAML list dash, export, an opening quote.
	linePrefixRE = lazyregexp.New(`^[ \t]*(?:[-#;*/]+[ \t]*)*(?:(?:export|set|setenv|env|ENV|declare -x)[ \t]+)?["']?$`)
	// lineRestRE is what may follow a value for it to end its line.
	lineRestRE = lazyregexp.New(`^[,;]?[ \t]*(?:(?:#|//|;).*)?$`)
	// dottedRE is a reference such as cfg.Token or process.env.TOKEN.
	dottedRE = lazyregexp.New(`^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$`)
	// varRefRE is $VAR, ${VAR}, {{ .Var }}, <your-token>, %s or %(name)s.
	varRefRE = lazyregexp.New(`^(?:\$\{[^}]*\}|\$[A-Za-z_]\w*|\{\{.*\}\}|<[^<>]*>|%[-+ #0-9.]*[a-zA-Z]|%\([^)]*\)[a-z])$`)
)

// secretWords are the name parts that make an assignment's value secret.
var secretWords = map[string]bool{
	"password": true, "passwd": true, "pwd": true, "passphrase": true,
	"secret": true, "token": true, "apikey": true, "auth": true,
	"credential": true, "credentials": true,
}

// secretPairs are two adjacent name parts that do the same: api_key, accessKey.
var secretPairs = map[string]bool{"api key": true, "access key": true, "private key": true}

// describingWords end names that are about a secret without holding one:
// token_url, password_file, auth_type, secret_name.
var describingWords = map[string]bool{
	"file": true, "path": true, "dir": true, "url": true, "uri": true, "endpoint": true,
	"type": true, "name": true, "length": true, "len": true, "count": true, "ttl": true,
	"expiry": true, "expires": true, "expiration": true, "timeout": true, "enabled": true,
	"required": true, "header": true, "prefix": true, "method": true, "mode": true,
	"provider": true, "field": true, "env": true, "var": true, "policy": true, "min": true,
	"max": true, "size": true, "limit": true, "regex": true, "pattern": true, "hint": true,
	"label": true, "prompt": true, "error": true, "err": true, "msg": true, "message": true,
}

// notSecret are values that are never credentials: keywords, types and the
// usual placeholders.
var notSecret = map[string]bool{
	"true": true, "false": true, "null": true, "nil": true, "none": true, "undefined": true,
	"yes": true, "no": true, "on": true, "off": true, "string": true, "str": true,
	"int": true, "bool": true, "boolean": true, "number": true, "bytes": true, "any": true,
	"object": true, "optional": true, "required": true, "bearer": true, "basic": true,
	"changeme": true, "change_me": true, "change-me": true, "changeit": true,
	"example": true, "dummy": true, "fake": true, "test": true, "sample": true,
	"placeholder": true, "redacted": true, "[redacted]": true, "todo": true, "tbd": true,
	"fixme": true, "secret": true, "password": true, "token": true,
}

// Redact replaces likely credentials in s with [REDACTED] and says how many
// it replaced: every format of the table (Patterns), the password of a URL,
// and values assigned to secret-sounding names. The name in an assignment
// stays ("password = [REDACTED]") so that a reader still knows what was
// there. A credential spanning lines is replaced by [REDACTED] and as many
// line breaks, so line numbers computed before and after agree. Redacting
// twice changes nothing the second time.
func Redact(s string) (string, int) {
	n := 0
	s = redactFormats(s, &n)
	if !strings.Contains(s, "://") {
		// What urlCredRE needs: it has no literal prefix for the regexp
		// package to look for, and scanning every commit subject with it
		// was 2% of a backfill's CPU.
		return redactAssignments(s, &n), n
	}
	s = urlCredRE.ReplaceAllStringFunc(s, func(m string) string {
		sub := urlCredRE.FindStringSubmatchIndex(m)
		pw := m[sub[2]:sub[3]]
		if isPlaceholder(pw) {
			return m
		}
		n++
		return m[:sub[2]] + Redacted + m[sub[3]:]
	})
	s = redactAssignments(s, &n)
	return s, n
}

// redactFormats replaces what the table's patterns match, all found in the
// original text (an unnamed AWS secret is one only while its key id is
// beside it), overlapping matches as one.
func redactFormats(s string, n *int) string {
	lower := strings.ToLower(s)
	var spans [][2]int
	for i := range table {
		p := &table[i]
		if !p.MayMatch(lower) {
			continue
		}
		for _, sp := range p.findAll(s) {
			if p.through != nil {
				if loc := p.through.FindStringIndex(s[sp[1]:]); loc != nil {
					sp[1] += loc[1]
				} else {
					sp[1] = len(s)
				}
			}
			spans = append(spans, sp)
		}
	}
	if len(spans) == 0 {
		return s
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return a[0] - b[0] })
	var b strings.Builder
	last := 0
	for i := 0; i < len(spans); {
		start, end := spans[i][0], spans[i][1]
		for i++; i < len(spans) && spans[i][0] < end; i++ {
			end = max(end, spans[i][1])
		}
		b.WriteString(s[last:start])
		b.WriteString(Redacted + strings.Repeat("\n", strings.Count(s[start:end], "\n")))
		last = end
		*n++
	}
	b.WriteString(s[last:])
	return b.String()
}

// redactAssignments hides the values assigned to secret-sounding names.
// Quoted values are hidden unless they are placeholders. Bare values need
// more care, since `token = tok` in code and "auth: handled elsewhere" in
// prose are not secrets: they are hidden when the assignment is a whole
// config line (`password: hunter2`, `TOKEN=abc`), or elsewhere when the value
// looks random (has a digit, symbol or inner capital).
func redactAssignments(s string, n *int) string {
	var b strings.Builder
	last := 0
	// "name <op> " in code, config and prose alike (Assignments); whether
	// the name is a secret's and the value worth hiding is decided here,
	// because RE2 has no look-around and the rules read better as Go.
	for _, m := range Assignments(s, false) {
		name := s[m[2]:m[3]]
		op := s[m[4]:m[5]]
		opEnd, valStart := m[5], m[1]
		if m[0] < last || !isSecretName(name) {
			continue
		}
		if opEnd < len(s) && (s[opEnd] == '=' || s[opEnd] == '~' || (op == ":" && s[opEnd] == ':')) {
			continue // ==, =~, :: are not assignments
		}
		start, end, ok := secretValue(s, m[2], op, valStart)
		if !ok {
			continue
		}
		b.WriteString(s[last:start])
		b.WriteString(Redacted)
		last = end
		*n++
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// versionRE is a version or a version requirement: "0.1.1", "^1.2",
// "~0.53.0", ">=2.0, <3", "=0.54.4".
var versionRE = lazyregexp.New(`^(?:[\^~=<>!]{0,2}\s*v?\d+(?:\.\d+){0,3}(?:[-+][0-9A-Za-z.]+)?\s*,?\s*)+$`)

// secretValue finds the value assigned at valStart and reports whether to
// hide it, and where it is.
func secretValue(s string, nameStart int, op string, valStart int) (int, int, bool) {
	if valStart >= len(s) {
		return 0, 0, false
	}
	if q := s[valStart]; q == '"' || q == '\'' || q == '`' {
		end := closingQuote(s, valStart+1, q)
		if end < 0 {
			return 0, 0, false
		}
		v := s[valStart+1 : end]
		if isPlaceholder(v) || versionRE.MatchString(v) {
			// A version is no secret: nushell's Cargo.toml
			// `aegis-password-generator = "0.1.1"` was quoted as
			// "[REDACTED]" in a dependency draft (round 114).
			return 0, 0, false
		}
		// In Markdown a backtick after "password:" usually closes a code
		// span ("the `password:` field"); only a tight JS-style template
		// literal that is not an expression counts as a value.
		if q == '`' && (strings.TrimSpace(v) != v || codeLike(v)) {
			return 0, 0, false
		}
		return valStart + 1, end, true
	}
	if op == ":=" || op == "=>" {
		return 0, 0, false // a bare value after := or => is code, not config
	}
	end := valStart
	for end < len(s) && !strings.ContainsRune(" \t\r\n,;)]}\"'`&", rune(s[end])) {
		end++
	}
	v := s[valStart:end]
	if v == "" || isPlaceholder(v) || codeLike(v) {
		return 0, 0, false
	}
	lineStart := strings.LastIndexByte(s[:nameStart], '\n') + 1
	lineEnd := strings.IndexByte(s[end:], '\n')
	if lineEnd < 0 {
		lineEnd = len(s)
	} else {
		lineEnd += end
	}
	rest := strings.TrimRight(s[end:lineEnd], "\r")
	// A bare word then a comma ends a field of a struct or object literal
	// set from a variable, not a config line: goccy/go-yaml's
	// `Token: tk,` was quoted as "Token: [REDACTED]," (round 156).
	wholeLine := linePrefixRE.MatchString(s[lineStart:nameStart]) && lineRestRE.MatchString(rest) &&
		!strings.HasPrefix(rest, ",")
	if !wholeLine && !looksRandom(v) {
		return 0, 0, false
	}
	return valStart, end, true
}

// closingQuote finds the quote ending a string that starts at i, on the
// same line, skipping backslash escapes; -1 when there is none.
func closingQuote(s string, i int, q byte) int {
	for ; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '\n':
			return -1
		case q:
			return i
		}
	}
	return -1
}

// isSecretName reports whether an identifier names a credential: one of its
// words is a secret word (db_password, authToken, API_KEY), and its last
// word does not make it about the secret instead (token_url, password_file).
func isSecretName(name string) bool {
	words := SplitNameWords(name)
	if len(words) == 0 || describingWords[words[len(words)-1]] {
		return false
	}
	for i, w := range words {
		if secretWords[w] {
			return true
		}
		if i > 0 && secretPairs[words[i-1]+" "+w] {
			return true
		}
	}
	return false
}

// isPlaceholder reports values that stand in for a secret: empty, xxx, ***,
// changeme, <your-token>, ${VAR}, your_api_key_here, [REDACTED].
func isPlaceholder(v string) bool {
	v = strings.TrimSpace(v)
	lv := strings.ToLower(v)
	if lv == "" || notSecret[lv] || varRefRE.MatchString(v) {
		return true
	}
	if strings.Trim(lv, "x*.#-_ ") == "" {
		return true
	}
	if strings.Contains(lv, "changeme") || strings.Contains(lv, "change_me") || strings.Contains(lv, "placeholder") ||
		strings.HasPrefix(lv, "your") || strings.HasSuffix(lv, "_here") || strings.HasSuffix(lv, "-here") ||
		strings.Contains(v, Redacted) {
		return true
	}
	return false
}

// codeLike reports bare values that are expressions rather than literals:
// calls (os.Getenv("X")), indexing (ENV["X"]), references (cfg.Token,
// process.env.TOKEN), paths and URLs (which the URL rule handles), short
// numbers (token_ttl = 3600).
func codeLike(v string) bool {
	if strings.ContainsAny(v, "([{") || strings.Contains(v, "->") || strings.Contains(v, "://") {
		return true
	}
	if strings.ContainsRune("$%&*@<!", rune(v[0])) || dottedRE.MatchString(v) {
		return true
	}
	if strings.HasPrefix(v, "./") || strings.HasPrefix(v, "../") || strings.HasPrefix(v, "~/") ||
		(strings.HasPrefix(v, "/") && strings.Count(v, "/") > 1) {
		return true
	}
	if len(v) < 8 && strings.Trim(v, "0123456789") == "" {
		return true
	}
	return false
}

// looksRandom reports a value that reads like a credential rather than a
// word: at least 6 characters with a digit, a symbol or an inner capital.
// Hyphens and underscores do not count: "well-known" is prose.
func looksRandom(v string) bool {
	if len(v) < 6 {
		return false
	}
	for i, r := range v {
		symbol := !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_'
		if unicode.IsDigit(r) || (i > 0 && unicode.IsUpper(r)) || symbol {
			return true
		}
	}
	return false
}
