package analyze

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/ticket-master/ticket-master/finding"
)

// maxBlob bounds what ReadFile returns: excerpts for a prompt never need
// more, and a huge file must not fill the daemon's memory.
const maxBlob = 2 << 20

// ReadFile returns a file's content at a commit. Files larger than 2 MiB
// are an error rather than a memory spike. It is one git process; a caller
// reading many files opens a BlobReader instead.
func (r *Repo) ReadFile(ctx context.Context, commit, path string) ([]byte, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := gitCommand(ctx, r.GitDir, "cat-file", "blob", commit+":"+path)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("read %s at %s: %w", path, finding.ShortHash(commit), err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("read %s at %s: %w", path, finding.ShortHash(commit), err)
	}
	// One byte past the limit says the file is over it, without reading
	// the rest: the cancel ends git.
	out, rerr := io.ReadAll(io.LimitReader(stdout, maxBlob+1))
	if len(out) > maxBlob {
		cancel()
		_ = cmd.Wait()
		return nil, fmt.Errorf("%s is too large (over %d bytes) to read", path, maxBlob)
	}
	if werr := cmd.Wait(); werr != nil {
		return nil, fmt.Errorf("%s does not exist at %s", path, finding.ShortHash(commit))
	}
	if rerr != nil {
		return nil, fmt.Errorf("read %s at %s: %w", path, finding.ShortHash(commit), rerr)
	}
	return out, nil
}

// TreePaths lists every file path in the tree of a commit, so that drafts
// can be checked against what really exists there.
func (r *Repo) TreePaths(ctx context.Context, commit string) (map[string]bool, error) {
	cmd := gitCommand(ctx, r.GitDir, "ls-tree", "-r", "-z", "--name-only", "--full-tree", commit)
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("list files at %s: %w", finding.ShortHash(commit), err)
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
