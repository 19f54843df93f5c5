package docdrift

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"path"
	"slices"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/symbol"
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
	// documented: an added config key under its own doc comment, which
	// documents it (documentedInPlace); still a key the side defines.
	documented bool
}

// goFlagMethods are the flag-defining methods of the flag and pflag packages.
const goFlagMethods = `(?:String|Bool|Int|Int8|Int16|Int32|Int64|Uint|Uint8|Uint16|Uint32|Uint64|Float32|Float64|Duration|Var|Func|BoolFunc|TextVar|StringSlice|StringArray|IntSlice|Count|IP|IPNet|BytesHex|StringToString)(?:Var)?P?`

var (
	// goFlagRE: flag.String("name", ...), fs.DurationVar(&x, "name", ...),
	// cmd.Flags().StringP("name", "n", ...). Receivers are limited to flag
	// sets' usual names: c.String("name") in urfave/cli reads a flag.
	goFlagRE = lazyregexp.New(`(?:\b(?:flag|pflag|fs|flags|flagSet|flagset)|Flags\(\))\.` + goFlagMethods + `\(\s*(?:&?[\w.\[\]]+\s*,\s*)?"([A-Za-z0-9][\w.-]*)"`)
	// cliFlagRE opens a urfave/cli flag: &cli.DurationFlag{ ... Name: "x".
	cliFlagRE = lazyregexp.New(`\bcli\.\w*Flag\s*\{`)
	cliNameRE = lazyregexp.New(`\bName:\s*"([A-Za-z0-9][\w.-]*)"`)
	// optionCallRE: argparse add_argument(, click.option(, commander and
	// yargs .option( / .requiredOption(; the arguments follow.
	optionCallRE = lazyregexp.New(`(?:\badd_argument|\.option|\.requiredOption)\(\s*(.*)`)
	// optparseVersionRE is an optparse parser made with a version.
	optparseVersionRE = lazyregexp.New(`OptionParser\([^#]*\bversion\s*=`)
	quotedRE          = lazyregexp.New(`"([^"]*)"|'([^']*)'|` + "`([^`]*)`")
	longFlagRE        = lazyregexp.New(`(?:^|[\s,|])(--[A-Za-z0-9][\w-]*)`)
	shortFlagRE       = lazyregexp.New(`^-[A-Za-z0-9]$`)
	bareWordRE        = lazyregexp.New(`^[A-Za-z][\w-]*$`)

	// Routes: net/http and gorilla HandleFunc("/x"), Go 1.22 "GET /x".
	handleRE = lazyregexp.New(`\bHandle(?:Func)?\(\s*"([^"]*/[^"]*)"`)
	// gin, echo, chi, fiber, express, koa, fastify: r.GET("/x"), app.get('/x').
	// Receivers are limited to routers' usual names: axios.get('/x') is a
	// client, not a route.
	methodRouteRE = lazyregexp.New(`\b(?:app|router|r|mux|e|g|api|server|srv|group|grp|v\d+|routes|fastify|\w*[Rr]outer|\w*[Mm]ux|\w*[Aa]pp|\w*[Gg]roup)\.(?i:(get|post|put|delete|patch|head|options|all|any))\(\s*["'` + "`" + `](/[^"'` + "`" + `]*)`)
	// Flask and FastAPI decorators: @app.route("/x"), @router.post("/x").
	pyRouteRE = lazyregexp.New(`^\s*@[\w.]+\.(route|get|post|put|delete|patch|head|options|websocket|api_route)\(\s*["'](/[^"']*)`)
	// Spring: @GetMapping("/x"), @RequestMapping(value = "/x").
	springRouteRE = lazyregexp.New(`@(Get|Post|Put|Delete|Patch|Request)Mapping\(\s*(?:(?:value|path)\s*=\s*)?\{?\s*"([^"]*)"`)

	// configTagRE is a config key in a struct tag: yaml:"name,omitempty".
	// JSON tags mostly shape API payloads and command output, not config:
	// jsonTagRE counts only in files whose path names config or settings.
	configTagRE  = lazyregexp.New(`\b(?:yaml|toml|mapstructure):"([^",]*)`)
	jsonTagRE    = lazyregexp.New(`\bjson:"([^",]*)`)
	configPathRE = lazyregexp.New(`(?i)(?:^|/)[^/]*(?:config|settings|conf|options)[^/]*(?:/|$)`)

	// Keys of example config files, by format.
	jsonKeyRE    = lazyregexp.New(`^\s*"([A-Za-z_][\w.-]*)"\s*:`)
	yamlKeyRE    = lazyregexp.New(`^\s*(?:-\s+)?([A-Za-z_][\w.-]*)\s*:(?:\s|$)`)
	assignKeyRE  = lazyregexp.New(`^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*=`)
	tomlTableRE  = lazyregexp.New(`^\s*\[+\s*([A-Za-z_][\w.-]*)\s*\]+\s*$`)
	configNoteRE = lazyregexp.New(`^\s*(?:#|;|//)`)
)

// codeSurfaces finds the flags, routes and struct-tag config keys that the
// changed lines of one side of a hunk define or remove. Lines that are
// comments, or that lie inside a docstring, a block comment or a string
// spanning lines, define nothing. Each line is first checked for the
// literal words a pattern needs (as gitleaks does): most lines have none,
// and then no regular expression runs.
// surfaceHints are the words codeSurfaces looks for in a changed line
// before it reads the line further: a line with none of them names no
// surface (mayBeSurface).
var surfaceHints = []string{"lag", "fs.", "--", "Name:", "add_argument", "ption(", "OptionParser(", "Handle", "Mapping(", `"/`, "'/", "`/", `:"`}

// mayBeSurface reports whether codeSurfaces could find a surface on a
// changed line of this text: one of its hints is there.
func mayBeSurface(text string) bool {
	for _, h := range surfaceHints {
		if strings.Contains(text, h) {
			return true
		}
	}
	return false
}

// changedMayBeSurface reports whether a changed line of h's side may
// name a surface (mayBeSurface).
func changedMayBeSurface(h analyze.Hunk, side analyze.LineKind) bool {
	for _, l := range h.Lines {
		if l.Kind == side && mayBeSurface(l.Text) {
			return true
		}
	}
	return false
}

func codeSurfaces(p string, lines []analyze.SideLine, added bool) []surfaceLine {
	var out []surfaceLine
	var code []symbol.Line // computed on the first line worth it
	flagBlock := -100      // index of the last line opening a urfave/cli flag
	for i, ln := range lines {
		text := ln.Text
		if strings.Contains(text, "Flag") && cliFlagRE.MatchString(text) {
			flagBlock = i
		}
		if !ln.Changed || commentLine(text) {
			continue
		}
		if !mayBeSurface(text) {
			continue // none of the hints below
		}
		flagHint := strings.Contains(text, "lag") || strings.Contains(text, "fs.") ||
			strings.Contains(text, "--") && optionOpenedAbove(lines, i) >= 0 ||
			(i-flagBlock <= 6 && strings.Contains(text, "Name:")) ||
			strings.Contains(text, "add_argument") || strings.Contains(text, "ption(") || strings.Contains(text, "OptionParser(")
		routeHint := strings.Contains(text, "Handle") || strings.Contains(text, "Mapping(") ||
			strings.Contains(text, `"/`) || strings.Contains(text, "'/") || strings.Contains(text, "`/")
		tagHint := strings.Contains(text, `:"`)
		if !flagHint && !routeHint && !tagHint {
			continue
		}
		if code == nil {
			texts := make([]string, len(lines))
			for k, l := range lines {
				texts[k] = l.Text
			}
			code = symbol.Code(p, texts)
		}
		if code[i].Inside {
			continue // a docstring's or a string's text
		}
		add := func(kind, name string) {
			if kind == surfaceFlag && hiddenFlag(lines, i, i-flagBlock <= 6) {
				return // a flag its program hides from --help is no surface
			}
			out = append(out, surfaceLine{kind: kind, name: name, added: added, path: p, line: ln.No, text: strings.TrimSpace(text)})
		}
		if flagHint && strings.Contains(text, "OptionParser(") && optparseVersionRE.MatchString(text) {
			// optparse gives a parser made with a version its --version:
			// PyCQA/pyflakes ef3c5cb moved to argparse and spelled it
			// out, and "Document the new --version flag" was drafted
			// (round 111, wrong).
			add(surfaceFlag, "--version")
		}
		if flagHint {
			if m := goFlagRE.FindStringSubmatch(text); m != nil {
				add(surfaceFlag, flagName(m[1]))
			} else if m := cliNameRE.FindStringSubmatch(text); m != nil && i-flagBlock <= 6 {
				add(surfaceFlag, flagName(m[1]))
			} else if m := optionCallRE.FindStringSubmatch(text); m != nil && strings.TrimSpace(m[1]) != "" {
				if name := optionFlag(m[1], !strings.Contains(m[0], "add_argument")); name != "" {
					add(surfaceFlag, name)
				}
			}
		}
		if k := optionOpenedAbove(lines, i); k >= 0 {
			// The call opened on an earlier line, its names on the lines
			// after it (black's @click.option(\n "-W",\n "--workers",).
			name := optionFlag(optionArgs(lines, k), !strings.Contains(lines[k].Text, "add_argument"))
			if name != "" && strings.Contains(text, name) && (strings.Contains(text, `"`+name) || strings.Contains(text, `'`+name)) {
				add(surfaceFlag, name)
			}
		}
		if routeHint {
			for _, r := range routesIn(text) {
				add(surfaceRoute, r)
			}
		}
		if tagHint {
			documented := added && documentedInPlace(lines, i)
			tags := configTagRE.FindAllStringSubmatch(text, -1)
			if configPathRE.MatchString(p) {
				tags = append(tags, jsonTagRE.FindAllStringSubmatch(text, -1)...)
			}
			seen := map[string]bool{}
			for _, m := range tags {
				if m[1] != "" && m[1] != "-" && !seen[m[1]] {
					seen[m[1]] = true
					add(surfaceConfig, m[1])
					out[len(out)-1].documented = documented
				}
			}
		}
	}
	return out
}

// documentedInPlace reports whether the field on line i comes with its
// own doc comment, added with it: the comment lines right above it, or
// one after it on its line. Where a project's reference is generated from
// the code (godoc for a config struct), that is its documentation (zap
// 53a3870 added ConsoleSeparator `json:"consoleSeparator"` under
// "// Configures the field separator used by the console encoder.").
func documentedInPlace(lines []analyze.SideLine, i int) bool {
	if k := strings.LastIndex(lines[i].Text, "`"); k >= 0 && strings.Contains(lines[i].Text[k:], "//") {
		return true
	}
	return i > 0 && lines[i-1].Changed && commentLine(lines[i-1].Text)
}

// flagName is a flag as its users type it: "-f" for a one-letter name
// (joho/godotenv's README has documented `godotenv -f` since 2014, and
// "Document the new --f flag" named a flag no one types), "--timeout"
// for a longer one.
func flagName(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// hiddenMarkers hide a flag from --help: argparse, click, urfave/cli,
// cobra/pflag, commander.
var hiddenMarkers = []string{"argparse.SUPPRESS", "hidden=True", "Hidden: true", "Hidden:true", "MarkHidden(", ".hideHelp("}

// hiddenFlag reports whether the flag defined on line i, or in the call
// or literal that continues over the next lines, is hidden. inLiteral:
// the line is inside a flag's struct literal (urfave/cli), which goes on.
func hiddenFlag(lines []analyze.SideLine, i int, inLiteral bool) bool {
	last := i + 8
	if code := stripStrings(lines[i].Text); !inLiteral && optionOpenedAbove(lines, i) < 0 &&
		strings.Count(code, "(") <= strings.Count(code, ")") && strings.Count(code, "{") <= strings.Count(code, "}") {
		last = i // the definition ends on its own line
	}
	for j := i; j < len(lines) && j <= last; j++ {
		t := lines[j].Text
		for _, m := range hiddenMarkers {
			if strings.Contains(t, m) {
				return true
			}
		}
		if tt := strings.TrimSpace(t); j > i && (strings.HasPrefix(tt, ")") || strings.HasPrefix(tt, "}")) {
			return false // the call or literal ended
		}
	}
	return false
}

// stripStrings drops the quoted parts of a line, whose brackets are text.
func stripStrings(line string) string {
	return quotedRE.ReplaceAllString(line, `""`)
}

// optionOpenedAbove returns the index of the line, at most three above
// line i, that opens an option call whose arguments start on the next
// line ("@click.option(" alone), when the lines between hold only its
// names; -1 otherwise.
func optionOpenedAbove(lines []analyze.SideLine, i int) int {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		t := strings.TrimSpace(lines[k].Text)
		if strings.HasSuffix(t, "(") && (strings.HasSuffix(t, ".option(") || strings.HasSuffix(t, "add_argument(") || strings.HasSuffix(t, ".requiredOption(")) {
			return k
		}
		if !strings.HasPrefix(t, `"`) && !strings.HasPrefix(t, "'") {
			return -1 // past the names
		}
	}
	return -1
}

// optionArgs joins the lines after the opening line k that hold names.
func optionArgs(lines []analyze.SideLine, k int) string {
	var b strings.Builder
	for j := k + 1; j < len(lines) && j <= k+3; j++ {
		t := strings.TrimSpace(lines[j].Text)
		if !strings.HasPrefix(t, `"`) && !strings.HasPrefix(t, "'") {
			break
		}
		b.WriteString(t + " ")
	}
	return b.String()
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
	out := routesOf(line)
	// A catch-all is the fallback handler, no route a user calls:
	// remix-run/react-router 7db438c made react-router-serve's
	// `app.all("*", ...)` Express 5's `app.all("/{*splat}", ...)`, and
	// "Document the new route /{*splat}" was drafted (round 114, wrong).
	return slices.DeleteFunc(out, func(r string) bool {
		_, p, ok := strings.Cut(r, " ")
		if !ok {
			p = r
		}
		return catchAllRE.MatchString(p)
	})
}

// catchAllRE is a route that matches every path: "*", "/*", "/{*splat}",
// "/*splat", "/:path*", "(.*)".
var catchAllRE = lazyregexp.New(`^/?(?:\*\w*|\{\*\w*\}|:\w+\*|\(\.\*\))$`)

// routesOf are the routes a line declares.
func routesOf(line string) []string {
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
// One under a test folder is a test's input, whatever its name
// (hukkin/tomli's tests/data/.../example.toml, a TOML parser's test case:
// each of its keys was "a new config key" to document).
func isExampleConfig(p string) bool {
	if analyze.HasDir(strings.ToLower(p), "test", "tests", "spec", "specs", "__tests__", "testing") {
		return false
	}
	parts := strings.Split(strings.TrimPrefix(strings.ToLower(path.Base(p)), "."), ".")
	if devToolConfigs[parts[0]] {
		return false
	}
	for _, part := range parts[1:] {
		switch part {
		case "example", "sample", "dist":
			return true
		}
	}
	return parts[0] == "example" && len(parts) > 1
}

// devToolConfigs are the tools whose committed configuration projects
// name NAME.dist or NAME.example: PHP's phpunit.xml.dist and
// phpstan.neon.dist, the build's tsconfig.dist.json. They hold the
// project's own build, test and lint settings, which no user reads about
// (slimphp/Slim dce3ed8 dropped PHPUnit 8's attributes from
// phpunit.xml.dist, and each was "a removed config key"; sindresorhus/ky
// 2d8d68a added tsconfig.dist.json, and each compiler option was "a new
// config key").
var devToolConfigs = map[string]bool{
	"phpunit": true, "phpstan": true, "psalm": true, "phpcs": true, "phpmd": true, "infection": true,
	"rector": true, "behat": true, "codeception": true, "php-cs-fixer": true, "php_cs": true, "grumphp": true,
	"tsconfig": true, "jsconfig": true, "eslintrc": true, "prettierrc": true, "babel": true, "jest": true,
	"vitest": true, "webpack": true, "rollup": true, "vite": true, "tsup": true, "karma": true, "stylelintrc": true,
}

// configKeys finds the keys that the changed lines of one side of an
// example config file add or remove: JSON and YAML keys, key = value lines
// (TOML, INI, .env) and TOML tables. Commented-out keys do not count.
func configKeys(p string, lines []analyze.SideLine, added bool) []surfaceLine {
	var out []surfaceLine
	for _, ln := range lines {
		if !ln.Changed || configNoteRE.MatchString(ln.Text) {
			continue
		}
		for _, re := range []*lazyregexp.Regexp{jsonKeyRE, tomlTableRE, assignKeyRE, yamlKeyRE} {
			if m := re.FindStringSubmatch(ln.Text); m != nil {
				out = append(out, surfaceLine{kind: surfaceConfig, name: m[1], added: added, path: p, line: ln.No, text: strings.TrimSpace(ln.Text)})
				break
			}
		}
	}
	return out
}
