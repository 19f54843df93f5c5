# ticket-master: `make help` lists the targets.
GO      ?= go
PREFIX  ?= $(shell $(GO) env GOPATH)
BIN     := bin/ticket-master
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: build install test bench demo lint clean help

build: ## build bin/ticket-master
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/ticket-master

install: build ## install the binary into $(PREFIX)/bin (PREFIX defaults to `go env GOPATH`)
	install -d "$(PREFIX)/bin"
	install -m 0755 $(BIN) "$(PREFIX)/bin/ticket-master"
	@echo "installed $(PREFIX)/bin/ticket-master"

test: ## run every test: unit, real git repos, a real daemon, real hooks
	$(GO) test -count=1 -timeout 20m ./...

bench: build ## print the performance figures (hook overhead, analysis throughput)
	$(GO) test -run '^$$' -bench . -benchtime 1x -count 1 -timeout 20m ./bench/

demo: build ## enroll a sample repo in a temp folder, commit TODOs, print the drafts, clean up
	./scripts/demo.sh "$(CURDIR)/$(BIN)"

lint: ## gofmt and go vet
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

clean: ## remove build output
	rm -rf bin

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  %-8s %s\n", $$1, $$2}'
