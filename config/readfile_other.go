//go:build !unix

package config

// Elsewhere the Lstat before opening and the same-file check after it
// stand in for O_NOFOLLOW.
const (
	openFlags    = 0
	openNoFollow = 0
)
