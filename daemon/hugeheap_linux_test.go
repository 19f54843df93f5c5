package daemon

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
)

// The heap prepared for a large analysis is marked for huge pages: every
// mapping of its range carries the kernel's "hg" flag (MADV_HUGEPAGE).
func TestPrepareHugeHeapMarksItsRange(t *testing.T) {
	if _, err := os.Stat("/sys/kernel/mm/transparent_hugepage/enabled"); err != nil {
		t.Skip("this kernel has no transparent huge pages")
	}
	start, end := prepareHugeHeap(8 * hugePage)
	if start == 0 || end-start < 6*hugePage || start%hugePage != 0 || end%hugePage != 0 {
		t.Fatalf("marked %#x-%#x, want at least 6 aligned huge pages of the 8 asked", start, end)
	}
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	covered := uintptr(0)
	var lo, hi uintptr
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if r, _, ok := strings.Cut(line, " "); ok && strings.Contains(r, "-") && !strings.HasSuffix(r, ":") {
			a, b, _ := strings.Cut(r, "-")
			x, err1 := strconv.ParseUint(a, 16, 64)
			y, err2 := strconv.ParseUint(b, 16, 64)
			if err1 == nil && err2 == nil {
				lo, hi = uintptr(x), uintptr(y)
			}
			continue
		}
		flags, ok := strings.CutPrefix(line, "VmFlags:")
		if !ok || hi <= start || lo >= end {
			continue
		}
		if !strings.Contains(" "+flags+" ", " hg ") {
			t.Errorf("mapping %#x-%#x in the prepared range has flags%s, no hg", lo, hi, flags)
		}
		covered += min(hi, end) - max(lo, start)
	}
	if covered != end-start {
		t.Errorf("mappings cover %d of the %d bytes prepared", covered, end-start)
	}
}
