package config

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// Matcher matches repository paths (slash-separated, relative to the top)
// against ignore patterns with .gitignore's rules, through go-git's own
// implementation of them: "*", "?" and "[a-z]" stay within a folder, "**"
// crosses folders, a pattern without a slash matches a name at any depth,
// a leading slash anchors it at the top, a trailing slash means a folder,
// and "!" takes a path back that an earlier pattern ignored. As in git, a
// path inside an ignored folder cannot be taken back.
type Matcher struct {
	m gitignore.Matcher
}

// NewMatcher compiles patterns; a pattern git would never match (an empty
// one, an unclosed "[") is an error rather than a rule that silently does
// nothing.
func NewMatcher(globs []string) (*Matcher, error) {
	ps := make([]gitignore.Pattern, 0, len(globs))
	for _, g := range globs {
		if err := checkPattern(g); err != nil {
			return nil, fmt.Errorf("ignore %q: %w", g, err)
		}
		ps = append(ps, gitignore.ParsePattern(forGoGit(g), nil))
	}
	return &Matcher{m: gitignore.NewMatcher(ps)}, nil
}

// Match reports whether path, a file, is ignored.
func (m *Matcher) Match(path string) bool {
	if m == nil || path == "" {
		return false
	}
	parts := strings.Split(strings.Trim(path, "/"), "/")
	// git never looks inside an ignored folder, so nothing under one can
	// be taken back by a later "!" pattern.
	for i := 1; i < len(parts); i++ {
		if m.m.Match(parts[:i], true) {
			return true
		}
	}
	return m.m.Match(parts, false)
}

// checkPattern refuses what cannot be a .gitignore pattern.
func checkPattern(g string) error {
	body := strings.TrimPrefix(strings.TrimSpace(g), "!")
	if strings.Trim(body, "/") == "" {
		return errors.New("empty pattern")
	}
	for _, part := range strings.Split(body, "/") {
		if _, err := path.Match(part, ""); err != nil {
			return fmt.Errorf("not a valid pattern: %q (an unclosed [ or a trailing \\)", part)
		}
	}
	return nil
}

// forGoGit rewrites the two spellings where go-git's matcher departs from
// git: a class negated with "!" ("[!a]", which Go's path.Match spells
// "[^a]"), and a trailing "/**", which matches everything inside a folder
// but not the folder itself (so that "!vendor/modules.txt" can take a file
// back from "vendor/**").
func forGoGit(g string) string {
	var b strings.Builder
	for i := 0; i < len(g); i++ {
		c := g[i]
		b.WriteByte(c)
		switch {
		case c == '\\' && i+1 < len(g):
			i++
			b.WriteByte(g[i])
		case c == '[' && i+1 < len(g) && g[i+1] == '!':
			b.WriteByte('^')
			i++
		}
	}
	out := b.String()
	if strings.HasSuffix(out, "/**") && strings.Trim(out, "!/") != "**" {
		out = strings.TrimSuffix(out, "**") + "*/**"
	}
	return out
}
