package analyze

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// DiffLimits bounds the memory one file's diff, and one commit's, may take.
// Zero fields take the defaults (20,000 lines, 64 KiB, 100,000 lines).
type DiffLimits struct {
	// MaxFileLines is the most hunk lines kept for one file. A file with
	// more (a vendored drop, a data dump) keeps its paths but loses its
	// hunks, and is reported by Skipped.
	MaxFileLines int
	// MaxLineBytes is the most bytes kept of one diff line; the rest of a
	// longer line (minified code, embedded data) is read and dropped.
	MaxLineBytes int
	// MaxCommitLines is the most hunk lines kept for one commit, all its
	// files together (about 10 MB at the default): a file that would take
	// the commit past it (in the import of a whole project, say) loses its
	// hunks like a file over MaxFileLines, so that memory does not grow
	// with the size of a commit either.
	MaxCommitLines int
}

const (
	defaultMaxFileLines   = 20000
	defaultMaxLineBytes   = 64 << 10
	defaultMaxCommitLines = 100000
	// headerLineBytes is kept of every line whatever MaxLineBytes says, so
	// that paths in header lines are never cut.
	headerLineBytes = 16 << 10
	readBufferBytes = 64 << 10
)

// SkippedFile is a file whose hunks the parser dropped, and why.
type SkippedFile struct {
	Path   string
	Reason string
}

// DiffReader reads the output of
//
//	git diff-tree --stdin -p --always --root -M --no-color --no-ext-diff --no-textconv
//
// one commit at a time. It holds at most one commit in memory, and within it
// at most MaxFileLines lines of MaxLineBytes bytes per file and
// MaxCommitLines lines in all, so a backfill over years of history streams
// in bounded memory.
type DiffReader struct {
	r      *bufio.Reader
	limits DiffLimits
	line   []byte // the current line, reused between reads
	lineNo int    // of the current line, for error messages

	nextID  string  // id line of the next commit, read while ending the previous one
	hunk    hunkBuf // the hunk being read, reused (fileParse.buf)
	skipped []SkippedFile
	err     error // sticky: io.EOF or the error that stopped the stream
}

// NewDiffReader returns a reader of the diff-tree output r.
func NewDiffReader(r io.Reader, opts DiffLimits) *DiffReader {
	if opts.MaxFileLines <= 0 {
		opts.MaxFileLines = defaultMaxFileLines
	}
	if opts.MaxLineBytes <= 0 {
		opts.MaxLineBytes = defaultMaxLineBytes
	}
	if opts.MaxCommitLines <= 0 {
		opts.MaxCommitLines = defaultMaxCommitLines
	}
	return &DiffReader{r: bufio.NewReaderSize(r, readBufferBytes), limits: opts}
}

// Skipped returns the files of the commit last returned by Next whose hunks
// were dropped for exceeding the limits.
func (d *DiffReader) Skipped() []SkippedFile {
	return d.skipped
}

// Next returns the next commit's diff, or io.EOF after the last one.
func (d *DiffReader) Next() (*CommitDiff, error) {
	if d.err != nil {
		return nil, d.err
	}
	d.skipped = nil
	id := d.nextID
	d.nextID = ""
	for id == "" {
		line, err := d.readLine()
		if err != nil {
			return nil, d.fail(err)
		}
		// diff-tree echoes input lines it cannot parse; they belong to no commit.
		id, _ = commitIDLine(line)
	}
	cd := &CommitDiff{Hash: id}
	var f *fileParse
	kept := 0 // hunk lines of the commit's files so far
	endFile := func() {
		if f == nil {
			return
		}
		if f.dropped != "" {
			d.skipped = append(d.skipped, SkippedFile{Path: f.fd.Path(), Reason: f.dropped})
		} else {
			kept += f.lines
		}
		cd.Files = append(cd.Files, f.finish())
		f = nil
	}
	for {
		line, err := d.readLine()
		if err != nil {
			endFile()
			if errors.Is(err, io.EOF) {
				d.err = io.EOF
				return cd, nil
			}
			return nil, d.fail(err)
		}
		if f != nil && f.inHunk() && f.hunkLine(line, d.limits, d.limits.MaxCommitLines-kept) {
			continue
		}
		if rest, ok := bytes.CutPrefix(line, []byte("diff --git ")); ok {
			endFile()
			f = newFileParse(string(rest), &d.hunk)
			continue
		}
		if next, ok := commitIDLine(line); ok {
			endFile()
			d.nextID = next
			return cd, nil
		}
		if f == nil {
			continue // noise between commits
		}
		if err := f.headerLine(line); err != nil {
			return nil, d.fail(fmt.Errorf("diff line %d: %w", d.lineNo, err))
		}
	}
}

func (d *DiffReader) fail(err error) error {
	if errors.Is(err, io.EOF) {
		d.err = io.EOF
		return io.EOF
	}
	d.err = fmt.Errorf("read diff: %w", err)
	return d.err
}

// readLine returns the next line without its "\n", cut to at most
// max(MaxLineBytes+1, headerLineBytes) bytes (+1 for a hunk line's marker):
// the rest of a longer line is read and dropped, so no line can grow memory
// or desynchronise the parse.
func (d *DiffReader) readLine() ([]byte, error) {
	keep := max(d.limits.MaxLineBytes+1, headerLineBytes)
	d.line = d.line[:0]
	read := 0
	for {
		chunk, err := d.r.ReadSlice('\n')
		read += len(chunk)
		if err == nil {
			chunk = chunk[:len(chunk)-1]
		}
		if room := keep - len(d.line); room > 0 {
			d.line = append(d.line, chunk[:min(len(chunk), room)]...)
		}
		switch {
		case err == nil:
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && read > 0:
			// A last line without "\n".
		default:
			return nil, err
		}
		d.lineNo++
		return d.line, nil
	}
}

// commitIDLine recognises the line diff-tree prints before each commit's
// files: a full SHA-1 or SHA-256 id, alone or followed by a space.
func commitIDLine(line []byte) (string, bool) {
	n := 0
	for n < len(line) && isCommitIDByte(line[n]) {
		n++
	}
	if (n != 40 && n != 64) || (n < len(line) && line[n] != ' ') {
		return "", false
	}
	return string(line[:n]), true
}

func isCommitIDByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f'
}

// fileParse is one "diff --git" section being read.
type fileParse struct {
	fd               FileDiff
	added, deleted   bool
	inHeader         bool   // before the first hunk: "---" and "+++" are headers
	oldLeft, newLeft int    // lines the current hunk still owes
	oldNo, newNo     int    // numbers of the next old and new line
	lines            int    // hunk lines seen in this file
	dropped          string // why the hunks were discarded (a limit), or ""
	// buf holds the last hunk while it is read (open); sealed, the hunk
	// gets exactly its lines, their texts in one string. Room made from
	// the header's counts held twice the context lines (6% of what a
	// backfill allocated), growing by appends copied at each doubling,
	// and a string per line was a tenth of the objects allocated.
	buf  *hunkBuf
	open bool
}

// hunkBuf is a hunk being read: its lines, their texts one after the
// other, and where each text ends.
type hunkBuf struct {
	lines []Line // Text left empty until seal
	text  []byte
	ends  []int
}

// maxKeptHunkText bounds the room a hunkBuf keeps between hunks: a huge
// hunk's is let go rather than held for the rest of the stream.
const maxKeptHunkText = 1 << 20

func (b *hunkBuf) reset() {
	if cap(b.text) > maxKeptHunkText {
		*b = hunkBuf{}
		return
	}
	b.lines, b.text, b.ends = b.lines[:0], b.text[:0], b.ends[:0]
}

func newFileParse(names string, buf *hunkBuf) *fileParse {
	a, b := gitHeaderNames(names)
	buf.reset()
	return &fileParse{fd: FileDiff{OldPath: a, NewPath: b}, inHeader: true, buf: buf}
}

// seal gives the hunk being read its lines, once they are all read or
// the hunk ends early (a header, a line its counts have no room for, the
// end of the file's section).
func (f *fileParse) seal() {
	if f.open && len(f.fd.Hunks) > 0 {
		b := f.buf
		lines := make([]Line, len(b.lines))
		copy(lines, b.lines)
		all, start := string(b.text), 0
		for i, end := range b.ends {
			lines[i].Text = all[start:end]
			start = end
		}
		f.fd.Hunks[len(f.fd.Hunks)-1].Lines = lines
	}
	f.buf.reset()
	f.open = false
}

func (f *fileParse) finish() FileDiff {
	f.seal()
	if f.added {
		f.fd.OldPath = ""
	}
	if f.deleted {
		f.fd.NewPath = ""
	}
	if f.dropped != "" {
		f.fd.Hunks = nil
	}
	return f.fd
}

func (f *fileParse) inHunk() bool {
	return f.oldLeft > 0 || f.newLeft > 0
}

// headerLine reads one line of a file section outside hunks: extended
// headers, "---"/"+++", "Binary files ... differ" and hunk headers.
func (f *fileParse) headerLine(line []byte) error {
	s := string(line)
	switch {
	case strings.HasPrefix(s, "@@ "):
		h, err := parseHunkHeader(s)
		if err != nil {
			return err
		}
		f.seal()
		f.inHeader = false
		f.oldLeft, f.newLeft = h.OldLines, h.NewLines
		f.oldNo, f.newNo = h.OldStart, h.NewStart
		if f.dropped == "" {
			f.fd.Hunks = append(f.fd.Hunks, h)
			f.open = true
		}
	case strings.HasPrefix(s, `\`):
		// "\ No newline at end of file" after a hunk's last line.
	case !f.inHeader:
		// Anything else after the hunks is not ours to read.
	case strings.HasPrefix(s, "new file mode "):
		f.added = true
	case strings.HasPrefix(s, "deleted file mode "):
		f.deleted = true
	case strings.HasPrefix(s, "rename from "), strings.HasPrefix(s, "copy from "):
		_, name, _ := strings.Cut(s, " from ")
		f.fd.OldPath = unquotedName(name)
	case strings.HasPrefix(s, "rename to "), strings.HasPrefix(s, "copy to "):
		_, name, _ := strings.Cut(s, " to ")
		f.fd.NewPath = unquotedName(name)
	case strings.HasPrefix(s, "index "):
		f.fd.OldBlob, f.fd.NewBlob = indexBlobs(s[len("index "):])
	case strings.HasPrefix(s, "Binary files "), s == "GIT binary patch":
		f.fd.Binary = true
	case strings.HasPrefix(s, "--- "):
		if name, ok := patchName(s[4:], "a/"); ok {
			f.fd.OldPath = name
		}
	case strings.HasPrefix(s, "+++ "):
		if name, ok := patchName(s[4:], "b/"); ok {
			f.fd.NewPath = name
		}
	}
	// old mode, new mode, similarity index: nothing a detector needs.
	return nil
}

// indexBlobs reads "OLD..NEW[ MODE]", an index line's object names. A name
// is kept only when whole (40 or 64 hex digits, as --full-index gives) and
// not all zeros (the side is absent): an abbreviated one could become
// ambiguous as the repository grows.
func indexBlobs(s string) (old, new string) {
	names, _, _ := strings.Cut(s, " ")
	a, b, ok := strings.Cut(names, "..")
	if !ok {
		return "", ""
	}
	return wholeObjectName(a), wholeObjectName(b)
}

func wholeObjectName(s string) string {
	if len(s) != 40 && len(s) != 64 {
		return ""
	}
	zero := true
	for i := 0; i < len(s); i++ {
		if !isCommitIDByte(s[i]) {
			return ""
		}
		zero = zero && s[i] == '0'
	}
	if zero {
		return ""
	}
	return s
}

// hunkLine takes one line of the current hunk. It returns false when the
// line cannot be hunk content, which means the hunk's counts were wrong: the
// hunk ends there and the caller reads the line as a header, so that one bad
// hunk does not swallow the rest of the stream. A line the counts have no
// room for (a removed line when no old line is left, say) ends the hunk the
// same way: numbering it would give it a line the file does not have.
// room is how many lines the commit may still keep (MaxCommitLines).
func (f *fileParse) hunkLine(line []byte, lim DiffLimits, room int) bool {
	kind := Context
	var text []byte
	switch {
	case len(line) == 0:
		// A context line whose lone space was stripped (by an editor or a mail).
	case line[0] == ' ' || line[0] == '+' || line[0] == '-':
		kind, text = LineKind(line[0]), line[1:]
	case line[0] == '\\':
		return true // "\ No newline at end of file", mid-hunk when the old side lacked one
	default:
		f.oldLeft, f.newLeft = 0, 0
		return false
	}
	if (kind != Added && f.oldLeft == 0) || (kind != Removed && f.newLeft == 0) {
		f.oldLeft, f.newLeft = 0, 0
		return false
	}
	l := Line{Kind: kind}
	switch kind {
	case Context:
		l.OldNo, l.NewNo = f.oldNo, f.newNo
		f.oldNo++
		f.newNo++
		f.oldLeft--
		f.newLeft--
	case Removed:
		l.OldNo = f.oldNo
		f.oldNo++
		f.oldLeft--
	case Added:
		l.NewNo = f.newNo
		f.newNo++
		f.newLeft--
	}
	f.lines++
	if f.dropped == "" && f.lines > lim.MaxFileLines {
		f.dropped = fmt.Sprintf("diff longer than %d lines", lim.MaxFileLines)
	} else if f.dropped == "" && f.lines > room {
		f.dropped = fmt.Sprintf("the commit's diff is longer than %d lines", lim.MaxCommitLines)
	}
	if f.dropped != "" {
		f.fd.Hunks = nil
		f.open = false
		return true
	}
	text = bytes.TrimSuffix(text, []byte("\r"))
	b := f.buf
	b.text = append(b.text, TruncateUTF8(text, lim.MaxLineBytes)...)
	b.ends = append(b.ends, len(b.text))
	b.lines = append(b.lines, l)
	if !f.inHunk() {
		f.seal() // every line the header counts is read
	}
	return true
}

// TruncateUTF8 cuts b to at most n bytes without splitting a character.
func TruncateUTF8(b []byte, n int) []byte {
	if len(b) <= n {
		return b
	}
	for n > 0 && !utf8.RuneStart(b[n]) {
		n--
	}
	return b[:n]
}

// parseHunkHeader parses "@@ -a[,b] +c[,d] @@ SECTION". A missing count
// is 1.
func parseHunkHeader(s string) (Hunk, error) {
	var h Hunk
	rest, ok := strings.CutPrefix(s, "@@ -")
	if !ok {
		return h, fmt.Errorf("bad hunk header %q", s)
	}
	ranges, section, ok := strings.Cut(rest, " @@")
	if !ok {
		return h, fmt.Errorf("bad hunk header %q", s)
	}
	oldRange, newRange, ok := strings.Cut(ranges, " +")
	if !ok {
		return h, fmt.Errorf("bad hunk header %q", s)
	}
	var err1, err2 error
	h.OldStart, h.OldLines, err1 = parseRange(oldRange)
	h.NewStart, h.NewLines, err2 = parseRange(newRange)
	if err := errors.Join(err1, err2); err != nil {
		return h, fmt.Errorf("bad hunk header %q: %w", s, err)
	}
	h.Section = strings.TrimSpace(section)
	return h, nil
}

func parseRange(s string) (start, count int, err error) {
	startText, countText, hasCount := strings.Cut(s, ",")
	if start, err = strconv.Atoi(startText); err != nil || start < 0 {
		return 0, 0, fmt.Errorf("bad range %q", s)
	}
	count = 1
	if hasCount {
		if count, err = strconv.Atoi(countText); err != nil || count < 0 {
			return 0, 0, fmt.Errorf("bad range %q", s)
		}
	}
	if start == 0 && count > 0 {
		// Line 0 only starts an empty side (an added or deleted file).
		return 0, 0, fmt.Errorf("bad range %q", s)
	}
	if start > maxHunkLine || count > maxHunkLine-start {
		// No file git diffs has that many lines; numbers past this would
		// overflow as the hunk is read.
		return 0, 0, fmt.Errorf("bad range %q: past line %d", s, maxHunkLine)
	}
	return start, count, nil
}

// maxHunkLine is the largest line number a hunk may reach.
const maxHunkLine = 1<<31 - 1

// gitHeaderNames splits the names of "diff --git <a> <b>". Names with
// special characters are C-quoted; unquoted names may hold spaces, which
// makes the split ambiguous, so, as git itself does, prefer the split where
// both names are equal. They differ only for renames and copies, whose
// "rename from/to" headers then give the names unambiguously.
func gitHeaderNames(s string) (string, string) {
	if strings.HasPrefix(s, `"`) {
		a, rest, err := cUnquote(s)
		if err != nil {
			return "", ""
		}
		return strings.TrimPrefix(a, "a/"), strings.TrimPrefix(unquotedName(strings.TrimPrefix(rest, " ")), "b/")
	}
	// An unquoted name never holds a '"', so a quote starts the second name.
	if i := strings.Index(s, ` "`); i >= 0 {
		return strings.TrimPrefix(s[:i], "a/"), strings.TrimPrefix(unquotedName(s[i+1:]), "b/")
	}
	first := -1
	for i := 0; i+3 <= len(s); i++ {
		if !strings.HasPrefix(s[i:], " b/") {
			continue
		}
		if first < 0 {
			first = i
		}
		if a, b := strings.TrimPrefix(s[:i], "a/"), s[i+3:]; a == b {
			return a, b
		}
	}
	if first < 0 {
		a, b, _ := strings.Cut(s, " ")
		return a, b
	}
	return strings.TrimPrefix(s[:first], "a/"), s[first+3:]
}

// patchName reads the name of a "---" or "+++" line: "/dev/null" for a side
// that does not exist, else prefix+name, C-quoted or followed by a tab when
// the name holds a space.
func patchName(s, prefix string) (string, bool) {
	if s == "/dev/null" {
		return "", true
	}
	if strings.HasPrefix(s, `"`) {
		name, _, err := cUnquote(s)
		if err != nil {
			return "", false
		}
		return strings.TrimPrefix(name, prefix), true
	}
	name, _, _ := strings.Cut(s, "\t")
	return strings.TrimPrefix(name, prefix), true
}

// unquotedName is s, C-unquoted if it is quoted.
func unquotedName(s string) string {
	if !strings.HasPrefix(s, `"`) {
		return s
	}
	name, _, err := cUnquote(s)
	if err != nil {
		return s
	}
	return name
}

// cUnquote decodes the C-style quoted string at the start of s, as git
// writes names with special or non-ASCII bytes ("t\303\251st.go"), and
// returns it with the text after the closing quote.
func cUnquote(s string) (string, string, error) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"':
			return b.String(), s[i+1:], nil
		case '\\':
		default:
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(s) {
			break
		}
		switch e := s[i]; e {
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte('\v')
		case '0', '1', '2', '3':
			if i+2 >= len(s) {
				return "", "", fmt.Errorf("bad octal escape in %q", s)
			}
			v, err := strconv.ParseUint(s[i:i+3], 8, 8)
			if err != nil {
				return "", "", fmt.Errorf("bad octal escape in %q: %w", s, err)
			}
			b.WriteByte(byte(v))
			i += 2
		default: // \\ and \"
			b.WriteByte(e)
		}
	}
	return "", "", fmt.Errorf("unterminated quoted name %q", s)
}
