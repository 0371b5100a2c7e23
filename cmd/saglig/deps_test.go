package main

import (
	"runtime/debug"
	"strings"
	"testing"
)

// TestNoCloudStorageGRPC keeps the Google Cloud Storage client library and
// the gRPC balancers it links (xDS, envoy's and cncf's protobuf
// registrations, Cloud Monitoring) out of the binary: their package
// initialisation cost every run about 30 ms of CPU, whatever it read, and
// gs:// is read by saglig's own JSON API driver instead
// (docs/performance.md, "Start-up"; docs/lakes.md, "The Cloud Storage
// driver"). The test binary links everything the command does.
func TestNoCloudStorageGRPC(t *testing.T) {
	notLinked(t, "cloud.google.com/go/storage", "cloud.google.com/go/monitoring", "github.com/envoyproxy/go-control-plane", "github.com/cncf/xds/go")
}

// TestNoPhoneNumberLibrary keeps github.com/nyaruka/phonenumbers out of the
// binary: its package initialisation decoded the whole libphonenumber
// metadata on every run (about 15–20 ms of CPU), and the phone recogniser
// reads the metadata it needs itself, on first use
// (lint/classify/ident/phone_metadata.go; docs/performance.md, "Start-up").
func TestNoPhoneNumberLibrary(t *testing.T) {
	notLinked(t, "github.com/nyaruka/phonenumbers")
}

// TestNoIcebergGo keeps github.com/apache/iceberg-go out of the binary:
// its package initialisation built its Avro manifest schemas on every run
// (5–8 ms of CPU under load), and it linked stretchr/testify and 20 other
// packages only it used; lint/source/iceberg reads the manifests with
// twmb/avro itself (docs/performance.md, "Start-up").
func TestNoIcebergGo(t *testing.T) {
	notLinked(t, "github.com/apache/iceberg-go", "github.com/stretchr/testify")
}

// notLinked fails when a module of the banned paths (or one below them) is
// in the test binary's build information.
func notLinked(t *testing.T, banned ...string) {
	t.Helper()
	info, ok := debug.ReadBuildInfo()
	if !ok {
		t.Fatal("no build information in the test binary")
	}
	if len(info.Deps) < 10 {
		t.Fatalf("only %d modules in the build information: the check would prove nothing", len(info.Deps))
	}
	for _, m := range info.Deps {
		for _, b := range banned {
			if m.Path == b || strings.HasPrefix(m.Path, b+"/") {
				t.Errorf("%s %s is linked into saglig: see docs/performance.md, \"Start-up\", before bringing it back", m.Path, m.Version)
			}
		}
	}
}
