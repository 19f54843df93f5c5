//go:build linux

package chaos

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// concurrentPublishers: two publishers on the same drafts at once, in
// rounds of fresh drafts: two `publish --all --yes`, or `review` answering
// y to every draft beside a `publish --all --yes`. Each draft must get one
// issue; the drafts neither side published (each skipped it as the
// other's) are published by a last run afterwards. tried: races. lost: a
// draft with no issue. duplicated: issues beyond one per draft.
func concurrentPublishers(t *testing.T, c *chaos) {
	s := newSandbox(t)
	gh := s.withGitHub()
	rounds, perRound := c.size(2, 8), c.size(5, 15)
	for round := range rounds {
		name := fmt.Sprintf("race%d", round)
		gh.AddRepo("chaos", name)
		repo := s.todoRepo(name, "chaos", name, round*perRound, perRound)
		// Even rounds: two publish; odd rounds: review beside publish.
		cmds := [][]string{{"publish", "--all", "--yes"}, {"publish", "--all", "--yes"}}
		stdin := ""
		if round%2 == 1 {
			cmds[0] = []string{"review"}
			stdin = strings.Repeat("y\n", perRound+5)
		}
		var wg sync.WaitGroup
		results := make([]result, len(cmds))
		for i, args := range cmds {
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i] = s.tmInput(repo, stdin, args...)
			}()
		}
		wg.Wait()
		c.tried(1)
		t.Logf("round %d: %s published %d, %s published %d", round, cmds[0][0], strings.Count(results[0].stdout, "Published"),
			cmds[1][0], strings.Count(results[1].stdout, "Published"))
		for _, r := range results {
			if why := crashed(r); why != "" {
				c.fail("%s: %v", why, r)
			} else if r.code != 0 {
				c.fail("exit %d beside another publisher: %v", r.code, r)
			}
		}
		// What neither published is published now; the marker count then
		// tells whether the race created anything twice.
		if r := s.tm(repo, "publish", "--all", "--yes"); r.code != 0 {
			c.fail("publish after the race: %v", r)
		}
		ds, err := s.allDrafts()
		if err != nil {
			c.fail("drafts list: %v", err)
			return
		}
		checkIssues(c, gh, "chaos", name, inRepo(ds, repo), true)
	}
}

// inRepo keeps the drafts of the repository at path.
func inRepo(ds []draftJSON, path string) []draftJSON {
	var out []draftJSON
	for _, d := range ds {
		if d.Repo == path {
			out = append(out, d)
		}
	}
	return out
}
