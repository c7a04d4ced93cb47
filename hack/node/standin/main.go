// Static stand-ins for Knative's sample images on the real node (hack/node/README.md): the same
// behaviours as the node agent's in-process stand-ins (hack/cluster/README.md, "Stand-in containers"),
// as a real process in a real container. Standard library only; built with CGO_ENABLED=0.
//
// The app is picked by QNATIVE_STANDIN_APP (set in each image's config): helloworld (Knative's
// docs/serving/samples/hello-world/helloworld-go) or autoscale (Knative's test/test_images/autoscale).
//
// Besides the app, for the gateway's tests (as src/test/java/io/qnative/testing/nodeagent/StandinApp.java):
// /_standin/concurrency ({"inFlight":n,"max":n,"requests":n} since start or the last ?reset=true, which
// answers the values before the reset; not counted itself, nor is /_standin/env), /_standin/headers (the
// request as the container saw it) and QNATIVE_STANDIN_DELAY_MS (every counted request waits that long,
// in flight meanwhile).
package main

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// counts is /_standin/concurrency's state: requests in flight, the most at once, how many arrived.
type counts struct {
	mu       sync.Mutex
	inFlight int64
	max      int64
	requests int64
}

func (c *counts) enter() {
	c.mu.Lock()
	c.inFlight++
	c.requests++
	if c.inFlight > c.max {
		c.max = c.inFlight
	}
	c.mu.Unlock()
}

func (c *counts) leave() {
	c.mu.Lock()
	c.inFlight--
	c.mu.Unlock()
}

func (c *counts) report(reset bool) map[string]int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	r := map[string]int64{"inFlight": c.inFlight, "max": c.max, "requests": c.requests}
	if reset {
		c.max = c.inFlight
		c.requests = 0
	}
	return r
}

// headersReport is /_standin/headers: the request as the container saw it.
func headersReport(w http.ResponseWriter, r *http.Request) {
	headers := map[string][]string{}
	for name, values := range r.Header {
		headers[strings.ToLower(name)] = values
	}
	local := ""
	if addr, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr); ok {
		if host, _, err := net.SplitHostPort(addr.String()); err == nil {
			local = host
		}
	}
	remote, _, _ := net.SplitHostPort(r.RemoteAddr)
	version := "HTTP_1_1"
	if r.ProtoMajor == 1 && r.ProtoMinor == 0 {
		version = "HTTP_1_0"
	} else if r.ProtoMajor == 2 {
		version = "HTTP_2"
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]interface{}{"method": r.Method, "uri": r.RequestURI, "version": version,
		"authority": r.Host, "local": local, "remote": remote, "headers": headers})
}

// bloat keeps QNATIVE_STANDIN_BLOAT_ON_START_MB's allocation alive.
var bloat []byte

func envInt(name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		fmt.Fprintf(os.Stderr, "standin: %s=%q is not a number\n", name, v)
		os.Exit(2)
	}
	return n
}

func largestPrime(n int) int {
	if n < 2 {
		return 0
	}
	sieve := make([]bool, n+1)
	p := 0
	for i := 2; i <= n; i++ {
		if !sieve[i] {
			p = i
			for j := i * i; j <= n; j += i {
				sieve[j] = true
			}
		}
	}
	return p
}

func autoscale(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var out string
	num := func(k string) (int, bool) {
		v := q.Get(k)
		if v == "" {
			return 0, false
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			http.Error(w, fmt.Sprintf("invalid %s: %q", k, v), http.StatusBadRequest)
			panic(http.ErrAbortHandler)
		}
		return n, true
	}
	if ms, ok := num("sleep"); ok {
		time.Sleep(time.Duration(ms) * time.Millisecond)
		out += fmt.Sprintf("Slept for %d milliseconds.\n", ms)
	}
	if n, ok := num("prime"); ok {
		if n > 500000000 {
			http.Error(w, "prime must be <= 500000000", http.StatusBadRequest)
			return
		}
		out += fmt.Sprintf("The largest prime less than %d is %d.\n", n, largestPrime(n))
	}
	if mb, ok := num("bloat"); ok {
		b := make([]byte, mb*1024*1024)
		for i := 0; i < len(b); i += 4096 {
			b[i] = 1
		}
		out += fmt.Sprintf("Allocated %d Mb of memory.\n", mb)
	}
	fmt.Fprint(w, out)
}

func main() {
	if code := envInt("QNATIVE_STANDIN_CRASH_ON_START", -1); code >= 0 {
		time.Sleep(50 * time.Millisecond)
		fmt.Fprintf(os.Stderr, "standin: QNATIVE_STANDIN_CRASH_ON_START, exiting with %d\n", code)
		os.Exit(code)
	}
	if os.Getenv("QNATIVE_STANDIN_NEVER_READY") == "true" {
		fmt.Fprintln(os.Stderr, "standin: QNATIVE_STANDIN_NEVER_READY, never listening")
		select {}
	}
	if mb := envInt("QNATIVE_STANDIN_BLOAT_ON_START_MB", 0); mb > 0 {
		// Touch every page, so a memory limit below mb MiB gets the container OOM-killed at start.
		fmt.Fprintf(os.Stderr, "standin: QNATIVE_STANDIN_BLOAT_ON_START_MB, allocating %d MiB\n", mb)
		bloat = make([]byte, mb*1024*1024)
		for i := 0; i < len(bloat); i += 4096 {
			bloat[i] = 1
		}
	}
	time.Sleep(time.Duration(envInt("QNATIVE_STANDIN_STARTUP_DELAY_MS", 0)) * time.Millisecond)
	exitAfter := int64(envInt("QNATIVE_STANDIN_EXIT_AFTER_REQUESTS", 0))
	exitCode := envInt("QNATIVE_STANDIN_EXIT_CODE", 1)
	delay := time.Duration(envInt("QNATIVE_STANDIN_DELAY_MS", 0)) * time.Millisecond
	var served int64
	var load counts

	mux := http.NewServeMux()
	mux.HandleFunc("/_standin/headers", headersReport)
	mux.HandleFunc("/_standin/env", func(w http.ResponseWriter, r *http.Request) {
		env := map[string]string{}
		for _, kv := range os.Environ() {
			for i := 0; i < len(kv); i++ {
				if kv[i] == '=' {
					env[kv[:i]] = kv[i+1:]
					break
				}
			}
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(env)
	})
	app := os.Getenv("QNATIVE_STANDIN_APP")
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if app == "autoscale" {
			autoscale(w, r)
			return
		}
		target := os.Getenv("TARGET")
		if target == "" {
			target = "World"
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "Hello %s!\n", target)
	})
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/_standin/concurrency":
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(load.report(r.URL.Query().Get("reset") == "true"))
			return
		case "/_standin/env":
			mux.ServeHTTP(w, r)
			return
		}
		load.enter()
		defer load.leave()
		if delay > 0 {
			select {
			case <-time.After(delay):
			case <-r.Context().Done():
				return
			}
		}
		mux.ServeHTTP(w, r)
		if exitAfter > 0 && atomic.AddInt64(&served, 1) >= exitAfter {
			if f, ok := w.(http.Flusher); ok {
				f.Flush()
			}
			go func() {
				time.Sleep(20 * time.Millisecond)
				fmt.Fprintf(os.Stderr, "standin: served %d requests, exiting with %d\n", exitAfter, exitCode)
				os.Exit(exitCode)
			}()
		}
	})
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	ln, err := net.Listen("tcp", ":"+port)
	if err != nil {
		fmt.Fprintf(os.Stderr, "standin: %v\n", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "standin %q listening on :%s\n", app, port)
	if err := http.Serve(ln, handler); err != nil {
		fmt.Fprintf(os.Stderr, "standin: %v\n", err)
		os.Exit(1)
	}
}
