//! The server's connection time limits, on a real socket (issue 9: 200
//! half-sent requests stayed open past a minute).

use std::{net::SocketAddr, time::Duration};

use guichet_core::{db::Engine, testing::TestApp};
use guichet_web::server::{Timeouts, serve};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::{TcpListener, TcpStream},
    sync::oneshot,
    task::JoinHandle,
};

use crate::support::router;

/// The server on `127.0.0.1:0` with these limits (in seconds), and how to
/// stop it.
async fn start(app: &TestApp, header_read: u64, idle: u64) -> (SocketAddr, Stop) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let timeouts = Timeouts {
        header_read: Duration::from_secs(header_read),
        idle: Duration::from_secs(idle),
    };
    let (tx, rx) = oneshot::channel::<()>();
    let server = tokio::spawn(serve(listener, router(app), timeouts, async {
        let _ = rx.await;
    }));
    (addr, Stop { tx, server })
}

struct Stop {
    tx: oneshot::Sender<()>,
    server: JoinHandle<()>,
}

impl Stop {
    /// Stop the server; it must return once its connections have ended.
    async fn now(self) {
        let _ = self.tx.send(());
        tokio::time::timeout(Duration::from_secs(10), self.server)
            .await
            .expect("the server stops")
            .unwrap();
    }
}

/// Wait (up to a generous bound) for the server to close the connection.
async fn closed_by_server(stream: &mut TcpStream) -> bool {
    let mut buf = [0u8; 1024];
    let wait = async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    };
    tokio::time::timeout(Duration::from_secs(15), wait)
        .await
        .is_ok()
}

/// Read one answer to `GET /healthz` (short, with a Content-Length).
async fn read_answer(stream: &mut TcpStream) -> String {
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    while !String::from_utf8_lossy(&seen).ends_with("\r\n\r\nok") {
        let n = stream.read(&mut buf).await.unwrap();
        assert!(
            n > 0,
            "closed before the answer: {}",
            String::from_utf8_lossy(&seen)
        );
        seen.extend_from_slice(&buf[..n]);
    }
    String::from_utf8(seen).unwrap()
}

const HEALTHZ: &[u8] = b"GET /healthz HTTP/1.1\r\nHost: guichet.test\r\n\r\n";

// security: connection time limits (issue 9)
/// Half a request line, then silence: dropped after the header time.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_half_sent_request_is_dropped_after_the_header_time() {
    let app = TestApp::new(Engine::Sqlite).await.unwrap();
    let (addr, stop) = start(&app, 1, 60).await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream.write_all(b"GET /healthz HT").await.unwrap();
    assert!(closed_by_server(&mut stream).await, "still open");
    stop.now().await;
}

// security: connection time limits (issue 9)
/// A keep-alive connection with nothing in flight is closed after the
/// idle time; so is one that never sends a byte.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_connection_is_closed_after_the_idle_time() {
    let app = TestApp::new(Engine::Sqlite).await.unwrap();
    let (addr, stop) = start(&app, 60, 1).await;
    let mut kept = TcpStream::connect(addr).await.unwrap();
    kept.write_all(HEALTHZ).await.unwrap();
    assert!(read_answer(&mut kept).await.starts_with("HTTP/1.1 200"));
    let mut silent = TcpStream::connect(addr).await.unwrap();
    assert!(closed_by_server(&mut kept).await, "keep-alive still open");
    assert!(closed_by_server(&mut silent).await, "silent still open");
    stop.now().await;
}

// security: connection time limits (issue 9)
/// Requests sent in time are answered, several on one connection, and the
/// server stops gracefully.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_in_time_are_answered_on_a_kept_connection() {
    let app = TestApp::new(Engine::Sqlite).await.unwrap();
    let (addr, stop) = start(&app, 2, 3).await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    for _ in 0..3 {
        stream.write_all(HEALTHZ).await.unwrap();
        let answer = read_answer(&mut stream).await;
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(answer.contains("content-security-policy"), "{answer}");
        // Less than either limit between requests: the connection stays.
        tokio::time::sleep(Duration::from_millis(1500)).await;
    }
    stop.now().await;
    assert!(closed_by_server(&mut stream).await);
}
