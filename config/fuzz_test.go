package config

import (
	"errors"
	"regexp"
	"strings"
	"testing"
)

// goTypeWords are what a YAML or Go decoding error says about types; a
// user must read "expected a number", never these.
var goTypeWords = []string{"!!", "cannot unmarshal", "unmarshal errors", "config.", "time.Duration", "[]string", "map["}

// quotedRE is a Go-quoted string: the user's own text, which may hold anything.
var quotedRE = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

func checkUserError(t *testing.T, err error) {
	t.Helper()
	if err == nil {
		return
	}
	var fe *FileError
	if !errors.As(err, &fe) {
		t.Fatalf("error %v (%T) is not a *FileError", err, err)
	}
	msg := quotedRE.ReplaceAllString(err.Error(), `""`)
	for _, w := range goTypeWords {
		if strings.Contains(msg, w) {
			t.Fatalf("error shows Go or YAML types (%q): %s", w, msg)
		}
	}
}

// FuzzParse: no config.yaml panics Parse, and every error is one a user
// can read, each problem on the file's own terms.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"", "daemon:\n  debounce: 50ms\n", "llm:\n  temperature: 5\n", "branches: [main, 'feat/[']\n",
		"repos:\n  ~/src/a:\n    hotspot:\n      window: 1\n", "drafts:\n  labels: &l [a, b]\ntodo:\n  labels:\n    TODO: *l\n",
		"llm: model: x\n", "- a\n", "analysis:\n  max_new_commits: 99999999999999999999\n",
		"a: &a [*a]\n", "x: !!binary AAAA\n", "github:\n  pace: -1s\n", "ignore: ['!x', '[a-']\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg := Defaults()
		checkUserError(t, Parse(data, &cfg))
	})
}

// FuzzParseRepoSettings: the same for a repository's .ticket-master.yaml,
// which comes from any commit of any enrolled repository.
func FuzzParseRepoSettings(f *testing.F) {
	for _, s := range []string{
		"", "detectors:\n  todo: false\n", "hotspot:\n  window: 1\n", "labels: [team-x]\n",
		"ignore: ['vendor/**', '!vendor/keep']\n", "detectors: {todoo: false}\n", "labels: 3\n", "[\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := ParseRepoSettings(data)
		checkUserError(t, err)
	})
}
