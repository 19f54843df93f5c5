package secret

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"path"
	"strings"
	"unicode"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/credential"
	"github.com/ticket-master/ticket-master/finding"
)

// Options configure Detect.
type Options struct {
	// FixturePlaceholders takes every value assigned to a secret-sounding
	// name in a test fixture (IsFixturePath) for a placeholder, so
	// that random-looking fake passwords in tests are not reported. Known
	// token formats are reported in fixtures all the same. Default false:
	// fixtures are judged like any other file, where placeholders
	// (changeme, example, ${VAR}, short or low-entropy values) are never
	// reported anyway.
	FixturePlaceholders bool
}

// secretRedacted replaces a secret in a finding's excerpt, as
// draft.Redacted does in prompts.
const secretRedacted = "[REDACTED]"

// maxSecretExcerpt caps an excerpt: minified lines are long.
const maxSecretExcerpt = 200

// Detect reports likely credentials a commit adds: known token
// formats (Formats: private key blocks, AWS, GitHub, GitLab, Slack,
// Stripe live, Google API keys), and values assigned to secret-sounding
// names (password, passwd, secret, token, api_key, client_secret,
// private_key, ...) that look generated: at least 16 characters, 3.5 bits
// of entropy per character, letters and digits, no spaces or quotes.
//
// Placeholders are never reported, in any file: references (${VAR},
// $VAR, {{ .x }}, <token>), values that name themselves or what they stand
// for (changeme, example, dummy, fake, test, xxxx, your_..._here, secret,
// password), sequential runs (ABCDEFGH...), token bodies of low entropy,
// private key blocks too short to be real, AWS's documented example keys,
// and values assigned to names of stand-ins (fakeToken, DUMMY_SECRET).
// Known formats are reported in test fixtures too; assignments there are
// judged like anywhere else unless Options.FixturePlaceholders. Vendored
// and lock files are not scanned; every other text file is, whatever its
// language.
//
// No field of a finding holds the secret: the excerpt is its line with each
// secret on it replaced by [REDACTED], and the fingerprint is
// "secret:<path>:<format>:<sha256 of the secret, 12 hex>" for a known
// format, "secret:<path>:assignment:<name>" for an assignment. A removed
// line with the same fingerprint resolves the finding, unless the commit
// adds it again (moved, or a new value under the same name).
func Detect(c analyze.Commit, cd *analyze.CommitDiff, o Options) (found []finding.Finding, resolved []analyze.Resolution) {
	if cd == nil {
		return nil, nil
	}
	foundFP := map[string]bool{}
	for i := range cd.Files {
		f := &cd.Files[i]
		if f.NewPath == "" || !scanForSecrets(f) {
			continue
		}
		for _, h := range f.Hunks {
			filters, ok := scanFilter.sideFilters(h, analyze.Added)
			if !ok {
				continue
			}
			for _, hit := range secretHits(filters, f.NewPath, analyze.SideOfHunk(h, analyze.Added), o) {
				if foundFP[hit.fingerprint] {
					continue
				}
				foundFP[hit.fingerprint] = true // moved or not, it is still there
				if removedFromFile(f, hit.value) {
					continue
				}
				found = append(found, secretFinding(c, f.NewPath, hit))
			}
		}
	}
	resolvedFP := map[string]bool{}
	for i := range cd.Files {
		f := &cd.Files[i]
		if f.OldPath == "" || !scanForSecrets(f) {
			continue
		}
		for _, h := range f.Hunks {
			filters, ok := scanFilter.sideFilters(h, analyze.Removed)
			if !ok {
				continue
			}
			for _, hit := range secretHits(filters, f.OldPath, analyze.SideOfHunk(h, analyze.Removed), o) {
				if foundFP[hit.fingerprint] || resolvedFP[hit.fingerprint] {
					continue // still there (moved, or changed value): not resolved
				}
				resolvedFP[hit.fingerprint] = true
				resolved = append(resolved, analyze.Resolution{Fingerprint: hit.fingerprint, Commit: c.Hash})
			}
		}
	}
	return found, resolved
}

// removedFromFile reports whether a line the commit removes from f holds
// value: the credential was there before, moved or re-indented, not
// added (go-resty/resty 0451c4c "Reformat doc comments" re-indented a
// doc comment's example, "access_token": "BC594900-...", and it was
// drafted as a secret committed then). Its finding, if any, is the
// earlier commit's.
func removedFromFile(f *analyze.FileDiff, value string) bool {
	if value == "" {
		return false
	}
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			if l.Kind == analyze.Removed && strings.Contains(l.Text, value) {
				return true
			}
		}
	}
	return false
}

// scanForSecrets: vendored code is someone else's (and full of their test
// keys); lock files hold hashes, not credentials.
func scanForSecrets(f *analyze.FileDiff) bool {
	switch analyze.SkipReason(f.Path()) {
	case analyze.SkipVendored, analyze.SkipLockFile:
		return false
	}
	return !f.Binary
}

// keyFile reports whether p is a file that holds a key or certificate
// alone, by its extension.
func keyFile(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".key", ".pem", ".crt", ".cer", ".der", ".p8", ".p12", ".pfx", ".jks", ".keystore", ".gpg", ".asc", ".ppk":
		return true
	}
	base := strings.ToLower(path.Base(p))
	return strings.HasPrefix(base, "id_rsa") || strings.HasPrefix(base, "id_ed25519") || strings.HasPrefix(base, "id_ecdsa")
}

// IsFixturePath reports test fixtures and test files, whose
// credentials Options.FixturePlaceholders may take for placeholders:
// a directory named test, tests, testdata, fixtures, __fixtures__,
// __tests__, __mocks__ or spec, in any case (Swift packages keep their
// tests in Tests/: vapor's Tests/VaporTests/Utilities/localhost.key), or a
// test file by its name.
func IsFixturePath(p string) bool {
	if analyze.HasDir(strings.ToLower(p), "test", "tests", "testdata", "fixtures", "fixture", "__fixtures__", "__tests__", "__mocks__", "spec") || analyze.IsTestPath(p) {
		return true
	}
	base := strings.ToLower(path.Base(p))
	return strings.Contains(base, "_test.") || strings.Contains(base, ".test.") ||
		strings.Contains(base, ".spec.") || strings.HasPrefix(base, "test_")
}

// standInWords name a file that stands in for a real one.
var standInWords = map[string]bool{"fake": true, "dummy": true, "example": true, "sample": true, "mock": true, "stub": true, "test": true}

// standInFileWord is the word by which a file's name says it stands in for
// a real one ("fake" in spf13/afero's gcs-fake-service-account.json, a
// service account with a made-up key its GCS tests load), or "".
func standInFileWord(p string) string {
	for _, w := range strings.FieldsFunc(strings.ToLower(path.Base(p)), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if standInWords[w] {
			return w
		}
	}
	return ""
}

// secretHit is one credential on one changed line. value is held only to
// scrub findings with; it never leaves this file.
type secretHit struct {
	fingerprint string
	what        string // "an AWS access key", "a high-entropy value assigned to DB_PASSWORD"
	short       string // for titles: "AWS access key", "DB_PASSWORD secret"
	rotate      string
	line        int
	excerpt     string // the line, every secret on it redacted
	value       string
	privateKey  bool
	jwt         bool
}

// secretSpan is where one secret sits on a line.
type secretSpan struct {
	start, end int
	format     *Format // nil for an assignment
	name       string  // the assigned name, for assignments
}

// secretHits finds the credentials on the changed lines of one side of a
// hunk. A private key's secret is its body, on the lines after BEGIN.
// filters, one per line (prefilter.sideFilters; nil: none), skip the
// patterns that cannot match a line.
func secretHits(filters []lineFilter, p string, lines []analyze.SideLine, o Options) []secretHit {
	fixture := o.FixturePlaceholders && IsFixturePath(p)
	var hits []secretHit
	for i := 0; i < len(lines); i++ {
		ln := lines[i]
		if !ln.Changed {
			continue
		}
		var lf lineFilter
		if filters != nil {
			lf = filters[i]
		}
		spans := filteredSecrets(lf, ln.Text, fixture)
		if len(spans) == 0 {
			continue
		}
		excerpt := redactSpans(ln.Text, spans)
		last := i // the last line this one's secrets take: a key's body
		for _, sp := range spans {
			hit := secretHit{line: ln.No, excerpt: excerpt}
			switch {
			case sp.format != nil && sp.format.ID == privateKeyID:
				body, end, longest := privateKeyBody(ln.Text[sp.start:], lines, i)
				last = max(last, end)
				if toyKey(body) || longest < minKeyLine {
					continue
				}
				hit.value = body
				key := body
				if key == "" { // the diff shows the BEGIN line alone
					key = strings.TrimSpace(ln.Text)
				}
				hit.fingerprint, hit.privateKey = secretFingerprint(p, privateKeyID, hashSecret(key)), true
				hit.what, hit.short, hit.rotate = "a private key", "private key", sp.format.Rotate
			case sp.format != nil:
				hit.value = ln.Text[sp.start:sp.end]
				hit.fingerprint = secretFingerprint(p, sp.format.ID, hashSecret(hit.value))
				hit.what, hit.short, hit.rotate = withArticle(sp.format.Name), sp.format.Name, sp.format.Rotate
				hit.jwt = isJWT(sp.format.ID, hit.value)
			default:
				if publicSearchKey(sp.name, lines, i) || publishableKey(ln.Text[sp.start:sp.end]) {
					continue
				}
				hit.value = ln.Text[sp.start:sp.end]
				hit.fingerprint = secretFingerprint(p, "assignment", sp.name)
				hit.what = "a high-entropy value assigned to " + sp.name
				hit.short = sp.name + " secret"
				hit.rotate = "change it where it was issued (the database, service or account " + sp.name +
					" belongs to) and issue a new one"
			}
			hits = append(hits, hit)
		}
		i = last // a key's body holds nothing else worth reporting
	}
	return hits
}

// publicSearchKey reports an API key assigned beside a search client's
// application id and index name: Algolia's DocSearch and InstantSearch
// take a search-only key, made to be served to every browser (vuejs/pinia
// ecc5c038's docs config: appId, apiKey, indexName). Nothing to rotate.
func publicSearchKey(name string, lines []analyze.SideLine, i int) bool {
	switch strings.ToLower(strings.ReplaceAll(name, "_", "")) {
	case "apikey", "searchkey", "searchapikey", "searchonlyapikey":
	default:
		return false
	}
	var app, index bool
	for j := max(i-searchConfigLines, 0); j < min(i+searchConfigLines+1, len(lines)); j++ {
		app = app || searchAppIDRE.MatchString(lines[j].Text)
		index = index || searchIndexRE.MatchString(lines[j].Text)
	}
	return app && index
}

// publishableKeyPrefixes begin the keys a service issues to be served to
// every browser, which can only send it data: PostHog's project API key
// (samber/lo 16b96cf's docs site, `apiKey: "phc_..."` for
// posthog-docusaurus, drafted as a secret to rotate: round 131, noise)
// and Stripe's publishable keys. Their secret twins (Stripe's sk_,
// PostHog's personal phx_ keys) are still reported.
var publishableKeyPrefixes = []string{"phc_", "pk_live_", "pk_test_"}

// publishableKey reports a value that is such a key.
func publishableKey(value string) bool {
	value = strings.Trim(value, "\"'`")
	for _, p := range publishableKeyPrefixes {
		if strings.HasPrefix(value, p) {
			return true
		}
	}
	return false
}

// searchConfigLines is how far from the key a search client's other
// settings are looked for.
const searchConfigLines = 6

var (
	searchAppIDRE = lazyregexp.New(`(?i)\b(app_?id|application_?id)\b`)
	searchIndexRE = lazyregexp.New(`(?i)\bindex_?name\b`)
)

var keyEndRE = lazyregexp.New(`-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----`)

// privateKeyBody collects a key block's body, without its END line. A
// block embedded in one line (a JSON string, a Go literal) ends on that
// line; a block whose BEGIN ends its line (a PEM file, a multi-line string)
// runs over the changed lines below, up to END. It returns the body and
// the index of the last line read, and the length of its longest line
// (the whole body's, for a block on one line).
func privateKeyBody(rest string, lines []analyze.SideLine, i int) (body string, end, longest int) {
	if strings.TrimSpace(rest) != "" {
		if loc := keyEndRE.FindStringIndex(rest); loc != nil {
			rest = rest[:loc[0]]
		}
		body = strings.TrimSpace(rest)
		return body, i, len(body)
	}
	var b strings.Builder
	j := i + 1
	for ; j < len(lines) && j-i <= 100 && lines[j].Changed; j++ {
		if keyEndRE.MatchString(lines[j].Text) {
			return b.String(), j, longest
		}
		t := strings.TrimSpace(lines[j].Text)
		longest = max(longest, len(t))
		b.WriteString(t)
	}
	return b.String(), j - 1, longest
}

// minKeyLine is shorter than the lines of any real key block written over
// several lines: PEM wraps base64 at 64 characters, OpenSSH at 70. A block
// of short lines is a stand-in: go-ini/ini's test of multi-line values,
// "-----BEGIN RSA PRIVATE KEY-----" then "1foo", "2bar", "3foobar" ...
// (round 85, noise).
const minKeyLine = 40

// minKeyBody is shorter than any real private key's base64 body (an
// Ed25519 key in OpenSSH form has about 400 characters): a shorter block
// is a stand-in written for a test or an example.
const minKeyBody = 64

// toyKey reports a private key block too short to be real.
func toyKey(body string) bool {
	n := 0
	for i := 0; i < len(body); i++ {
		if c := body[i]; analyze.IsIdentByte(c) && c != '_' || c == '+' || c == '/' || c == '=' {
			n++
		}
	}
	return n < minKeyBody
}

var (
	// configLinePrefixRE may precede a name for a bare value to count:
	// indentation, a YAML dash, export.
	configLinePrefixRE = lazyregexp.New(`^[ \t]*(?:-[ \t]+)?(?:(?:export|set|ENV)[ \t]+)?["']?$`)
	// configLineRestRE may follow a bare value: a comment, a comma.
	configLineRestRE = lazyregexp.New(`^[,;]?[ \t]*(?:(?:#|//|;).*)?$`)
	// dottedRefRE is a reference such as settings.SECRET_KEY.
	dottedRefRE = lazyregexp.New(`^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$`)
	hasDigitRE  = lazyregexp.New(`[0-9]`)
	hasLetterRE = lazyregexp.New(`[A-Za-z]`)
)

// lineSecrets finds the secrets on one line: known formats first, then
// assignments whose value no known format already covers. filter (nil:
// none) skips the patterns that cannot match the line.
func lineSecrets(filter *prefilter, line string, fixture bool) []secretSpan {
	return filteredSecrets(filter.line(line), line, fixture)
}

// filteredSecrets is lineSecrets with the line's filter already known.
func filteredSecrets(lf lineFilter, line string, fixture bool) []secretSpan {
	if lf.none() {
		return nil
	}
	var spans []secretSpan
	for k := range scanFormats {
		if !lf.format(k) {
			continue
		}
		f := &scanFormats[k]
		find := f.FindAll
		if lf.p != nil {
			find = f.FindAllKnown // the filter found the format's keyword
		}
		for _, m := range find(line) {
			start, end := m[0], m[1]
			if f.ID == privateKeyID {
				spans = append(spans, secretSpan{start: end, end: len(line), format: f})
				continue
			}
			if value := line[start:end]; documentedExample(value) || isPlaceholderSecret(value) ||
				shannonEntropy(tokenBody(value)) < placeholderEntropy || spanOverlaps(spans, start, end) ||
				fixture && isJWT(f.ID, value) && anonymousJWT(jwtOf(value)) ||
				fixture && f.ID == credential.BearerTokenID {
				// A bearer token is any long word after "Bearer": no
				// provider's format, and in a test the value its own mock
				// hands out (openai/openai-python's "Bearer
				// openai-access-token-1", three drafts to rotate: round
				// 150, wrong).
				continue
			}
			spans = append(spans, secretSpan{start: start, end: end, format: f})
		}
	}
	if fixture || !lf.assignment() {
		return spans
	}
	// "name <op> " in code, config and JSON alike, a JSON key's quote
	// included (credential.Assignments).
	for _, m := range credential.Assignments(line, true) {
		name, op := line[m[2]:m[3]], line[m[4]:m[5]]
		if !mayBeSecretName(name) || !isSecretName(name) || isPlaceholderName(name) || (m[5] < len(line) && strings.ContainsRune("=~:", rune(line[m[5]]))) {
			continue // not a secret's name, or a stand-in's (fakeToken); ==, =~, ::
		}
		start, end, ok := assignedValue(line, m[0], op, m[1])
		if !ok || spanOverlaps(spans, start, end) {
			continue
		}
		// Generated credentials mix letters and digits; words, phrases
		// and identifiers ("ghp_SHOULDNEVERPRINT") seldom do. Quotes
		// inside mean the "value" spans a concatenation: code.
		v := line[start:end]
		if quoted := start > 0 && strings.ContainsRune("\"'`", rune(line[start-1])); !quoted && identifierLike(v) {
			// A bare name in an object literal or a config line read
			// as one ("withCredentials: defaultToConfig2" in axios's
			// mergeConfig.js): a reference to code, not a credential.
			continue
		}
		if len(v) < minSecretLen || shannonEntropy(v) < minSecretEntropy || isPlaceholderSecret(v) || documentedExample(v) ||
			!hasDigitRE.MatchString(v) || !hasLetterRE.MatchString(v) ||
			strings.ContainsAny(v, " \t\"'`") || strings.Contains(v, "://") || strings.HasPrefix(v, "/") {
			continue
		}
		spans = append(spans, secretSpan{start: start, end: end, name: name})
	}
	return spans
}

// identifierLike says whether a bare value reads as a name in code: letters
// and underscores, then at most three digits at the end (defaultToConfig2,
// session_key_v1). Generated credentials mix digits in throughout.
func identifierLike(v string) bool {
	i := 0
	for i < len(v) && (v[i] == '_' || v[i] == '$' || v[i] >= 'a' && v[i] <= 'z' || v[i] >= 'A' && v[i] <= 'Z') {
		i++
	}
	digits := 0
	for i < len(v) && v[i] >= '0' && v[i] <= '9' {
		i++
		digits++
	}
	return i == len(v) && digits <= 3 && digits < len(v)
}

// assignedValue finds the value of the assignment whose operator ends at
// valStart: a quoted string, or a bare word when the assignment is a whole
// config line (KEY=value, key: value). Bare values after := and => are
// code, not config.
func assignedValue(line string, nameStart int, op string, valStart int) (int, int, bool) {
	if valStart >= len(line) {
		return 0, 0, false
	}
	if q := line[valStart]; q == '"' || q == '\'' || q == '`' {
		for i := valStart + 1; i < len(line); i++ {
			switch line[i] {
			case '\\':
				i++
			case q:
				return valStart + 1, i, true
			}
		}
		return 0, 0, false
	}
	if op == ":=" || op == "=>" || !configLinePrefixRE.MatchString(line[:nameStart]) {
		return 0, 0, false
	}
	end := valStart
	for end < len(line) && !strings.ContainsRune(" \t,;)]}\"'`", rune(line[end])) {
		end++
	}
	v := line[valStart:end]
	if !configLineRestRE.MatchString(line[end:]) || strings.ContainsAny(v, "([{$%&*@<!") || dottedRefRE.MatchString(v) {
		return 0, 0, false
	}
	return valStart, end, true
}

// tokenBody is a token without its format's prefix, whose letters would
// lift a placeholder's entropy: "ghp_xxxx" is "xxxx".
func tokenBody(v string) string {
	if k := strings.LastIndexAny(v, "_-"); k >= 0 && k < len(v)-1 && k < 12 {
		return v[k+1:]
	}
	if len(v) > 4 && (strings.HasPrefix(v, "AKIA") || strings.HasPrefix(v, "ASIA") || strings.HasPrefix(v, "AIza")) {
		return v[4:]
	}
	return v
}

func spanOverlaps(spans []secretSpan, start, end int) bool {
	for _, s := range spans {
		if start < s.end && s.start < end {
			return true
		}
	}
	return false
}

// redactSpans replaces each span of line with [REDACTED], trims the line
// and caps its length.
func redactSpans(line string, spans []secretSpan) string {
	var b strings.Builder
	last := 0
	for _, s := range sortedSpans(spans) {
		if s.start < last {
			continue
		}
		b.WriteString(line[last:s.start])
		if s.end > s.start || s.format == nil {
			b.WriteString(secretRedacted)
		}
		last = s.end
	}
	b.WriteString(line[last:])
	out := strings.TrimSpace(b.String())
	if len(out) > maxSecretExcerpt {
		out = string(analyze.TruncateUTF8([]byte(out), maxSecretExcerpt)) + "…"
	}
	return out
}

func sortedSpans(spans []secretSpan) []secretSpan {
	out := append([]secretSpan(nil), spans...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].start < out[j-1].start; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func hashSecret(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])[:12]
}

func secretFingerprint(p, kind, id string) string {
	return finding.KindSecret + ":" + p + ":" + kind + ":" + id
}

// withArticle puts "a" or "an" before a name.
func withArticle(name string) string {
	if name != "" && strings.ContainsRune("AEIOUaeiou", rune(name[0])) {
		return "an " + name
	}
	return "a " + name
}

func secretFinding(c analyze.Commit, p string, hit secretHit) finding.Finding {
	title := "Rotate the " + hit.short + " committed in " + p
	if len(title) > analyze.TitleMax {
		title = analyze.FitTitle("Rotate the ", hit.short, " committed in "+path.Base(p))
	}
	f := finding.Finding{
		Kind:        finding.KindSecret,
		Fingerprint: hit.fingerprint,
		Text:        fmt.Sprintf("%s committed in %s on line %d", hit.what, p, hit.line),
		Title:       title,
		Body: fmt.Sprintf("%s was committed in %s on line %d. Treat it as leaked: anyone who can read "+
			"the repository, or any clone or fork of it, can use it, and deleting the line does not "+
			"remove it from history.\n\n"+
			"1. Rotate it first: %s. Check the provider's logs for use you do not recognise.\n"+
			"2. Load the new one from the environment or a secret store, never from a tracked file.\n"+
			"3. Then purge the old one from history: run `git filter-repo --replace-text` (or BFG's "+
			"`--replace-text`) on a fresh clone and force-push every branch and tag that held it. "+
			"Coordinate the force-push: everyone re-clones or rebases, and the hosting service is asked "+
			"to drop cached views and pull-request refs.",
			capitaliseFirst(hit.what), p, hit.line, hit.rotate),
		Labels:   []string{"security"},
		Items:    []string{fmt.Sprintf("%s line %d: %s", p, hit.line, hit.what)},
		Evidence: finding.Evidence{Path: p, Line: hit.line, Commit: c.Hash, Excerpt: hit.excerpt},
	}
	standIn := standInFileWord(p)
	// Examples hold keys for the example to run with: seanmonstar/warp's
	// examples/tls/key.ecc, which examples/tls.rs and a test load (round
	// 71, drafted as a leaked key).
	example := analyze.HasDir(strings.ToLower(p), "examples", "example", "_examples", "samples", "sample", "demo", "demos")
	if hit.privateKey && (IsFixturePath(p) || standIn != "" || example) {
		// A private key among a project's test fixtures is mostly one
		// its tests made for themselves (requests a94e9b5:
		// tests/certs/*.key, which a Makefile beside them generates):
		// listed in the maintenance digest, and asking to confirm it is
		// a test key rather than to rotate it. Other tokens there stay
		// high: tests use fake ones, which the placeholder rules
		// already leave out; a JSON web token is the exception below.
		f.Severity, f.Confidence = finding.Low, 0.3
		f.Title = analyze.FitPathTitle("Confirm ", p, " is a test-only key")
		if !keyFile(p) {
			// A key inside a source file: the file is no key, and a
			// file may hold several (gorilla/websocket's
			// client_proxy_server_test.go holds two, both titled "Confirm
			// client_proxy_server_test.go is a test-only key": round 118).
			f.Title = analyze.FitPathTitle("Confirm the private key in ", p, fmt.Sprintf(" (line %d) is test-only", hit.line))
		}
		where := fmt.Sprintf("among the test fixtures, in %s on line %d", p, hit.line)
		switch {
		case IsFixturePath(p):
		case example:
			where = fmt.Sprintf("among the examples, in %s on line %d", p, hit.line)
			f.Title = analyze.FitTitle("Confirm ", p, " is an example's own key")
		default:
			where = fmt.Sprintf("in %s on line %d, a file its name calls a stand-in (%q)", p, hit.line, standIn)
		}
		f.Body = fmt.Sprintf("A private key was committed %s. "+
			"A key the test suite generates for itself (for a local TLS server, say) needs nothing more. "+
			"If this one was ever used anywhere else, treat it as leaked: %s, and load the new one from "+
			"the environment or a secret store.", where, hit.rotate)
	}
	if hit.jwt && IsFixturePath(p) {
		// A JSON web token in a test is one the test signed with a key
		// of its own: golang-jwt/jwt's example_test.go and
		// parser_test.go hold a dozen, each drafted as a token to
		// rotate. The digest lists it, asking to confirm.
		f.Severity, f.Confidence = finding.Low, 0.3
		f.Title = analyze.FitTitle("Confirm the JSON web token in ", p, " is a test's own")
		f.Body = fmt.Sprintf("A JSON web token was committed in a test, %s on line %d. "+
			"A token the tests sign with a key of their own needs nothing more. "+
			"If this one was issued by a real service, treat it as leaked: %s.", p, hit.line, hit.rotate)
	}
	scrubSecret(&f, hit.value)
	return f
}

func capitaliseFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// scrubSecret is the last guard: should the secret appear in any text of
// the finding after all (a name or path that contains it), it is replaced.
// The path stays: it must match the tree.
func scrubSecret(f *finding.Finding, secret string) {
	if len(secret) < 8 {
		return
	}
	r := strings.NewReplacer(secret, secretRedacted)
	f.Text, f.Title, f.Body = r.Replace(f.Text), r.Replace(f.Title), r.Replace(f.Body)
	f.Evidence.Excerpt = r.Replace(f.Evidence.Excerpt)
	for i := range f.Items {
		f.Items[i] = r.Replace(f.Items[i])
	}
	if strings.Contains(f.Fingerprint, secret) {
		f.Fingerprint = secretFingerprint(f.Evidence.Path, "redacted", hashSecret(secret))
	}
}
