//go:build !unix

package config

import "io/fs"

// ownedByMe: the folder is in the user's own temp folder here.
func ownedByMe(fs.FileInfo) bool { return true }
