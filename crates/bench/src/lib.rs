//! What the bench binaries share: a context on the bench's database, and
//! a customer whose organisation is billed in francs, made through the
//! services as a real one is.

use std::sync::Arc;

use guichet_core::{
    Ctx,
    access::Actor,
    accounts,
    clock::{Clock, SystemClock},
    config::Config,
    db::{Db, PoolSettings},
    ids::OrgId,
    orgs::{self, OrgInput, address::AddressInput},
    security::{self, SignInOutcome},
};

/// Every bench user's password.
pub const PASSWORD: &str = "bench-password-1234";

/// A core error as anyhow's.
pub fn fail(e: guichet_core::Error) -> anyhow::Error {
    anyhow::anyhow!("{e:?}")
}

/// The services on `url` (migrated), with the real clock.
pub async fn context(url: &str, data_dir: &str) -> anyhow::Result<Ctx> {
    let config = Config {
        data_dir: data_dir.into(),
        ..Config::default()
    };
    let db = Db::connect(url, &PoolSettings::default())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    db.migrate().await.map_err(|e| anyhow::anyhow!("{e}"))?;
    Ctx::new(config, db, Arc::new(SystemClock) as Arc<dyn Clock>).map_err(anyhow::Error::msg)
}

/// A signed-in user `email` and an organisation `name` of theirs with a
/// Swiss billing address (so invoiced in CHF, with a QR-bill).
pub async fn billed_org(ctx: &Ctx, email: &str, name: &str) -> anyhow::Result<(Actor, OrgId)> {
    accounts::create_user(ctx, email, PASSWORD, true)
        .await
        .map_err(fail)?;
    let meta = accounts::RequestMeta::new("127.0.0.1", "bench");
    let SignInOutcome::SignedIn(s) = security::sign_in(ctx, email, PASSWORD, &meta)
        .await
        .map_err(fail)?
    else {
        anyhow::bail!("sign-in asked for a second factor");
    };
    let actor = security::authenticate_session(ctx, &s.token)
        .await
        .map_err(fail)?
        .actor(&meta);
    let org = orgs::create_org(
        ctx,
        &actor,
        OrgInput {
            name: Some(name.into()),
            ..OrgInput::default()
        },
    )
    .await
    .map_err(fail)?
    .id;
    let address = AddressInput {
        name: name.into(),
        street: "Rue du Lac".into(),
        building_number: "12".into(),
        postcode: "1003".into(),
        town: "Lausanne".into(),
        country: "CH".into(),
    };
    orgs::save_address(ctx, &actor, &org, None, &address, true)
        .await
        .map_err(fail)?;
    Ok((actor, org))
}

/// What a timed run measured: how many calls, in how long, and the
/// latencies sorted.
pub struct Measured {
    pub took: Vec<std::time::Duration>,
    pub elapsed: f64,
}

impl Measured {
    /// Calls per second.
    pub fn rate(&self) -> f64 {
        self.took.len() as f64 / self.elapsed
    }

    /// The `p` quantile of one call, in milliseconds.
    pub fn ms(&self, p: f64) -> f64 {
        let i = ((self.took.len() as f64 * p) as usize).min(self.took.len().saturating_sub(1));
        self.took.get(i).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    }
}

/// Call `call` from `concurrency` tasks at once until `seconds` have
/// passed, timing each call.
pub async fn run_for<F, Fut>(seconds: u64, concurrency: usize, call: F) -> anyhow::Result<Measured>
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = anyhow::Result<()>> + Send,
{
    use std::time::{Duration, Instant};
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..concurrency {
        let call = call.clone();
        tasks.push(tokio::spawn(async move {
            let mut took = Vec::new();
            while Instant::now() < deadline {
                let t = Instant::now();
                call().await?;
                took.push(t.elapsed());
            }
            anyhow::Ok(took)
        }));
    }
    let mut took = Vec::new();
    for t in tasks {
        took.extend(t.await??);
    }
    took.sort();
    Ok(Measured {
        took,
        elapsed: started.elapsed().as_secs_f64(),
    })
}
