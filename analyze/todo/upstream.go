package todo

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"path"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
)

// ownFolders are the folders a project keeps its own work in, whatever
// the subject: "Update docs" is work on the docs, no copy of another's.
var ownFolders = wordSet(`docs documentation test tests testing testdata example examples
	scripts script src source lib website site tools internal pkg cmd app apps web assets static
	config configs build benchmarks bench fixtures data locales translations i18n api core utils util
	common client server packages modules plugins templates`)

// syncedFolder is the folder of the commit's files that the commit's
// subject says it brings in from another project, "" when none: the
// notes it adds there are that project's, written and tracked upstream.
// BurntSushi/toml keeps a copy of BurntSushi/toml-test in
// internal/toml-test, put there by "Put the github.com/BurntSushi/toml-test
// in internal/" and refreshed by "Update toml-test" and "Update toml-test
// from upstream"; three notes of its runner were drafted (round 116,
// noise). The subject names the folder (as its last element, or as the
// name of a repository it gives: host/owner/name) and says it updates,
// syncs, imports or puts it there, and at least four in five of the
// commit's files are in it. A subject that says more than that ("Update
// parser to handle tabs"), or names a folder projects keep their own work
// in ("Update docs"), is the project's own work, unless it says upstream
// or names the repository.
func syncedFolder(subject string, cd *analyze.CommitDiff) string {
	s := strings.TrimSpace(prNumberRE.ReplaceAllString(subject, ""))
	m := syncSubjectRE.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	name := strings.ToLower(path.Base(strings.Trim(m[1], "`'\"/")))
	rest := strings.ToLower(strings.TrimSpace(m[2]))
	upstream := strings.Contains(rest, "upstream") || strings.Count(m[1], "/") >= 2
	if len(name) < 4 || !upstream && (rest != "" || ownFolders[name]) {
		return ""
	}
	// The folder: the first one named so among the commit's files.
	folder := ""
	for i := range cd.Files {
		if d := folderNamed(cd.Files[i].Path(), name); d != "" {
			folder = d
			break
		}
	}
	if folder == "" {
		return ""
	}
	in := 0
	for i := range cd.Files {
		if strings.HasPrefix(cd.Files[i].Path(), folder+"/") {
			in++
		}
	}
	if in*5 < len(cd.Files)*4 {
		return ""
	}
	return folder
}

// folderNamed is the folder of path p whose last element is name, "" when
// none is.
func folderNamed(p, name string) string {
	dir := path.Dir(p)
	for dir != "." && dir != "/" && dir != "" {
		if strings.EqualFold(path.Base(dir), name) {
			return dir
		}
		dir = path.Dir(dir)
	}
	return ""
}

var (
	// syncSubjectRE is a subject that updates, syncs, imports or puts a
	// named thing (group 1), with what it says after it (group 2).
	syncSubjectRE = lazyregexp.New(`(?i)^(?:update|sync|import|vendor|re-?vendor|put|copy|pull(?:\s+in)?)\s+(?:the\s+)?(\S+)(.*)$`)
	// prNumberRE is a pull request's number a merge tool appends.
	prNumberRE = lazyregexp.New(`\s*\(#\d+\)\s*$`)
)
