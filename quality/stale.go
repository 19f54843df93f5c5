package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
)

// StaleDrafts returns the fingerprints of drafts (and digest items) all of
// whose paths are gone at every branch tip of the repository at dir: a
// pending draft about a file that no longer exists is a bug (issue 9). A
// draft's paths are its evidence paths and the path its fingerprint names:
// a finding carried along a rename keeps evidence true of its commit (the
// old path) and names the file as it is now in its fingerprint
// ("todo:NEW/PATH:..."). It asks git, with one `git cat-file --batch-check`
// for every tip and path. A digest itself is judged by its items.
func StaleDrafts(ctx context.Context, dir string, drafts []Draft) (map[string]bool, error) {
	drafts = append(slices.DeleteFunc(slices.Clone(drafts), func(d Draft) bool { return d.Digest }), DigestItems(drafts)...)
	out, err := gitOutput(ctx, dir, "for-each-ref", "--format=%(objectname)", "refs/heads")
	if err != nil {
		return nil, fmt.Errorf("list branch tips: %w", err)
	}
	tips := strings.Fields(out)
	var queries []string
	for _, d := range drafts {
		paths := fingerprintPaths(d.Fingerprint)
		if now := d.nowPath(); now != "" {
			paths = append(paths, now)
		}
		for _, e := range d.Evidence {
			paths = append(paths, e.Path)
		}
		for _, p := range paths {
			for _, t := range tips {
				queries = append(queries, t+":"+p)
			}
		}
	}
	types, err := objectTypes(ctx, dir, queries)
	if err != nil {
		return nil, err
	}
	return staleIDs(drafts, tips, func(tip, path string) string { return types[tip+":"+path] }), nil
}

// staleIDs is the rule: stale when no evidence path exists at any tip,
// no path the fingerprint names is a file at any tip, and neither is the
// file the draft says it is about now (nowPath). objectType says what
// "tip:path" is ("blob", "tree", ...; "" when absent). The fingerprint's
// path must be a file: a dependency's fingerprint names a package
// ("dependency:docs:v2"), which may share its name with a folder. A draft
// without evidence cannot be checked and is not called stale.
func staleIDs(drafts []Draft, tips []string, objectType func(tip, path string) string) map[string]bool {
	out := map[string]bool{}
	for _, d := range drafts {
		if len(d.Evidence) == 0 {
			continue
		}
		alive := false
		for _, t := range tips {
			for _, e := range d.Evidence {
				if objectType(t, e.Path) != "" {
					alive = true
				}
			}
			for _, p := range fingerprintPaths(d.Fingerprint) {
				if objectType(t, p) == "blob" {
					alive = true
				}
			}
			if now := d.nowPath(); now != "" && objectType(t, now) == "blob" {
				alive = true // carried to the file that holds it today
			}
		}
		if !alive {
			out[d.Fingerprint] = true
		}
	}
	return out
}

// fingerprintPaths are the paths a fingerprint may name after its kind:
// "kind:PATH" or "kind:PATH:rest" ("todo:src/a.py:0c69136212a0",
// "untested:lib/x.js", "secret:tests/k.key:private-key:2f69"). A path may
// hold a colon itself, so each cut at a colon is a candidate, and so is
// the whole rest.
func fingerprintPaths(fingerprint string) []string {
	_, rest, ok := strings.Cut(fingerprint, ":")
	if !ok || rest == "" {
		return nil
	}
	var out []string
	for i := 1; i < len(rest); i++ {
		if rest[i] == ':' {
			out = append(out, rest[:i])
		}
	}
	return append(out, rest)
}

// objectTypes asks git what each "REV:PATH" name is: its object type
// ("blob", "tree"), or absent from the map when it does not resolve.
func objectTypes(ctx context.Context, dir string, names []string) (map[string]string, error) {
	types := map[string]string{}
	if len(names) == 0 {
		return types, nil
	}
	cmd := exec.CommandContext(ctx, "git", "-C", dir, "cat-file", "--batch-check")
	cmd.Stdin = strings.NewReader(strings.Join(names, "\n") + "\n")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	i := 0
	for sc.Scan() && i < len(names) {
		// "<sha> <type> <size>" when it exists, "<name> missing" (or
		// "ambiguous") when not; the name may hold spaces, the answer
		// to an existing one never does.
		line := sc.Text()
		if !strings.HasSuffix(line, " missing") && !strings.HasSuffix(line, " ambiguous") {
			if f := strings.Fields(line); len(f) == 3 {
				types[names[i]] = f[1]
			}
		}
		i++
	}
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("git cat-file: %s: %w", strings.TrimSpace(stderr.String()), err)
	}
	if i != len(names) {
		return nil, fmt.Errorf("git cat-file answered %d of %d names", i, len(names))
	}
	return types, nil
}

// gitOutput runs git in dir and returns its standard output.
func gitOutput(ctx context.Context, dir string, args ...string) (string, error) {
	return runGitOutput(exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...), args)
}

// gitOutputUTC is gitOutput with local dates in UTC (TZ=UTC).
func gitOutputUTC(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	cmd.Env = append(os.Environ(), "TZ=UTC")
	return runGitOutput(cmd, args)
}

func runGitOutput(cmd *exec.Cmd, args []string) (string, error) {
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %s: %w", args[0], strings.TrimSpace(stderr.String()), err)
	}
	return string(out), nil
}
