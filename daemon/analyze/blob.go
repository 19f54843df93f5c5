package analyze

import (
	"context"
	"fmt"
	"strconv"
	"strings"
)

// maxBlob bounds what ReadFile returns: excerpts for a prompt never need
// more, and a huge file must not fill the daemon's memory.
const maxBlob = 2 << 20

// ReadFile returns a file's content at a commit. Files larger than 2 MiB
// are an error rather than a memory spike.
func (r *Repo) ReadFile(ctx context.Context, commit, path string) ([]byte, error) {
	spec := commit + ":" + path
	size, err := runGit(ctx, r.GitDir, "cat-file", "-s", spec)
	if err != nil {
		return nil, fmt.Errorf("%s does not exist at %s", path, ShortHash(commit))
	}
	if n, _ := strconv.Atoi(size); n > maxBlob {
		return nil, fmt.Errorf("%s is too large (%d bytes) to read", path, n)
	}
	cmd := gitCommand(ctx, r.GitDir, "cat-file", "blob", spec)
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("read %s at %s: %w", path, ShortHash(commit), err)
	}
	return out, nil
}

// TreePaths lists every file path in the tree of a commit, so that drafts
// can be checked against what really exists there.
func (r *Repo) TreePaths(ctx context.Context, commit string) (map[string]bool, error) {
	cmd := gitCommand(ctx, r.GitDir, "ls-tree", "-r", "-z", "--name-only", "--full-tree", commit)
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("list files at %s: %w", ShortHash(commit), err)
	}
	paths := map[string]bool{}
	for _, p := range strings.Split(string(out), "\x00") {
		if p != "" {
			paths[p] = true
			// Folders exist too: a draft may name one.
			for dir := p; ; {
				i := strings.LastIndex(dir, "/")
				if i < 0 {
					break
				}
				dir = dir[:i]
				if paths[dir] {
					break
				}
				paths[dir] = true
			}
		}
	}
	return paths, nil
}

// Description is the first paragraph of prose in the repository's README at
// a commit: a short answer to "what is this project", for prompts.
func (r *Repo) Description(ctx context.Context, commit string) string {
	for _, name := range []string{"README.md", "README", "README.rst", "README.txt", "readme.md", "Readme.md"} {
		raw, err := r.ReadFile(ctx, commit, name)
		if err == nil {
			return FirstParagraph(string(raw))
		}
	}
	return ""
}

// FirstParagraph returns the first paragraph of prose in a README: headings,
// badges, HTML and front matter are skipped.
func FirstParagraph(text string) string {
	var para []string
	inFront := false
	for i, line := range strings.Split(text, "\n") {
		t := strings.TrimSpace(line)
		if i == 0 && t == "---" {
			inFront = true
			continue
		}
		if inFront {
			inFront = t != "---"
			continue
		}
		skip := t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, "[![") ||
			strings.HasPrefix(t, "![") || strings.HasPrefix(t, "<") || strings.HasPrefix(t, "===") ||
			strings.HasPrefix(t, "---") || strings.HasPrefix(t, "```")
		if skip {
			if len(para) > 0 {
				break
			}
			continue
		}
		para = append(para, t)
	}
	out := strings.Join(para, " ")
	if len(out) > 600 {
		out = out[:600]
	}
	return out
}

// ShortHash abbreviates a commit for messages.
func ShortHash(h string) string {
	if len(h) > 7 {
		return h[:7]
	}
	return h
}
