package draft

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/ticket-master/ticket-master/daemon/analyze"
)

// Redacted replaces a credential wherever one is found.
const Redacted = "[REDACTED]"

// tokenRules are credentials whose shape alone gives them away. Only the
// group named "v" is replaced when there is one, so "aws_secret_access_key = "
// stays readable. They run before the assignment rule, so a token in
// `token = "ghp_..."` is counted once.
var tokenRules = []*regexp.Regexp{
	// A private key block, through its END line, or to the end of the text
	// when an excerpt cut it off: better a lost line of context than half a key.
	regexp.MustCompile(`-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|\z)`),
	regexp.MustCompile(`\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Z0-9]{16}\b`),
	regexp.MustCompile(`(?i)aws_?secret_?(?:access_?)?key["']?\s*(?::=|=>|=|:)\s*["']?(?P<v>[A-Za-z0-9/+=]{40})`),
	regexp.MustCompile(`\b(?:gh[pousr]_[A-Za-z0-9]{20,255}|github_pat_[A-Za-z0-9_]{20,255})\b`),
	regexp.MustCompile(`\bglpat-[A-Za-z0-9_\-]{20,}`),
	regexp.MustCompile(`\bxox[abprs]-[A-Za-z0-9\-]{10,}`),
	regexp.MustCompile(`\b[sr]k_live_[A-Za-z0-9]{16,}`),
	regexp.MustCompile(`\bAIza[0-9A-Za-z_\-]{35}`),
	regexp.MustCompile(`\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}`),
	regexp.MustCompile(`\beyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}`),
	regexp.MustCompile(`(?i)\bbearer\s+(?P<v>[A-Za-z0-9\-._~+/]{16,}=*)`),
}

var (
	// urlCredRE is scheme://user:password@; only the password goes.
	urlCredRE = regexp.MustCompile(`\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s:/@]+:([^\s/@]+)@`)
	// assignRE finds "name <op> " in code, config and prose alike; whether
	// the name is a secret's and the value worth hiding is decided in code,
	// because RE2 has no look-around and the rules read better as Go.
	assignRE = regexp.MustCompile(`([A-Za-z_][A-Za-z0-9_.\-]*)["']?[ \t]*(:=|=>|=|:)[ \t]*`)
	// linePrefixRE is what may precede a name for it to start a config line:
	// indentation, comment markers, a YAML list dash, export, an opening quote.
	linePrefixRE = regexp.MustCompile(`^[ \t]*(?:[-#;*/]+[ \t]*)*(?:(?:export|set|setenv|env|ENV|declare -x)[ \t]+)?["']?$`)
	// lineRestRE is what may follow a value for it to end its line.
	lineRestRE = regexp.MustCompile(`^[,;]?[ \t]*(?:(?:#|//|;).*)?$`)
	// dottedRE is a reference such as cfg.Token or process.env.TOKEN.
	dottedRE = regexp.MustCompile(`^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$`)
	// varRefRE is $VAR, ${VAR}, {{ .Var }}, <your-token>, %s or %(name)s.
	varRefRE = regexp.MustCompile(`^(?:\$\{[^}]*\}|\$[A-Za-z_]\w*|\{\{.*\}\}|<[^<>]*>|%[-+ #0-9.]*[a-zA-Z]|%\([^)]*\)[a-z])$`)
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
// it replaced. The name in an assignment stays ("password = [REDACTED]") so
// that a reader still knows what was there. A credential spanning lines is
// replaced by [REDACTED] and as many line breaks, so line numbers computed
// before and after agree. Redacting twice changes nothing the second time.
func Redact(s string) (string, int) {
	n := 0
	for _, re := range tokenRules {
		s = replaceRule(re, s, &n)
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

// replaceRule replaces each match of re, or its "v" group when it has one.
func replaceRule(re *regexp.Regexp, s string, n *int) string {
	v := re.SubexpIndex("v")
	var b strings.Builder
	last := 0
	for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
		start, end := m[0], m[1]
		if v > 0 && m[2*v] >= 0 {
			start, end = m[2*v], m[2*v+1]
		}
		b.WriteString(s[last:start])
		b.WriteString(Redacted + strings.Repeat("\n", strings.Count(s[start:end], "\n")))
		last = end
		*n++
	}
	if last == 0 {
		return s
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
	for _, m := range assignRE.FindAllStringSubmatchIndex(s, -1) {
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
		if isPlaceholder(v) {
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
	wholeLine := linePrefixRE.MatchString(s[lineStart:nameStart]) &&
		lineRestRE.MatchString(strings.TrimRight(s[end:lineEnd], "\r"))
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
	words := analyze.SplitNameWords(name)
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
