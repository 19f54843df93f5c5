package todo

import (
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/difftest"
	"github.com/ticket-master/ticket-master/config"
)

// BurntSushi/toml keeps a copy of BurntSushi/toml-test in
// internal/toml-test; the commits that bring it in add the other
// project's notes, the project's own beside them stay.
func TestSyncedFolderNotes(t *testing.T) {
	runner := difftest.Added("internal/toml-test/runner.go", "package tomltest", "", "// TODO: Doesn't process nested arrays", "func run() {}")
	json := difftest.Added("internal/toml-test/json.go", "package tomltest")
	version := difftest.Added("internal/toml-test/version.go", "package tomltest")
	toml := difftest.Added("internal/toml-test/toml.go", "package tomltest")
	case1 := difftest.Added("internal/toml-test/tests/valid/bool.toml", "t = true")
	own := difftest.Added("toml_test.go", "package toml", "", "// TODO: Bit of a hack to make sure not all test run", "func TestToml() {}")
	eff := config.Defaults().ForRepo("", config.RepoSettings{})
	for _, tc := range []struct {
		subject string
		diffs   []string
		want    []string // the paths of the notes found
	}{
		// The real subjects (21961ea, 641c3cf, 99c5690).
		{"Update toml-test from upstream", []string{runner, json, version, toml, case1, own}, []string{"toml_test.go"}},
		{"Put the github.com/BurntSushi/toml-test in internal/ (#313)", []string{runner, json, version, toml, case1, own}, []string{"toml_test.go"}},
		{"Update toml-test", []string{runner, json, version, toml, case1, own}, []string{"toml_test.go"}},
		// The project's own work on the folder.
		{"Update toml-test runner to handle nested arrays", []string{runner, json, version, toml, case1, own}, []string{"internal/toml-test/runner.go", "toml_test.go"}},
		{"Fix nested arrays in toml-test", []string{runner, json, version, toml, case1, own}, []string{"internal/toml-test/runner.go", "toml_test.go"}},
		// Most of the commit is elsewhere: not a copy refreshed.
		{"Update toml-test", []string{runner, own, difftest.Added("decode.go", "package toml"), difftest.Added("encode.go", "package toml")},
			[]string{"internal/toml-test/runner.go", "toml_test.go"}},
	} {
		t.Run(tc.subject, func(t *testing.T) {
			cd := difftest.Commit(t, tc.diffs...)
			found, _ := (Detector{}).DetectCommit(analyze.Commit{Hash: difftest.CommitID, Subject: tc.subject}, cd, &eff)
			var got []string
			for _, f := range found {
				got = append(got, f.Evidence.Path)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("notes found in %v, want %v", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Fatalf("notes found in %v, want %v", got, tc.want)
				}
			}
		})
	}
	// A folder projects keep their own work in is theirs, whatever the
	// subject says.
	docs := difftest.Commit(t, difftest.Added("docs/guide.md", "# Guide", "", "<!-- TODO: explain the cache -->"))
	if synced := syncedFolder("Update docs", docs); synced != "" {
		t.Errorf("syncedFolder(Update docs) = %q, want none", synced)
	}
}
