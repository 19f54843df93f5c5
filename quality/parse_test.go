package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestGitHubName(t *testing.T) {
	for in, want := range map[string]string{
		"https://github.com/urfave/cli.git":               "urfave/cli",
		"git@github.com:psf/requests.git":                 "psf/requests",
		"https://github.com/tokio-rs/axum":                "tokio-rs/axum",
		"/work/.mirror/nlohmann+json/repo":                "nlohmann/json",
		"/work/.mirror/rust-lang+rust-analyzer/repo/.git": "rust-lang/rust-analyzer",
		"/srv/git/private.git":                            "",
		"":                                                "",
	} {
		if got := GitHubName(in); got != want {
			t.Errorf("GitHubName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestClaimsOf(t *testing.T) {
	got, err := ClaimsOf([]byte(`{"repos":[{"path":"/r","drafts":{"pending":3}}]}`))
	if err != nil || got != nil {
		t.Errorf("a status without fact checks: %+v, %v; want nil (not measured yet)", got, err)
	}
	status := `{"repos":[
	 {"fact_checks":{"checked":18,"failed":1,"by_kind":{"todo":[4,1],"secret":[4,0]},
	   "recent":[{"kind":"todo","path":"a.py","commit":"abc","reason":"line 3 holds other text"}]}},
	 {"fact_checks":{"checked":2,"failed":0,"by_kind":{"todo":[2,0]}}}]}`
	got, err = ClaimsOf([]byte(status))
	if err != nil {
		t.Fatal(err)
	}
	if got.Checked != 20 || got.Failed != 1 || got.ByKind["todo"] != [2]int{6, 1} || got.ByKind["secret"] != [2]int{4, 0} ||
		len(got.Recent) != 1 || got.Recent[0].Path != "a.py" {
		t.Errorf("got %+v", got)
	}
	if _, err := ClaimsOf([]byte(`{"repos":[{"fact_checks":"many"}]}`)); err == nil {
		t.Errorf("a malformed fact_checks field was accepted")
	}
}

func TestDecodeWaiting(t *testing.T) {
	got, err := DecodeWaiting([]byte(`[{"repo":"/r","fingerprint":"untested:a.go","kind":"untested","severity":"normal",
	  "confidence":0.8,"title":"Add tests for A","evidence":{"path":"a.go","line":3,"commit":"c1","excerpt":"func A()"}}]`))
	if err != nil || len(got) != 1 || got[0].Kind() != "untested" || got[0].Evidence[0].Path != "a.go" || got[0].Title != "Add tests for A" {
		t.Errorf("got %+v, %v", got, err)
	}
	if got, err := DecodeWaiting([]byte(`[]`)); err != nil || got == nil {
		t.Errorf("nothing waiting: %v, %v; want an empty, measured list", got, err)
	}
}

// A digest as `drafts list --json` prints it (requests, at 6eec1e7).
func TestDigestItems(t *testing.T) {
	body := "Findings of lower severity...\n\n### Dependencies\n" +
		"- [ ] Review the upgrade of Sphinx from v4 to v7: [`docs/requirements.txt#L3`](https://github.com/psf/requests/blob/8fa4302/docs/requirements.txt#L3), in 8fa4302 <!-- ticket-master:item=dependency:sphinx:v7 -->\n" +
		"\n### Untested changes\n" +
		"- [x] ~~Add tests for check_compatibility in src/requests/__init__.py: [`src/requests/__init__.py#L58`](https://x), in b294b08~~ resolved <!-- ticket-master:item=untested:src/requests/__init__.py -->\n" +
		"\n---\n<!-- ticket-master:fingerprint=digest:maintenance -->"
	d := Draft{ID: 1, Digest: true, Title: "Review the maintenance checklist", Body: body, Fingerprint: "digest:maintenance",
		Fingerprints: []string{"digest:maintenance", "dependency:sphinx:v7", "untested:src/requests/__init__.py"},
		Evidence:     []Evidence{{Path: "docs/requirements.txt", Commit: "8fa4302"}, {Path: "src/requests/__init__.py", Commit: "b294b08"}}}
	if d.Kind() != "digest" {
		t.Errorf("kind %q", d.Kind())
	}
	items := d.Items()
	if len(items) != 2 {
		t.Fatalf("items %+v", items)
	}
	if items[0].Kind() != "dependency" || items[0].Title != "Review the upgrade of Sphinx from v4 to v7" || items[0].Evidence[0].Path != "docs/requirements.txt" {
		t.Errorf("first item %+v", items[0])
	}
	if items[1].Kind() != "untested" || items[1].Title != "Add tests for check_compatibility in src/requests/__init__.py" {
		t.Errorf("struck-through item %+v", items[1])
	}
	// The drafter breaks mentions in the text and the marker alike
	// (eslint/eslint at 542cb3e: "@\u200beslint/plugin-kit").
	scoped := Draft{Digest: true, Fingerprint: "digest:maintenance",
		Body:         "- [ ] Review the upgrade of @\u200beslint/plugin-kit from v0.6 to v0.7: [`package.json#L125`](https://x), in 542cb3e <!-- ticket-master:item=dependency:@\u200beslint/plugin-kit:v0.7 -->\n",
		Fingerprints: []string{"digest:maintenance", "dependency:@eslint/plugin-kit:v0.7"},
		Evidence:     []Evidence{{Path: "package.json", Commit: "542cb3e"}}}
	if got := scoped.Items(); len(got) != 1 || got[0].Title != "Review the upgrade of @eslint/plugin-kit from v0.6 to v0.7" {
		t.Errorf("an item naming a scoped package: %+v", got)
	}
	// A flag's fingerprint holds "--", which its marker spells "-\u2010"
	// (charmbracelet/glow d89d79a).
	flag := Draft{Digest: true, Fingerprint: "digest:maintenance",
		Body:         "- [ ] Document the new --preserve-new-lines flag: [`main.go#L378`](https://x), in d89d79a <!-- ticket-master:item=docdrift:main.go:flag:-\u2010preserve-new-lines -->\n",
		Fingerprints: []string{"digest:maintenance", "docdrift:main.go:flag:--preserve-new-lines"},
		Evidence:     []Evidence{{Path: "main.go", Commit: "d89d79a"}}}
	if got := flag.Items(); len(got) != 1 || got[0].Title != "Document the new --preserve-new-lines flag" {
		t.Errorf("an item of a flag: %+v", got)
	}
	// A place named on another's line ("; also at") is no line of its own.
	same := Draft{Digest: true, Fingerprint: "digest:maintenance",
		Body:         "- [ ] Remove these aliases in the next major version in source/index.d.ts: [`source/index.d.ts#L257`](https://x), in 6e0df05; also at [`source/index.js#L213`](https://y) <!-- ticket-master:item=todo:source/index.d.ts:25b7 -->\n",
		Fingerprints: []string{"digest:maintenance", "todo:source/index.d.ts:25b7", "todo:source/index.js:25b7"},
		Evidence:     []Evidence{{Path: "source/index.d.ts", Commit: "6e0df05"}, {Path: "source/index.js", Commit: "6e0df05"}}}
	if got := same.Items(); len(got) != 1 || got[0].Fingerprint != "todo:source/index.d.ts:25b7" {
		t.Errorf("a line naming two places: %+v", got)
	}
	if (Draft{Fingerprint: "todo:a:1"}).Items() != nil {
		t.Errorf("a draft that is no digest has items")
	}

	// A label on a finding survives its move into the digest; only its
	// title tells whether it changed. The digest counts as one draft.
	judged := draft(7, "untested:src/requests/__init__.py", "Add tests for check_compatibility in src/requests/__init__.py",
		Evidence{Path: "src/requests/__init__.py", Commit: "b294b08"})
	set := NewLabelSet([]Label{label(judged, "psf/requests", Useful)})
	run := Run{Repo: "psf/requests", Commits: 100, Drafts: []Draft{d}, Stale: map[string]bool{"dependency:sphinx:v7": true}}
	rows, total, unmatched := Measure(run, set)
	if len(unmatched) != 0 {
		t.Errorf("the label of a finding now in the digest is unmatched: %+v", unmatched)
	}
	byKind := map[string]Row{}
	for _, r := range rows {
		byKind[r.Detector] = r
	}
	if r := byKind["digest"]; r.Drafts != 1 {
		t.Errorf("digest row %+v", r)
	}
	if r := byKind["untested"]; r.Drafts != 0 || r.Digest != 1 || r.DigestJudged != 1 || r.DigestVerdicts[Useful] != 1 || r.Judged != 0 {
		t.Errorf("untested row %+v", r)
	}
	if r := byKind["dependency"]; r.Digest != 1 || r.Stale != 1 {
		t.Errorf("dependency row %+v: want its stale item counted", r)
	}
	if total.Drafts != 1 || total.PerHundred() != 1 {
		t.Errorf("total %+v: the digest counts as one draft", total)
	}
}

func TestParseVerdict(t *testing.T) {
	v, err := ParseVerdict("  ab12cd34 u   FIXME names a real crash:  nil map  ")
	if err != nil || v.ID != "ab12cd34" || v.Verdict != Useful || v.Reason != "FIXME names a real crash:  nil map" {
		t.Errorf("got %+v, %v", v, err)
	}
	if v, err := ParseVerdict("ab12cd34 keep"); err != nil || !v.Keep {
		t.Errorf("keep: %+v, %v", v, err)
	}
	for _, blank := range []string{"", "   ", "# a note"} {
		if v, err := ParseVerdict(blank); v != nil || err != nil {
			t.Errorf("%q: %+v %v, want nothing", blank, v, err)
		}
	}
	for _, bad := range []string{"ab12cd34 useful", "ab12cd34 great reason", "ab12cd34"} {
		if _, err := ParseVerdict(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestContextMarksCitedLines(t *testing.T) {
	content := "l1\nl2\nl3\nl4\nl5\nl6\n"
	got := Context(content, 3, 4, 1, 30)
	want := []string{"     2  l2", ">    3  l3", ">    4  l4", "     5  l5"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q\nwant %q", got, want)
	}
	token := "ghp_" + strings.Repeat("a1B2c3D4e5", 4)
	if got := Context("x\nGITHUB_TOKEN="+token+"\n", 2, 0, 1, 30); len(got) != 2 || strings.Contains(got[1], token) || !strings.Contains(got[1], "GITHUB_TOKEN=") {
		t.Errorf("a credential in the context: %q", got)
	}
	if got := Context(content, 9, 0, 2, 30); len(got) != 1 || !strings.Contains(got[0], "past the end") {
		t.Errorf("a line past the end: %q", got)
	}
	if got := Context(content, 1, 6, 0, 2); len(got) != 2 {
		t.Errorf("limit not kept: %q", got)
	}
}

func TestToJudgeListsUnjudgedAndChanged(t *testing.T) {
	a := draft(1, "todo:a:1", "A")
	b := draft(2, "todo:b:1", "B")
	c := draft(3, "dependency:c:1", "C")
	l := Label{Verdict: Useful}
	ms := []Match{{Draft: b, Label: &l}, {Draft: a}, {Draft: c, Label: &l, Changed: true}}
	got := ToJudge(ms, "", false)
	if len(got) != 2 || got[0].Draft.ID != 3 || got[1].Draft.ID != 1 {
		t.Errorf("got %v: want c (changed, dependency first) then a (unjudged)", ids(got))
	}
	if got := ToJudge(ms, "todo", true); len(got) != 2 || got[0].Draft.ID != 1 || got[1].Draft.ID != 2 {
		t.Errorf("-kind todo -all: %v", ids(got))
	}
}

func ids(ms []Match) []uint64 {
	var out []uint64
	for _, m := range ms {
		out = append(out, m.Draft.ID)
	}
	return out
}

// Real git: what each "REV:PATH" name is, in one cat-file process; a draft
// carried along a rename lives on through the path its fingerprint names.
func TestObjectTypesAsksGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	run := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+dir,
			"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run("init", "-q", "-b", "main")
	if err := os.WriteFile(filepath.Join(dir, "kept file.go"), []byte("package x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "old.py"), []byte("# TODO x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	run("add", ".")
	run("commit", "-qm", "one")
	run("mv", "old.py", "new.py") // the finding was carried along the rename
	run("commit", "-qm", "two")
	got, err := objectTypes(context.Background(), dir, []string{"main:kept file.go", "main:gone.go", "nosuch:kept file.go", "main:"})
	if err != nil {
		t.Fatal(err)
	}
	if got["main:kept file.go"] != "blob" || got["main:gone.go"] != "" || got["nosuch:kept file.go"] != "" || got["main:"] != "tree" {
		t.Errorf("got %v", got)
	}
	stale, err := StaleDrafts(context.Background(), dir, []Draft{
		draft(1, "todo:k", "k", Evidence{Path: "kept file.go"}),
		draft(2, "todo:g", "g", Evidence{Path: "gone.go"}),
		draft(3, "todo:new.py:1", "n", Evidence{Path: "old.py"}),
		draft(4, "todo:gone.py:1", "o", Evidence{Path: "old.py"}),
	})
	if err != nil || len(stale) != 2 || !stale["todo:g"] || !stale["todo:gone.py:1"] {
		t.Errorf("stale %v, %v: want drafts 2 and 4 (3 names the file as it is now)", stale, err)
	}
}

func TestBenchmarkSkipsWithoutRepos(t *testing.T) {
	var out, errs strings.Builder
	ios := &IO{Out: &out, Err: &errs, Getenv: func(string) string { return "" }}
	if err := dispatch(context.Background(), ios, nil); err != nil {
		t.Fatalf("without TM_QUALITY_REPOS: %v, want a skip", err)
	}
	if !strings.Contains(out.String(), "skipped: TM_QUALITY_REPOS is not set") {
		t.Errorf("no reason printed: %q", out.String())
	}
	ios.Getenv = func(k string) string {
		if k == "TM_QUALITY_REPOS" {
			return t.TempDir()
		}
		return ""
	}
	if err := dispatch(context.Background(), ios, nil); err == nil || !strings.Contains(err.Error(), "no git clones") {
		t.Errorf("an empty folder: %v, want 'no git clones'", err)
	}
}

func TestCacheKeepsWhatTheReportNeeds(t *testing.T) {
	dir := t.TempDir()
	src := Source{Name: "r", Dir: "/repos/r", GitHub: "o/r"}
	run := Run{Name: "r", Repo: "o/r", Commits: 300,
		Drafts: []Draft{draft(1, "todo:a:1", "Fix a", Evidence{Path: "a", Commit: "c", Excerpt: "// TODO a"})},
		Stale:  map[string]bool{"todo:a:1": true}, Claims: &Claims{Checked: 3, Failed: 1}}
	run.Timing.Backfill, run.Timing.GitLog = 2e9, 1e9
	if err := saveCache(dir, src, run); err != nil {
		t.Fatal(err)
	}
	kept, err := loadCache(dir, "r")
	if err != nil {
		t.Fatal(err)
	}
	got := kept.run()
	if got.Commits != 300 || len(got.Drafts) != 1 || !got.Stale["todo:a:1"] || got.Claims.Failed != 1 ||
		got.Timing.Ratio() != 2 || got.Waiting != nil || got.Repo != "o/r" {
		t.Errorf("round trip: %+v", got)
	}
	if _, err := loadCache(dir, "missing"); err == nil || !strings.Contains(err.Error(), "quality label missing") {
		t.Errorf("missing cache: %v, want a hint to run label first", err)
	}
}

func TestJudgeableOpensTheDigestAndAddsWaiting(t *testing.T) {
	digest := Draft{ID: 1, Digest: true, Fingerprint: "digest:maintenance",
		Fingerprints: []string{"digest:maintenance", "hotspot:a.go"}, Evidence: []Evidence{{Path: "a.go", Commit: "c"}}}
	own := draft(2, "todo:b.go:1", "Fix b", Evidence{Path: "b.go", Commit: "c"})
	waiting := Draft{Fingerprint: "untested:c.go", State: "waiting", Evidence: []Evidence{{Path: "c.go", Commit: "c"}}}
	got := Judgeable([]Draft{digest, own}, []Draft{waiting})
	if len(got) != 3 || got[0].Fingerprint != "hotspot:a.go" || !got[0].item || got[1].ID != 2 || got[2].State != "waiting" {
		t.Errorf("got %+v", got)
	}
}
