package review

import (
	"context"
	"sync"

	"github.com/ticket-master/ticket-master/draft"
	"github.com/ticket-master/ticket-master/publish"
	"github.com/ticket-master/ticket-master/store"
)

// cacheOpenIssues names the store's cache of a repository's open issues.
const cacheOpenIssues = "open-issues"

// OpenIssueDuplicates returns a Session.Duplicate that compares a draft with
// its repository's open issues on GitHub. The list is kept in the store with
// its ETag and refreshed once per session with a conditional request, which
// costs nothing against the rate limit when nothing changed. Without a token
// or a network it finds nothing rather than failing the review; warn is told
// why, once per repository.
func OpenIssueDuplicates(st *store.Store, publisher PublisherFor, warn func(error)) func(context.Context, store.Draft) (int, string, bool) {
	var mu sync.Mutex
	lists := map[string][]publish.OpenIssue{}
	tried := map[string]bool{}
	return func(ctx context.Context, d store.Draft) (int, string, bool) {
		mu.Lock()
		defer mu.Unlock()
		if !tried[d.RepoID] {
			tried[d.RepoID] = true
			issues, err := refreshOpenIssues(ctx, st, publisher, d.RepoID)
			if err != nil && warn != nil {
				warn(err)
			}
			lists[d.RepoID] = issues
		}
		cands := make([]draft.Candidate, 0, len(lists[d.RepoID]))
		byNumber := map[uint64]publish.OpenIssue{}
		for _, is := range lists[d.RepoID] {
			if is.Number == d.Issue {
				continue
			}
			cands = append(cands, draft.Candidate{ID: uint64(is.Number), Title: is.Title, Body: is.Body})
			byNumber[uint64(is.Number)] = is
		}
		id, _, ok := draft.FindDuplicate(d.Title, d.Body, nil, cands)
		if !ok {
			return 0, "", false
		}
		return int(id), byNumber[id].Title, true
	}
}

func refreshOpenIssues(ctx context.Context, st *store.Store, publisher PublisherFor, repoID string) ([]publish.OpenIssue, error) {
	var rec store.Repo
	var cache publish.OpenIssuesCache
	err := st.View(func(tx *store.Tx) (err error) {
		if rec, err = tx.Repo(repoID); err != nil {
			return err
		}
		_, err = tx.Cache(repoID, cacheOpenIssues, &cache)
		return err
	})
	if err != nil || rec.GitHub() == "" {
		return nil, err
	}
	host := rec.GitHubRepo().HostName()
	pub, err := publisher(ctx, host)
	if err != nil {
		return cache.Issues, err
	}
	fresh, err := pub.Client.OpenIssues(ctx, rec.GitHubRepo(), cache)
	if err != nil {
		return cache.Issues, err
	}
	err = st.Update(func(tx *store.Tx) error { return tx.PutCache(repoID, cacheOpenIssues, fresh) })
	return fresh.Issues, err
}
