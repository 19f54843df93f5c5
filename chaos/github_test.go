//go:build linux

package chaos

import (
	"path/filepath"
	"regexp"

	"github.com/ticket-master/ticket-master/internal/githubtest"
)

// markerRe finds the hidden marker that ties an issue to its finding
// (draft.Marker).
var markerRe = regexp.MustCompile(`<!-- ticket-master:fingerprint=(\S+) -->`)

// withGitHub starts a fake GitHub on loopback for the sandbox: a user whose
// token is in GH_TOKEN, GITHUB_API_URL at the fake.
func (s *sandbox) withGitHub() *githubtest.Server {
	gh := githubtest.New(s.t)
	token := "ghp_chaos" + filepath.Base(s.dir) + "0123456789abcdef"
	gh.AddUser("chaos-user", token, "repo")
	s.setenv("GH_TOKEN", token)
	s.setenv("GITHUB_API_URL", gh.URL())
	return gh
}

// todoRepo makes a repository whose origin is github.com/owner/name, with
// one commit adding n TODO files (numbered from first), pushed, enrolls it
// without a daemon and with that commit analysed, and returns its path: n
// pending drafts.
func (s *sandbox) todoRepo(dirName, owner, name string, first, n int) string {
	s.t.Helper()
	repo := s.newRepo(dirName)
	s.git(repo, "remote", "add", "origin", "https://github.com/"+owner+"/"+name+".git")
	for i := first; i < first+n; i++ {
		path, content := todoFile(i)
		s.writeFile(filepath.Join(repo, path), content)
	}
	s.git(repo, "add", "todo")
	s.git(repo, "commit", "-q", "-m", "todos")
	s.push(repo)
	s.mustTM(repo, "enroll", "--no-daemon", "--backfill", "1")
	return repo
}

// checkIssues compares a repository's drafts with the issues on the fake
// GitHub, by marker: lost is a draft that has no issue (unless it is still
// pending and pendingIsLost is false), duplicated an issue beyond the first
// for a marker; a draft whose recorded issue is not the one with its marker
// fails.
func checkIssues(c *chaos, gh *githubtest.Server, owner, name string, drafts []draftJSON, pendingIsLost bool) {
	c.t.Helper()
	perMarker := map[string][]int{}
	for _, is := range gh.Issues(owner, name) {
		for _, m := range markerRe.FindAllStringSubmatch(is.Body, -1) {
			perMarker[m[1]] = append(perMarker[m[1]], is.Number)
		}
	}
	lost, dup := 0, 0
	var lostEx, dupEx []string
	for _, d := range drafts {
		if len(d.Fingerprints) == 0 || d.State == "discarded" || d.State == "withdrawn" {
			continue
		}
		fp := d.Fingerprints[0]
		issues := perMarker[fp]
		switch {
		case len(issues) == 0 && (d.State == "published" || pendingIsLost):
			lost++
			lostEx = append(lostEx, fp+" ("+d.State+")")
		case len(issues) > 1:
			dup += len(issues) - 1
			dupEx = append(dupEx, fp)
		case len(issues) == 1 && d.State == "published" && d.Issue != issues[0]:
			c.fail("draft %d is recorded as issue #%d, but its marker is in #%d", d.ID, d.Issue, issues[0])
		case len(issues) == 1 && d.State == "pending":
			c.fail("draft %d is pending, but issue #%d carries its marker", d.ID, issues[0])
		}
	}
	c.lose(lost, "drafts of %s/%s with no issue, e.g. %v", owner, name, first3(lostEx))
	c.duplicate(dup, "issues of %s/%s beyond one per draft, e.g. %v", owner, name, first3(dupEx))
}

func first3(s []string) []string { return s[:min(3, len(s))] }
