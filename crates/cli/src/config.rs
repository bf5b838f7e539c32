//! Loading the configuration: defaults, then `guichet.toml`, then `GUICHET_*`
//! variables, then flags. Unknown keys are errors that name the key.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use figment::{
    Figment,
    providers::{Env, Format, Toml},
};
use guichet_core::config::{Config, LogFormat};

pub struct Overrides {
    pub database_url: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub log_format: Option<String>,
    pub listen: Option<String>,
}

pub fn load(file: &Path, o: &Overrides) -> anyhow::Result<Config> {
    let mut fig = Figment::new();
    if file.exists() {
        fig = fig.merge(Toml::file_exact(file));
    } else if file != Path::new("guichet.toml") {
        anyhow::bail!("the configuration file {} does not exist", file.display());
    }
    // GUICHET_TEST_* belong to the test suites and GUICHET_CONFIG to the
    // flag above; they are not configuration keys.
    fig = fig.merge(
        Env::prefixed("GUICHET_")
            .ignore(&["config"])
            .filter(|k| is_configuration_key(k.as_str()))
            .split("__"),
    );
    if let Some(v) = &o.database_url {
        fig = fig.merge(("database_url", v));
    }
    if let Some(v) = &o.data_dir {
        fig = fig.merge(("data_dir", v));
    }
    if let Some(v) = &o.log_format {
        fig = fig.merge(("log.format", v));
    }
    if let Some(v) = &o.listen {
        fig = fig.merge(("listen", v));
    }
    let cfg: Config = fig.extract().context("invalid configuration")?;
    cfg.validate().map_err(anyhow::Error::msg)?;
    Ok(cfg)
}

/// `GUICHET_TEST_*` variables belong to the test suites.
fn is_configuration_key(key: &str) -> bool {
    !key.to_ascii_lowercase().starts_with("test_")
}

pub fn init_tracing(cfg: &Config) {
    use tracing_subscriber::{EnvFilter, fmt};
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(&cfg.log.filter));
    let builder = fmt().with_env_filter(filter).with_writer(std::io::stderr);
    let _ = match cfg.log.format {
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

/// `postgres://user:secret@host:5432/db` → `postgres://host:5432/db`.
pub fn describe_url(url: &str) -> String {
    // Credentials hide in the user part (`user:pw@`) and in the query
    // (`?password=`); a string that is not a URL at all may hold one
    // anywhere. What is shown is the scheme, the host and the path: enough
    // to tell which database, nothing that opens it.
    let without_query = url.split(['?', '#']).next().unwrap_or_default();
    match without_query.split_once("://") {
        Some((scheme, rest)) => {
            let host_and_path = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
            format!("{scheme}://{host_and_path}")
        }
        // `sqlite:guichet.db` names a file and has no credentials.
        None if url.starts_with("sqlite:") && !without_query.contains('@') => {
            without_query.to_string()
        }
        None => {
            let scheme = url.split(':').next().unwrap_or_default();
            format!("{scheme}:… (not shown: not a URL Guichet can take apart)")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_not_shown() {
        assert_eq!(
            describe_url("postgres://u:hunter2@db:5432/g"),
            "postgres://db:5432/g"
        );
        assert_eq!(describe_url("sqlite://./x.db"), "sqlite://./x.db");
        assert_eq!(
            describe_url("sqlite:guichet.db?mode=rwc"),
            "sqlite:guichet.db"
        );
        // Issue 9: a failing --database-url printed its password.
        for (url, shown) in [
            ("postgres://db/g?user=u&password=hunter2", "postgres://db/g"),
            ("postgres://u:hun@ter2@db/g", "postgres://db/g"),
            ("postgres://u:hunter2@db/g#hunter2", "postgres://db/g"),
            (
                "postgres:u:hunter2@db",
                "postgres:… (not shown: not a URL Guichet can take apart)",
            ),
            (
                "u:hunter2@db",
                "u:… (not shown: not a URL Guichet can take apart)",
            ),
        ] {
            assert_eq!(describe_url(url), shown, "{url}");
            assert!(!describe_url(url).contains("hunter2"), "{url}");
        }
    }

    #[test]
    fn unknown_keys_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("g.toml");
        std::fs::write(&f, "listen = \"127.0.0.1:1\"\ncolour = \"blue\"\n").unwrap();
        let none = Overrides {
            database_url: None,
            data_dir: None,
            log_format: None,
            listen: None,
        };
        let err = format!("{:#}", load(&f, &none).unwrap_err());
        assert!(err.contains("colour"), "{err}");
        std::fs::write(&f, "[mail]\ntransprot = \"smtp\"\n").unwrap();
        let err = format!("{:#}", load(&f, &none).unwrap_err());
        assert!(err.contains("transprot"), "{err}");
    }

    #[test]
    fn the_example_file_is_valid_and_matches_the_defaults() {
        let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../guichet.example.toml");
        let none = Overrides {
            database_url: None,
            data_dir: None,
            log_format: None,
            listen: None,
        };
        let c = load(&example, &none).unwrap();
        let d = Config::default();
        assert_eq!(
            format!("{c:?}"),
            format!("{d:?}"),
            "guichet.example.toml documents other values than the defaults"
        );
    }

    // proves: OPS-4
    #[test]
    fn the_metrics_token_is_read_and_never_shown() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("g.toml");
        std::fs::write(&f, "[http]\nmetrics_token = \"s3cret-metrics-token-42\"\n").unwrap();
        let none = Overrides {
            database_url: None,
            data_dir: None,
            log_format: None,
            listen: None,
        };
        let c = load(&f, &none).unwrap();
        assert!(c.http.metrics_token.is_some());
        // `show-config` prints the Debug form.
        assert!(!format!("{c:#?}").contains("s3cret"));
        std::fs::write(&f, "[http]\nmetrics_token = \"short\"\n").unwrap();
        assert!(load(&f, &none).is_err(), "a guessable token is refused");
    }

    #[test]
    fn the_test_suites_variables_are_not_configuration() {
        // CI exports GUICHET_TEST_POSTGRES_URL and friends; the binary must
        // start anyway. Figment hands the keys over upper-case.
        assert!(!is_configuration_key("TEST_POSTGRES_URL"));
        assert!(!is_configuration_key("test_require_browser"));
        assert!(is_configuration_key("DATABASE_URL"));
        assert!(is_configuration_key("MAIL__SMTP__HOST"));
    }

    #[test]
    fn flags_override_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("g.toml");
        std::fs::write(&f, "listen = \"127.0.0.1:1\"\n[jobs]\ntick_secs = 5\n").unwrap();
        let o = Overrides {
            database_url: None,
            data_dir: None,
            log_format: Some("json".into()),
            listen: Some("0.0.0.0:9".into()),
        };
        let c = load(&f, &o).unwrap();
        assert_eq!(c.listen, "0.0.0.0:9");
        assert_eq!(c.jobs.tick_secs, 5);
        assert_eq!(c.log.format, LogFormat::Json);
    }
}
