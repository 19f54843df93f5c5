package analyze

import (
	"io"
	"sync"
)

// Which of git and the detectors a backfill waits for depends on the
// repository. On go-git's history the detectors are behind: the diff
// stream's pipe stays nine-tenths full while git sleeps, and a second
// worker on a second core made the backfill 10% faster. On imgui, git is
// behind, diffing a 1 MB imgui.cpp most commits change: the pipe is
// empty, the detectors wait, and a second worker and core only took CPU
// from git (6% slower). So the analysis looks at the pipe as it goes and
// runs its extra workers only while the detectors are behind, and tells
// the caller (PaceFunc), who may give Go more cores meanwhile.

// PaceFunc is told, as an analysis goes, whether the detectors are behind
// git (true) or git is behind them (false); only changes are told. It runs
// on the goroutine that reads the diff stream and must return at once.
type PaceFunc func(detectorsBehind bool)

// Bounds of the pace: the diff stream is looked at every paceEvery
// commits; the detectors are behind once git has written more than
// behindBytes they have not read (half the MiB the stream's pipe holds on
// Linux, streamPipeBytes), and no longer once it is under caughtUpBytes
// (an eighth); between the two, the last verdict stands.
const (
	paceEvery     = 8
	behindBytes   = 512 << 10
	caughtUpBytes = 128 << 10
)

// pacer gates the workers after the first on the detectors being behind.
type pacer struct {
	stream io.Reader // the diff stream, whose unread bytes tell
	tell   PaceFunc  // nil when the caller does not ask

	mu     sync.Mutex
	behind bool
	wake   *sync.Cond
	done   bool
}

func newPacer(stream io.Reader, tell PaceFunc) *pacer {
	p := &pacer{stream: stream, tell: tell}
	p.wake = sync.NewCond(&p.mu)
	return p
}

// look reads the stream's backlog after commit i and wakes or parks the
// extra workers. Where the backlog cannot be read (not Linux), the
// detectors never count as behind: one worker runs.
func (p *pacer) look(i int) {
	if i%paceEvery != 0 {
		return
	}
	n, ok := pipeBacklog(p.stream)
	p.mu.Lock()
	behind := ok && (n > behindBytes || p.behind && n >= caughtUpBytes)
	changed := behind != p.behind
	p.behind = behind
	if behind {
		p.wake.Broadcast()
	}
	p.mu.Unlock()
	if changed && p.tell != nil {
		p.tell(behind)
	}
}

func (p *pacer) behindNow() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.behind
}

// await parks an extra worker until the detectors are behind or the
// analysis ends.
func (p *pacer) await() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for !p.behind && !p.done {
		p.wake.Wait()
	}
}

// end says git has written the whole stream: what is left of the analysis
// is the detectors' alone (the commits queued and in the pipe, a tenth of
// a second on go-git's history), so every parked worker wakes for good
// and the caller is told they are behind.
func (p *pacer) end() {
	p.mu.Lock()
	was := p.behind
	p.done, p.behind = true, true
	p.wake.Broadcast()
	p.mu.Unlock()
	if !was && p.tell != nil {
		p.tell(true)
	}
}

// close ends the pace once no worker runs: a caller told the detectors
// were behind is told they no longer are.
func (p *pacer) close() {
	p.mu.Lock()
	was := p.behind
	p.behind = false
	p.mu.Unlock()
	if was && p.tell != nil {
		p.tell(false)
	}
}
