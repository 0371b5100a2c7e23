package pushdown

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
)

// fakeConn answers the catalogue query with rows (or fails it) and every
// other statement with nothing.
type fakeConn struct {
	catalogue [][]any
	fail      error
}

func (f *fakeConn) Query(_ context.Context, q string, sink Sink) error {
	if strings.Contains(q, "INFORMATION_SCHEMA") || strings.Contains(q, "information_schema") {
		if f.fail != nil {
			return f.fail
		}
		if err := sink.Start([]string{"name", "type", "prec", "scale"}); err != nil {
			return err
		}
		for _, row := range f.catalogue {
			if err := sink.Row(row); err != nil {
				return err
			}
		}
		return nil
	}
	return sink.Start(nil)
}

func (f *fakeConn) Close() error { return nil }

// TestOpenErrors: a table that is not there, or a catalogue the engine
// refuses to read, is one line naming the table as printed, with nothing
// the engine quoted.
func TestOpenErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		conn *fakeConn
		want string
	}{
		{"missing table", &fakeConn{}, "sqlserver://sa@sql.example?table=dbo.forloeb: no table or view dbo.forloeb (or it has no columns you may read)"},
		{"catalogue refused", &fakeConn{fail: errors.New("permission denied for table \"forloeb\"\nHINT: ask 'Jensen'")},
			`sqlserver://sa@sql.example?table=dbo.forloeb: reading the catalogue: permission denied for table "…" HINT: ask '…'`},
		{"short catalogue row", &fakeConn{catalogue: [][]any{{"a", "int"}}}, "the catalogue returned 2 columns, not 4"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tg, err := Parse("sqlserver://sa@sql.example?database=jobs&table=dbo.forloeb")
			if err != nil {
				t.Fatal(err)
			}
			_, err = open(context.Background(), tg, tc.conn)
			var te *Error
			if !errors.As(err, &te) || te.Table != tg.Display {
				t.Fatalf("error %v (%T), want a *pushdown.Error of %s", err, err, tg.Display)
			}
			if !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), "Jensen") {
				t.Errorf("error %q, want %q on one line", err, tc.want)
			}
		})
	}
}

// TestOpenUnreachable: an engine nobody answers on is one line naming the
// table and the network's reason, and the secret the environment holds
// for the engine appears nowhere.
func TestOpenUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	secrets := map[string]string{"PGPASSWORD": "pg-hunter2", "SQLSERVER_PASSWORD": "ms-hunter2",
		"TRINO_PASSWORD": "trino-hunter2", "DATABRICKS_TOKEN": "dapi-hunter2"}
	saved := env
	env = func(k string) string { return secrets[k] }
	t.Cleanup(func() { env = saved })
	t.Setenv("PGPASSWORD", secrets["PGPASSWORD"]) // pgx reads libpq's variables itself
	savedScheme := databricksScheme
	databricksScheme = "http"
	t.Cleanup(func() { databricksScheme = savedScheme })
	for _, u := range []string{
		"postgres://analyst@" + addr + "/jobs?table=forloeb&connect_timeout=5",
		"sqlserver://sa@" + addr + "?database=jobs&table=dbo.forloeb",
		"trino://analyst@" + addr + "?catalog=hive&schema=jobs&table=forloeb&tls=true&request_retry_timeout=1s",
		"databricks://" + addr + "/wh1?catalog=main&schema=jobs&table=forloeb",
	} {
		t.Run(strings.SplitN(u, ":", 2)[0], func(t *testing.T) {
			src, err := Open(context.Background(), u)
			if err == nil {
				src.Close()
				t.Fatal("opened a table where nothing listens")
			}
			tg, _ := Parse(u)
			var te *Error
			if !errors.As(err, &te) || te.Table != tg.Display {
				t.Fatalf("error %v (%T), want a *pushdown.Error of %s", err, err, tg.Display)
			}
			msg := err.Error()
			if !strings.Contains(msg, "cannot connect: dial tcp "+addr) || strings.Contains(msg, "\n") {
				t.Errorf("error %q, want one line with cannot connect: dial tcp %s", msg, addr)
			}
			for _, s := range secrets {
				if strings.Contains(msg, s) {
					t.Errorf("the error prints a secret: %q", msg)
				}
			}
		})
	}
}

func TestCleanNetwork(t *testing.T) {
	op := &net.OpError{Op: "dial", Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1}, Err: errors.New("connect: connection refused")}
	wrapped := fmt.Errorf("failed to connect to `user=x password=secret`: %w", op)
	got := clean(wrapped).Error()
	if got != "cannot connect: dial tcp 127.0.0.1:1: connect: connection refused" {
		t.Errorf("clean: %q", got)
	}
}
