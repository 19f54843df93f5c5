package draft

import (
	"fmt"
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"path"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/ticket-master/ticket-master/store"
)

// ValidateInput is a model's reply and what it is checked against.
type ValidateInput struct {
	Raw    string   // the model's content
	Labels []string // allowed labels
	// PathExists says whether a file or folder exists in the tree at the
	// finding's commit; nil skips the path checks.
	PathExists func(string) bool
	Finding    store.Finding
}

var (
	replyTitleWordRE = lazyregexp.New(`(?i)^(todo|fixme|hack|xxx|bug)\b`)
	replyAsAnAIRE    = lazyregexp.New(`(?i)\bas an? (?:ai|language model|assistant)\b`)
	replyApologyRE   = lazyregexp.New(`(?i)\b(?:i apologi[sz]e|apologies|sorry)\b`)
	replyPraiseRE    = lazyregexp.New(`(?i)\b(?:great (?:job|work|question|catch)|well done|kudos|nice work|excellent work)\b`)
	replyRuleRE      = lazyregexp.New(`^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$`)
	replyCheckboxRE  = lazyregexp.New(`^\s*[-*] \[ \] \S`)
	// pathLineRefRE is a line suffix on a path: upload.py:7, upload.py#L7-L9.
	pathLineRefRE = lazyregexp.New(`(?:#L\d+(?:-L?\d+)?|:\d+(?::\d+)?(?:-\d+)?)$`)
)

// bodySections are the body's headings, in order.
var bodySections = []string{"Why", "Suggested approach", "Done when"}

// sourceExts are the extensions that make a bare word a file name.
var sourceExts = map[string]bool{
	".go": true, ".py": true, ".js": true, ".mjs": true, ".cjs": true, ".ts": true, ".tsx": true,
	".jsx": true, ".rb": true, ".java": true, ".kt": true, ".kts": true, ".scala": true, ".c": true,
	".h": true, ".cc": true, ".cpp": true, ".hpp": true, ".cs": true, ".rs": true, ".swift": true,
	".php": true, ".sh": true, ".bash": true, ".zsh": true, ".ps1": true, ".pl": true, ".lua": true,
	".ex": true, ".exs": true, ".erl": true, ".hs": true, ".ml": true, ".dart": true, ".vue": true,
	".svelte": true, ".sql": true, ".proto": true, ".tf": true, ".html": true, ".css": true,
	".scss": true, ".md": true, ".rst": true, ".txt": true, ".json": true, ".yaml": true,
	".yml": true, ".toml": true, ".ini": true, ".cfg": true, ".conf": true, ".xml": true,
	".gradle": true, ".mod": true, ".sum": true, ".lock": true, ".mk": true, ".cmake": true,
}

// Validate checks a model's reply against the schema and the issue style,
// and returns it normalised (trimmed title and body, labels deduplicated in
// the allowed spelling, kind in lower case) with its problems. Each problem
// is a short sentence the model can act on in a repair round; none means the
// reply can be composed into a draft. Whatever passes is still only a draft
// for a person to review.
func Validate(in ValidateInput) (Reply, []string) {
	r, problems := decodeModelReply(in.Raw)
	if len(problems) > 0 {
		return r, problems
	}
	r.Title = strings.TrimSpace(r.Title)
	r.Body = strings.TrimSpace(strings.ReplaceAll(r.Body, "\r\n", "\n"))
	r.Kind = strings.ToLower(strings.TrimSpace(r.Kind))

	problems = append(problems, checkTitle(r.Title, in.Finding.Word)...)
	problems = append(problems, checkBody(r.Body)...)
	problems = append(problems, checkPaths(r.Body, in.PathExists, in.Finding)...)
	var labelProblems []string
	r.Labels, labelProblems = checkLabels(r.Labels, in.Labels)
	problems = append(problems, labelProblems...)
	if !slices.Contains(KindLabels(), r.Kind) {
		problems = append(problems, fmt.Sprintf("kind %q is not one of %s; pick one of them", r.Kind, strings.Join(KindLabels(), ", ")))
	}
	if r.Confidence < 0 || r.Confidence > 1 {
		problems = append(problems, fmt.Sprintf("confidence is %g; give a number from 0 to 1", r.Confidence))
	}
	if _, n := Redact(r.Title + "\n" + r.Body); n > 0 {
		problems = append(problems, "the reply repeats what looks like a credential; name the kind of credential (for example \"an AWS access key\") and where it is, without quoting it")
	}
	return r, problems
}

// decodeModelReply reads the reply with DecodeReply, the Ollama client's
// decoder, so that what validates here is exactly what the client accepts.
// A missing field decodes to its zero value and is caught by the checks on
// that field (an empty title, an unknown kind); ReplySchema, which Ollama
// enforces while sampling, makes that rare.
func decodeModelReply(raw string) (Reply, []string) {
	if strings.TrimSpace(raw) == "" {
		return Reply{}, []string{"the reply is empty; send one JSON object with title, body, labels, kind and confidence"}
	}
	r, err := DecodeReply(raw)
	if err != nil {
		return Reply{}, []string{err.Error() + "; send only one JSON object with title, body, labels, kind and confidence"}
	}
	return r, nil
}

func checkTitle(title, word string) []string {
	var problems []string
	n := utf8.RuneCountInString(title)
	switch {
	case title == "":
		return []string{"the title is empty; write a short imperative title"}
	case n > MaxTitle:
		problems = append(problems, fmt.Sprintf("the title is %d characters; keep it under %d", n, MaxTitle))
	}
	if strings.ContainsAny(title, "\r\n") {
		problems = append(problems, "the title has a line break; make it one line")
	}
	if strings.HasSuffix(title, ".") && !strings.HasSuffix(title, "...") {
		problems = append(problems, "the title ends with a period; remove it")
	}
	if m := replyTitleWordRE.FindString(title); m != "" {
		problems = append(problems, fmt.Sprintf("the title starts with %q; say what should change instead", m))
	} else if word != "" && len(title) >= len(word) && strings.EqualFold(title[:len(word)], word) && !continuesWord(title[len(word):]) {
		problems = append(problems, fmt.Sprintf("the title starts with %q; say what should change instead", word))
	}
	if strings.Contains(strings.ToLower(title), "ticket-master") {
		problems = append(problems, "the title names the tool; leave \"ticket-master\" out")
	}
	// GitHub renders code spans, links and references in titles too.
	return append(problems, markdownProblems("title", title)...)
}

// continuesWord reports whether s continues a word (so "Bugfix" does not start
// with the word "Bug").
func continuesWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func checkBody(body string) []string {
	if body == "" {
		return []string{"the body is empty; write the sentences and the three sections"}
	}
	problems := checkSections(body)
	prose := proseOf(body)
	if replyAsAnAIRE.MatchString(body) {
		problems = append(problems, "the body speaks as an AI; write as the issue's author")
	}
	if replyApologyRE.MatchString(prose) {
		problems = append(problems, "the body apologises; state the facts only")
	}
	if replyPraiseRE.MatchString(prose) {
		problems = append(problems, "the body praises; state the facts only")
	}
	if strings.Contains(body, "<!-- ticket-master") {
		problems = append(problems, "the body contains the ticket-master marker; remove it, it is added for you")
	}
	problems = append(problems, markdownProblems("body", body)...)
	for _, line := range outsideFences(body) {
		if replyRuleRE.MatchString(line) {
			problems = append(problems, "the body has a \"---\" rule; remove it and anything like a footer, it is added for you")
			break
		}
	}
	return problems
}

// checkSections wants an opening, then ### Why, ### Suggested approach and
// ### Done when in that order, each with content, the last a checklist.
func checkSections(body string) []string {
	lines := strings.Split(body, "\n")
	code := fencedLines(lines)
	at := []int{-1, -1, -1}
	for i, line := range lines {
		if code[i] {
			continue
		}
		t := strings.TrimRight(strings.TrimSpace(line), ":")
		for j, name := range bodySections {
			if at[j] < 0 && strings.EqualFold(t, "### "+name) {
				at[j] = i
			}
		}
	}
	var problems []string
	for j, name := range bodySections {
		if at[j] < 0 {
			problems = append(problems, fmt.Sprintf("the body lacks the \"### %s\" section", name))
		}
	}
	if len(problems) > 0 {
		return problems
	}
	if at[0] > at[1] || at[1] > at[2] {
		return []string{"the body's sections are out of order; use ### Why, then ### Suggested approach, then ### Done when"}
	}
	if strings.TrimSpace(strings.Join(lines[:at[0]], "\n")) == "" {
		problems = append(problems, "the body must open with one or two sentences, before ### Why, saying what should change and where")
	}
	for j, name := range bodySections {
		end := len(lines)
		if j+1 < len(bodySections) {
			end = at[j+1]
		}
		content := lines[at[j]+1 : end]
		if strings.TrimSpace(strings.Join(content, "\n")) == "" {
			problems = append(problems, fmt.Sprintf("the \"### %s\" section is empty", name))
			continue
		}
		if name == "Done when" && !anyMatch(replyCheckboxRE, content) {
			problems = append(problems, "the \"### Done when\" section must be a checklist of \"- [ ] ...\" lines")
		}
	}
	return problems
}

func anyMatch(re *lazyregexp.Regexp, lines []string) bool {
	for _, l := range lines {
		if re.MatchString(l) {
			return true
		}
	}
	return false
}

// checkPaths wants every file the body names to exist at the finding's
// commit. A token counts as a path when it has a source extension, or has a
// "/" and either starts with "./" or its first folder exists: `net/http` and
// `application/json` are not repository paths, and must not send the model
// round a repair loop. Fenced code is not read: quoted code is full of
// slashes that are no paths.
func checkPaths(body string, exists func(string) bool, f store.Finding) []string {
	if exists == nil {
		return nil
	}
	var problems []string
	seen := map[string]bool{}
	for _, tok := range pathTokens(body) {
		p, ok := pathCandidate(tok.text, tok.code, exists)
		if !ok || seen[p] {
			continue
		}
		seen[p] = true
		if exists(p) || p == f.Evidence.Path || (!strings.Contains(p, "/") && p == path.Base(f.Evidence.Path)) {
			continue
		}
		problems = append(problems, fmt.Sprintf("the body mentions %s, which is not in the repository at this commit; mention only files from the evidence", codeSpan(tok.text)))
	}
	return problems
}

type pathToken struct {
	text string
	code bool // inside a code span
}

// pathTokens are the words of the body outside fences, in code spans or not.
func pathTokens(body string) []pathToken {
	var toks []pathToken
	for _, line := range outsideFences(body) {
		for {
			start := strings.Index(line, "`")
			end := -1
			if start >= 0 {
				if e := strings.Index(line[start+1:], "`"); e >= 0 {
					end = start + 1 + e
				}
			}
			if end < 0 {
				toks = appendWords(toks, line, false)
				break
			}
			toks = appendWords(toks, line[:start], false)
			toks = appendWords(toks, line[start+1:end], true)
			line = line[end+1:]
		}
	}
	return toks
}

func appendWords(toks []pathToken, s string, code bool) []pathToken {
	for _, w := range strings.Fields(s) {
		// A leading "." may start "./svc"; a trailing one ends a sentence.
		w = strings.TrimRight(strings.TrimLeft(w, ",;:!?()[]\"'*_"), ".,;:!?()[]\"'*_")
		if w != "" {
			toks = append(toks, pathToken{w, code})
		}
	}
	return toks
}

// pathCandidate turns a token into the repository path it names, if it
// names one: "./svc/upload.py:7" is "svc/upload.py".
func pathCandidate(tok string, code bool, exists func(string) bool) (string, bool) {
	if strings.Contains(tok, "://") || strings.ContainsAny(tok, "*{}<>$\\|@=(),;'\"`") || strings.Contains(tok, "..") {
		return "", false
	}
	p := pathLineRefRE.ReplaceAllString(tok, "")
	explicit := strings.HasPrefix(p, "./")
	p = strings.TrimSuffix(strings.TrimPrefix(p, "./"), "/")
	if p == "" || strings.HasPrefix(p, "/") || strings.HasPrefix(p, "-") || strings.HasPrefix(p, "~") {
		return "", false
	}
	base := path.Base(p)
	ext := strings.ToLower(path.Ext(base))
	hasExt := sourceExts[ext] && len(base) > len(ext)
	slash := strings.Contains(p, "/")
	switch {
	case hasExt && !slash && !code && unicode.IsUpper([]rune(base)[0]):
		return "", false // "Node.js" in prose is a product, not a file
	case hasExt:
		return p, true
	case explicit:
		return p, true
	case slash && exists(p[:strings.Index(p, "/")]):
		return p, true
	}
	return "", false
}

// checkLabels keeps allowed labels in their allowed spelling, once each,
// and reports the rest and any second kind label.
func checkLabels(labels, allowed []string) ([]string, []string) {
	spelling := map[string]string{}
	for _, a := range allowed {
		if a = strings.TrimSpace(a); a != "" {
			spelling[strings.ToLower(a)] = a
		}
	}
	var problems []string
	out := []string{}
	seen := map[string]bool{}
	var kinds []string
	for _, l := range labels {
		key := strings.ToLower(strings.TrimSpace(l))
		if key == "" || seen[key] {
			continue
		}
		seen[key] = true
		a, ok := spelling[key]
		if !ok {
			list := "there are none, so use an empty list"
			if len(allowed) > 0 {
				list = "use only " + strings.Join(allowed, ", ")
			}
			problems = append(problems, fmt.Sprintf("label %q is not allowed; %s", strings.TrimSpace(l), list))
			continue
		}
		out = append(out, a)
		if slices.Contains(KindLabels(), key) {
			kinds = append(kinds, a)
		}
	}
	if len(kinds) > 1 {
		problems = append(problems, fmt.Sprintf("the labels have %d kind labels (%s); keep at most one", len(kinds), strings.Join(kinds, ", ")))
	}
	return out, problems
}

// fencedLines marks the lines of a fenced code block, fences included.
func fencedLines(lines []string) []bool {
	code := make([]bool, len(lines))
	fence := ""
	for i, line := range lines {
		t := strings.TrimSpace(line)
		switch {
		case fence == "" && (strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")):
			fence = t[:3]
			code[i] = true
		case fence != "" && strings.HasPrefix(t, fence):
			fence = ""
			code[i] = true
		default:
			code[i] = fence != ""
		}
	}
	return code
}

// outsideFences is the body's lines that are not fenced code.
func outsideFences(body string) []string {
	lines := strings.Split(body, "\n")
	code := fencedLines(lines)
	var out []string
	for i, l := range lines {
		if !code[i] {
			out = append(out, l)
		}
	}
	return out
}

// proseOf is the body with fenced code and code spans blanked, which is
// what GitHub would turn into mentions and links.
func proseOf(body string) string {
	return stripCodeSpans(strings.Join(outsideFences(body), "\n"))
}

// stripCodeSpans replaces each `code span` on a line with a space.
func stripCodeSpans(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		for {
			start := strings.Index(line, "`")
			if start < 0 {
				break
			}
			end := strings.Index(line[start+1:], "`")
			if end < 0 {
				break
			}
			line = line[:start] + " " + line[start+1+end+1:]
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}
