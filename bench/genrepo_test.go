package bench

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
)

// The throughput benchmark needs a history that looks like a real one, made
// in seconds: `git fast-import` takes a stream of commits with whole file
// contents, which this file generates. Several files in several languages;
// each commit changes 1-5 of them by inserting, replacing or deleting tens
// of lines; some commits add a TODO-family comment in the file's own
// comment syntax, and some remove one again (the detector's two paths).

// lang is what the generator needs to know about a language.
type lang struct {
	comment string                              // line comment prefix
	block   func(r *rand.Rand, id int) []string // one small function
}

var (
	idents = []string{"user", "order", "cache", "bucket", "token", "retry", "limit", "queue", "index", "batch", "owner", "report"}
	verbs  = []string{"load", "store", "parse", "render", "flush", "check", "merge", "split", "fetch", "close"}
	todos  = []string{"TODO", "TODO", "TODO", "FIXME", "HACK", "XXX", "BUG"}
	whys   = []string{
		"retry when the upstream answers 503",
		"handle an empty batch without a round trip",
		"escape names before they reach the template",
		"drop this once the old clients are gone",
		"the limit should come from the config",
		"this leaks the file handle on error",
		"make the cache size configurable",
		"sort by owner, not by id",
	}
)

func word(r *rand.Rand, ws []string) string { return ws[r.IntN(len(ws))] }

func name(r *rand.Rand, id int) string {
	v, n := word(r, verbs), word(r, idents)
	return fmt.Sprintf("%s%s%d", v, capital(n), id)
}

// capital upper-cases an ASCII word's first letter.
func capital(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

var langs = map[string]lang{
	".go": {"//", func(r *rand.Rand, id int) []string {
		n, x := name(r, id), word(r, idents)
		return []string{
			fmt.Sprintf("// %s %s the %s.", n, word(r, verbs)+"s", x),
			fmt.Sprintf("func %s(ctx context.Context, %s string) (int, error) {", n, x),
			fmt.Sprintf("\tn, err := lookup(ctx, %s, %d)", x, r.IntN(1000)),
			"\tif err != nil {",
			fmt.Sprintf("\t\treturn 0, fmt.Errorf(\"%s: %%w\", err)", n),
			"\t}",
			fmt.Sprintf("\treturn n * %d, nil", r.IntN(50)+1),
			"}",
			"",
		}
	}},
	".py": {"#", func(r *rand.Rand, id int) []string {
		n, x := name(r, id), word(r, idents)
		return []string{
			fmt.Sprintf("def %s(%s, limit=%d):", n, x, r.IntN(100)),
			fmt.Sprintf("    \"\"\"%s the %s.\"\"\"", capital(word(r, verbs)), x),
			fmt.Sprintf("    rows = [r for r in %s if r.size < limit]", x),
			"    if not rows:",
			"        return None",
			fmt.Sprintf("    return sorted(rows, key=lambda r: r.%s)", word(r, idents)),
			"",
			"",
		}
	}},
	".js": {"//", func(r *rand.Rand, id int) []string {
		n, x := name(r, id), word(r, idents)
		return []string{
			fmt.Sprintf("export function %s(%s) {", n, x),
			fmt.Sprintf("  const items = %s.filter((it) => it.%s > %d);", x, word(r, idents), r.IntN(100)),
			"  if (items.length === 0) {",
			"    return [];",
			"  }",
			fmt.Sprintf("  return items.map((it) => `<li>${it.%s}</li>`);", word(r, idents)),
			"}",
			"",
		}
	}},
	".ts": {"//", func(r *rand.Rand, id int) []string {
		n, x := name(r, id), word(r, idents)
		return []string{
			fmt.Sprintf("export async function %s(%s: string): Promise<number> {", n, x),
			fmt.Sprintf("  const res = await fetch(`/api/%s/${%s}`);", word(r, idents), x),
			"  if (!res.ok) {",
			fmt.Sprintf("    throw new Error(`%s failed: ${res.status}`);", n),
			"  }",
			fmt.Sprintf("  return (await res.json()).count * %d;", r.IntN(10)+1),
			"}",
			"",
		}
	}},
	".rs": {"//", func(r *rand.Rand, id int) []string {
		n, x := name(r, id), word(r, idents)
		return []string{
			fmt.Sprintf("pub fn %s(%s: &[u8]) -> Result<usize, Error> {", strings.ToLower(n), x),
			fmt.Sprintf("    let n = %s.iter().filter(|b| **b > %d).count();", x, r.IntN(255)),
			"    if n == 0 {",
			"        return Err(Error::Empty);",
			"    }",
			"    Ok(n)",
			"}",
			"",
		}
	}},
	".c": {"//", func(r *rand.Rand, id int) []string {
		n, x := name(r, id), word(r, idents)
		return []string{
			fmt.Sprintf("int %s(const char *%s, size_t len)", strings.ToLower(n), x),
			"{",
			fmt.Sprintf("\tif (%s == NULL || len > %d)", x, r.IntN(4096)+1),
			"\t\treturn -1;",
			fmt.Sprintf("\treturn (int)(len %% %d);", r.IntN(64)+1),
			"}",
			"",
		}
	}},
	".sql": {"--", func(r *rand.Rand, id int) []string {
		x := word(r, idents)
		return []string{
			fmt.Sprintf("CREATE TABLE %s_%d (", x, id),
			"    id INTEGER PRIMARY KEY,",
			fmt.Sprintf("    %s TEXT NOT NULL,", word(r, idents)),
			fmt.Sprintf("    size INTEGER DEFAULT %d", r.IntN(100)),
			");",
			fmt.Sprintf("CREATE INDEX %s_%d_size ON %s_%d (size);", x, id, x, id),
			"",
		}
	}},
	".sh": {"#", func(r *rand.Rand, id int) []string {
		n := strings.ToLower(name(r, id))
		return []string{
			fmt.Sprintf("%s() {", n),
			fmt.Sprintf("\tlocal dir=\"${1:-/var/lib/%s}\"", word(r, idents)),
			"\t[ -d \"$dir\" ] || return 1",
			fmt.Sprintf("\tfind \"$dir\" -name '*.%s' -mtime +%d -delete", word(r, idents), r.IntN(30)+1),
			"}",
			"",
		}
	}},
}

// genFiles are the repository's files; the extension picks the language.
var genFiles = []string{
	"cmd/server/main.go", "internal/store/store.go", "internal/store/cache.go", "internal/api/handlers.go",
	"internal/api/auth.go", "tools/report.py", "tools/migrate.py", "svc/upload.py",
	"web/src/app.js", "web/src/list.js", "web/src/api.ts", "web/src/util.ts",
	"native/src/lib.rs", "native/src/parse.rs", "csrc/buffer.c", "csrc/hash.c",
	"db/schema.sql", "db/queries.sql", "scripts/deploy.sh", "scripts/cleanup.sh",
}

// history is the generator's state: every file's current lines.
type history struct {
	r     *rand.Rand
	files map[string][]string
	next  int // a counter that keeps function and TODO texts unique
}

func ext(path string) string { return path[strings.LastIndexByte(path, '.'):] }

func (h *history) blocks(path string, n int) []string {
	var out []string
	for range n {
		h.next++
		out = append(out, langs[ext(path)].block(h.r, h.next)...)
	}
	return out
}

// todo is a TODO-family comment, sometimes with a second comment line that
// becomes the issue body.
func (h *history) todo(path string) []string {
	h.next++
	c := langs[ext(path)].comment
	lines := []string{fmt.Sprintf("%s %s: %s (%d)", c, word(h.r, todos), word(h.r, whys), h.next)}
	if h.r.IntN(2) == 0 {
		lines = append(lines, fmt.Sprintf("%s Seen in production on %d requests.", c, h.r.IntN(900)+100))
	}
	return lines
}

// edit changes one file by tens of lines, keeping it between ~100 and ~400
// lines so diffs stay the size real ones are.
func (h *history) edit(path string, addTODO, dropTODO bool) {
	lines := h.files[path]
	pos := h.r.IntN(len(lines) + 1)
	switch op := h.r.IntN(3); {
	case op == 0 && len(lines) > 150 || len(lines) > 400: // delete a range
		n := min(10+h.r.IntN(30), len(lines)-pos)
		lines = append(lines[:pos:pos], lines[pos+n:]...)
	case op == 1: // replace a range
		n := min(5+h.r.IntN(20), len(lines)-pos)
		lines = append(append(lines[:pos:pos], h.blocks(path, 1+h.r.IntN(2))...), lines[pos+n:]...)
	default: // insert
		lines = append(append(lines[:pos:pos], h.blocks(path, 1+h.r.IntN(3))...), lines[pos:]...)
	}
	if dropTODO {
		for i, l := range lines {
			if isTODO(l) {
				lines = append(lines[:i:i], lines[i+1:]...)
				break
			}
		}
	}
	if addTODO {
		pos = h.r.IntN(len(lines) + 1)
		lines = append(append(lines[:pos:pos], h.todo(path)...), lines[pos:]...)
	}
	h.files[path] = lines
}

func isTODO(l string) bool {
	for _, w := range todos {
		if strings.Contains(l, " "+w+": ") {
			return true
		}
	}
	return false
}

// writeFastImport writes a fast-import stream of n commits on
// refs/heads/main: one that adds every file, then n-1 that change 1-5.
func writeFastImport(w io.Writer, n int, seed uint64) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	h := &history{r: rand.New(rand.NewPCG(seed, seed)), files: map[string][]string{}}
	when := int64(1_700_000_000)
	for i := 1; i <= n; i++ {
		changed := map[string]bool{}
		var subject string
		if i == 1 {
			for _, f := range genFiles {
				h.files[f] = h.blocks(f, 10+h.r.IntN(10))
				changed[f] = true
			}
			subject = "Initial import"
		} else {
			k := 1 + h.r.IntN(5)
			addTODO, dropTODO := h.r.IntN(8) == 0, h.r.IntN(12) == 0
			for range k {
				f := genFiles[h.r.IntN(len(genFiles))]
				h.edit(f, addTODO, dropTODO)
				addTODO, dropTODO = false, false // one of each per commit at most
				changed[f] = true
			}
			subject = fmt.Sprintf("%s %s in %d files", capital(word(h.r, verbs)), word(h.r, idents), len(changed))
		}
		when += int64(60 + h.r.IntN(7200))
		msg := subject + "\n\nGenerated by the ticket-master benchmark.\n"
		fmt.Fprintf(bw, "commit refs/heads/main\nmark :%d\n", i)
		fmt.Fprintf(bw, "author Bench Developer <bench@example.com> %d +0000\n", when)
		fmt.Fprintf(bw, "committer Bench Developer <bench@example.com> %d +0000\n", when)
		fmt.Fprintf(bw, "data %d\n%s", len(msg), msg)
		if i > 1 {
			fmt.Fprintf(bw, "from :%d\n", i-1)
		}
		// Files in a fixed order, so the stream depends on the seed alone.
		for _, f := range genFiles {
			if !changed[f] {
				continue
			}
			body := strings.Join(h.files[f], "\n") + "\n"
			fmt.Fprintf(bw, "M 100644 inline %s\ndata %d\n%s\n", f, len(body), body)
		}
		bw.WriteString("\n")
	}
	bw.WriteString("done\n")
	return bw.Flush()
}
