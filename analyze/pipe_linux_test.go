package analyze

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// The diff stream's pipe is grown: with the default 64 KiB git stops every
// few commits until the detectors catch up.
func TestDiffStreamPipeIsGrown(t *testing.T) {
	if b, err := os.ReadFile("/proc/sys/fs/pipe-max-size"); err == nil {
		if max, _ := strconv.Atoi(strings.TrimSpace(string(b))); max < streamPipeBytes {
			t.Skipf("pipe-max-size is %d here", max)
		}
	}
	cmd := streamCommand(context.Background(), t.TempDir(), "version")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	growPipe(stdout)
	f := stdout.(*os.File)
	rc, err := f.SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	var size int
	if err := rc.Control(func(fd uintptr) { size, err = unix.FcntlInt(fd, unix.F_GETPIPE_SZ, 0) }); err != nil {
		t.Fatal(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if size < streamPipeBytes {
		t.Fatalf("diff stream pipe holds %d bytes, want %d", size, streamPipeBytes)
	}
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
}
