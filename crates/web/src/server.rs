//! The HTTP server of `guichet serve`: an accept loop on hyper's HTTP/1.1
//! connections, with time limits on the connection itself (issue 9: 200
//! half-sent requests stayed open past a minute). HTTP/1.1 only, as
//! `axum::serve` was here: a proxy in front speaks HTTP/2 to browsers.
//!
//! - A request's head (request line and headers) must arrive within
//!   `header_read` of its first byte, else the connection is dropped.
//! - A connection with no request in flight for `idle` is closed
//!   gracefully (a keep-alive connection, or one that never sent a byte).
//!
//! hyper's own `header_read_timeout` (1.12) starts its clock when the
//! connection begins to wait for a request, so it would close idle
//! keep-alive connections after the header time, below a load balancer's
//! keep-alive. So the clocks are kept here, per connection, from the bytes
//! read and the requests served; hyper's is only a backstop
//! (`header_read + idle`).

use std::{
    future::Future,
    io,
    net::SocketAddr,
    pin::Pin,
    sync::{Arc, Mutex, PoisonError},
    task::{Context, Poll},
    time::Duration,
};

use axum::{Router, extract::ConnectInfo, http::Request};
use hyper::{body::Incoming, server::conn::http1::Builder};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::{
    io::{AsyncRead, AsyncWrite, ReadBuf},
    net::{TcpListener, TcpStream},
    sync::{Notify, watch},
    time::Instant,
};
use tower::ServiceExt;

/// The connection time limits (`http.header_read_timeout_secs`,
/// `http.idle_timeout_secs`).
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    pub header_read: Duration,
    pub idle: Duration,
}

/// Serve `router` on `listener` until `shutdown` completes, then stop
/// accepting, let every connection finish its requests, and return.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    timeouts: Timeouts,
    shutdown: impl Future<Output = ()>,
) {
    let mut builder = Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(timeouts.header_read + timeouts.idle);
    let (stop, stopping) = watch::channel(false);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of file descriptors, mostly: wait a little
                    // rather than spin.
                    tracing::warn!(error = %e, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let connection = Connection {
            builder: builder.clone(),
            router: router.clone(),
            timeouts,
            stopping: stopping.clone(),
        };
        tokio::spawn(connection.run(stream, peer));
    }
    drop(stopping);
    let _ = stop.send(true);
    // Every connection holds a receiver: closed means all have ended.
    stop.closed().await;
}

struct Connection {
    builder: Builder,
    router: Router,
    timeouts: Timeouts,
    stopping: watch::Receiver<bool>,
}

/// How a connection's clock ran out.
enum Expired {
    /// Half a request head: dropped, it deserves no grace.
    Head,
    /// Nothing in flight: closed gracefully.
    Idle,
}

impl Connection {
    async fn run(mut self, stream: TcpStream, peer: SocketAddr) {
        let activity = Arc::new(Activity::new());
        let io = TokioIo::new(Watched {
            inner: stream,
            activity: activity.clone(),
        });
        let router = self.router.clone();
        let seen = activity.clone();
        let service = hyper::service::service_fn(move |mut req: Request<Incoming>| {
            req.extensions_mut().insert(ConnectInfo(peer));
            let in_flight = InFlight::start(&seen);
            let answer = router.clone().oneshot(req);
            async move {
                let res = answer.await;
                drop(in_flight);
                res
            }
        });
        let conn = self.builder.serve_connection(io, service);
        tokio::pin!(conn);
        let mut closing = false;
        loop {
            tokio::select! {
                done = conn.as_mut() => {
                    if let Err(e) = done {
                        tracing::debug!(error = %e, %peer, "connection ended with an error");
                    }
                    return;
                }
                _ = self.stopping.wait_for(|stop| *stop), if !closing => {
                    conn.as_mut().graceful_shutdown();
                    closing = true;
                }
                expired = activity.expiry(self.timeouts), if !closing => match expired {
                    Expired::Head => {
                        tracing::debug!(%peer, "request head not sent in time: connection dropped");
                        return;
                    }
                    Expired::Idle => {
                        conn.as_mut().graceful_shutdown();
                        closing = true;
                    }
                },
            }
        }
    }
}

/// Where a connection stands, for its clocks.
#[derive(Debug, Clone, Copy)]
enum Phase {
    /// No request in flight, none begun, since then.
    Idle(Instant),
    /// A request's first bytes came at this instant; its head is not
    /// complete (no request handed to the router yet).
    Head(Instant),
    /// A request is being answered (HTTP/1.1: one at a time).
    Busy,
}

/// A connection's phase, and a wake-up for its clock when it changes.
struct Activity {
    phase: Mutex<Phase>,
    changed: Notify,
}

impl Activity {
    fn new() -> Self {
        Self {
            phase: Mutex::new(Phase::Idle(Instant::now())),
            changed: Notify::new(),
        }
    }

    fn update(&self, next: impl FnOnce(Phase) -> Phase) {
        // A panic while holding the lock cannot leave a half-written Phase.
        let mut p = self.phase.lock().unwrap_or_else(PoisonError::into_inner);
        *p = next(*p);
        drop(p);
        self.changed.notify_one();
    }

    fn current(&self) -> Phase {
        *self.phase.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Completes when the current clock runs out; a change of phase
    /// restarts the reckoning.
    async fn expiry(&self, timeouts: Timeouts) -> Expired {
        loop {
            let (deadline, kind) = match self.current() {
                Phase::Idle(since) => (since + timeouts.idle, Expired::Idle),
                Phase::Head(since) => (since + timeouts.header_read, Expired::Head),
                // Answering: the request's own time limit is the router's.
                Phase::Busy => {
                    self.changed.notified().await;
                    continue;
                }
            };
            tokio::select! {
                () = tokio::time::sleep_until(deadline) => return kind,
                () = self.changed.notified() => {}
            }
        }
    }
}

/// A request being answered: the connection is busy until it is dropped.
struct InFlight(Arc<Activity>);

impl InFlight {
    fn start(activity: &Arc<Activity>) -> Self {
        activity.update(|_| Phase::Busy);
        Self(activity.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.update(|_| Phase::Idle(Instant::now()));
    }
}

/// The socket, noting when an idle connection starts sending a request.
struct Watched {
    inner: TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before && matches!(self.activity.current(), Phase::Idle(_)) {
            self.activity.update(|p| match p {
                Phase::Idle(_) => Phase::Head(Instant::now()),
                other => other,
            });
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
