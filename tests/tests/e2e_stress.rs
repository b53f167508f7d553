//! Reliability under load, end to end: the test-only `stress` plugin
//! (`tests/plugins/stress`) makes 100,000 awaited async calls, 10,000
//! subscribe/drop cycles, 10,000 dropped (aborted) requests and 10,000
//! concurrent requests in the simulated host, against loopback servers of
//! this file that count what they see themselves.
//!
//! * Memory: the wasm linear memory (pages, read by the plugin) must stay
//!   at its warmed-up size, exactly; the JS heap (`process.memoryUsage()`
//!   after `global.gc()`, node run with `--expose-gc`) within
//!   [`HEAP_TOLERANCE`] of its warmed-up size. The heap is read by a small
//!   driver on wx-host's library ([`DRIVER`]) that empties the host's trace
//!   before each reading: the trace keeps a record of every wx call by
//!   design (~330 bytes each, 33 MB over 100,000 calls), which the run
//!   report's own `heapUsed` includes.
//! * Pending work: the run report's `pending` counts what the host still
//!   holds for the plugin at the end (callbacks, tasks).
//! * Load: every concurrent request comes back once with its own body, and
//!   the server never sees more than WeChat's 10 at a time (the host
//!   simulates the limit; the plugin does not know of it).

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use wx_tests::e2e::{MODES, e2e_dir, plugin_at, result_of, run_host, traced, workspace};

/// How much the JS heap may grow over a warmed-up run and still count as
/// "the same size": the readings of one warmed-up run wander by up to
/// ~350 KB from call to call (V8 keeps some pages, code and feedback
/// vectors come and go), so 1 MiB is above the noise; a leak of one JS
/// object per async call (a closure, a promise: 30+ bytes) over 100,000
/// calls is 3 MB or more, and one per subscription (a callback and its
/// wasm-bindgen closure: 100+ bytes) over 10,000 cycles 1 MB or more.
const HEAP_TOLERANCE: i64 = 1 << 20;

/// The stress plugin packaged in `mode`.
fn stress(mode: &str) -> std::path::PathBuf {
    plugin_at(&workspace().join("tests/plugins/stress"), mode)
}

/// The wasm2js output runs the same code as JS, slower: its async-call,
/// dropped- and concurrent-request runs are a tenth of the size, to keep
/// the file's time down (100,000 async calls there take 7 s and leave the
/// heap at warm too, measured).
fn scaled(mode: &str, n: u64) -> u64 {
    if mode == "wasm" { n } else { n / 10 }
}

/// Drives the plugin through wx-host's library (argv: the library's folder,
/// the allowlist file, the plugin folder, the base, the calls as JSON
/// `[[export, args], ...]`). After each call it waits for the host to settle,
/// empties the trace (the host's record of every wx call, kept by design),
/// garbage-collects twice and reads the heap. Prints one JSON object: the
/// calls' results and heap readings, what the host still holds at the end,
/// and the errors it caught outside calls.
const DRIVER: &str = r#"
const [lib, allowlistFile, dir, baseVersion, plan] = process.argv.slice(1);
const { createHost } = require(lib);
(async () => {
  const allowlist = JSON.parse(require('fs').readFileSync(allowlistFile, 'utf8'));
  const host = createHost({ allowlist, baseVersion, settleTimeout: 120000 });
  const exports = await host.load(dir);
  const calls = [];
  for (const [name, args] of JSON.parse(plan)) {
    const started = Date.now();
    const result = await exports[name](...host.realm.toRealm(args));
    await host.settle();
    const traced = host.trace.length;
    host.trace.length = 0;
    global.gc();
    global.gc();
    calls.push({ export: name, args, result: JSON.parse(JSON.stringify(result)), traced,
      heapUsed: process.memoryUsage().heapUsed, ms: Date.now() - started });
  }
  const pending = host.held();
  const errors = host.errors;
  host.dispose();
  console.log(JSON.stringify({ calls, pending, errors }));
})().catch((e) => { console.error(e); process.exit(1); });
"#;

/// Runs [`DRIVER`] with `node --expose-gc` and returns its report.
fn heap_run(dir: &std::path::Path, base: &str, calls: &[(&str, Value)]) -> Value {
    let allowlist = e2e_dir().join("stress-allowlist.json");
    std::fs::create_dir_all(e2e_dir()).unwrap();
    std::fs::write(&allowlist, wx_allowlist::json_listing()).unwrap();
    let plan = Value::Array(calls.iter().map(|(name, args)| json!([name, args])).collect());
    let output = Command::new("node")
        .args(["--expose-gc", "-e", DRIVER])
        .arg(workspace().join("wx-host/src"))
        .arg(&allowlist)
        .arg(dir)
        .arg(base)
        .arg(plan.to_string())
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "the heap driver failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_str(&stdout).expect("the driver prints JSON");
    assert_eq!(report["errors"], json!([]), "errors outside calls: {report:#}");
    report
}

/// The heap reading after the `i`th call of a [`heap_run`].
fn heap(report: &Value, i: usize) -> i64 {
    report["calls"][i]["heapUsed"].as_i64().expect("a heap reading")
}

/// Asserts the heap after call `after` is at most [`HEAP_TOLERANCE`] above
/// the warmed-up reading after call `warm`, and prints both.
fn assert_heap_at_warm(report: &Value, warm: usize, after: usize, what: &str) {
    let (w, a) = (heap(report, warm), heap(report, after));
    eprintln!(
        "{what}: heap {w} B warm, {a} B after ({:+} B); {} ms",
        a - w,
        report["calls"][after]["ms"]
    );
    assert!(
        a - w <= HEAP_TOLERANCE,
        "{what}: the JS heap grew by {} B (warm {w} B, after {a} B): {report:#}",
        a - w
    );
}

#[test]
fn a_hundred_thousand_async_calls_leave_memory_and_heap_at_warm() {
    for (mode, base) in MODES {
        let (warm_n, n) = (scaled(mode, 1000), scaled(mode, 100_000));
        let dir = stress(mode);
        let started = Instant::now();
        let report = heap_run(
            &dir,
            base,
            &[
                ("async_calls", json!([warm_n])),
                ("async_calls", json!([warm_n])),
                ("async_calls", json!([n])),
            ],
        );
        let calls = &report["calls"];
        for (i, expected) in [warm_n, warm_n, n].into_iter().enumerate() {
            assert_eq!(
                calls[i]["result"]["found"], expected,
                "{mode}: call {i} read every value back"
            );
        }
        // One setStorageSync, then one getStorage per call (the first
        // reading also has the plugin's loading).
        assert_eq!(calls[2]["traced"], n + 1, "{mode}: the wx calls of {n} async calls");
        let pages = &calls[1]["result"]["pages"];
        eprintln!("{mode}: {pages} wasm pages warm; {:?} in all", started.elapsed());
        assert_eq!(
            &calls[2]["result"]["pages"], pages,
            "{mode}: wasm memory grew over {n} calls"
        );
        assert_heap_at_warm(&report, 1, 2, &format!("{mode}: {n} async calls"));
        assert_eq!(report["pending"]["callbacks"], 0, "{mode}: {report:#}");
    }
}

#[test]
fn ten_thousand_subscriptions_leave_memory_and_heap_at_warm() {
    for (mode, base) in MODES {
        // Cheap enough in both modes at full size.
        let n = 10_000;
        let report = heap_run(
            &stress(mode),
            base,
            &[
                ("churn", json!([1000])),
                ("churn", json!([1000])),
                ("churn", json!([n])),
            ],
        );
        let calls = &report["calls"];
        // Where off* exists (2.9.3 on), WeChat holds nothing afterwards;
        // where it does not, the one callback every subscriber reuses.
        let held = if base == "1.9.6" { 1 } else { 0 };
        for i in 0..3 {
            assert_eq!(calls[i]["result"]["callbacks"], held, "{mode}: call {i}");
            assert_eq!(calls[i]["result"]["subscribers"], 0, "{mode}: call {i}");
        }
        assert_eq!(
            calls[2]["result"]["pages"], calls[1]["result"]["pages"],
            "{mode}: wasm memory grew over {n} subscribe/drop cycles"
        );
        assert_heap_at_warm(&report, 1, 2, &format!("{mode}: {n} subscribe/drop cycles"));
        assert_eq!(report["pending"]["listeners"], held, "{mode}: {report:#}");
    }
}

/// A loopback HTTP server that accepts connections and never answers, until
/// dropped (or a minute has passed: it stops by itself). Counts the
/// connections it accepted.
struct SilentServer {
    url: String,
    stop: Arc<AtomicBool>,
    accepted: Option<std::thread::JoinHandle<usize>>,
}

impl SilentServer {
    fn start() -> SilentServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}/silent", listener.local_addr().unwrap());
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let accepted = std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(60);
            let mut held = Vec::new();
            while !flag.load(Ordering::Relaxed) && Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => held.push(stream),
                    Err(_) => std::thread::sleep(Duration::from_millis(2)),
                }
            }
            held.len()
        });
        SilentServer {
            url,
            stop,
            accepted: Some(accepted),
        }
    }

    /// Stops it; answers how many connections it accepted.
    fn stop(&mut self) -> usize {
        self.stop.store(true, Ordering::Relaxed);
        self.accepted.take().map_or(0, |t| t.join().unwrap())
    }
}

impl Drop for SilentServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
    }
}

#[test]
fn ten_thousand_dropped_requests_leave_nothing_pending() {
    for (mode, base) in MODES {
        let mut server = SilentServer::start();
        // Each round starts n tasks in one go and drops them; their answers
        // (fail: abort) free what they held once they arrive, after the
        // export returned. The first round warms the memory up to that
        // peak; the second must not grow it.
        let n = scaled(mode, 10_000);
        let round = format!(r#"dropped_requests=["{}", {n}]"#, server.url);
        let dir = stress(mode);
        let started = Instant::now();
        let report = run_host(&dir, base, &["--call", &round, "--call", &round, "--timeout", "60000"]);
        let elapsed = started.elapsed();
        let warm_pages = &result_of(&report, "dropped_requests", 0)["pages"];
        let pages = &result_of(&report, "dropped_requests", 1)["pages"];
        eprintln!(
            "{mode}: 2 × {n} dropped requests in {elapsed:?}; {warm_pages} → {pages} pages; \
             pending {}",
            report["pending"]
        );
        assert_eq!(
            pages, warm_pages,
            "{mode}: wasm memory grew over a second {n} dropped requests"
        );
        let pending = &report["pending"];
        assert_eq!(pending["callbacks"], 0, "{mode}: callbacks still held: {pending}");
        assert_eq!(pending["tasks"], 0, "{mode}: tasks still held: {pending}");
        assert_eq!(pending["listeners"], 0, "{mode}: listeners still held: {pending}");
        // Every request was aborted, and none was answered (the server never answers).
        let total = 2 * n as usize;
        assert_eq!(traced(&report, "RequestTask.abort").len(), total, "{mode}");
        let requests = traced(&report, "request");
        assert_eq!(requests.len(), total, "{mode}");
        let not_aborted: Vec<_> = requests
            .iter()
            .filter(|r| r["errMsg"] != "request:fail abort")
            .take(3)
            .collect();
        assert!(not_aborted.is_empty(), "{mode}: not aborted: {not_aborted:#?}");
        // The JS heap too, read with the trace emptied (see the module docs).
        let args = json!([server.url, n]);
        let report = heap_run(
            &dir,
            base,
            &[
                ("dropped_requests", args.clone()),
                ("dropped_requests", args.clone()),
                ("dropped_requests", args),
            ],
        );
        assert_heap_at_warm(&report, 1, 2, &format!("{mode}: {n} dropped requests"));
        assert_eq!(report["pending"]["callbacks"], 0, "{mode}: {report:#}");
        assert_eq!(report["pending"]["tasks"], 0, "{mode}: {report:#}");
        let accepted = server.stop();
        eprintln!("{mode}: the silent server accepted {accepted} connections");
    }
}

/// What the counting server saw.
#[derive(Default)]
struct Seen {
    /// How many times each id in `0..n` was asked for.
    asked: Vec<u32>,
    /// Requests for anything else (the path they asked for).
    strays: Vec<String>,
    in_flight: usize,
    max_in_flight: usize,
    answered: usize,
    /// Counts the times `in_flight` reached the limit the server waits for.
    batch: u64,
}

/// A loopback HTTP server for `n` requests of `/count?id=<i>`, `i` in
/// `0..n`: it answers each (over kept-alive connections) with the JSON
/// `{"id": <i>}`, counting how many it holds at once itself. It holds each
/// request until `limit` are held (then answers them all) or 50 ms have
/// passed, so that a client sending `limit` at a time is seen at `limit`
/// however slow it is, and one sending more is seen above it. It stops by
/// itself once it has answered `n` requests (or after two minutes) and
/// sends what it saw on the returned channel.
fn counting_server(n: usize, limit: usize) -> (String, mpsc::Receiver<Seen>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}/count", listener.local_addr().unwrap());
    let seen = Arc::new((
        Mutex::new(Seen {
            asked: vec![0; n],
            ..Seen::default()
        }),
        Condvar::new(),
    ));
    let (send, receive) = mpsc::channel();
    std::thread::spawn(move || {
        let deadline = Instant::now() + Duration::from_secs(120);
        while seen.0.lock().unwrap().answered < n && Instant::now() < deadline {
            match listener.accept() {
                Ok((stream, _)) => {
                    let seen = Arc::clone(&seen);
                    std::thread::spawn(move || serve(stream, &seen, limit));
                }
                Err(_) => std::thread::sleep(Duration::from_millis(1)),
            }
        }
        drop(listener);
        let seen = std::mem::take(&mut *seen.0.lock().unwrap());
        let _ = send.send(seen);
    });
    (url, receive)
}

/// Answers the requests of one connection until the client closes it.
fn serve(stream: TcpStream, seen: &(Mutex<Seen>, Condvar), limit: usize) {
    let (seen, batches) = seen;
    stream.set_nonblocking(false).unwrap();
    let _ = stream.set_read_timeout(Some(Duration::from_secs(120)));
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut stream = stream;
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
            return;
        }
        // GETs: the headers, then nothing.
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                break;
            }
        }
        let path = request_line.split_whitespace().nth(1).unwrap_or("").to_string();
        let id = path.strip_prefix("/count?id=").and_then(|i| i.parse::<usize>().ok());
        let mut held = seen.lock().unwrap();
        held.in_flight += 1;
        held.max_in_flight = held.max_in_flight.max(held.in_flight);
        match id {
            Some(i) if i < held.asked.len() => held.asked[i] += 1,
            _ => held.strays.push(path.clone()),
        }
        let batch = held.batch;
        if held.in_flight >= limit {
            held.batch += 1;
            batches.notify_all();
        } else {
            held = batches
                .wait_timeout_while(held, Duration::from_millis(50), |s| s.batch == batch)
                .unwrap()
                .0;
        }
        // No longer held before the answer goes: the client may ask the next at once.
        held.in_flight -= 1;
        held.answered += 1;
        drop(held);
        let body = match id {
            Some(i) => json!({ "id": i }).to_string(),
            None => "{}".to_string(),
        };
        let answer = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        if stream.write_all(answer.as_bytes()).is_err() {
            return;
        }
    }
}

/// Runs `concurrent_requests` of `n` against a [`counting_server`] waiting
/// for `limit` at once, with the host's `extra` arguments, and asserts that
/// every request came back once with its own body, the server saw each id
/// once, never more than `limit` at once, and stopped by itself.
fn concurrent(mode: &str, base: &str, n: usize, limit: usize, extra: &[&str]) {
    let dir = stress(mode);
    let (url, seen) = counting_server(n, limit);
    let call = format!(r#"concurrent_requests=["{url}", {n}]"#);
    let started = Instant::now();
    let mut args = vec!["--call", &call, "--timeout", "120000"];
    args.extend_from_slice(extra);
    let report = run_host(&dir, base, &args);
    let elapsed = started.elapsed();
    // The server stops by itself once it has answered n requests.
    let seen = seen
        .recv_timeout(Duration::from_secs(10))
        .expect("the server stops by itself after n answers");
    let result = result_of(&report, "concurrent_requests", 0);
    eprintln!(
        "{mode}: {n} concurrent requests in {elapsed:?}; the server held at most {} at once \
         (limit {limit}); {} pages; pending {}",
        seen.max_in_flight, result["pages"], report["pending"]
    );
    // The server's own count: each id asked for exactly once, nothing else.
    assert!(
        seen.strays.is_empty(),
        "{mode}: strays {:?}",
        &seen.strays[..seen.strays.len().min(5)]
    );
    let not_once: Vec<(usize, u32)> = (seen.asked.iter().copied().enumerate())
        .filter(|&(_, times)| times != 1)
        .take(10)
        .collect();
    assert!(
        not_once.is_empty(),
        "{mode}: ids the server did not see once (id, times): {not_once:?}"
    );
    assert_eq!(seen.answered, n, "{mode}");
    // The platform's limit, simulated by the host: never more at once, and reached.
    assert_eq!(seen.max_in_flight, limit, "{mode}: requests the server held at once");
    // The plugin's side: every response, with its own body, once.
    assert_eq!(result["wrong"], json!([]), "{mode}");
    let ids: Vec<u64> = result["ids"]
        .as_array()
        .expect("ids")
        .iter()
        .map(|id| id.as_u64().expect("an id"))
        .collect();
    assert_eq!(ids.len(), n, "{mode}: responses the plugin got");
    let distinct: BTreeSet<u64> = ids.iter().copied().collect();
    assert_eq!(distinct.len(), n, "{mode}: duplicated responses");
    assert_eq!(distinct, (0..n as u64).collect(), "{mode}: the ids the test chose");
    let pending = &report["pending"];
    assert_eq!(pending["callbacks"], 0, "{mode}: {pending}");
    assert_eq!(pending["tasks"], 0, "{mode}: {pending}");
}

#[test]
fn ten_thousand_concurrent_requests_all_come_back_once_ten_at_a_time() {
    for (mode, base) in MODES {
        // WeChat's limit, which the host simulates by default.
        concurrent(mode, base, scaled(mode, 10_000) as usize, 10, &[]);
    }
}

#[test]
fn the_host_limit_is_the_scenarios() {
    // Another limit from the scenario: the server sees that one.
    let scenario = e2e_dir().join("stress-three-requests.json");
    std::fs::create_dir_all(e2e_dir()).unwrap();
    std::fs::write(
        &scenario,
        json!({ "network": { "maxConcurrentRequests": 3 } }).to_string(),
    )
    .unwrap();
    let (mode, base) = MODES[0];
    concurrent(mode, base, 1000, 3, &["--scenario", scenario.to_str().unwrap()]);
}
