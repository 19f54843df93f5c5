package daemon

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// A large analysis touches some 50 MB of fresh heap (go-git's last 2,000
// commits: 13,000 page faults in the heap's range), and on a virtual
// machine each fault of a 4 KiB page is costly: 9-10 µs on the 2-core VM
// the benchmarks run on, against 0.8 µs per 4 KiB when the kernel backs
// the memory with 2 MiB pages. Go maps its heap without asking for huge
// pages, and most kernels (transparent_hugepage=madvise, the default of
// Debian, Ubuntu and Fedora) give them only to memory that asks. So before
// a large analysis the heap it will use is mapped at once and marked for
// huge pages: the allocations that follow reuse that memory. Measured on
// go-git (8 alternating runs): the process's page faults 15,800 -> 4,200,
// CPU with git's 2.79 s -> 2.63 s, wall 1,550 -> 1,475 ms, peak RSS 76 ->
// 78 MiB (imgui's 8,000 commits: 88 MiB either way).

// hugePage is the size of the pages asked for; x86-64's and arm64's
// transparent huge pages.
const hugePage = 2 << 20

// prepareHugeHeap maps n bytes of heap and asks the kernel to back them
// with huge pages. It returns the range marked (for tests). The memory is
// fresh from the kernel, so allocating it touches no page; it is garbage
// on return and the allocator hands it out again.
func prepareHugeHeap(n int) (start, end uintptr) {
	b := make([]byte, n)
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	from := int((p+hugePage-1)&^(hugePage-1) - p)
	to := int((p+uintptr(n))&^(hugePage-1) - p)
	if to <= from {
		return 0, 0
	}
	// A kernel without transparent huge pages refuses (EINVAL): nothing
	// is lost but the speed.
	if err := unix.Madvise(b[from:to], unix.MADV_HUGEPAGE); err != nil {
		return 0, 0
	}
	return p + uintptr(from), p + uintptr(to)
}
