//go:build unix

package config

import "syscall"

// openFlags keep an open from blocking on a pipe put where the file was
// checked; openNoFollow refuses a link put there.
const (
	openFlags    = syscall.O_NONBLOCK
	openNoFollow = syscall.O_NOFOLLOW
)
