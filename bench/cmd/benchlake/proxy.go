package main

import (
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sync/atomic"
)

// counts are the HTTP requests a counting proxy forwarded, by kind.
type counts struct {
	gets, lists, heads, other int64
}

func (c counts) total() int64 { return c.gets + c.lists + c.heads + c.other }

// countingProxy forwards every request on 127.0.0.1 to an S3 server and
// counts them: what saglig sends over the wire, retries included, which
// its own counters (objstore.Counters) cannot see.
type countingProxy struct {
	srv                     *http.Server
	addr                    string
	gets, lists, heads, oth atomic.Int64
}

func startProxy(target *url.URL) (*countingProxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &countingProxy{addr: ln.Addr().String()}
	rp := httputil.NewSingleHostReverseProxy(target)
	p.srv = &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.Method == http.MethodGet && r.URL.Query().Has("list-type"):
			p.lists.Add(1)
		case r.Method == http.MethodGet:
			p.gets.Add(1)
		case r.Method == http.MethodHead:
			p.heads.Add(1)
		default:
			p.oth.Add(1)
		}
		rp.ServeHTTP(w, r)
	})}
	go p.srv.Serve(ln)
	return p, nil
}

func (p *countingProxy) counts() counts {
	return counts{p.gets.Load(), p.lists.Load(), p.heads.Load(), p.oth.Load()}
}

func (p *countingProxy) close() { p.srv.Close() }
