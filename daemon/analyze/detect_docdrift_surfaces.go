package analyze

import (
	"path"
	"regexp"
	"strings"
)

// Kinds of public surface, as they appear in docdrift fingerprints.
const (
	surfaceAPI    = "api"
	surfaceFlag   = "flag"
	surfaceRoute  = "route"
	surfaceConfig = "config"
)

// surfaceLine is a surface that one changed line defines.
type surfaceLine struct {
	kind, name string
	added      bool
	path       string
	line       int    // in the file of its side
	text       string // the line, trimmed
}

// goFlagMethods are the flag-defining methods of the flag and pflag packages.
const goFlagMethods = `(?:String|Bool|Int|Int8|Int16|Int32|Int64|Uint|Uint8|Uint16|Uint32|Uint64|Float32|Float64|Duration|Var|Func|BoolFunc|TextVar|StringSlice|StringArray|IntSlice|Count|IP|IPNet|BytesHex|StringToString)(?:Var)?P?`

var (
	// goFlagRE: flag.String("name", ...), fs.DurationVar(&x, "name", ...),
	// cmd.Flags().StringP("name", "n", ...). Receivers are limited to flag
	// sets' usual names: c.String("name") in urfave/cli reads a flag.
	goFlagRE = regexp.MustCompile(`(?:\b(?:flag|pflag|fs|flags|flagSet|flagset)|Flags\(\))\.` + goFlagMethods + `\(\s*(?:&?[\w.\[\]]+\s*,\s*)?"([A-Za-z0-9][\w.-]*)"`)
	// cliFlagRE opens a urfave/cli flag: &cli.DurationFlag{ ... Name: "x".
	cliFlagRE = regexp.MustCompile(`\bcli\.\w*Flag\s*\{`)
	cliNameRE = regexp.MustCompile(`\bName:\s*"([A-Za-z0-9][\w.-]*)"`)
	// optionCallRE: argparse add_argument(, click.option(, commander and
	// yargs .option( / .requiredOption(; the arguments follow.
	optionCallRE = regexp.MustCompile(`(?:\badd_argument|\.option|\.requiredOption)\(\s*(.*)`)
	quotedRE     = regexp.MustCompile(`"([^"]*)"|'([^']*)'|` + "`([^`]*)`")
	longFlagRE   = regexp.MustCompile(`(?:^|[\s,|])(--[A-Za-z0-9][\w-]*)`)
	shortFlagRE  = regexp.MustCompile(`^-[A-Za-z0-9]$`)
	bareWordRE   = regexp.MustCompile(`^[A-Za-z][\w-]*$`)

	// Routes: net/http and gorilla HandleFunc("/x"), Go 1.22 "GET /x".
	handleRE = regexp.MustCompile(`\bHandle(?:Func)?\(\s*"([^"]*/[^"]*)"`)
	// gin, echo, chi, fiber, express, koa, fastify: r.GET("/x"), app.get('/x').
	// Receivers are limited to routers' usual names: axios.get('/x') is a
	// client, not a route.
	methodRouteRE = regexp.MustCompile(`\b(?:app|router|r|mux|e|g|api|server|srv|group|grp|v\d+|routes|fastify|\w*[Rr]outer|\w*[Mm]ux|\w*[Aa]pp|\w*[Gg]roup)\.(?i:(get|post|put|delete|patch|head|options|all|any))\(\s*["'` + "`" + `](/[^"'` + "`" + `]*)`)
	// Flask and FastAPI decorators: @app.route("/x"), @router.post("/x").
	pyRouteRE = regexp.MustCompile(`^\s*@[\w.]+\.(route|get|post|put|delete|patch|head|options|websocket|api_route)\(\s*["'](/[^"']*)`)
	// Spring: @GetMapping("/x"), @RequestMapping(value = "/x").
	springRouteRE = regexp.MustCompile(`@(Get|Post|Put|Delete|Patch|Request)Mapping\(\s*(?:(?:value|path)\s*=\s*)?\{?\s*"([^"]*)"`)

	// configTagRE is a config key in a struct tag: yaml:"name,omitempty".
	// JSON tags mostly shape API payloads and command output, not config:
	// jsonTagRE counts only in files whose path names config or settings.
	configTagRE  = regexp.MustCompile(`\b(?:yaml|toml|mapstructure):"([^",]*)`)
	jsonTagRE    = regexp.MustCompile(`\bjson:"([^",]*)`)
	configPathRE = regexp.MustCompile(`(?i)(?:^|/)[^/]*(?:config|settings|conf|options)[^/]*(?:/|$)`)

	// Keys of example config files, by format.
	jsonKeyRE    = regexp.MustCompile(`^\s*"([A-Za-z_][\w.-]*)"\s*:`)
	yamlKeyRE    = regexp.MustCompile(`^\s*(?:-\s+)?([A-Za-z_][\w.-]*)\s*:(?:\s|$)`)
	assignKeyRE  = regexp.MustCompile(`^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*=`)
	tomlTableRE  = regexp.MustCompile(`^\s*\[+\s*([A-Za-z_][\w.-]*)\s*\]+\s*$`)
	configNoteRE = regexp.MustCompile(`^\s*(?:#|;|//)`)
)

// codeSurfaces finds the flags, routes and struct-tag config keys that the
// changed lines of one side of a hunk define or remove.
func codeSurfaces(p string, lines []sideLine, added bool) []surfaceLine {
	var out []surfaceLine
	flagBlock := -100 // index of the last line opening a urfave/cli flag
	for i, ln := range lines {
		if cliFlagRE.MatchString(ln.text) {
			flagBlock = i
		}
		if !ln.changed || commentLine(ln.text) {
			continue
		}
		add := func(kind, name string) {
			out = append(out, surfaceLine{kind: kind, name: name, added: added, path: p, line: ln.no, text: strings.TrimSpace(ln.text)})
		}
		if m := goFlagRE.FindStringSubmatch(ln.text); m != nil {
			add(surfaceFlag, "--"+m[1])
		} else if m := cliNameRE.FindStringSubmatch(ln.text); m != nil && i-flagBlock <= 6 {
			add(surfaceFlag, "--"+m[1])
		} else if m := optionCallRE.FindStringSubmatch(ln.text); m != nil {
			if name := optionFlag(m[1], !strings.Contains(m[0], "add_argument")); name != "" {
				add(surfaceFlag, name)
			}
		}
		for _, r := range routesIn(ln.text) {
			add(surfaceRoute, r)
		}
		tags := configTagRE.FindAllStringSubmatch(ln.text, -1)
		if configPathRE.MatchString(p) {
			tags = append(tags, jsonTagRE.FindAllStringSubmatch(ln.text, -1)...)
		}
		seen := map[string]bool{}
		for _, m := range tags {
			if m[1] != "" && m[1] != "-" && !seen[m[1]] {
				seen[m[1]] = true
				add(surfaceConfig, m[1])
			}
		}
	}
	return out
}

// commentLine reports a line that is only a comment, whose flags and
// routes are examples, not definitions. Rust's #[attributes] are code.
func commentLine(text string) bool {
	t := strings.TrimSpace(text)
	for _, m := range []string{"//", "/*", "*", "<!--", "--"} {
		if strings.HasPrefix(t, m) {
			return true
		}
	}
	return strings.HasPrefix(t, "#") && !strings.HasPrefix(t, "#[")
}

// optionFlag names the flag an option call defines from its arguments: the
// first --long name in its leading strings; a bare word for yargs'
// .option("name", {...}) when bareOK; a short -x alone. "" for argparse's
// positional arguments, which are not flags.
func optionFlag(args string, bareOK bool) string {
	for k, m := range quotedRE.FindAllStringSubmatch(args, 3) {
		s := m[1] + m[2] + m[3]
		if f := longFlagRE.FindStringSubmatch(s); f != nil {
			return f[1]
		}
		if k == 0 && bareOK && bareWordRE.MatchString(s) {
			return "--" + s
		}
		if !shortFlagRE.MatchString(s) {
			break // past the names, into help text
		}
	}
	if m := quotedRE.FindStringSubmatch(args); m != nil && shortFlagRE.MatchString(m[1]+m[2]+m[3]) {
		return m[1] + m[2] + m[3]
	}
	return ""
}

// routesIn returns the HTTP routes a line registers, with the method when
// the line gives one: "POST /v1/nudge", "/healthz".
func routesIn(line string) []string {
	var out []string
	for _, m := range handleRE.FindAllStringSubmatch(line, -1) {
		out = append(out, m[1])
	}
	for _, m := range methodRouteRE.FindAllStringSubmatch(line, -1) {
		out = append(out, methodRoute(m[1], m[2]))
	}
	if m := pyRouteRE.FindStringSubmatch(line); m != nil {
		out = append(out, methodRoute(m[1], m[2]))
	}
	for _, m := range springRouteRE.FindAllStringSubmatch(line, -1) {
		out = append(out, methodRoute(m[1], m[2]))
	}
	return out
}

func methodRoute(method, p string) string {
	switch m := strings.ToUpper(method); m {
	case "ROUTE", "REQUEST", "ALL", "ANY", "API_ROUTE", "WEBSOCKET":
		return p
	default:
		return m + " " + p
	}
}

// isExampleConfig reports an example configuration file, whose keys users
// copy: config.example.yaml, config.yaml.example, .env.sample, app.ini.dist.
func isExampleConfig(p string) bool {
	parts := strings.Split(strings.ToLower(path.Base(p)), ".")
	for _, part := range parts[1:] {
		switch part {
		case "example", "sample", "dist":
			return true
		}
	}
	return parts[0] == "example" && len(parts) > 1
}

// configKeys finds the keys that the changed lines of one side of an
// example config file add or remove: JSON and YAML keys, key = value lines
// (TOML, INI, .env) and TOML tables. Commented-out keys do not count.
func configKeys(p string, lines []sideLine, added bool) []surfaceLine {
	var out []surfaceLine
	for _, ln := range lines {
		if !ln.changed || configNoteRE.MatchString(ln.text) {
			continue
		}
		for _, re := range []*regexp.Regexp{jsonKeyRE, tomlTableRE, assignKeyRE, yamlKeyRE} {
			if m := re.FindStringSubmatch(ln.text); m != nil {
				out = append(out, surfaceLine{kind: surfaceConfig, name: m[1], added: added, path: p, line: ln.no, text: strings.TrimSpace(ln.text)})
				break
			}
		}
	}
	return out
}

// docStems are documentation-like files that do not document the
// surface: a changelog records that something changed, not how to use it,
// so changing only the changelog does not silence documentation drift.
func notDocStem(s string) bool {
	switch s {
	case "changelog", "changes", "history", "news", "release_notes", "release-notes", "releases",
		"license", "licence", "copying", "notice", "authors", "contributors", "code_of_conduct",
		"code-of-conduct", "contributing", "security", "codeowners":
		return true
	}
	return false
}

var manPageExtRE = regexp.MustCompile(`^\.[1-9][a-z]?$`)

// IsDocPath reports whether a change to the file at p is a documentation
// change: README*, anything under docs/, doc/, documentation/ or man/,
// Markdown, reStructuredText, AsciiDoc, Texinfo, POD and man pages. Not
// documentation: changelogs, licences, contributing and conduct files,
// .github/ templates, and vendored files.
func IsDocPath(p string) bool {
	if SkipReason(p) != "" || hasDir(p, ".github") {
		return false
	}
	base := strings.ToLower(path.Base(p))
	if notDocStem(fileStem(base)) {
		return false
	}
	if strings.HasPrefix(base, "readme") || hasDir(strings.ToLower(p), "docs", "doc", "documentation", "man") {
		return true
	}
	switch ext := path.Ext(base); ext {
	case ".md", ".markdown", ".mdx", ".rst", ".adoc", ".asciidoc", ".texi", ".texinfo", ".pod", ".ronn":
		return true
	default:
		return manPageExtRE.MatchString(ext)
	}
}
