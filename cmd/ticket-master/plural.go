package main

import (
	"fmt"
	"strings"
)

// plural counts: "1 commit", "2 commits", "1 branch tip". Words whose
// plural is not word+"s" are listed here.
func plural(n int, word string) string {
	return fmt.Sprintf("%d %s", n, pluralWord(n, word))
}

func pluralWord(n int, word string) string {
	if n == 1 {
		return word
	}
	switch {
	case word == "repository":
		return "repositories"
	case strings.HasSuffix(word, "ch"), strings.HasSuffix(word, "sh"), strings.HasSuffix(word, "s"), strings.HasSuffix(word, "x"):
		return word + "es"
	}
	return word + "s"
}
