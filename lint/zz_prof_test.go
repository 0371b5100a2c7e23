package lint

import (
	"context"
	"os"
	"runtime/pprof"
	"testing"

	"github.com/saglig/saglig/featuremap"
)

func TestZZProf(t *testing.T) {
	f, _ := os.Create("/tmp/cli2prof/cpu1.out")
	pprof.StartCPUProfile(f)
	m, err := featuremap.Load("../examples/jobcenter/saglig.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), Options{Map: m}); err != nil {
		t.Fatal(err)
	}
	pprof.StopCPUProfile()
}
