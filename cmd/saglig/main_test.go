package main

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/saglig/saglig/internal/testfiles"
	"gopkg.in/yaml.v3"
)

func TestMain(m *testing.M) {
	// The tests read English: the locale of the machine running them must
	// not choose the language (testscript's scripts set their own).
	// The scripts' commands run as this binary under their own name
	// (os.Args[0] is "saglig"): they keep the locale their script sets.
	if strings.HasSuffix(strings.TrimSuffix(filepath.Base(os.Args[0]), ".exe"), ".test") {
		for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
			os.Unsetenv(v)
		}
	}
	testscript.Main(m, map[string]func(){
		"saglig": func() { os.Exit(sagligMain()) },
		// saglig-peak is saglig, writing its peak resident size to
		// $SAGLIG_PEAK_FILE (corrupt_test.go).
		"saglig-peak": sagligPeak,
		// interrupt REGEXP CMD ARGS... runs CMD, sends it SIGINT when a
		// line of its stderr matches REGEXP, and exits with its code.
		"interrupt": interruptCommand,
		// uniqueids FILE N writes a Parquet file of one int64 column "id"
		// holding 0 to N-1.
		"uniqueids": uniqueIDsCommand,
		// actionstep NAME FILE writes the run script of the step NAME of
		// the repository's action.yml to FILE.
		"actionstep": actionStepCommand,
		// replicate N SRC DIR writes N copies of the file SRC into DIR.
		"replicate": replicateCommand,
	})
}

// TestScripts runs the built binary on the scripts in testdata/script, with
// copies of the bundled examples in the script's work directory.
func TestScripts(t *testing.T) {
	checkNoExecExitcode(t, filepath.Join("testdata", "script"))
	testscript.Run(t, testscript.Params{
		Dir:   filepath.Join("testdata", "script"),
		Cmds:  scriptCmds,
		Setup: scriptSetup,
	})
}

// scriptSetup puts copies of the bundled examples and of the Delta and
// Iceberg test tables in a script's work directory.
func scriptSetup(env *testscript.Env) error {
	for _, ex := range []string{"jobcenter", "jobcenter-fixed"} {
		src := filepath.Join("..", "..", "examples", ex)
		if err := copyTree(src, filepath.Join(env.WorkDir, ex), func(rel string) bool {
			return rel == "gen" || strings.HasPrefix(rel, "gen"+string(filepath.Separator))
		}); err != nil {
			return err
		}
	}
	// Delta and Iceberg test tables (lakes.txtar).
	for name, src := range map[string]string{
		"delta-partitioned": "delta/testdata/delta-2.2.0-partitioned-types",
		"delta-dv":          "delta/testdata/table-with-dv-small",
		"iceberg":           "iceberg/testdata/partition_integer",
	} {
		if err := copyTree(filepath.Join("..", "..", "lint", "source", filepath.FromSlash(src)), filepath.Join(env.WorkDir, "tables", name),
			func(string) bool { return false }); err != nil {
			return err
		}
	}
	env.Setenv("NO_COLOR", "1")
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		return err
	}
	env.Setenv("SAGLIG_REPO", root)
	return nil
}

// scriptCmds are the commands the scripts run in the test process (every
// testscript.Params of the package takes them).
var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"exitcode": exitCode,
}

// checkNoExecExitcode fails on a script line "exec exitcode": exitcode is
// no program but a command of the test (scriptCmds), written without exec.
func checkNoExecExitcode(t *testing.T, dir string) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(strings.TrimLeft(line, "! "), "exec exitcode ") {
				t.Errorf("%s:%d: write exitcode N CMD without exec: it runs in the test, not as a program", f, i+1)
			}
		}
	}
}

// exitCode is the script command exitcode N CMD ARGS...: it runs CMD as
// exec does (its stdout and stderr are the script's to check after) and
// fails unless CMD exits with N. It runs in the test, not as a process of
// its own: a test binary started per command costs as much as the command.
func exitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N CMD ARGS...")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("usage: exitcode N CMD ARGS...: %v", err)
	}
	code := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("%v", err)
		}
		code = ee.ExitCode()
	}
	if code != want {
		ts.Fatalf("exit code %d, want %d", code, want)
	}
}

// copyTree copies a directory, skipping what skip says.
func copyTree(src, dst string, skip func(rel string) bool) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if rel != "." && skip(rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

// interruptCommand is the testscript command interrupt.
func interruptCommand() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: interrupt REGEXP CMD ARGS...")
		os.Exit(3)
	}
	re := regexp.MustCompile(os.Args[1])
	cmd := exec.Command(os.Args[2], os.Args[3:]...)
	cmd.Stdin, cmd.Stdout = os.Stdin, os.Stdout
	stderr, err := cmd.StderrPipe()
	if err == nil {
		err = cmd.Start()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	sent := false
	sc := bufio.NewScanner(stderr)
	for sc.Scan() {
		fmt.Fprintln(os.Stderr, sc.Text())
		if !sent && re.MatchString(sc.Text()) {
			sent = true
			if err := cmd.Process.Signal(os.Interrupt); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(3)
			}
		}
	}
	err = cmd.Wait()
	var ee *exec.ExitError
	switch {
	case !sent:
		fmt.Fprintf(os.Stderr, "interrupt: no line of stderr matched %s\n", re)
		os.Exit(3)
	case errors.As(err, &ee):
		os.Exit(ee.ExitCode())
	case err != nil:
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	os.Exit(0)
}

// replicateCommand is the testscript command replicate.
func replicateCommand() {
	n, err := strconv.Atoi(os.Args[1])
	if err != nil || len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: replicate N SRC DIR")
		os.Exit(3)
	}
	data, err := os.ReadFile(os.Args[2])
	if err == nil {
		err = os.MkdirAll(os.Args[3], 0o755)
	}
	for i := 0; i < n && err == nil; i++ {
		err = os.WriteFile(filepath.Join(os.Args[3], fmt.Sprintf("part-%04d%s", i, filepath.Ext(os.Args[2]))), data, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
}

// uniqueIDsCommand is the testscript command uniqueids.
func uniqueIDsCommand() {
	n, err := strconv.Atoi(os.Args[2])
	if err != nil || len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: uniqueids FILE N")
		os.Exit(3)
	}
	type row struct {
		ID int64 `parquet:"id"`
	}
	rows := make([]row, n)
	for i := range rows {
		rows[i].ID = int64(i)
	}
	if err := testfiles.WriteParquet(os.Args[1], rows); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
}

// actionStepCommand is the testscript command actionstep.
func actionStepCommand() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: actionstep NAME FILE")
		os.Exit(3)
	}
	data, err := os.ReadFile(filepath.Join(os.Getenv("SAGLIG_REPO"), "action.yml"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	var action struct {
		Runs struct {
			Steps []struct{ Name, Run string }
		}
	}
	if err := yaml.Unmarshal(data, &action); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	for _, st := range action.Runs.Steps {
		if st.Name == os.Args[1] {
			if err := os.WriteFile(os.Args[2], []byte(st.Run), 0o644); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(3)
			}
			return
		}
	}
	fmt.Fprintf(os.Stderr, "action.yml has no step %q\n", os.Args[1])
	os.Exit(3)
}
