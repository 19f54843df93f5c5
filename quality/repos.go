package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// Source is one real repository of the folder TM_QUALITY_REPOS names.
type Source struct {
	Name   string // the folder's name
	Dir    string
	GitHub string // OWNER/NAME: the labels' key, and --github at enroll
}

// FindSources lists the git clones directly inside dir, by name. Anything
// else in the folder (a README, a stray file) is left alone.
func FindSources(ctx context.Context, dir string) ([]Source, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read the repositories folder: %w", err)
	}
	var out []Source
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		if _, err := os.Stat(filepath.Join(path, ".git")); err != nil {
			continue
		}
		origin, _ := gitOutput(ctx, path, "remote", "get-url", "origin")
		gh := GitHubName(strings.TrimSpace(origin))
		if gh == "" {
			gh = e.Name()
		}
		out = append(out, Source{Name: e.Name(), Dir: path, GitHub: gh})
	}
	slices.SortFunc(out, func(a, b Source) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

var (
	githubURL = regexp.MustCompile(`github\.com[:/]([A-Za-z0-9][A-Za-z0-9_.-]*)/([A-Za-z0-9_.-]+?)(?:\.git)?/?$`)
	// The fetch tool's snapshots live at .../.mirror/OWNER+NAME/repo.
	mirrorPath = regexp.MustCompile(`/([A-Za-z0-9][A-Za-z0-9_.-]*)\+([A-Za-z0-9_.-]+)/repo(?:/\.git)?/?$`)
)

// GitHubName is OWNER/NAME from a clone's origin: a GitHub URL, or the path
// of a fetched snapshot. Empty when it says neither.
func GitHubName(origin string) string {
	for _, re := range []*regexp.Regexp{githubURL, mirrorPath} {
		if m := re.FindStringSubmatch(origin); m != nil {
			return m[1] + "/" + m[2]
		}
	}
	return ""
}
