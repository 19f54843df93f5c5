//go:build !linux

package daemon

// prepareHugeHeap asks for huge pages on Linux only (hugeheap_linux.go).
func prepareHugeHeap(n int) (start, end uintptr) { return 0, 0 }
