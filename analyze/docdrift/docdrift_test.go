package docdrift

import (
	"reflect"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/difftest"
	"github.com/ticket-master/ticket-master/finding"
)

var timeoutFlagGo = difftest.Modified("cmd/main.go", "cmd/main.go", difftest.Hunk(10, 10,
	" \tfs := flag.NewFlagSet(\"x\", flag.ExitOnError)",
	"+\ttimeout := fs.Duration(\"timeout\", 5*time.Second, \"how long to wait\")",
	" \tfs.Parse(os.Args[1:])"))

func TestDetectDocDrift(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		opts  Options
		want  []string // fingerprint | title
	}{
		// Flags.
		{
			name:  "go flag added",
			files: []string{timeoutFlagGo},
			want:  []string{"docdrift:cmd/main.go:flag:--timeout | Document the new --timeout flag"},
		},
		{
			name:  "a README change in the same commit silences it",
			files: []string{timeoutFlagGo, difftest.Modified("README.md", "README.md", difftest.Hunk(3, 3, " ## Flags", "+- `--timeout`: how long to wait"))},
		},
		{
			name:  "a docs/ change silences it, whatever the format",
			files: []string{timeoutFlagGo, difftest.Added("docs/usage.txt", "timeout")},
		},
		{
			name:  "a man page silences it",
			files: []string{timeoutFlagGo, difftest.Added("tool.1", ".TH TOOL 1")},
		},
		{
			// pinojs/pino-pretty 2928d13 wrote its options into
			// help/help.txt, which `--help` prints.
			name:  "a command's help text silences it",
			files: []string{timeoutFlagGo, difftest.Added("help/help.txt", "  -t, --timeout  how long to wait")},
		},
		{
			// pydantic/pydantic-core b8321cc: the stub is the reference of
			// an extension's API, docstrings included.
			name:  "a Python stub silences it",
			files: []string{timeoutFlagGo, difftest.Added("python/pydantic_core/_pydantic_core.pyi", "def validate_python(self, input: Any, *, extra: bool = False) -> Any: ...")},
		},
		{
			name:  "a text file that is no help does not",
			files: []string{timeoutFlagGo, difftest.Added("notes.txt", "timeout")},
			want:  []string{"docdrift:cmd/main.go:flag:--timeout | Document the new --timeout flag"},
		},
		{
			name:  "a changelog entry that does not name it does not document it",
			files: []string{timeoutFlagGo, difftest.Modified("CHANGELOG.md", "CHANGELOG.md", difftest.Hunk(1, 1, " # Changes", "+- faster start-up"))},
			want:  []string{"docdrift:cmd/main.go:flag:--timeout | Document the new --timeout flag"},
		},
		{
			name:  "a changelog entry that names it documents it",
			files: []string{timeoutFlagGo, difftest.Modified("CHANGELOG.md", "CHANGELOG.md", difftest.Hunk(1, 1, " # Changes", "+- add --timeout"))},
		},
		{
			name: "flag removed, the hunks alone: no removal is claimed without the file",
			files: []string{difftest.Modified("cmd/main.go", "cmd/main.go", difftest.Hunk(10, 10,
				" \tfs := flag.NewFlagSet(\"x\", flag.ExitOnError)",
				"-\tverbose := flag.Bool(\"verbose\", false, \"say more\")",
				" \tfs.Parse(os.Args[1:])"))},
		},
		{
			name: "flag reworded is no change",
			files: []string{difftest.Modified("cmd/main.go", "cmd/main.go", difftest.Hunk(10, 10,
				"-\ttimeout := flag.Duration(\"timeout\", time.Second, \"wait\")",
				"+\ttimeout := flag.Duration(\"timeout\", 5*time.Second, \"how long to wait\")"))},
		},
		{
			name: "cobra and pflag",
			files: []string{difftest.Added("cmd/root.go",
				`cmd.Flags().StringVarP(&out, "output", "o", "", "where")`,
				`pflag.Int("workers", 4, "how many")`)},
			want: []string{
				"docdrift:cmd/root.go:flag:--output | Document the new --output flag",
				"docdrift:cmd/root.go:flag:--workers | Document the new --workers flag",
			},
		},
		{
			name: "urfave/cli flag over several lines",
			files: []string{difftest.Modified("cmd/app.go", "cmd/app.go", difftest.Hunk(20, 20,
				" \t\tFlags: []cli.Flag{",
				"+\t\t\t&cli.DurationFlag{",
				"+\t\t\t\tName:  \"reconcile-interval\",",
				"+\t\t\t\tUsage: \"how often\",",
				"+\t\t\t},",
				" \t\t},"))},
			want: []string{"docdrift:cmd/app.go:flag:--reconcile-interval | Document the new --reconcile-interval flag"},
		},
		{
			name: "reading a urfave/cli flag is not defining one",
			files: []string{difftest.Modified("cmd/app.go", "cmd/app.go", difftest.Hunk(50, 50,
				" func run(c *cli.Context) error {",
				"+\td := c.Duration(\"timeout\")",
				"+\tx := Thing{Name: \"timeout\"}",
				" \treturn nil"))},
		},
		{
			name: "argparse and click; positionals are not flags",
			files: []string{difftest.Added("tool/cli.py",
				`parser.add_argument("-n", "--dry-run", action="store_true")`,
				`parser.add_argument("path")`,
				`@click.option("--count", default=1, help="Use --count to repeat")`)},
			want: []string{
				"docdrift:tool/cli.py:flag:--dry-run | Document the new --dry-run flag",
				"docdrift:tool/cli.py:flag:--count | Document the new --count flag",
			},
		},
		{
			name: "commander and yargs",
			files: []string{difftest.Added("bin/cli.js",
				`program.option('-t, --timeout <ms>', 'how long')`,
				`yargs.option('retries', { type: 'number' })`)},
			want: []string{
				"docdrift:bin/cli.js:flag:--timeout | Document the new --timeout flag",
				"docdrift:bin/cli.js:flag:--retries | Document the new --retries flag",
			},
		},

		// Routes.
		{
			name: "go routes",
			files: []string{difftest.Added("daemon/api.go",
				`mux.HandleFunc("/v1/nudge", s.nudge)`,
				`mux.HandleFunc("POST /v1/repos", s.add)`,
				`r.GET("/healthz", health)`,
				`resp, err := http.Get("/not/a/route")`)},
			want: []string{
				"docdrift:daemon/api.go:route:/v1/nudge | Document the new route /v1/nudge",
				"docdrift:daemon/api.go:route:POST /v1/repos | Document the new route POST /v1/repos",
				"docdrift:daemon/api.go:route:GET /healthz | Document the new route GET /healthz",
			},
		},
		{
			name: "express; a client call is not a route",
			files: []string{difftest.Added("server/app.js",
				`app.post('/login', login);`,
				`const r = await axios.get('/api/users');`)},
			want: []string{"docdrift:server/app.js:route:POST /login | Document the new route POST /login"},
		},
		{
			// remix-run/react-router 7db438c (round 114): Express 5's
			// catch-all, the fallback handler.
			name: "express; a catch-all is no route",
			files: []string{difftest.Added("packages/react-router-serve/cli.ts",
				`app.all("/{*splat}", handler);`,
				`app.get("*", fallback);`,
				`app.get("/health", health);`)},
			want: []string{"docdrift:packages/react-router-serve/cli.ts:route:GET /health | Document the new route GET /health"},
		},
		{
			name:  "flask and fastapi",
			files: []string{difftest.Added("web/app.py", `@app.route("/items")`, "def items():", "    pass", `@router.delete("/items/{id}")`, "def drop(id):", "    pass")},
			want: []string{
				"docdrift:web/app.py:route:/items | Document the new route /items",
				"docdrift:web/app.py:route:DELETE /items/{id} | Document the new route DELETE /items/{id}",
			},
		},
		{
			name:  "spring",
			files: []string{difftest.Added("src/main/java/a/Api.java", `    @GetMapping("/orders")`, `    @RequestMapping(value = "/admin")`)},
			want: []string{
				"docdrift:src/main/java/a/Api.java:route:GET /orders | Document the new route GET /orders",
				"docdrift:src/main/java/a/Api.java:route:/admin | Document the new route /admin",
			},
		},

		// Config keys.
		{
			name: "struct tag added",
			files: []string{difftest.Modified("config/config.go", "config/config.go", difftest.Hunk(5, 5,
				" type config struct {",
				"+\tReconcileInterval time.Duration `yaml:\"reconcile_interval\"`",
				" }"))},
			want: []string{"docdrift:config/config.go:config:reconcile_interval | Document the new config key reconcile_interval"},
		},
		{
			// zap 53a3870: the field came with its doc comment, which is
			// the config struct's reference (godoc).
			name: "struct tag added under its own doc comment",
			files: []string{difftest.Modified("zapcore/encoder.go", "zapcore/encoder.go", difftest.Hunk(329, 329,
				" \tEncodeName NameEncoder `json:\"nameEncoder\" yaml:\"nameEncoder\"`",
				"+\t// Configures the field separator used by the console encoder. Defaults",
				"+\t// to tab.",
				"+\tConsoleSeparator string `json:\"consoleSeparator\" yaml:\"consoleSeparator\"`",
				" }"))},
		},
		{
			name: "struct tag added with a comment on its line",
			files: []string{difftest.Modified("config/config.go", "config/config.go", difftest.Hunk(5, 5,
				" type config struct {",
				"+\tReconcileInterval time.Duration `yaml:\"reconcile_interval\"` // how often the daemon looks again",
				" }"))},
		},
		{
			name: "struct tag added under an old comment",
			files: []string{difftest.Modified("config/config.go", "config/config.go", difftest.Hunk(5, 5,
				" \t// Intervals.",
				"+\tReconcileInterval time.Duration `yaml:\"reconcile_interval\"`",
				" }"))},
			want: []string{"docdrift:config/config.go:config:reconcile_interval | Document the new config key reconcile_interval"},
		},
		{
			name: "struct tag renamed: the new key; the removal is claimed only with the file",
			files: []string{difftest.Modified("config/config.go", "config/config.go", difftest.Hunk(5, 5,
				"-\tInterval time.Duration `yaml:\"interval\" json:\"interval,omitempty\"`",
				"+\tInterval time.Duration `yaml:\"poll_interval\" json:\"-\"`"))},
			want: []string{"docdrift:config/config.go:config:poll_interval | Document the new config key poll_interval"},
		},
		{
			name: "example config file; comments and value changes are not keys",
			files: []string{difftest.Modified("config.example.yaml", "config.example.yaml", difftest.Hunk(1, 1,
				" ollama:",
				"-  model: llama3",
				"+  model: qwen2",
				"+  keep_alive: 5m",
				"+# debug: true"))},
			want: []string{"docdrift:config.example.yaml:config:keep_alive | Document the new config key keep_alive"},
		},
		{
			name: "a dev tool's default settings are not the users' (slimphp/Slim dce3ed8)",
			files: []string{
				difftest.Modified("phpunit.xml.dist", "phpunit.xml.dist", difftest.Hunk(1, 1,
					" <?xml version=\"1.0\" encoding=\"UTF-8\"?>",
					" <phpunit xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"",
					"-         backupGlobals=\"false\"",
					"-         backupStaticAttributes=\"false\"",
					"          colors=\"true\"")),
				difftest.Modified("phpstan.neon.dist", "phpstan.neon.dist", difftest.Hunk(1, 1,
					" parameters:",
					"   level: max",
					"+  paths:",
					"+    - Slim")),
			},
		},
		{
			name: "a build's compiler options are not the users' (sindresorhus/ky 2d8d68a)",
			files: []string{difftest.Added("tsconfig.dist.json", "{", "\t\"extends\": \"./tsconfig\",", "\t\"compilerOptions\": {",
				"\t\t\"sourceMap\": true,", "\t\t\"rootDir\": \"./source\",", "\t\t\"outDir\": \"./distribution\"", "\t},",
				"\t\"include\": [", "\t\t\"source\"", "\t]", "}")},
		},
		{
			// A TOML parser's test case, named like an example
			// configuration.
			name: "an example.toml under tests/ is a test's input (hukkin/tomli 91df038)",
			files: []string{difftest.Added("tests/data/extras/valid/burntsushi-repo/example.toml",
				"best-day-ever = 1987-07-05T17:45:00Z", "", "[numtheory]", "boring = false", "perfection = [6, 28, 496]")},
		},
		{
			name:  "env example",
			files: []string{difftest.Added(".env.example", "export GH_TOKEN=", "OLLAMA_HOST=http://localhost:11434")},
			want: []string{
				"docdrift:.env.example:config:GH_TOKEN | Document the new config key GH_TOKEN",
				"docdrift:.env.example:config:OLLAMA_HOST | Document the new config key OLLAMA_HOST",
			},
		},

		// Exported API: without the README, there is nothing to say it
		// is documented at all (TestDocDriftRealDiffs reads it).
		{
			name: "signature changed, hunks alone",
			files: []string{difftest.Modified("calc/div.go", "calc/div.go", difftest.Hunk(3, 3,
				" // Div divides a by b.",
				"-func Div(a, b int) int {",
				"+func Div(a, b int) (int, error) {",
				" \treturn a / b",
				" }"))},
		},

		// Never reported.
		{
			name:  "flags and routes in comments are examples",
			files: []string{difftest.Added("cmd/main.go", `// flag.String("name", "", "")`, `	// mux.HandleFunc("/x", h)`), difftest.Added("web/app.py", `# @app.route("/x")`)},
		},
		{name: "test files", files: []string{difftest.Added("cmd/main_test.go", `flag.Bool("update", false, "golden files")`)}},
		{name: "vendored", files: []string{difftest.Added("vendor/x/main.go", `flag.Bool("v", false, "")`)}},
		{
			name:  "capped",
			files: []string{difftest.Added("cmd/main.go", `flag.Bool("a", false, "")`, `flag.Bool("b", false, "")`, `flag.Bool("c", false, "")`)},
			opts:  Options{MaxFindings: 2},
			want: []string{
				"docdrift:cmd/main.go:flag:-a | Document the new -a flag", // one letter: one dash, as typed
				"docdrift:cmd/main.go:flag:-b | Document the new -b flag",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found := Detect(analyze.Commit{Hash: difftest.CommitID}, difftest.Commit(t, tt.files...), tt.opts)
			var got []string
			for _, f := range found {
				got = append(got, f.Fingerprint+" | "+f.Title)
				if f.Kind != finding.KindDocDrift || f.Evidence.Commit != difftest.CommitID || !reflect.DeepEqual(f.Labels, []string{"documentation"}) {
					t.Errorf("kind %q commit %q labels %q", f.Kind, f.Evidence.Commit, f.Labels)
				}
				if !strings.Contains(f.Body, "No documentation changed in this commit") {
					t.Errorf("body %q", f.Body)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("found:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestDocDriftFindings(t *testing.T) {
	readme := difftest.Unchanged("README.md", "# calc\n\nCall `calc.Div(a, b)` to divide.\nThe API serves `/v1/old`.\n")
	tests := []struct {
		name string
		cd   func(t *testing.T) *analyze.CommitDiff
		want finding.Finding
	}{
		{
			name: "new flag",
			cd:   func(t *testing.T) *analyze.CommitDiff { return difftest.Commit(t, timeoutFlagGo) },
			want: finding.Finding{
				Kind:        finding.KindDocDrift,
				Fingerprint: "docdrift:cmd/main.go:flag:--timeout",
				Text:        "new --timeout flag in cmd/main.go with no documentation change",
				Body:        "The commit adds the --timeout flag in cmd/main.go (line 11). " + noDocsSentence,
				Title:       "Document the new --timeout flag",
				Labels:      []string{"documentation"},
				Items:       []string{`added in cmd/main.go line 11: timeout := fs.Duration("timeout", 5*time.Second, "how long to wait")`},
				Confidence:  0.6,
				Evidence:    finding.Evidence{Path: "cmd/main.go", Line: 11, Commit: difftest.CommitID, Excerpt: `timeout := fs.Duration("timeout", 5*time.Second, "how long to wait")`},
			},
		},
		{
			name: "changed signature that the README names",
			cd: func(t *testing.T) *analyze.CommitDiff {
				return difftest.CommitOf(t, readme, difftest.Changed("calc/div.go",
					"package calc\n\nfunc Div(a, b int) int {\n\treturn a / b\n}\n",
					"package calc\n\nfunc Div(a, b int) (int, error) {\n\treturn a / b, nil\n}\n"))
			},
			want: finding.Finding{
				Kind:        finding.KindDocDrift,
				Fingerprint: "docdrift:calc/div.go:api:Div",
				Text:        "the signature of Div changed in calc/div.go with no documentation change",
				Body:        "The commit changes the signature of the exported func Div in calc/div.go, and its doc comment did not change. " + noDocsSentence + " README.md still names Div (line 3).",
				Title:       "Update the docs for the changed Div signature",
				Labels:      []string{"documentation"},
				Items:       []string{"before: func Div(a, b int) int {", "after: func Div(a, b int) (int, error) {", "README.md line 3: Call `calc.Div(a, b)` to divide."},
				Confidence:  0.55,
				Evidence:    finding.Evidence{Path: "calc/div.go", Line: 3, EndLine: 5, Commit: difftest.CommitID, Excerpt: "func Div(a, b int) (int, error) {"},
				Also:        []finding.Evidence{{Path: "README.md", Line: 3, Commit: difftest.CommitID, Excerpt: "Call `calc.Div(a, b)` to divide."}},
			},
		},
		{
			name: "a route file deleted while the README documents its route: the README line is the evidence",
			cd: func(t *testing.T) *analyze.CommitDiff {
				return difftest.CommitOf(t, readme, difftest.Change{OldPath: "api.go",
					Old: "package api\n\nfunc routes() {\n\tmux.HandleFunc(\"/v1/old\", old)\n}\n"})
			},
			want: finding.Finding{
				Kind:        finding.KindDocDrift,
				Fingerprint: "docdrift:api.go:route:/v1/old",
				Text:        "route /v1/old removed from api.go with no documentation change",
				Body:        "The commit removes the route /v1/old from api.go. " + noDocsSentence + " README.md still documents the route /v1/old (line 4).",
				Title:       "Update the docs for the removed route /v1/old",
				Labels:      []string{"documentation"},
				Items:       []string{`removed from api.go: mux.HandleFunc("/v1/old", old)`, "README.md line 4: The API serves `/v1/old`."},
				Confidence:  0.85,
				Evidence:    finding.Evidence{Path: "README.md", Line: 4, Commit: difftest.CommitID, Excerpt: "The API serves `/v1/old`."},
			},
		},
		{
			name: "removed route that the README documents: the file, no line",
			cd: func(t *testing.T) *analyze.CommitDiff {
				return difftest.CommitOf(t, readme, difftest.Changed("api.go",
					"package api\n\nfunc routes() {\n\tmux.HandleFunc(\"/v1/old\", old)\n}\n",
					"package api\n\nfunc routes() {\n}\n"))
			},
			want: finding.Finding{
				Kind:        finding.KindDocDrift,
				Fingerprint: "docdrift:api.go:route:/v1/old",
				Text:        "route /v1/old removed from api.go with no documentation change",
				Body:        "The commit removes the route /v1/old from api.go. " + noDocsSentence + " README.md still documents the route /v1/old (line 4).",
				Title:       "Update the docs for the removed route /v1/old",
				Labels:      []string{"documentation"},
				Items:       []string{`removed from api.go: mux.HandleFunc("/v1/old", old)`, "README.md line 4: The API serves `/v1/old`."},
				Confidence:  0.85,
				Evidence:    finding.Evidence{Path: "api.go", Commit: difftest.CommitID, Excerpt: `mux.HandleFunc("/v1/old", old)`},
				Also:        []finding.Evidence{{Path: "README.md", Line: 4, Commit: difftest.CommitID, Excerpt: "The API serves `/v1/old`."}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found := Detect(analyze.Commit{Hash: difftest.CommitID}, tt.cd(t), Options{})
			if len(found) != 1 {
				t.Fatalf("found %d: %+v", len(found), found)
			}
			if !reflect.DeepEqual(found[0], tt.want) {
				t.Errorf("got  %+v\nwant %+v", found[0], tt.want)
			}
		})
	}
}

// A deleted file cannot be cited at the commit that deletes it: with no
// README line naming what it held, there is nothing to show
// (fastapi/sqlmodel 784713b deleted docs_src/tutorial/where/tutorial006b_py39.py).
func TestDeletedFileWithoutMentionIsNotReported(t *testing.T) {
	cd := difftest.CommitOf(t, difftest.Unchanged("README.md", "# API\n\nNothing about routes.\n"), difftest.Change{OldPath: "api.go",
		Old: "package api\n\nfunc routes() {\n\tmux.HandleFunc(\"/v1/old\", old)\n}\n"})
	for _, f := range Detect(analyze.Commit{Hash: difftest.CommitID}, cd, Options{}) {
		if f.Evidence.Path == "api.go" {
			t.Errorf("cites the deleted file: %+v", f)
		}
	}
}

func TestIsDocPath(t *testing.T) {
	for p, want := range map[string]bool{
		"README.md": true, "readme": true, "pkg/README.rst": true, "docs/api.html": true, "doc/x.txt": true,
		"guide.adoc": true, "man/tool.8": true, "tool.1": true, "notes.md": true,
		"CHANGELOG.md": false, "docs/CHANGELOG.md": false, "LICENSE": false, "CONTRIBUTING.md": false,
		".github/PULL_REQUEST_TEMPLATE.md": false, "vendor/x/README.md": false, "main.go": false,
	} {
		if got := analyze.IsDocPath(p); got != want {
			t.Errorf("IsDocPath(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestFitTitle(t *testing.T) {
	long := "/v1/" + strings.Repeat("segment/", 12)
	got := analyze.FitTitle("Document the new route ", long, "")
	if len(got) > analyze.TitleMax || !strings.HasPrefix(got, "Document the new route /v1/segment") || !strings.HasSuffix(got, "…") {
		t.Errorf("fitTitle = %q (%d)", got, len(got))
	}
}

// A one-letter flag is typed with one dash, and a README that shows it so
// documents it already (joho/godotenv 28b5261 added `f`; the README has
// shown `godotenv -f /some/path/to/.env` since 2014).
func TestOneLetterFlagAsTyped(t *testing.T) {
	flagF := difftest.Changed("cmd/godotenv/cmd.go", "package main\n\nimport \"flag\"\n\nfunc main() {\n}\n",
		"package main\n\nimport \"flag\"\n\nfunc main() {\n\tvar envFilenames string\n\tflag.StringVar(&envFilenames, \"f\", \"\", \"comma separated paths to .env files\")\n}\n")
	readme := difftest.Unchanged("README.md", "# godotenv\n\n```shell\ngodotenv -f /some/path/to/.env some_command with some args\n```\n")
	if found := Detect(analyze.Commit{Hash: difftest.CommitID}, difftest.CommitOf(t, readme, flagF), Options{}); len(found) != 0 {
		t.Errorf("found %+v, want none: the README shows -f", found)
	}
	other := difftest.Unchanged("README.md", "# godotenv\n\nLoads .env files.\n")
	found := Detect(analyze.Commit{Hash: difftest.CommitID}, difftest.CommitOf(t, other, flagF), Options{})
	if len(found) != 1 || found[0].Title != "Document the new -f flag" {
		t.Errorf("found %+v, want the -f flag", found)
	}
}

func TestResolves(t *testing.T) {
	removed := finding.Finding{Fingerprint: "docdrift:table.go:api:Table.SetHeader", Items: []string{"removed: func (t *Table) SetHeader(keys []string)"},
		Evidence: finding.Evidence{Path: "README.md", Line: 55}}
	changed := finding.Finding{Fingerprint: "docdrift:table.go:api:Table.Append", Items: []string{"signature: func (t *Table) Append(row []string)"}}
	for _, tt := range []struct {
		name            string
		f               finding.Finding
		mentions, drops string
		legacy          string // added to README_LEGACY.md
		want            bool
	}{
		{"added lines name it", removed, "Table.SetHeader is gone, use Header\n", "", "", true},
		{"the docs stop naming a removed method", removed, "table.Header(\"a\")\n", "table.SetHeader([]string{\"a\"})\n", "", true},
		{"the line only moved", removed, "table.SetHeader([]string{\"a\"})\n", "table.SetHeader([]string{\"a\"})\n", "", false},
		{"a longer name is another method", removed, "", "table.SetHeaderColor(c)\n", "", false},
		{"a changed signature needs the docs to say it", changed, "", "table.Append(row)\n", "", false},
		{"the old docs kept in another file document the old version", removed, "", "table.SetHeader(h)\n", "table.SetHeader(h)\n", true},
	} {
		files := &analyze.DocLines{Drops: map[string]string{"README.md": tt.drops}, Adds: map[string]string{"README.md": tt.mentions, "README_LEGACY.md": tt.legacy}}
		if got := Resolves(tt.f, tt.mentions+tt.legacy, files); got != tt.want {
			t.Errorf("%s: Resolves = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// An API change no README names is no finding, and the changed file is not
// read whole to find out what changed: the READMEs are read first.
func TestAPIDriftReadsNoFileNoREADMENames(t *testing.T) {
	div := difftest.Changed("calc/div.go",
		"package calc\n\n// Div divides.\nfunc Div(a, b int) int {\n\treturn a / b\n}\n",
		"package calc\n\n// Div divides.\nfunc Div(a, b int) (int, error) {\n\treturn a / b, nil\n}\n")
	for _, tc := range []struct {
		name   string
		readme string
		found  int
		reads  bool // calc/div.go read whole
	}{
		{"the README names Div", "# calc\n\nCall `calc.Div(a, b)` to divide.\n", 1, true},
		{"the README names nothing of it", "# calc\n\nA calculator.\n", 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cd := difftest.CommitOf(t, difftest.Unchanged("README.md", tc.readme), div)
			source, sources := cd.Source, cd.Sources
			read := false
			cd.Source = func(p string, side analyze.LineKind) ([]byte, bool) {
				read = read || p == "calc/div.go"
				return source(p, side)
			}
			cd.Sources = func(asked []analyze.FileAt) []analyze.SourceFile {
				for _, a := range asked {
					read = read || a.Path == "calc/div.go"
				}
				return sources(asked)
			}
			if found := Detect(analyze.Commit{Hash: difftest.CommitID}, cd, Options{}); len(found) != tc.found {
				t.Errorf("found %d, want %d: %+v", len(found), tc.found, found)
			}
			if read != tc.reads {
				t.Errorf("calc/div.go read whole: %v, want %v", read, tc.reads)
			}
		})
	}
}

// A flag's declaration a formatter wraps over several lines is still
// there: tj/commander.js 1bdc749a "Reformat code with Prettier" put
// `'-v, --verbose',` on a line of its own (round 117, wrong).
func TestFlagWrappedIsNotRemoved(t *testing.T) {
	readme := difftest.Unchanged("README.md", "# tool\n\nPass `--verbose` to see more.\n")
	before := "const program = require('commander');\n\nprogram.option('-v, --verbose', 'verbosity that can be increased', increaseVerbosity, 0);\nprogram.parse();\n"
	for _, tc := range []struct {
		name, after string
		want        int
	}{
		{"wrapped by a formatter", "const program = require('commander');\n\nprogram.option(\n  '-v, --verbose',\n  'verbosity that can be increased',\n  increaseVerbosity,\n  0,\n);\nprogram.parse();\n", 0},
		{"removed, a longer flag left", "const program = require('commander');\n\nprogram.option('--verbose-level <n>', 'how verbose');\nprogram.parse();\n", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cd := difftest.CommitOf(t, readme, difftest.Changed("bin/cli.js", before, tc.after))
			found := Detect(analyze.Commit{Hash: difftest.CommitID}, cd, Options{})
			var removed int
			for _, f := range found {
				if f.Fingerprint == "docdrift:bin/cli.js:flag:--verbose" {
					removed++
				}
			}
			if removed != tc.want {
				t.Errorf("--verbose removed: %d findings, want %d (%+v)", removed, tc.want, found)
			}
		})
	}
}

// Routes a function registers are documented by the README's mention of
// the function: go-chi/chi fd503d9 added pprof routes to
// middleware.Profiler, which its README lists (round 117, noise).
func TestRoutesOfANamedFunction(t *testing.T) {
	before := "package middleware\n\nfunc Profiler() http.Handler {\n\tr := chi.NewRouter()\n\tr.HandleFunc(\"/pprof/trace\", pprof.Trace)\n\n\treturn r\n}\n"
	after := "package middleware\n\nfunc Profiler() http.Handler {\n\tr := chi.NewRouter()\n\tr.HandleFunc(\"/pprof/trace\", pprof.Trace)\n\n\tr.Handle(\"/pprof/heap\", pprof.Handler(\"heap\"))\n\n\treturn r\n}\n"
	pyBefore := "@app.route(\"/\")\ndef index():\n    return \"hi\"\n"
	pyAfter := "@app.route(\"/\")\ndef index():\n    return \"hi\"\n\n@app.route(\"/users\")\ndef users():\n    return []\n"
	for _, tc := range []struct {
		name   string
		readme string
		file   difftest.Change
		want   int
	}{
		{"the README names the function", "| [Profiler] | Easily attach net/http/pprof |\n\n[Profiler]: https://pkg.go.dev/github.com/go-chi/chi/middleware#Profiler\n",
			difftest.Changed("middleware/profiler.go", before, after), 0},
		{"the README names nothing of it", "# chi\n\nA router.\n", difftest.Changed("middleware/profiler.go", before, after), 1},
		{"a decorated handler at the top level is in no function", "Call `index()` to greet.\n", difftest.Changed("app.py", pyBefore, pyAfter), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cd := difftest.CommitOf(t, difftest.Unchanged("README.md", tc.readme), tc.file)
			var routes int
			for _, f := range Detect(analyze.Commit{Hash: difftest.CommitID}, cd, Options{}) {
				if strings.Contains(f.Fingerprint, ":route:") {
					routes++
				}
			}
			if routes != tc.want {
				t.Errorf("%d new routes, want %d", routes, tc.want)
			}
		})
	}
}
