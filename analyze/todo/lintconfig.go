package todo

import (
	"path"
	"strings"
)

// lintConfig reports a linter's, formatter's or type checker's
// configuration file. A note there is housekeeping of the project's own
// checks ("TODO: enable unicorn/prefer-else-if" in prettier/prettier's
// eslint.config.js, judged trivial; "TODO: add more revive rules" in
// spf13/viper's .golangci.yaml; "FIXME: These flake8-annotations errors
// need fixing" in aio-libs/yarl's .ruff.toml): a line of the maintenance
// digest rather than an issue of its own.
func lintConfig(p string) bool {
	base := strings.ToLower(path.Base(p))
	stem := strings.TrimPrefix(base, ".")
	if i := strings.IndexByte(stem, '.'); i >= 0 {
		stem = stem[:i]
	}
	switch stem {
	case "golangci", "ruff", "flake8", "pylintrc", "eslintrc", "rubocop", "clippy", "markdownlint",
		"markdownlint-cli2", "stylelintrc", "biome", "swiftlint", "tslint", "prettierrc", "clang-tidy",
		"clang-format", "rustfmt", "yamllint", "mypy", "pyright", "pre-commit-config", "editorconfig",
		"oxlintrc", "dprint", "deny":
		return true
	case "eslint", "prettier", "stylelint", "commitlint", "lint-staged":
		return strings.Contains(base, ".config.")
	}
	return false
}
