package analyze

import "path"

// A commit's ListDir reads the folder's tree object at the commit: go-git's
// last 2,000 commits asked 572 times, 306 of them of a folder no commit
// since the last question had touched a file in (the Go tests beside a
// changed file, TestCalls). A folder's files are those of the commit that last
// changed a file directly in it, found as a file's origin is (originOf),
// through a name for the folder that no path can have.

// maxListings bounds the folder listings kept; past it they are dropped
// and read again.
const maxListings = 4096

// dirKey is the name under which the commits record a change of a file
// directly in folder dir ("" for the top): a path holds no NUL byte.
func dirKey(dir string) string { return "\x00" + dir }

// parentDir is the folder directly holding p, as dirKey and ListDir name
// it: "" for a file at the top.
func parentDir(p string) string {
	d := path.Dir(p)
	if d == "." {
		return ""
	}
	return d
}

// listDir lists the files directly in dir at commit, from a listing kept
// for the commit that last changed one of them, else through trees. The
// list is shared: callers do not change it.
func (fc *fileCache) listDir(trees treeSource, commit, dir string, hashSize int) ([]string, error) {
	fc.mu.Lock()
	fc.awaitMerges([]fileAsk{{commit: commit}})
	at := fc.originOf(fileKey{commit, dirKey(dir)})
	files, ok := fc.listings[at]
	fc.mu.Unlock()
	if ok {
		return files, nil
	}
	tree, err := trees.ReadTree(at.commit + ":" + dir)
	if err != nil {
		return nil, err
	}
	files, err = treeFiles(tree, hashSize)
	if err != nil {
		return nil, err
	}
	files = files[:len(files):len(files)] // shared: an append must copy
	fc.mu.Lock()
	defer fc.mu.Unlock()
	if len(fc.listings) >= maxListings {
		clear(fc.listings)
	}
	fc.listings[at] = files
	return files, nil
}
