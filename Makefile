# ticket-master: `make help` lists the targets.
GO      ?= go
BIN     := bin/ticket-master
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
# Where `make install` puts the binary: $(PREFIX)/bin when PREFIX is given,
# else $GOBIN when set (as `go install` does), else $(go env GOPATH)/bin.
GOBIN   ?= $(shell $(GO) env GOBIN)
ifdef PREFIX
BINDIR  := $(PREFIX)/bin
else ifneq ($(GOBIN),)
BINDIR  := $(GOBIN)
else
BINDIR  := $(shell $(GO) env GOPATH)/bin
endif

# Linters, run from the module proxy at pinned versions: `go run pkg@version`
# downloads them on first use (into the module cache) and needs no install
# step. staticcheck 2026.2 (v0.8) is the first to know Go 1.26.
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
DEADCODE    := golang.org/x/tools/cmd/deadcode@v0.52.0

.PHONY: build install test bench quality demo lint fuzz chaos clean help

build: ## build bin/ticket-master
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/ticket-master

install: build ## install the binary into $PREFIX/bin, else $GOBIN, else $(go env GOPATH)/bin
	install -d "$(BINDIR)"
	install -m 0755 $(BIN) "$(BINDIR)/ticket-master"
	@echo "installed $(BINDIR)/ticket-master"

test: ## run every test: unit, real git repos, a real daemon, real hooks
	$(GO) test -count=1 -timeout 20m ./...

bench: build ## print the performance figures (hook overhead, analysis throughput)
	$(GO) test -run '^$$' -bench . -benchtime 1x -count 1 -timeout 20m ./bench/

quality: ## precision on real history, over the repositories in TM_QUALITY_REPOS (skips when unset)
	$(GO) run ./quality run

demo: build ## enroll a sample repo in a temp folder, commit TODOs, print the drafts, clean up
	./scripts/demo.sh "$(CURDIR)/$(BIN)"

lint: ## gofmt, go vet, staticcheck and deadcode (pinned versions, from the module proxy)
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	@echo "$(GO) run $(DEADCODE) -test ./..."; out=$$($(GO) run $(DEADCODE) -test ./...) || exit 1; \
		if [ -n "$$out" ]; then echo "$$out"; echo "unreachable code: remove it or use it"; exit 1; fi

fuzz: ## run each fuzz test for FUZZTIME (default 10s); FUZZ=regexp picks some; FUZZJOBS at once (default: the cores)
	GO="$(GO)" ./scripts/fuzz.sh

# make chaos: how long each fuzz test runs, and the seed of the random
# choices (empty: a new one; the table prints it).
CHAOS_FUZZTIME ?= 5s
CHAOS_SEED     ?=

chaos: ## the chaos suite (kills, dropped replies, races, a big pull, corruption, bombs, hostile replies) and the fuzz tests; prints a table
	@mkdir -p bin
	$(GO) test -c -o bin/chaos.test ./chaos
	./bin/chaos.test -test.run '^TestChaos$$' -test.timeout 12m -chaos.full -chaos.fuzztime $(CHAOS_FUZZTIME) $(if $(CHAOS_SEED),-chaos.seed $(CHAOS_SEED))

clean: ## remove build output
	rm -rf bin

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-12s %s\n", $$1, $$2}'
