package analyze

import (
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// streamPipeBytes is the buffer asked for the pipe a diff stream comes
// through: Linux's default is 64 KiB, and git, which writes a 2,000-commit
// backfill's 12 MB of diff faster than the detectors read it, filled that
// every few commits, slept, and was woken again as soon as a little was
// read, two context switches each time. With a MiB (the most an
// unprivileged process may ask, /proc/sys/fs/pipe-max-size) git runs
// ahead by a few dozen commits: on go-git's last 2,000 commits, 2,500
// fewer context switches, 0.1 s less CPU and 0.15-0.2 s less wall time of
// about 2 s.
const streamPipeBytes = 1 << 20

// growPipe asks for streamPipeBytes of buffer on r when it is a pipe. A
// refusal (a lower pipe-max-size, the user's pipe quota spent) leaves the
// default: slower, never wrong.
func growPipe(r io.Reader) {
	f, ok := r.(*os.File)
	if !ok {
		return
	}
	rc, err := f.SyscallConn()
	if err != nil {
		return
	}
	_ = rc.Control(func(fd uintptr) {
		_, _ = unix.FcntlInt(fd, unix.F_SETPIPE_SZ, streamPipeBytes)
	})
}

// pipeBacklog is how many bytes the writer of the pipe r reads from has
// written that nobody read yet; ok is false when that cannot be asked.
func pipeBacklog(r io.Reader) (n int, ok bool) {
	f, isFile := r.(*os.File)
	if !isFile {
		return 0, false
	}
	rc, err := f.SyscallConn()
	if err != nil {
		return 0, false
	}
	var ierr error
	if err := rc.Control(func(fd uintptr) { n, ierr = unix.IoctlGetInt(int(fd), unix.TIOCINQ) }); err != nil || ierr != nil {
		return 0, false
	}
	return n, true
}
