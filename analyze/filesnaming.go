package analyze

import (
	"bufio"
	"context"
	"io"
	"strings"
)

// maxFilesNaming bounds the files FilesNaming lists: a word in more files
// than that is everyone's, and its callers read each file they are given.
const maxFilesNaming = 20

// FilesNaming lists the source files of language lang that hold word as a
// whole word in the commit's tree (tests, examples and other support code
// left out), at most maxFilesNaming of them: where a definition a file
// lost may still be, in a file the commit did not touch (yaml/pyyaml
// dc0c4c1 deleted the Python 2 copy of the library in lib/ while lib3/
// kept every function). One git grep, so callers ask it only of what they
// would otherwise report. nil, with no error, when no repository is behind
// the diff.
func (cd *CommitDiff) FilesNaming(word, lang string) ([]string, error) {
	if cd.filesNaming == nil || !identifier.MatchString(word) || len(langExts[lang]) == 0 {
		return nil, nil
	}
	var specs []string
	for _, ext := range langExts[lang] {
		specs = append(specs, "*"+ext)
	}
	return cd.filesNaming(cd.Hash, word, lang, specs)
}

// filesNamingFunc answers FilesNaming in an analysis.
type filesNamingFunc func(commit, word, lang string, pathspecs []string) ([]string, error)

// grepFilesNaming is FilesNaming through git grep -l.
func grepFilesNaming(ctx context.Context, gitDir string) filesNamingFunc {
	return func(commit, word, lang string, pathspecs []string) ([]string, error) {
		args := append([]string{"grep", "--no-color", "-I", "-l", "-z", "-w", "-F", "-e", word, commit, "--"}, pathspecs...)
		var files []string
		err := grepStream(ctx, gitDir, commit, args, func(out io.Reader) bool {
			sc := bufio.NewScanner(out)
			sc.Split(splitNUL)
			for sc.Scan() && len(files) < maxFilesNaming {
				p := strings.TrimPrefix(sc.Text(), commit+":")
				if SourceLanguage(p) == lang && !IsTestPath(p) && !IsSupportPath(p) {
					files = append(files, p)
				}
			}
			return len(files) == maxFilesNaming
		})
		return files, err
	}
}
