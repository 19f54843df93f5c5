package lazyregexp

import (
	"strings"
	"sync"
	"testing"
)

func TestCompiledOnFirstUseOnly(t *testing.T) {
	made0, compiled0 := Count()
	re := New(`^a(b+)c$`)
	if made, compiled := Count(); made != made0+1 || compiled != compiled0 {
		t.Fatalf("after New: %d made, %d compiled; want %d and %d (nothing compiled yet)", made, compiled, made0+1, compiled0)
	}
	if re.rx.Load() != nil {
		t.Fatal("New compiled the expression")
	}
	if !re.MatchString("abbc") || re.MatchString("ac") {
		t.Fatal("MatchString does not answer as regexp does")
	}
	if got := re.FindStringSubmatch("abbbc"); len(got) != 2 || got[1] != "bbb" {
		t.Fatalf("FindStringSubmatch = %q", got)
	}
	if _, compiled := Count(); compiled != compiled0+1 {
		t.Fatalf("after use: %d compiled, want %d", compiled, compiled0+1)
	}
	if re.String() != `^a(b+)c$` {
		t.Fatalf("String = %q", re.String())
	}
}

// Many goroutines asking at once share one compiled expression.
func TestConcurrentFirstUse(t *testing.T) {
	re := New(`x+`)
	var wg sync.WaitGroup
	seen := make(chan any, 8)
	for range 8 {
		wg.Go(func() {
			if re.FindString("axxb") != "xx" {
				t.Error("FindString")
			}
			seen <- re.Regexp()
		})
	}
	wg.Wait()
	close(seen)
	first := <-seen
	for rx := range seen {
		if rx != first {
			t.Fatal("the expression was compiled more than once")
		}
	}
}

func TestCompileAllNamesWhatDoesNotCompile(t *testing.T) {
	good := New(`ok\d`)
	New(`bad(`)
	err := CompileAll()
	if err == nil || !strings.Contains(err.Error(), "bad(") {
		t.Fatalf("CompileAll = %v, want an error naming bad(", err)
	}
	if good.rx.Load() == nil {
		t.Fatal("CompileAll left a good expression uncompiled")
	}
	defer func() {
		if recover() == nil {
			t.Fatal("using an expression that does not compile did not panic")
		}
	}()
	New(`(worse`).MatchString("x")
}
