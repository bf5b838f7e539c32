//! Browser tests: Debian's chromium driven through chromedriver (fantoccini)
//! against the real server on `127.0.0.1:0`. The helpers here — `Server`,
//! `Browser` — are meant for every console capability's browser test.
//!
//! Without chromium and chromedriver the tests are skipped loudly; with
//! `GUICHET_TEST_REQUIRE_BROWSER=1` (CI) their absence fails instead.

use std::{
    net::SocketAddr,
    path::PathBuf,
    process::{Child, Command, Stdio},
    sync::Arc,
    time::{Duration, Instant},
};

use fantoccini::{Client, ClientBuilder, Locator};
use guichet_core::{db::Engine, testing::TestApp};
use serde_json::json;

pub const REQUIRE_BROWSER_VAR: &str = "GUICHET_TEST_REQUIRE_BROWSER";
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// How long to wait for a page to show what a test expects.
const PATIENCE: Duration = Duration::from_secs(10);

/// Where screenshots go: `<workspace>/target/screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots")
}

/// The real application, served over TCP on a free local port.
pub struct Server {
    pub app: Arc<TestApp>,
    pub addr: SocketAddr,
    task: tokio::task::JoinHandle<()>,
}

impl Server {
    pub async fn start(engine: Engine) -> Option<Server> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let app = Arc::new(TestApp::new(engine).await?);
        Some(Self::serve(app, listener))
    }

    /// The server `guichet serve` is by default for payments: the sandbox
    /// gateway mounted on it, reached over HTTP at its own address (the
    /// public URL), posting its signed notifications back to it. The
    /// clock is set to the real time, since the sandbox signs its
    /// notifications with it (the replay window, BIL-3).
    pub async fn start_with_sandbox(engine: Engine) -> Option<Server> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let app = TestApp::with_config(engine, |c| {
            c.public_url = format!("http://{addr}");
            c.payments.gateway = "sandbox".into();
            c.payments.sandbox.mount = true;
        })
        .await?;
        app.clock.set(jiff::Timestamp::now());
        Some(Self::serve(Arc::new(app), listener))
    }

    fn serve(app: Arc<TestApp>, listener: tokio::net::TcpListener) -> Server {
        let router = guichet_web::router(guichet_web::AppState::new(app.ctx.clone()));
        let addr = listener.local_addr().unwrap();
        // The server `guichet serve` runs, with its connection limits.
        let timeouts = guichet_web::server::Timeouts {
            header_read: std::time::Duration::from_secs(10),
            idle: std::time::Duration::from_secs(75),
        };
        let task = tokio::spawn(guichet_web::server::serve(
            listener,
            router,
            timeouts,
            std::future::pending(),
        ));
        Server { app, addr, task }
    }

    /// The absolute URL of a path on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A chromedriver of our own, in its own process group so that it and the
/// browsers it started can be ended together, even when a test panics.
struct ChromeDriver {
    child: Child,
    port: u16,
}

impl ChromeDriver {
    async fn start(path: &str) -> ChromeDriver {
        use std::os::unix::process::CommandExt;
        let port = {
            let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            probe.local_addr().unwrap().port()
        };
        let child = Command::new(path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("starting {path}: {e}"));
        let driver = ChromeDriver { child, port };
        let deadline = Instant::now() + PATIENCE;
        while tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_err()
        {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not listen on {port}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        driver
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        // The whole group: chromedriver and the chromium it launched.
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A headless chromium session with a fresh profile.
pub struct Browser {
    pub client: Client,
    // Dropped in this order: the session's browser, then the profile.
    _driver: ChromeDriver,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// None (after a loud message) when chromium or chromedriver is not
    /// installed and the browser is not required.
    pub async fn start() -> Option<Browser> {
        let missing: Vec<&str> = [CHROMIUM, CHROMEDRIVER]
            .into_iter()
            .filter(|p| !std::path::Path::new(p).exists())
            .collect();
        if !missing.is_empty() {
            if std::env::var(REQUIRE_BROWSER_VAR).as_deref() == Ok("1") {
                panic!("{REQUIRE_BROWSER_VAR}=1 but {missing:?} is not installed");
            }
            guichet_core::testing::skip(
                "browser tests need chromium and chromedriver (apt-get install chromium chromium-driver)",
            );
            return None;
        }
        let driver = ChromeDriver::start(CHROMEDRIVER).await;
        let profile = tempfile::tempdir().unwrap();
        let capabilities = json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                "args": [
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
            },
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            unreachable!("an object literal")
        };
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .unwrap_or_else(|e| panic!("starting a chromium session: {e}"));
        Some(Browser {
            client,
            _driver: driver,
            _profile: profile,
        })
    }

    pub async fn open(&self, server: &Server, path: &str) {
        self.client.goto(&server.url(path)).await.unwrap();
    }

    /// The element with `data-testid="<id>"`, waited for.
    pub async fn by_test_id(&self, id: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(&format!(r#"[data-testid="{id}"]"#)))
            .await
            .unwrap_or_else(|e| panic!("no element data-testid={id}: {e}"))
    }

    pub async fn text_of(&self, id: &str) -> String {
        self.by_test_id(id).await.text().await.unwrap()
    }

    /// Wait until the element's text is `expected` (pages load after a
    /// click), failing with what it was instead.
    pub async fn wait_for_text(&self, id: &str, expected: &str) {
        let deadline = Instant::now() + PATIENCE;
        loop {
            // The old page may go away between finding and reading.
            let text = match self
                .client
                .find(Locator::Css(&format!(r#"[data-testid="{id}"]"#)))
                .await
            {
                Ok(e) => e.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if text == expected {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "data-testid={id} shows {text:?}, expected {expected:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Type into the input with this CSS selector.
    pub async fn type_into(&self, css: &str, text: &str) {
        let field = self.client.find(Locator::Css(css)).await.unwrap();
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    pub async fn click_test_id(&self, id: &str) {
        self.by_test_id(id).await.click().await.unwrap();
    }

    /// Run a script and return its value.
    pub async fn eval(&self, script: &str) -> serde_json::Value {
        self.client.execute(script, Vec::new()).await.unwrap()
    }

    /// Save a PNG of the viewport as `target/screenshots/<name>.png`.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let png = self.client.screenshot().await.unwrap();
        let dir = screenshot_dir();
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        std::fs::write(&path, png).unwrap();
        eprintln!("screenshot: {}", path.display());
        path
    }

    /// The page fits the viewport's width: nothing to scroll sideways.
    pub async fn assert_no_horizontal_scroll(&self) {
        let widths = self
            .eval("return [document.documentElement.scrollWidth, window.innerWidth];")
            .await;
        assert!(
            widths[0].as_u64() <= widths[1].as_u64(),
            "the page is wider than the window: {widths}"
        );
    }

    /// End the session (chromium quits); dropping the browser without this
    /// kills the processes instead.
    pub async fn close(self) {
        self.client.clone().close().await.unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_speaks_the_language_the_visitor_picks() {
    let Some(browser) = Browser::start().await else {
        return;
    };
    let server = Server::start(Engine::Sqlite).await.unwrap();

    browser.open(&server, "/").await;
    assert_eq!(
        browser.text_of("page-title").await,
        "Welcome to your customer centre"
    );
    assert_eq!(
        browser.eval("return document.documentElement.lang;").await,
        "en"
    );

    browser
        .by_test_id("language-select")
        .await
        .select_by_value("fr")
        .await
        .unwrap();
    browser
        .by_test_id("language-submit")
        .await
        .click()
        .await
        .unwrap();
    browser
        .wait_for_text("page-title", "Bienvenue dans votre espace client")
        .await;
    assert_eq!(
        browser.eval("return document.documentElement.lang;").await,
        "fr"
    );
    assert_eq!(browser.client.current_url().await.unwrap().path(), "/");
    // security: the Content-Security-Policy lets our stylesheet in (issue 9)
    // (app.css lays the body out as a flex column; unstyled it is a block).
    assert_eq!(
        browser
            .eval("return getComputedStyle(document.body).display;")
            .await,
        "flex"
    );
    browser.assert_no_horizontal_scroll().await;
    browser.screenshot("console-home-fr").await;

    // The choice is remembered (the cookie), also on other pages.
    browser.open(&server, "/no-such-page").await;
    browser
        .wait_for_text("page-title", "Page introuvable")
        .await;

    // On a phone: one column, nothing to scroll sideways.
    browser.client.set_window_size(390, 844).await.unwrap();
    browser.open(&server, "/").await;
    browser
        .wait_for_text("page-title", "Bienvenue dans votre espace client")
        .await;
    assert_eq!(browser.eval("return window.innerWidth;").await, 390);
    browser.assert_no_horizontal_scroll().await;
    browser.screenshot("console-home-fr-phone").await;

    browser.close().await;
    server.app.check_invariants().await;
}

/// Where the top bar's visible entries sit: how many, how far their
/// middles are apart vertically (one row: a few pixels), the bar's height,
/// and the right edge of the rightmost one.
const BAR_LAYOUT: &str = r#"
    const bar = document.querySelector('[data-testid="topbar"]');
    const shown = [...bar.querySelectorAll('.brand, .orgswitch summary, .menu-toggle, .mainnav a, .who, .account button, .signin-link, .topbar-end .button')]
        .filter(e => e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden');
    const boxes = shown.map(e => e.getBoundingClientRect());
    const middles = boxes.map(r => (r.top + r.bottom) / 2);
    return {
        count: shown.length,
        spread: Math.max(...middles) - Math.min(...middles),
        height: bar.getBoundingClientRect().height,
        right: Math.max(...boxes.map(r => r.right)),
        nav_shown: [...bar.querySelectorAll('.mainnav a')].filter(e => e.offsetParent !== null).length,
        toggle_shown: bar.querySelector('.menu-toggle').offsetParent !== null,
    };
"#;

impl Browser {
    async fn bar_layout(&self) -> serde_json::Value {
        self.eval(BAR_LAYOUT).await
    }

    /// The language switch sits in the page's footer, in smaller type than
    /// the page's text.
    async fn assert_language_switch_is_discreet(&self) {
        let v = self
            .eval(
                r#"const s = document.querySelector('[data-testid="language-select"]');
                   return [s.closest('footer') !== null,
                           parseFloat(getComputedStyle(s).fontSize) < parseFloat(getComputedStyle(document.body).fontSize)];"#,
            )
            .await;
        assert_eq!(
            v,
            json!([true, true]),
            "in the footer, smaller than the text"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bar_is_one_calm_row_on_a_desk_and_folds_into_a_menu_on_a_phone() {
    // issue 10: the bar wrapped to two rows at 1280 px and had no phone menu
    const EMAIL: &str = "ada.lovelace@example.test";
    const PASSWORD: &str = "correct horse battery staple";
    let Some(browser) = Browser::start().await else {
        return;
    };
    let server = Server::start(Engine::Sqlite).await.unwrap();
    guichet_core::accounts::create_user(&server.app.ctx, EMAIL, PASSWORD, true)
        .await
        .unwrap();

    // Signed out, on a desk.
    browser.client.set_window_size(1280, 900).await.unwrap();
    browser.open(&server, "/").await;
    browser
        .wait_for_text("page-title", "Welcome to your customer centre")
        .await;
    let bar = browser.bar_layout().await;
    assert!(bar["spread"].as_f64().unwrap() < 8.0, "one row: {bar}");
    assert_eq!(bar["toggle_shown"], false, "{bar}");
    browser.assert_language_switch_is_discreet().await;

    // Signed in, in German (the longest words), from the footer's switch.
    browser.open(&server, "/signin").await;
    browser.type_into("#email", EMAIL).await;
    browser.type_into("#password", PASSWORD).await;
    browser.click_test_id("signin-submit").await;
    browser
        .wait_for_text("page-title", "Welcome to your customer centre")
        .await;
    browser
        .by_test_id("language-select")
        .await
        .select_by_value("de")
        .await
        .unwrap();
    browser.click_test_id("language-submit").await;
    browser
        .wait_for_text("page-title", "Willkommen in Ihrem Kundencenter")
        .await;
    let bar = browser.bar_layout().await;
    // Brand, switcher, four links, the name and the sign-out button.
    assert_eq!(bar["count"], 8, "{bar}");
    assert!(
        bar["spread"].as_f64().unwrap() < 8.0,
        "one row at 1280 px: {bar}"
    );
    assert!(bar["height"].as_f64().unwrap() < 72.0, "{bar}");
    assert!(bar["right"].as_f64().unwrap() <= 1280.0, "{bar}");
    browser.assert_language_switch_is_discreet().await;
    browser.assert_no_horizontal_scroll().await;
    browser.screenshot("shell-bar-de-1280").await;

    // On a phone: brand, switcher and the menu button in one row; the
    // links behind the button.
    browser.client.set_window_size(375, 800).await.unwrap();
    browser.open(&server, "/").await;
    browser
        .wait_for_text("page-title", "Willkommen in Ihrem Kundencenter")
        .await;
    assert_eq!(browser.eval("return window.innerWidth;").await, 375);
    let bar = browser.bar_layout().await;
    assert_eq!(bar["toggle_shown"], true, "{bar}");
    assert_eq!(bar["nav_shown"], 0, "the links are folded: {bar}");
    assert!(bar["spread"].as_f64().unwrap() < 8.0, "one row: {bar}");
    browser.assert_no_horizontal_scroll().await;
    browser.screenshot("shell-bar-de-375").await;

    let toggle = browser.by_test_id("menu-toggle").await;
    assert_eq!(
        toggle.attr("aria-expanded").await.unwrap().as_deref(),
        Some("false")
    );
    toggle.click().await.unwrap();
    assert_eq!(
        toggle.attr("aria-expanded").await.unwrap().as_deref(),
        Some("true")
    );
    let bar = browser.bar_layout().await;
    assert_eq!(bar["nav_shown"], 4, "the menu is open: {bar}");
    browser.assert_no_horizontal_scroll().await;
    browser.screenshot("shell-menu-de-375").await;
    browser.click_test_id("nav-tokens").await;
    browser.wait_for_text("page-title", "API-Tokens").await;
    assert_eq!(
        browser.client.current_url().await.unwrap().path(),
        "/profile/tokens"
    );
    // The menu is closed again on the new page; the switcher still there.
    let bar = browser.bar_layout().await;
    assert_eq!(bar["nav_shown"], 0, "{bar}");
    browser.by_test_id("org-switcher-toggle").await;
    browser.assert_no_horizontal_scroll().await;

    // The reference of the API, on a phone too.
    browser.open(&server, "/api/docs").await;
    browser.by_test_id("api-docs").await;
    browser.assert_no_horizontal_scroll().await;
    browser.screenshot("shell-api-docs-375").await;

    browser.close().await;
    server.app.check_invariants().await;
}
