package analyze

import (
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// widenPipe asks the kernel for a pipe buffer of up to 1 MiB (the default
// limit of /proc/sys/fs/pipe-max-size) on r, the read end of a git process's
// output. With the default 64 KiB, diff-tree fills the pipe whenever the
// detectors pause and blocks, and each block is a sleep and a wake-up on
// both sides: on go-git's last 2,000 commits that was a third of diff-tree's
// CPU. A refusal (a lower limit) leaves the pipe as it was.
func widenPipe(r io.Reader) {
	f, ok := r.(*os.File)
	if !ok {
		return
	}
	sc, err := f.SyscallConn()
	if err != nil {
		return
	}
	_ = sc.Control(func(fd uintptr) {
		_, _ = unix.FcntlInt(fd, unix.F_SETPIPE_SZ, 1<<20)
	})
}
