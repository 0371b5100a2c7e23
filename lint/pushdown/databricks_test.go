package pushdown

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// fakeWarehouse answers the Statement Execution API as a SQL warehouse
// does: a statement runs for one poll, then succeeds with its result in
// two chunks, or fails, or runs until cancelled.
type fakeWarehouse struct {
	t         *testing.T
	polls     atomic.Int32
	cancelled atomic.Bool
}

func (f *fakeWarehouse) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer tok" {
		w.WriteHeader(http.StatusUnauthorized)
		w.Write([]byte(`{"error_code":"UNAUTHENTICATED","message":"bad token"}`))
		return
	}
	switch {
	case r.Method == http.MethodPost && r.URL.Path == "/api/2.0/sql/statements":
		var body map[string]string
		if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
			f.t.Error(err)
		}
		if body["warehouse_id"] != "wh1" || body["catalog"] != "main" || body["schema"] != "jobs" ||
			body["disposition"] != "INLINE" || body["format"] != "JSON_ARRAY" || body["on_wait_timeout"] != "CONTINUE" {
			f.t.Errorf("request %v", body)
		}
		id := map[string]string{"SELECT 1": "ok", "SELECT bad": "bad", "SELECT slow": "slow"}[body["statement"]]
		w.Write([]byte(`{"statement_id":"` + id + `","status":{"state":"PENDING"}}`))
	case r.Method == http.MethodGet && r.URL.Path == "/api/2.0/sql/statements/ok":
		if f.polls.Add(1) == 1 {
			w.Write([]byte(`{"statement_id":"ok","status":{"state":"RUNNING"}}`))
			return
		}
		w.Write([]byte(`{"statement_id":"ok","status":{"state":"SUCCEEDED"},
			"manifest":{"schema":{"columns":[{"name":"N","type_name":"LONG"},{"name":"x","type_name":"DOUBLE"},{"name":"d","type_name":"DATE"},{"name":"s","type_name":"STRING"},{"name":"b","type_name":"BOOLEAN"}]},"total_chunk_count":2},
			"result":{"chunk_index":0,"data_array":[["1","0.5","2024-01-02","a",null]],"next_chunk_index":1}}`))
	case r.Method == http.MethodGet && r.URL.Path == "/api/2.0/sql/statements/ok/result/chunks/1":
		w.Write([]byte(`{"chunk_index":1,"data_array":[["2","NaN","2024-01-03",null,"true"]]}`))
	case r.Method == http.MethodGet && r.URL.Path == "/api/2.0/sql/statements/bad":
		w.Write([]byte(`{"statement_id":"bad","status":{"state":"FAILED","error":{"error_code":"BAD_REQUEST","message":"[PARSE_SYNTAX_ERROR] Syntax error"}}}`))
	case r.Method == http.MethodGet && r.URL.Path == "/api/2.0/sql/statements/slow":
		w.Write([]byte(`{"statement_id":"slow","status":{"state":"RUNNING"}}`))
	case r.Method == http.MethodPost && r.URL.Path == "/api/2.0/sql/statements/slow/cancel":
		f.cancelled.Store(true)
		w.Write([]byte(`{}`))
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

func TestDatabricks(t *testing.T) {
	fw := &fakeWarehouse{t: t}
	srv := httptest.NewServer(fw)
	defer srv.Close()
	oldScheme, oldEnv := databricksScheme, env
	databricksScheme = "http"
	env = func(k string) string {
		if k == "DATABRICKS_TOKEN" {
			return "tok"
		}
		return ""
	}
	defer func() { databricksScheme, env = oldScheme, oldEnv }()
	host := strings.TrimPrefix(srv.URL, "http://")
	tg, err := Parse("databricks://" + host + "/wh1?catalog=main&schema=jobs&table=forloeb&timeout=2s")
	if err != nil {
		t.Fatal(err)
	}
	c, err := openDatabricks(context.Background(), tg)
	if err != nil {
		t.Fatal(err)
	}
	c.(*databricksConn).poll = time.Millisecond
	ctx := context.Background()

	rows := &Rows{}
	if err := c.Query(ctx, "SELECT 1", rows); err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows.Columns, ",") != "n,x,d,s,b" || len(rows.Values) != 2 {
		t.Fatalf("rows %+v", rows)
	}
	r0, r1 := rows.Values[0], rows.Values[1]
	if r0[0] != int64(1) || r0[1] != 0.5 || r0[2].(time.Time).Day() != 2 || r0[3] != "a" || r0[4] != nil {
		t.Errorf("row 0: %#v", r0)
	}
	if r1[0] != int64(2) || r1[1] != nil || r1[3] != nil || r1[4] != true {
		t.Errorf("row 1: %#v", r1)
	}

	if err := c.Query(ctx, "SELECT bad", &Rows{}); err == nil || !strings.Contains(err.Error(), "PARSE_SYNTAX_ERROR") {
		t.Errorf("failed statement: %v", err)
	}

	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if err := c.Query(short, "SELECT slow", &Rows{}); err == nil {
		t.Error("a statement past its deadline did not fail")
	}
	if !fw.cancelled.Load() {
		t.Error("the statement past its deadline was not cancelled")
	}

	env = func(string) string { return "" }
	if _, err := openDatabricks(ctx, tg); err == nil || !strings.Contains(err.Error(), "DATABRICKS_TOKEN") {
		t.Errorf("no token: %v", err)
	}
	env = func(string) string { return "wrong" }
	c2, _ := openDatabricks(ctx, tg)
	if err := c2.Query(ctx, "SELECT 1", &Rows{}); err == nil || !strings.Contains(err.Error(), "bad token") {
		t.Errorf("bad token: %v", err)
	}
}
