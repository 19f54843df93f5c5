package analyze

import (
	"os"
	"testing"

	"golang.org/x/sys/unix"
)

// The diff stream's pipe is widened where the kernel allows it.
func TestWidenPipe(t *testing.T) {
	// Whether this kernel lets this user have a 1 MiB pipe at all
	// (/proc/sys/fs/pipe-max-size, the per-user pipe quota).
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	_, refused := unix.FcntlInt(pr.Fd(), unix.F_SETPIPE_SZ, 1<<20)
	pr.Close()
	pw.Close()
	if refused != nil {
		t.Skipf("this kernel refuses a 1 MiB pipe here: %v", refused)
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	size := func() int {
		n, err := unix.FcntlInt(r.Fd(), unix.F_GETPIPE_SZ, 0)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := size()
	widenPipe(r)
	if after := size(); after <= before && before < 1<<20 {
		t.Errorf("pipe of %d bytes, %d after widening", before, after)
	}
}
