package daemon

import (
	"context"
	"os"
	"path/filepath"
	"time"
)

// socketTouch is how often the daemon refreshes a fallback socket's times.
const socketTouch = time.Hour

// keepSocket says so in the log when the socket is the short fallback in
// /tmp (the usual path is too long for a Unix socket; see config.Socket),
// and keeps the socket and its folder fresh there: /tmp is swept of files
// untouched for days (systemd-tmpfiles: 10 days), and nothing else touches
// a socket's times.
func (s *server) keepSocket(ctx context.Context) {
	long, ok := s.opts.Paths.SocketFallback()
	if !ok {
		return
	}
	sock := s.opts.Paths.Socket()
	s.log.Warn("the socket path is too long for a Unix socket; using a short one", "usual", long, "socket", sock)
	var arm func()
	arm = func() {
		s.opts.Clock.AfterFunc(socketTouch, func() {
			if ctx.Err() != nil {
				return
			}
			now := time.Now()
			_ = os.Chtimes(sock, now, now)
			_ = os.Chtimes(filepath.Dir(sock), now, now)
			arm()
		})
	}
	arm()
}
