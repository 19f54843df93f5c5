package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"
)

// testIO is an IO over buffers with the given environment.
func testIO(env map[string]string) (*IO, *bytes.Buffer, *bytes.Buffer) {
	var out, errOut bytes.Buffer
	return &IO{In: strings.NewReader(""), Out: &out, Err: &errOut, Getenv: func(k string) string { return env[k] }}, &out, &errOut
}

// walk calls fn for every command of app, with its full name.
func walk(cmds []*cli.Command, parent string, fn func(path string, c *cli.Command)) {
	for _, c := range cmds {
		path := strings.TrimSpace(parent + " " + c.Name)
		fn(path, c)
		walk(c.Subcommands, path, fn)
	}
}

// urfave/cli takes backquoted text in a flag's Usage as its placeholder:
// only placeholders may be quoted, and switches take none.
func TestFlagUsages(t *testing.T) {
	ios, _, _ := testIO(nil)
	app := newApp(newFactory(ios))
	placeholder := regexp.MustCompile("^[A-Z][A-Z0-9_/|.-]*$")
	quoted := regexp.MustCompile("`([^`]*)`")
	walk(app.Commands, "", func(path string, c *cli.Command) {
		for _, f := range c.Flags {
			d, ok := f.(cli.DocGenerationFlag)
			if !ok {
				continue
			}
			for _, m := range quoted.FindAllStringSubmatch(d.GetUsage(), -1) {
				if !d.TakesValue() {
					t.Errorf("%s --%s: a switch with a backquoted %q in its usage (it becomes a placeholder)", path, f.Names()[0], m[1])
				} else if !placeholder.MatchString(m[1]) {
					t.Errorf("%s --%s: backquoted %q is not a PLACEHOLDER", path, f.Names()[0], m[1])
				}
			}
			if b, ok := f.(*cli.BoolFlag); ok && !b.DisableDefaultText {
				t.Errorf("%s --%s: a switch would show (default: false)", path, b.Name)
			}
		}
		if len(c.Subcommands) == 0 && c.Action == nil {
			t.Errorf("%s: a leaf command without an action", path)
		}
	})
}

func TestFriendlyFlagError(t *testing.T) {
	flags := []cli.Flag{
		&cli.IntFlag{Name: "backfill"},
		&cli.DurationFlag{Name: "timeout"},
		&cli.StringFlag{Name: "state"},
	}
	tests := []struct{ in, want string }{
		{"flag provided but not defined: -bogus", "unknown flag --bogus"},
		{"flag provided but not defined: -stat", "unknown flag --stat; did you mean --state?"},
		{"flag provided but not defined: -x", "unknown flag -x"},
		{`invalid value "x" for flag -backfill: parse error`, `invalid value "x" for --backfill: not a number`},
		{`invalid value "5" for flag -timeout: parse error`, `invalid value "5" for --timeout: not a duration (for example 30s, 5m or 1h)`},
		{"flag needs an argument: -state", "--state needs a value"},
		{"something else", "something else"},
	}
	for _, tt := range tests {
		if got := friendlyFlagError(tt.in, flags); got != tt.want {
			t.Errorf("friendlyFlagError(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	cmds := []string{"enroll", "unenroll", "status", "drafts", "review", "publish"}
	tests := []struct{ typed, want string }{
		{"enrol", "enroll"},
		{"statsu", "status"},
		{"draft", "drafts"},
		{"pub", "publish"},
		{"reveiw", "review"},
		{"xyz", ""},
		{"d", ""},
	}
	for _, tt := range tests {
		if got := suggest(tt.typed, cmds); got != tt.want {
			t.Errorf("suggest(%q) = %q, want %q", tt.typed, got, tt.want)
		}
	}
}

// run end to end, in process: the exit code and the one-line error.
func TestRunUsageErrors(t *testing.T) {
	tests := []struct {
		args     string
		code     int
		stderr   string
		noStdout bool
	}{
		{"tm enrol", exitUsage, "ticket-master: \"enrol\" is not a ticket-master command; did you mean enroll?\nRun 'ticket-master --help' for usage.\n", true},
		{"tm drafts lis", exitUsage, "ticket-master: \"lis\" is not a ticket-master drafts command; did you mean list?\nRun 'ticket-master drafts --help' for usage.\n", true},
		{"tm enroll --backfill x", exitUsage, "ticket-master: invalid value \"x\" for --backfill: not a number\nRun 'ticket-master enroll --help' for usage.\n", true},
		{"tm drafts show", exitUsage, "ticket-master: drafts show needs one draft ID (see: ticket-master drafts list)\nRun 'ticket-master drafts show --help' for usage.\n", true},
		{"tm enroll --github notvalid", exitUsage, "ticket-master: \"notvalid\" is not OWNER/REPO (for example: --github acme/gadgets)\nRun 'ticket-master enroll --help' for usage.\n", true},
		{"tm help enroll", exitOK, "", false},
		{"tm hook post-commit --help", exitOK, "", false},
	}
	for _, tt := range tests {
		ios, out, errOut := testIO(map[string]string{"TICKET_MASTER_HOME": t.TempDir()})
		code := run(t.Context(), strings.Fields(tt.args), ios)
		if code != tt.code || errOut.String() != tt.stderr {
			t.Errorf("%s: exit %d, stderr %q; want exit %d, stderr %q", tt.args, code, errOut, tt.code, tt.stderr)
		}
		if tt.noStdout && out.Len() > 0 {
			t.Errorf("%s: printed on stdout: %q", tt.args, out)
		}
		if !tt.noStdout && !strings.Contains(out.String(), "USAGE:") {
			t.Errorf("%s: no help on stdout: %q", tt.args, out)
		}
	}
}

func TestRewriteHelp(t *testing.T) {
	ios, _, _ := testIO(nil)
	app := newApp(newFactory(ios))
	tests := []struct{ in, want string }{
		{"tm help", "tm --help"},
		{"tm help enroll", "tm enroll --help"},
		{"tm help drafts list", "tm drafts list --help"},
		{"tm drafts help list", "tm drafts list --help"},
		{"tm hook post-commit --help", "tm hook --help"},
		{"tm __complete drafts help --x", "tm __complete drafts help --x"},
	}
	for _, tt := range tests {
		if got := strings.Join(normalizeArgs(app, strings.Fields(tt.in)), " "); got != tt.want {
			t.Errorf("normalizeArgs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
