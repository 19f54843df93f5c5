package bench

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
)

// The memory benchmark needs the files that made memory grow on real
// history: a source file of about 1 MB that most commits change (as
// imgui.cpp or json.hpp), and a text file of 16 MiB (a data table, an
// amalgamation) changed now and then. writeBigFileImport writes n commits
// of them as a fast-import stream.
const (
	bigSourceBlocks = 5000   // about 35,000 lines, 1 MB
	bigDataRows     = 240000 // 16 MiB
	bigSourcePath   = "src/engine.cpp"
	bigDataPath     = "data/table.txt"
)

func writeBigFileImport(w io.Writer, n int, seed uint64) error {
	bw := bufio.NewWriterSize(w, 1<<20)
	h := &history{r: rand.New(rand.NewPCG(seed, seed)), files: map[string][]string{}}
	src := h.blocks(".c", bigSourceBlocks)
	data := make([]string, bigDataRows)
	row := func(i int) string {
		return fmt.Sprintf("%08d,%016x,%016x,%s", i, h.r.Uint64(), h.r.Uint64(), word(h.r, idents))
	}
	for i := range data {
		data[i] = row(i)
	}
	when := int64(1_700_000_000)
	for i := 1; i <= n; i++ {
		changed := []string{bigSourcePath}
		if i == 1 || i%10 == 0 {
			changed = append(changed, bigDataPath)
		}
		if i > 1 {
			// A few places in the source: functions replaced, inserted,
			// and now and then a TODO, as a real commit does.
			for range 2 + h.r.IntN(4) {
				pos := h.r.IntN(len(src))
				k := min(len(src)-pos, 5+h.r.IntN(20))
				src = append(append(src[:pos:pos], h.blocks(".c", 1+h.r.IntN(3))...), src[pos+k:]...)
			}
			if h.r.IntN(4) == 0 {
				pos := h.r.IntN(len(src))
				src = append(append(src[:pos:pos], h.todo(".c")...), src[pos:]...)
			}
			for range 50 {
				k := h.r.IntN(len(data))
				data[k] = row(k)
			}
		}
		when += int64(60 + h.r.IntN(7200))
		msg := fmt.Sprintf("Change the engine (%d)\n", i)
		fmt.Fprintf(bw, "commit refs/heads/main\nmark :%d\n", i)
		fmt.Fprintf(bw, "author Bench Developer <bench@example.com> %d +0000\n", when)
		fmt.Fprintf(bw, "committer Bench Developer <bench@example.com> %d +0000\n", when)
		fmt.Fprintf(bw, "data %d\n%s", len(msg), msg)
		if i > 1 {
			fmt.Fprintf(bw, "from :%d\n", i-1)
		}
		for _, f := range changed {
			lines := src
			if f == bigDataPath {
				lines = data
			}
			body := strings.Join(lines, "\n") + "\n"
			fmt.Fprintf(bw, "M 100644 inline %s\ndata %d\n%s\n", f, len(body), body)
		}
		bw.WriteString("\n")
	}
	bw.WriteString("done\n")
	return bw.Flush()
}

// bigFileRepo makes a repository of n such commits with a GitHub origin.
func (s *sandbox) bigFileRepo(dir string, n int) {
	s.importedRepo(dir, "https://github.com/acme/engine.git", func(w io.Writer) error { return writeBigFileImport(w, n, 7) })
}
