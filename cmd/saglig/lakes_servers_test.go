//go:build lakes

package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/saglig/saglig/lint/source/objstore/objstoretest"
)

// TestServersScripts runs the scripts in testdata/lakes against the S3
// server, Azurite and the Cloud Storage emulator that .ci/lakes starts on
// 127.0.0.1
// (bash .ci/lakes runs it). Each script sees:
//
//	$S3, $S3Q   the S3 bucket's URL and its query (?endpoint=…), so that
//	            a key goes between them: $S3/data/$S3Q
//	$AZ, $AZQ   the same for the Azurite container
//	$GS, $GSQ   the same for the Cloud Storage emulator's bucket
//	$AZURE_BLOB_ENDPOINT  the emulator's blob endpoint, for a
//	            connection string of the script's own
//
// and the SDKs' credentials from .ci/lakes's environment. Its commands
// upload DIR BUCKETURL PREFIX (copies a directory into a store) and
// cmpreplace FILE1 FILE2 OLD NEW (FILE2 with OLD replaced by NEW equals
// FILE1) are added.
func TestServersScripts(t *testing.T) {
	servers := objstoretest.Servers(t)
	checkNoExecExitcode(t, filepath.Join("testdata", "lakes"))
	cmds := map[string]func(ts *testscript.TestScript, neg bool, args []string){
		"upload":     upload,
		"cmpreplace": cmpReplace,
	}
	for k, v := range scriptCmds {
		cmds[k] = v
	}
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "lakes"),
		Setup: func(env *testscript.Env) error {
			if err := scriptSetup(env); err != nil {
				return err
			}
			for _, srv := range servers {
				base, query, _ := strings.Cut(srv.URL, "?")
				if query != "" {
					query = "?" + query
				}
				name := map[string]string{"s3": "S3", "azblob": "AZ", "gs": "GS"}[srv.Name]
				env.Setenv(name, base)
				env.Setenv(name+"Q", query)
			}
			for _, kv := range os.Environ() {
				k, v, _ := strings.Cut(kv, "=")
				if strings.HasPrefix(k, "AWS_") || strings.HasPrefix(k, "AZURE_") || k == "STORAGE_EMULATOR_HOST" {
					env.Setenv(k, v)
				}
			}
			env.Setenv("AZURE_BLOB_ENDPOINT", "http://"+os.Getenv("AZURE_STORAGE_DOMAIN")+"/devstoreaccount1")
			return nil
		},
		Cmds: cmds,
	})
}

// upload DIR BUCKETURL PREFIX copies a directory into a store.
func upload(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: upload DIR BUCKETURL PREFIX")
	}
	// The store is opened with the test's environment: the script must
	// not have changed the credentials yet.
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AZURE_STORAGE_CONNECTION_STRING"} {
		if ts.Getenv(k) != os.Getenv(k) {
			ts.Fatalf("upload: %s was changed by the script", k)
		}
	}
	_, err := objstoretest.Copy(context.Background(), args[1], ts.MkAbs(args[0]), args[2])
	ts.Check(err)
}

// cmpreplace FILE1 FILE2 OLD NEW: FILE2 with OLD replaced by NEW equals
// FILE1.
func cmpReplace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 4 {
		ts.Fatalf("usage: cmpreplace FILE1 FILE2 OLD NEW")
	}
	a, b := ts.ReadFile(args[0]), strings.ReplaceAll(ts.ReadFile(args[1]), args[2], args[3])
	if a != b {
		ts.Logf("%s:\n%s\n%s with %q as %q:\n%s", args[0], a, args[1], args[2], args[3], b)
		ts.Fatalf("%s and %s differ", args[0], args[1])
	}
}
