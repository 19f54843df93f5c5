package untested

import (
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/difftest"
)

// testDiff is a test file's diff: one hunk in function section, adding
// lines.
func testDiff(path, section string, lines ...string) *analyze.FileDiff {
	h := analyze.Hunk{Section: section}
	for _, l := range lines {
		h.Lines = append(h.Lines, analyze.Line{Kind: analyze.Added, Text: l})
	}
	return &analyze.FileDiff{OldPath: path, NewPath: path, Hunks: []analyze.Hunk{h}}
}

// Whether a later test covers an untested finding, from real histories.
func TestCallsCover(t *testing.T) {
	cases := []struct {
		name  string
		test  *analyze.FileDiff
		src   string
		items []string
		want  bool
	}{
		{
			// btree 8e29150 "Add coverage of Has in test.", a week after
			// 3f48535 added BTree.Has: the hunk is in TestBTree.
			name: "btree: a later test calls the method, in the test of its type",
			test: testDiff("btree_test.go", "func TestBTree(t *testing.T) {",
				"\t\tfor _, item := range perm(treeSize) {",
				"\t\t\tif !tr.Has(item) {",
				"\t\t\t\tt.Fatal(\"has did not find item\", item)"),
			src:   "btree_generic.go",
			items: []string{"BTree.Has (lines 994-996)"},
			want:  true,
		},
		{
			// kennethreitz/maya 8493dd7 "Mayan Long Count tests", a commit
			// after d900ed2 added the methods to src/maya/core.py: the test
			// reaches the module through its package, maya.
			name: "maya: a test that calls through the module's package",
			test: testDiff("tests/test_maya.py", "def test_iso8601(string, expected):",
				"def test_long_count(string, expected):",
				"    r = maya.parse(string).long_count()",
				"    d = maya.MayaDT.from_long_count(r)",
				"    assert r == d.long_count()"),
			src:   "src/maya/core.py",
			items: []string{"MayaDT.long_count (lines 490-497)", "MayaDT.from_long_count (lines 500-512)"},
			want:  true,
		},
		{
			name: "maya: a test of another package does not reach it",
			test: testDiff("tests/test_other.py", "def test_iso8601(string, expected):",
				"def test_long_count(string, expected):",
				"    r = other.parse(string).long_count()",
				"    d = other.MayaDT.from_long_count(r)"),
			src:   "src/maya/core.py",
			items: []string{"MayaDT.long_count (lines 490-497)", "MayaDT.from_long_count (lines 500-512)"},
			want:  false,
		},
		{
			// h11 c0531bd "Update tests for client switch refactoring",
			// after 13de195 renamed the method: cs is made above the hunk.
			name: "h11: the source file's own test need not name the method's type",
			test: testDiff("h11/tests/test_state.py", "def test_ConnectionState_switch_denied():",
				"		cs.process_client_switch_proposal(_SWITCH_CONNECT)"),
			src:   "h11/_state.py",
			items: []string{"ConnectionState.process_client_switch_proposal (lines 224-226)"},
			want:  true,
		},
		{
			name: "another test of the folder still must",
			test: testDiff("h11/tests/test_connection.py", "def test_client_switch():",
				"		cs.process_client_switch_proposal(_SWITCH_CONNECT)"),
			src:   "h11/_state.py",
			items: []string{"ConnectionState.process_client_switch_proposal (lines 224-226)"},
			want:  false,
		},
		{
			// afero 02af70d "adding tests for Linker and ReadLinker
			// interfaces", the day after b4b149f added them.
			name: "afero: the types are named and both methods called",
			test: testDiff("symlink_test.go", "",
				"func TestReadlinkIfPossible(t *testing.T) {",
				"\tosFs := &OsFs{}",
				"\t\t_, err := r.ReadlinkIfPossible(name)",
				"\t\treturn l.SymlinkIfPossible(source, destination)"),
			src:   "os.go",
			items: []string{"OsFs.SymlinkIfPossible (lines 150-152)", "OsFs.ReadlinkIfPossible (lines 154-156)"},
			want:  true,
		},
		{
			name: "afero: one method of two called",
			test: testDiff("symlink_test.go", "",
				"\tosFs := &OsFs{}",
				"\t\treturn l.SymlinkIfPossible(source, destination)"),
			src:   "os.go",
			items: []string{"OsFs.SymlinkIfPossible (lines 150-152)", "OsFs.ReadlinkIfPossible (lines 154-156)"},
			want:  false,
		},
		{
			// afero ecf3363 tests MemMapFs's OpenFile: every Fs has one,
			// and CacheOnReadFs.OpenFile (039e386) is no more tested.
			name: "afero: the method of another type",
			test: testDiff("memmap_test.go", "func TestMemFsOpenFilePerms(t *testing.T) {",
				"\tfs := NewMemMapFs()",
				"\tf, err := fs.OpenFile(\"/a\", os.O_RDONLY, 0)"),
			src:   "cacheOnReadFs.go",
			items: []string{"CacheOnReadFs.OpenFile (lines 211-236)"},
			want:  false,
		},
		{
			name:  "a Go test reaches no other package",
			test:  testDiff("memmap_test.go", "", "\tf := mem.NewFileHandle(mem.CreateFile(\"x\"))", "\tf.Close()"),
			src:   "mem/file.go",
			items: []string{"File.Close (lines 250-260)"},
			want:  false,
		},
		{
			name:  "a function no call names",
			test:  testDiff("test/fetch.test.js", "", "  const adapter = fetchAdapter(config);"),
			src:   "lib/adapters/fetch.js",
			items: []string{"the default export (lines 10-90)"},
			want:  false,
		},
		{
			// mypy's tests call options.to_bytes() from mypy/test/: the
			// module is named by what qualifies the call.
			name:  "a Python test naming the module",
			test:  testDiff("mypy/test/testoptions.py", "", "        options = Options()", "        data = options.to_bytes()"),
			src:   "mypy/options.py",
			items: []string{"Options.to_bytes (lines 600-620)"},
			want:  true,
		},
		{
			name:  "a Python test of another module",
			test:  testDiff("mypy/test/testbuild.py", "", "        manager.to_bytes()"),
			src:   "mypy/options.py",
			items: []string{"to_bytes (lines 600-620)"},
			want:  false,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			calls := TestCalls(tc.test)
			if got := CallsCover(tc.test.NewPath, calls, tc.src, tc.items); got != tc.want {
				t.Errorf("CallsCover(%s, %q, %s, %q) = %v, want %v", tc.test.NewPath, calls, tc.src, tc.items, got, tc.want)
			}
			if tc.want && !MayCover(AddedText(tc.test), tc.items) {
				t.Errorf("MayCover turns away what CallsCover takes")
			}
		})
	}
}

func TestEachIdentifier(t *testing.T) {
	var got []string
	eachIdentifier(`	if !tr.Has(item) && x2(y) || t.Fatal("has did not", 12abc)`, func(w string) { got = append(got, w) })
	want := []string{"Has(", "item", "Fatal(", "has", "did", "not"} // 12abc is a number
	if len(got) != len(want) {
		t.Fatalf("identifiers = %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("identifiers = %q, want %q", got, want)
		}
	}
}

// A test reformatted is no new test: afero cf95922 "all: Run gofumpt"
// rewrote 0600 as 0o600 on lines calling CacheOnReadFs's OpenFile.
func TestReformattedTestCallsNothingNew(t *testing.T) {
	h := analyze.Hunk{Section: "func TestCacheOnReadFsNotInLayer(t *testing.T) {", Lines: []analyze.Line{
		{Kind: analyze.Context, Text: "\tufs := NewCacheOnReadFs(base, layer, 0)"},
		{Kind: analyze.Removed, Text: "\tfh, err := ufs.OpenFile(\"/home/test/file.txt\", os.O_RDWR, 0666)"},
		{Kind: analyze.Added, Text: "\tfh, err := ufs.OpenFile(\"/home/test/file.txt\", os.O_RDWR, 0o666)"},
	}}
	f := &analyze.FileDiff{OldPath: "unionFile_test.go", NewPath: "unionFile_test.go", Hunks: []analyze.Hunk{h}}
	calls := TestCalls(f)
	if CallsCover(f.NewPath, calls, "cacheOnReadFs.go", []string{"CacheOnReadFs.OpenFile (lines 211-236)"}) {
		t.Errorf("a reformatted call covers CacheOnReadFs.OpenFile (calls %q)", calls)
	}
	h.Lines[1].Text = "\tfh, err := ufs.Open(\"/home/test/file.txt\")"
	f.Hunks[0] = h
	if calls := TestCalls(f); !CallsCover(f.NewPath, calls, "cacheOnReadFs.go", []string{"CacheOnReadFs.OpenFile (lines 211-236)"}) {
		t.Errorf("a new call of OpenFile beside NewCacheOnReadFs covers nothing (calls %q)", calls)
	}
}

// A default export is called by the name its importer gives it: a test
// that reads `fetchAdapter.default)` does not call it (axios's fetch.js,
// whose draft went to the digest as "called" once a method handed on as
// a value counted as a call).
func TestDefaultExportIsNotCalledAsDefault(t *testing.T) {
	fetch := func(body string) string {
		return "export default async (config) => {\n  const res = await fetch(config.url);\n" + body + "  return res;\n};\n"
	}
	cd := difftest.CommitOf(t,
		difftest.Changed("lib/adapters/fetch.js", fetch(""), fetch("  if (!res.ok) throw new Error(res.statusText);\n")),
		difftest.Unchanged("lib/adapters/fetch.test.js", "import * as adapters from './fetch.js';\n\nit('exports', () => {\n  assert.ok(adapters.default);\n});\n"))
	c := analyze.Commit{Hash: difftest.CommitID, Subject: "Reject responses that are not ok"}
	if found, _ := Detect(c, cd, Options{}); len(found) != 1 {
		t.Errorf("%d findings, want 1: the test never calls the adapter", len(found))
	}
}
