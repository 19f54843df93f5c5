package untested

import (
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/difftest"
)

func TestLogCall(t *testing.T) {
	for line, want := range map[string]bool{
		`config.logger.Log("err", "unable to retrieve method name")`: true, // go-kit/kit 828ffce
		`log.Printf("retrying %s", name)`:                            true,
		`level.Error(logger).Log("err", err)`:                        true,
		`self.log.warning("stale lock %s", path)`:                    true,
		`console.warn("deprecated")`:                                 true,
		`tracing::debug!(?req, "sending");`:                          true,
		`dialog.Error("failed")`:                                     false,
		`t.Log("case", i)`:                                           false,
		`return logger.With("k", v)`:                                 false,
		`catalog.Update(item)`:                                       false,
	} {
		if got := logCallRE.MatchString(line); got != want {
			t.Errorf("logCallRE(%q) = %v, want %v", line, got, want)
		}
	}
}

// go-kit/kit 828ffce made GRPCServerTrace's log line a key-value pair:
// what it logs, not what it does. The same hunk changing a call that is no
// logger's is reported.
func TestLogsOnlyAsksForNoTest(t *testing.T) {
	trace := func(call string) string {
		return "package zipkin\n\n// GRPCServerTrace enables native Zipkin tracing of a Go kit gRPC transport Server.\n" +
			"func GRPCServerTrace(tracer *zipkin.Tracer, options ...TracerOption) kitgrpc.ServerOption {\n" +
			"\tconfig := TracerOptions{}\n\tif name == \"\" {\n\t\t" + call + "\n\t}\n\treturn nil\n}\n"
	}
	c := analyze.Commit{Hash: difftest.CommitID, Subject: "Use key-value pairs in the tracer's log lines"}
	logs := difftest.CommitOf(t, difftest.Changed("tracing/zipkin/grpc.go",
		trace(`config.logger.Log("unable to retrieve method name: missing gRPC interceptor hook")`),
		trace(`config.logger.Log("err", "unable to retrieve method name: missing gRPC interceptor hook")`)))
	if found, _ := Detect(c, logs, Options{}); len(found) != 0 {
		t.Errorf("a log line changed: %+v", found)
	}
	code := difftest.CommitOf(t, difftest.Changed("tracing/zipkin/grpc.go",
		trace(`config.span.Finish()`),
		trace(`config.span.Abandon()`)))
	if found, _ := Detect(c, code, Options{}); len(found) != 1 {
		t.Errorf("a call changed: %d findings, want 1", len(found))
	}
}

func TestLoggerField(t *testing.T) {
	for line, want := range map[string]bool{
		`logger:       ll.New("html"),`:               true, // olekukonko/tablewriter ca992fd
		`self._log = logging.getLogger(__name__)`:     true,
		`log := slog.New(handler)`:                    true,
		`this.logger = createLogger("http");`:         true,
		`logger: cfg.Logger,`:                         false, // a caller's logger, passed on
		`catalog: NewCatalog(),`:                      false,
		`logger: ll.New("html").Handler(h.handle()),`: false,
	} {
		if got := loggerFieldRE.MatchString(line); got != want {
			t.Errorf("loggerFieldRE(%q) = %v, want %v", line, got, want)
		}
	}
}

// olekukonko/tablewriter ca992fd gave NewHTML's struct literal a logger.
func TestLoggerGivenAsksForNoTest(t *testing.T) {
	html := func(extra string) string {
		return "package renderer\n\n// NewHTML creates an HTML renderer.\nfunc NewHTML(configs ...HTMLConfig) *HTML {\n\treturn &HTML{\n\t\tconfig:       cfg,\n" +
			"\t\ttableStarted: false,\n\t\ttfootStarted: false,\n" + extra + "\t}\n}\n"
	}
	c := analyze.Commit{Hash: difftest.CommitID, Subject: "Better Fix for  #274"}
	given := difftest.CommitOf(t, difftest.Changed("renderer/html.go", html(""), html("\t\tlogger:       ll.New(\"html\"),\n")))
	if found, _ := Detect(c, given, Options{}); len(found) != 0 {
		t.Errorf("a logger given: %+v", found)
	}
	field := difftest.CommitOf(t, difftest.Changed("renderer/html.go", html(""), html("\t\tescape:       true,\n")))
	if found, _ := Detect(c, field, Options{}); len(found) != 1 {
		t.Errorf("a field set: %d findings, want 1", len(found))
	}
}
