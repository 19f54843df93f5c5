package todo

import (
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/difftest"
	"github.com/ticket-master/ticket-master/finding"
)

func TestLintConfig(t *testing.T) {
	for p, want := range map[string]bool{
		".golangci.yaml": true, "packaging/pep517_backend/.ruff.toml": true, "eslint.config.js": true,
		".eslintrc.json": true, "ruff.toml": true, ".pre-commit-config.yaml": true, "clippy.toml": true,
		"src/eslint.js": false, "config.yaml": false, "lib/ruff/parser.py": false, "prettier.js": false,
	} {
		if got := lintConfig(p); got != want {
			t.Errorf("lintConfig(%q) = %v, want %v", p, got, want)
		}
	}
}

// A note in a linter's configuration is housekeeping: the digest
// (spf13/viper 937ae2d, .golangci.yaml).
func TestLintConfigNoteIsLow(t *testing.T) {
	for p, want := range map[string]finding.Severity{".golangci.yaml": finding.Low, "ci/build.yaml": ""} {
		f := difftest.File(t, difftest.Modified(p, p, difftest.Hunk(116, 116,
			"         - name: var-naming",
			"+",
			"+        # TODO: add more revive rules",
			"+",
			"     misspell:")))
		found, _ := Detect(analyze.Commit{Hash: difftest.CommitID}, f, Options{})
		if len(found) != 1 || found[0].Severity != want {
			t.Errorf("%s: %+v, want severity %q", p, found, want)
		}
	}
}
