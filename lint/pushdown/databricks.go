package pushdown

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/saglig/saglig/internal/i18n"
)

// Databricks SQL warehouses through the SQL Statement Execution API
// (/api/2.0/sql/statements) over net/http: each statement is submitted
// with INLINE disposition and JSON_ARRAY format, polled until it ends,
// cancelled when the context ends, and its result chunks fetched. The
// token comes from DATABRICKS_TOKEN.

// databricksConn is a connection to one SQL warehouse.
type databricksConn struct {
	base      string // https://host
	warehouse string
	catalog   string
	schema    string
	token     string
	timeout   time.Duration
	client    *http.Client
	// poll is the interval between status requests.
	poll time.Duration
}

// databricksHTTP is the HTTP client; tests replace its transport.
var databricksHTTP = &http.Client{Timeout: 2 * time.Minute}

// databricksScheme is https; tests use http with a local server.
var databricksScheme = "https"

func openDatabricks(_ context.Context, t *Target) (Conn, error) {
	token := env("DATABRICKS_TOKEN")
	if token == "" {
		return nil, tableErr(t.Display, "set DATABRICKS_TOKEN to a personal access token or an OAuth token of the workspace")
	}
	return &databricksConn{
		base:      databricksScheme + "://" + t.Host,
		warehouse: t.Database,
		catalog:   t.Table.Catalog,
		schema:    t.Table.Schema,
		token:     token,
		timeout:   t.Timeout,
		client:    databricksHTTP,
		poll:      time.Second,
	}, nil
}

func (c *databricksConn) Close() error { return nil }

// statementResponse is the part of the API's StatementResponse read.
type statementResponse struct {
	StatementID string `json:"statement_id"`
	Status      struct {
		State string `json:"state"`
		Error *struct {
			ErrorCode string `json:"error_code"`
			Message   string `json:"message"`
		} `json:"error"`
	} `json:"status"`
	Manifest *struct {
		Schema struct {
			Columns []struct {
				Name     string `json:"name"`
				TypeName string `json:"type_name"`
			} `json:"columns"`
		} `json:"schema"`
		TotalChunkCount int  `json:"total_chunk_count"`
		Truncated       bool `json:"truncated"`
	} `json:"manifest"`
	Result *resultChunk `json:"result"`
}

type resultChunk struct {
	ChunkIndex     int         `json:"chunk_index"`
	DataArray      [][]*string `json:"data_array"`
	NextChunkIndex *int        `json:"next_chunk_index"`
}

func (c *databricksConn) Query(ctx context.Context, q string, sink Sink) error {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	body := map[string]any{
		"statement":       q,
		"warehouse_id":    c.warehouse,
		"catalog":         c.catalog,
		"schema":          c.schema,
		"disposition":     "INLINE",
		"format":          "JSON_ARRAY",
		"wait_timeout":    "30s",
		"on_wait_timeout": "CONTINUE",
	}
	var resp statementResponse
	if err := c.call(ctx, http.MethodPost, "/api/2.0/sql/statements", body, &resp); err != nil {
		return err
	}
	for resp.Status.State == "PENDING" || resp.Status.State == "RUNNING" {
		select {
		case <-ctx.Done():
			c.cancel(resp.StatementID)
			return i18n.Errorf("statement %s: %v", resp.StatementID, ctx.Err())
		case <-time.After(c.poll):
		}
		if err := c.call(ctx, http.MethodGet, "/api/2.0/sql/statements/"+url.PathEscape(resp.StatementID), nil, &resp); err != nil {
			c.cancel(resp.StatementID)
			return err
		}
	}
	switch resp.Status.State {
	case "SUCCEEDED":
	case "FAILED":
		if e := resp.Status.Error; e != nil {
			return i18n.Errorf("statement failed: %s: %s", e.ErrorCode, e.Message)
		}
		return i18n.Errorf("statement failed")
	default:
		return i18n.Errorf("statement ended %s", strings.ToLower(resp.Status.State))
	}
	if resp.Manifest == nil {
		return i18n.Errorf("statement succeeded without a result manifest")
	}
	if resp.Manifest.Truncated {
		return i18n.Errorf("the result was truncated by the warehouse's inline limit")
	}
	names := make([]string, len(resp.Manifest.Schema.Columns))
	types := make([]string, len(resp.Manifest.Schema.Columns))
	for i, col := range resp.Manifest.Schema.Columns {
		names[i] = strings.ToLower(col.Name)
		types[i] = strings.ToUpper(col.TypeName)
	}
	if err := sink.Start(names); err != nil {
		return err
	}
	// One chunk at a time: the first one inline, the others fetched.
	chunk := resp.Result
	resp.Result = nil
	for chunk != nil {
		for _, row := range chunk.DataArray {
			vals := make([]any, len(types))
			for i := range vals {
				if i < len(row) && row[i] != nil {
					v, err := databricksValue(types[i], *row[i])
					if err != nil {
						return i18n.Errorf("column %q: %v", names[i], err)
					}
					vals[i] = v
				}
			}
			if err := sink.Row(vals); err != nil {
				return err
			}
		}
		if chunk.NextChunkIndex == nil {
			break
		}
		next := &resultChunk{}
		path := fmt.Sprintf("/api/2.0/sql/statements/%s/result/chunks/%d", url.PathEscape(resp.StatementID), *chunk.NextChunkIndex)
		if err := c.call(ctx, http.MethodGet, path, nil, next); err != nil {
			return err
		}
		chunk = next
	}
	return nil
}

// cancel asks the warehouse to stop a statement, best effort.
func (c *databricksConn) cancel(id string) {
	if id == "" {
		return
	}
	ctx, done := context.WithTimeout(context.Background(), 10*time.Second)
	defer done()
	_ = c.call(ctx, http.MethodPost, "/api/2.0/sql/statements/"+url.PathEscape(id)+"/cancel", nil, nil)
}

// call makes one API request and decodes its JSON answer into out.
func (c *databricksConn) call(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return unwrapURL(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		var e struct {
			ErrorCode string `json:"error_code"`
			Message   string `json:"message"`
		}
		if json.Unmarshal(data, &e) == nil && e.Message != "" {
			return fmt.Errorf("%s %s: %s (%s)", method, path, e.Message, resp.Status)
		}
		return fmt.Errorf("%s %s: %s", method, path, resp.Status)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return i18n.Errorf("%s %s: unreadable answer: %v", method, path, err)
	}
	return nil
}

// unwrapURL drops the URL from a transport error (it is named elsewhere).
func unwrapURL(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s: %w", ue.Op, ue.Err)
	}
	return err
}

// databricksValue converts a JSON_ARRAY cell (always a string) to a
// driver value by its column's type.
func databricksValue(typ, s string) (any, error) {
	switch typ {
	case "BYTE", "SHORT", "INT", "LONG":
		return strconv.ParseInt(s, 10, 64)
	case "FLOAT", "DOUBLE":
		switch s {
		case "NaN":
			return nil, nil
		case "Infinity":
			return strconv.ParseFloat("+Inf", 64)
		case "-Infinity":
			return strconv.ParseFloat("-Inf", 64)
		}
		return strconv.ParseFloat(s, 64)
	case "DECIMAL":
		return s, nil
	case "BOOLEAN":
		return strconv.ParseBool(s)
	case "DATE":
		return time.Parse(time.DateOnly, s)
	case "TIMESTAMP", "TIMESTAMP_NTZ":
		for _, l := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999"} {
			if t, err := time.Parse(l, s); err == nil {
				return t, nil
			}
		}
		return nil, i18n.Errorf("unreadable timestamp (%d characters)", len(s))
	}
	return s, nil
}
