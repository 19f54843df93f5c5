package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// The bbolt file format (go.etcd.io/bbolt, format version 2), read here
// with plain reads so that a damaged file is judged before bbolt maps it:
// bbolt trusts its pages and faults or panics on bad ones.
const (
	boltMagic        = 0xED0CDAED
	boltVersion      = 2
	pageHeaderSize   = 16 // id u64, flags u16, count u16, overflow u32
	elementSize      = 16 // branch: pos u32, ksize u32, pgid u64; leaf: flags, pos, ksize, vsize u32
	metaSize         = 64 // magic, version, pageSize, flags u32; root, sequence, freelist, pgid, txid, checksum u64
	flagBranch       = 0x01
	flagLeaf         = 0x02
	flagMeta         = 0x04
	flagFreelist     = 0x10
	leafBucket       = 0x01
	noFreelist       = ^uint64(0)
	minPageSize      = 1024
	maxPageSize      = 1 << 24
	minDatabasePages = 4 // two meta pages, a freelist and the root leaf
)

var le = binary.LittleEndian // bbolt writes native order; every platform we build for is little-endian

// header is what a valid meta page says about the file.
type header struct {
	pageSize uint32
	root     uint64 // the root bucket's page
	freelist uint64
	pgid     uint64 // high-water mark: pages [0, pgid) are in use or free
	txid     uint64
}

// parseMeta reads the meta page at the start of buf, or says why it is not one.
func parseMeta(buf []byte) (header, error) {
	if len(buf) < pageHeaderSize+metaSize {
		return header{}, errors.New("too short")
	}
	if le.Uint16(buf[8:]) != flagMeta {
		return header{}, errors.New("not a meta page")
	}
	m := buf[pageHeaderSize : pageHeaderSize+metaSize]
	if le.Uint32(m[0:]) != boltMagic {
		return header{}, errors.New("not a bbolt file (bad magic number)")
	}
	if v := le.Uint32(m[4:]); v != boltVersion {
		return header{}, fmt.Errorf("bbolt format %d, not %d", v, boltVersion)
	}
	sum := fnv.New64a()
	sum.Write(m[:56])
	if sum.Sum64() != le.Uint64(m[56:]) {
		return header{}, errors.New("checksum mismatch")
	}
	h := header{
		pageSize: le.Uint32(m[8:]), root: le.Uint64(m[16:]), freelist: le.Uint64(m[32:]),
		pgid: le.Uint64(m[40:]), txid: le.Uint64(m[48:]),
	}
	if h.pageSize < minPageSize || h.pageSize > maxPageSize || h.pageSize&(h.pageSize-1) != 0 {
		return header{}, fmt.Errorf("page size %d is impossible", h.pageSize)
	}
	return h, nil
}

// readHeader checks what bbolt reads before it maps a file: the size, the
// two meta pages (magic, version, checksum, page size) and that the pages
// the newest valid one counts lie inside the file. A truncated file fails
// here instead of raising SIGBUS later. It returns the header bbolt will use.
func readHeader(f *os.File, path string) (header, int64, error) {
	st, err := f.Stat()
	if err != nil {
		return header{}, 0, fmt.Errorf("open database %s: %w", path, err)
	}
	size := st.Size()
	first := make([]byte, 4096)
	n, err := f.ReadAt(first, 0)
	if err != nil && !errors.Is(err, io.EOF) {
		return header{}, size, fmt.Errorf("read database %s: %w", path, err)
	}
	m0, err0 := parseMeta(first[:n])
	pageSize := m0.pageSize
	if err0 != nil {
		// The page size lives in the meta pages; find meta 1 as bbolt does.
		for ps := uint32(minPageSize); ps <= maxPageSize && int64(ps) < size; ps <<= 1 {
			buf := make([]byte, pageHeaderSize+metaSize)
			if k, _ := f.ReadAt(buf, int64(ps)); k == len(buf) {
				if m1, err := parseMeta(buf); err == nil && m1.pageSize == ps {
					pageSize = ps
					break
				}
			}
		}
	}
	if pageSize == 0 {
		return header{}, size, damaged(path, "neither header page is valid: %v", err0)
	}
	buf := make([]byte, pageHeaderSize+metaSize)
	var m1 header
	err1 := errors.New("cut off")
	if k, _ := f.ReadAt(buf, int64(pageSize)); k == len(buf) {
		m1, err1 = parseMeta(buf)
	}
	// bbolt uses the valid meta page with the higher transaction ID.
	h := m0
	switch {
	case err0 != nil && err1 != nil:
		return header{}, size, damaged(path, "neither header page is valid: %v; %v", err0, err1)
	case err0 != nil || (err1 == nil && m1.txid > m0.txid):
		h = m1
	}
	if h.pageSize != pageSize {
		return header{}, size, damaged(path, "the header pages disagree on the page size")
	}
	need := int64(h.pgid) * int64(h.pageSize)
	switch {
	case h.pgid < minDatabasePages:
		return header{}, size, damaged(path, "the header counts %d pages", h.pgid)
	case need > size || need < 0:
		return header{}, size, damaged(path, "truncated: the file has %d bytes but its pages need %d", size, need)
	case h.root < 2 || h.root >= h.pgid:
		return header{}, size, damaged(path, "the root page %d is out of range", h.root)
	case h.freelist != noFreelist && (h.freelist < 2 || h.freelist >= h.pgid):
		return header{}, size, damaged(path, "the freelist page %d is out of range", h.freelist)
	}
	return h, size, nil
}

// verifier walks every page reachable from a header with plain reads,
// checking each page's header, element offsets, key order and child
// pages, and that no page is used twice. It is what makes the file safe
// for bbolt (and for bbolt's own Tx.Check, which runs on a goroutine of its
// own where a fault could not be caught).
type verifier struct {
	r    io.ReaderAt
	path string
	h    header
	seen map[uint64]bool
}

// verifyFile checks the whole structure of the database file at path.
func verifyFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	defer f.Close()
	h, size, err := readHeader(f, path)
	if err != nil {
		return err
	}
	var r io.ReaderAt = f
	if size <= wholeReadLimit {
		// One read beats thousands of small ones.
		data := make([]byte, size)
		if _, err := f.ReadAt(data, 0); err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("read database %s: %w", path, err)
		}
		r = bytes.NewReader(data)
	}
	v := &verifier{r: r, path: path, h: h, seen: map[uint64]bool{0: true, 1: true}}
	if h.freelist != noFreelist {
		if err := v.freelist(); err != nil {
			return err
		}
	}
	return v.tree(h.root, "the root bucket")
}

// wholeReadLimit is the size up to which verifyFile reads the file at once.
const wholeReadLimit = 64 << 20

// page reads page id with its overflow pages, after checking its header.
func (v *verifier) page(id uint64, want uint16, what string) ([]byte, error) {
	if id < 2 || id >= v.h.pgid {
		return nil, damaged(v.path, "%s points to page %d, outside the file's %d pages", what, id, v.h.pgid)
	}
	ps := int64(v.h.pageSize)
	hdr := make([]byte, pageHeaderSize)
	if _, err := v.r.ReadAt(hdr, int64(id)*ps); err != nil {
		return nil, damaged(v.path, "page %d cannot be read: %v", id, err)
	}
	flags, overflow := le.Uint16(hdr[8:]), uint64(le.Uint32(hdr[12:]))
	switch {
	case le.Uint64(hdr) != id:
		return nil, damaged(v.path, "page %d says it is page %d", id, le.Uint64(hdr))
	case flags&want == 0:
		return nil, damaged(v.path, "page %d (%s) has type %#x", id, what, flags)
	case id+overflow >= v.h.pgid:
		return nil, damaged(v.path, "page %d runs past the file's %d pages", id, v.h.pgid)
	}
	for p := id; p <= id+overflow; p++ {
		if v.seen[p] {
			return nil, damaged(v.path, "page %d is used twice", p)
		}
		v.seen[p] = true
	}
	buf := make([]byte, int64(overflow+1)*ps)
	if _, err := v.r.ReadAt(buf, int64(id)*ps); err != nil {
		return nil, damaged(v.path, "page %d cannot be read: %v", id, err)
	}
	return buf, nil
}

func (v *verifier) freelist() error {
	buf, err := v.page(v.h.freelist, flagFreelist, "the freelist")
	if err != nil {
		return err
	}
	count, start := uint64(le.Uint16(buf[10:])), uint64(pageHeaderSize)
	if count == 0xFFFF {
		if len(buf) < pageHeaderSize+8 {
			return damaged(v.path, "the freelist page is cut off")
		}
		count, start = le.Uint64(buf[pageHeaderSize:]), start+8
	}
	if count > (uint64(len(buf))-start)/8 {
		return damaged(v.path, "the freelist counts %d pages, more than its page holds", count)
	}
	for i := range count {
		if id := le.Uint64(buf[start+8*i:]); id < 2 || id >= v.h.pgid {
			return damaged(v.path, "the freelist names page %d, outside the file", id)
		}
	}
	return nil
}

// tree checks the B+tree of one bucket, rooted at page id.
func (v *verifier) tree(id uint64, what string) error {
	buf, err := v.page(id, flagBranch|flagLeaf, what)
	if err != nil {
		return err
	}
	return v.nodes(buf, id, what)
}

// nodes checks one branch or leaf page held in buf (a page of the file,
// or an inline bucket's page inside a value).
func (v *verifier) nodes(buf []byte, id uint64, what string) error {
	flags, count := le.Uint16(buf[8:]), int(le.Uint16(buf[10:]))
	if flags != flagBranch && flags != flagLeaf {
		return damaged(v.path, "page %d (%s) has type %#x", id, what, flags)
	}
	if pageHeaderSize+count*elementSize > len(buf) {
		return damaged(v.path, "page %d counts %d elements, more than it holds", id, count)
	}
	var prev []byte
	for i := range count {
		at := pageHeaderSize + i*elementSize
		e := buf[at : at+elementSize]
		var pos, ksize, vsize int
		if flags == flagBranch {
			pos, ksize = int(le.Uint32(e[0:])), int(le.Uint32(e[4:]))
		} else {
			pos, ksize, vsize = int(le.Uint32(e[4:])), int(le.Uint32(e[8:])), int(le.Uint32(e[12:]))
		}
		start := at + pos
		end := start + ksize + vsize
		if pos < 0 || ksize < 0 || vsize < 0 || end < start || end > len(buf) {
			return damaged(v.path, "page %d: element %d lies outside the page", id, i)
		}
		key := buf[start : start+ksize]
		if prev != nil && bytes.Compare(prev, key) >= 0 {
			return damaged(v.path, "page %d: keys out of order", id)
		}
		prev = key
		if flags == flagBranch {
			if err := v.tree(le.Uint64(e[8:]), what); err != nil {
				return err
			}
			continue
		}
		if le.Uint32(e[0:])&leafBucket == 0 {
			continue
		}
		if err := v.bucket(buf[start+ksize:end], id, what+"/"+printable(key)); err != nil {
			return err
		}
	}
	return nil
}

// bucket checks a nested bucket from its value: a root page, or an inline
// page stored in the value itself.
func (v *verifier) bucket(val []byte, parent uint64, what string) error {
	if len(val) < 16 {
		return damaged(v.path, "page %d: bucket %s has a cut-off header", parent, what)
	}
	root := le.Uint64(val)
	if root != 0 {
		return v.tree(root, what)
	}
	inline := val[16:]
	if len(inline) < pageHeaderSize {
		return damaged(v.path, "page %d: inline bucket %s is cut off", parent, what)
	}
	if le.Uint16(inline[8:]) != flagLeaf {
		return damaged(v.path, "page %d: inline bucket %s is not a leaf", parent, what)
	}
	return v.nodes(inline, parent, what)
}

func printable(key []byte) string {
	if len(key) > 40 {
		key = key[:40]
	}
	for _, c := range key {
		if c < 0x20 || c > 0x7e {
			return fmt.Sprintf("%x", key)
		}
	}
	return string(key)
}
