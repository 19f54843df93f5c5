package analyze

import (
	"context"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

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

// The pacer reads how far git's diff stream is ahead from the pipe itself:
// past half of it the detectors are behind (the extra workers wake and the
// caller is told), under an eighth they have caught up, and in between the
// last verdict stands. Only changes are told, once every paceEvery commits.
func TestPacerFollowsThePipesBacklog(t *testing.T) {
	if b, err := os.ReadFile("/proc/sys/fs/pipe-max-size"); err == nil {
		if max, _ := strconv.Atoi(strings.TrimSpace(string(b))); max < streamPipeBytes {
			t.Skipf("pipe-max-size is %d here", max)
		}
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	growPipe(r)
	var told []bool
	p := newPacer(r, func(behind bool) { told = append(told, behind) })
	fill := func(n int) {
		t.Helper()
		if _, err := w.Write(make([]byte, n)); err != nil {
			t.Fatal(err)
		}
	}
	drain := func(n int) {
		t.Helper()
		if _, err := io.ReadFull(r, make([]byte, n)); err != nil {
			t.Fatal(err)
		}
	}

	parked := make(chan struct{})
	go func() {
		p.await()
		close(parked)
	}()
	p.look(0) // an empty pipe: git is behind
	fill(behindBytes + 1)
	p.look(1) // not a commit the pacer looks at
	select {
	case <-parked:
		t.Fatal("an extra worker ran while the detectors kept up with git")
	case <-time.After(20 * time.Millisecond):
	}
	if len(told) != 0 {
		t.Fatalf("told %v before the pacer looked at a full pipe", told)
	}
	p.look(paceEvery)
	select {
	case <-parked:
	case <-time.After(5 * time.Second):
		t.Fatal("the extra worker still waits with the detectors behind git")
	}
	drain(behindBytes / 2) // between the bounds: still behind
	p.look(2 * paceEvery)
	if !slices.Equal(told, []bool{true}) || !p.behindNow() {
		t.Fatalf("told %v with a quarter of the pipe unread; want [true] and behind still", told)
	}
	drain(behindBytes/2 - caughtUpBytes + 2) // under an eighth: caught up
	p.look(3 * paceEvery)
	if want := []bool{true, false}; !slices.Equal(told, want) {
		t.Fatalf("told %v, want %v", told, want)
	}
	// git done: the rest is the detectors', until the workers are done.
	p.end()
	if want := []bool{true, false, true}; !slices.Equal(told, want) || !p.behindNow() {
		t.Fatalf("stream read whole: told %v, want %v", told, want)
	}
	p.close()
	if want := []bool{true, false, true, false}; !slices.Equal(told, want) {
		t.Fatalf("workers done: told %v, want %v", told, want)
	}
}

// Where the backlog cannot be read (not a pipe), the detectors never count
// as behind while git writes: the analysis runs one worker, as it did
// before pacing. Once git is done, the rest is theirs.
func TestPacerWithoutAPipeKeepsOneWorker(t *testing.T) {
	var told []bool
	p := newPacer(strings.NewReader(strings.Repeat("x", streamPipeBytes)), func(b bool) { told = append(told, b) })
	p.look(0)
	if p.behindNow() || len(told) > 0 {
		t.Fatalf("behind (told %v) with no pipe to read the backlog of", told)
	}
	done := make(chan struct{})
	go func() {
		p.await()
		close(done)
	}()
	p.end()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("end left a parked worker parked")
	}
	p.close()
	if want := []bool{true, false}; !slices.Equal(told, want) {
		t.Fatalf("told %v, want %v", told, want)
	}
}
