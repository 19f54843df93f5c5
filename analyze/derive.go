package analyze

import (
	"bytes"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"strconv"
	"strings"
)

// The two sides of a changed file differ by the diff's hunks, so the side
// a detector asks for can be made from the other one instead of asked of
// git: a third of a go-git backfill's reads were of a side whose other
// side had been read just before, or was asked in the same round trip
// (both sides of a changed Go file). What is made is checked against the
// side's object name, so a hunk the parser did not keep whole (a line cut
// at MaxLineBytes, a "\r" taken off, a last line without its newline)
// makes nothing, and the side is read from git as before.

// changedSide is the file of cd whose side holds path (Added: the new
// file, Removed: the old one), when the diff gives both sides' object
// names and the hunks between them; nil otherwise.
func changedSide(cd *CommitDiff, path string, side LineKind) *FileDiff {
	if cd == nil {
		return nil
	}
	for i := range cd.Files {
		f := &cd.Files[i]
		if f.Binary || len(f.Hunks) == 0 || f.OldBlob == "" || f.NewBlob == "" || f.OldPath == "" || f.NewPath == "" {
			continue
		}
		if side == Added && f.NewPath == path || side == Removed && f.OldPath == path {
			return f
		}
	}
	return nil
}

// deriveSide makes f's side want (Added or Removed) from the content of
// its other side: the hunks applied forward for the new side, backward
// for the old. ok is false when the hunks do not fit the content or what
// they make is not the side git names.
func deriveSide(f *FileDiff, from []byte, want LineKind) ([]byte, bool) {
	blob, drop := f.NewBlob, Removed
	if want == Removed {
		blob, drop = f.OldBlob, Added
	}
	size := len(from) // what the hunks add and take away: room for it all at once
	for _, h := range f.Hunks {
		for _, l := range h.Lines {
			switch l.Kind {
			case drop:
				size -= len(l.Text) + 1
			case Context:
			default:
				size += len(l.Text) + 1
			}
		}
	}
	out := make([]byte, 0, max(size, 0))
	rest, line := from, 1           // what is left of from, and its first line's number
	next := func() ([]byte, bool) { // from's next line, with its newline
		if len(rest) == 0 {
			return nil, false
		}
		k := bytes.IndexByte(rest, '\n') + 1
		if k == 0 {
			k = len(rest)
		}
		l := rest[:k]
		rest, line = rest[k:], line+1
		return l, true
	}
	for _, h := range f.Hunks {
		start, n := h.OldStart, h.OldLines
		if want == Removed {
			start, n = h.NewStart, h.NewLines
		}
		upto := start - 1 // the lines before the hunk
		if n == 0 {
			upto = start // a hunk of no lines on this side comes after its start line
		}
		for line <= upto {
			l, ok := next()
			if !ok {
				return nil, false
			}
			out = append(out, l...)
		}
		for _, hl := range h.Lines {
			switch hl.Kind {
			case Context, drop:
				l, ok := next()
				if !ok || !sameLine(l, hl.Text) {
					return nil, false
				}
				if hl.Kind == Context {
					out = append(out, l...)
				}
			default:
				out = append(out, hl.Text...)
				out = append(out, '\n')
			}
		}
	}
	out = append(out, rest...)
	return out, blobName(out, len(blob)) == blob
}

// sameLine reports whether l, a line of the file with its newline, is
// the hunk line text (which lost its "\r", and may be cut).
func sameLine(l []byte, text string) bool {
	l = bytes.TrimSuffix(bytes.TrimSuffix(l, []byte("\n")), []byte("\r"))
	return strings.HasPrefix(string(l), text)
}

// blobName is git's object name of a blob of content: SHA-1 for a name of
// 40 hex digits, SHA-256 for one of 64.
func blobName(content []byte, hexLen int) string {
	var h hash.Hash
	switch hexLen {
	case 40:
		h = sha1.New()
	case 64:
		h = sha256.New()
	default:
		return ""
	}
	h.Write([]byte("blob " + strconv.Itoa(len(content)) + "\x00"))
	h.Write(content)
	return hex.EncodeToString(h.Sum(nil))
}
