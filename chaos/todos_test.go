//go:build linux

package chaos

import "fmt"

var (
	verbs = []string{"handle", "retry", "validate", "cache", "log", "close", "report", "limit", "sort", "escape"}
	nouns = []string{"timeout", "header", "empty list", "unicode name", "large file", "redirect", "lock", "checksum", "symlink", "negative size", "stale token"}
	parts = []string{"parser", "client", "store", "scheduler", "renderer", "importer", "exporter"}
)

// todoFile is the i-th TODO a scenario commits: a file of its own (so the
// file names the finding) with one comment whose words differ from its
// neighbours', so that no two drafts read alike and none is merged.
func todoFile(i int) (path, content string) {
	path = fmt.Sprintf("todo/f%04d.go", i)
	text := fmt.Sprintf("%s the %s in the %s, case %d", verbs[i%len(verbs)], nouns[(i/len(verbs))%len(nouns)], parts[i%len(parts)], i)
	content = fmt.Sprintf("package todo\n\n// TODO: %s\nfunc f%04d() {}\n", text, i)
	return path, content
}
