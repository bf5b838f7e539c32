//! Password hashing (ACC-1): Argon2id with OWASP's parameters (19 MiB, 2
//! passes, 1 lane), on the blocking pool and never more at once than the
//! configured number, so hashing never blocks the request workers nor
//! exhausts memory under a burst of sign-ins.

use std::sync::{Arc, LazyLock};

use argon2::{
    Algorithm, Argon2, Params, PasswordHash, PasswordHasher, PasswordVerifier, Version,
    password_hash::SaltString,
};
use tokio::sync::Semaphore;

use crate::error::{Error, Result};

/// OWASP Password Storage Cheat Sheet: m = 19 MiB, t = 2, p = 1.
pub const MEMORY_KIB: u32 = 19 * 1024;
pub const ITERATIONS: u32 = 2;
pub const LANES: u32 = 1;

fn argon2() -> Result<Argon2<'static>> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, LANES, None)
        .map_err(|e| Error::internal(format!("argon2 params: {e}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Limits concurrent hashes. Sized once from the configuration.
#[derive(Debug, Clone)]
pub struct Hasher {
    permits: Arc<Semaphore>,
}

/// A hash of a password nobody has, verified when the address is unknown so
/// that sign-in takes as long whether or not the account exists.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    argon2()
        .ok()
        .and_then(|a| {
            a.hash_password(b"no account has this password", &salt)
                .ok()
                .map(|h| h.to_string())
        })
        .unwrap_or_default()
});

impl Hasher {
    pub fn new(concurrency: usize) -> Self {
        Self {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
        }
    }

    async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| Error::internal("hasher closed"))?;
        tokio::task::spawn_blocking(f)
            .await
            .map_err(|e| Error::internal(format!("hashing task: {e}")))?
    }

    pub async fn hash(&self, password: &str) -> Result<String> {
        let password = password.to_string();
        self.run(move || {
            let salt = SaltString::generate(&mut rand::rngs::OsRng);
            argon2()?
                .hash_password(password.as_bytes(), &salt)
                .map(|h| h.to_string())
                .map_err(|e| Error::internal(format!("hashing: {e}")))
        })
        .await
    }

    /// Does `password` match `hash`? With `None` (unknown account) a dummy
    /// hash is checked, taking the same time, and the answer is false.
    pub async fn verify(&self, password: &str, hash: Option<&str>) -> Result<bool> {
        let password = password.to_string();
        let hash = hash.map(str::to_string);
        self.run(move || {
            // The dummy hash is computed on first use: here, on the blocking
            // pool, not on the request worker that asked.
            let (hash, real) = match &hash {
                Some(h) => (h.as_str(), true),
                None => (DUMMY_HASH.as_str(), false),
            };
            let parsed = PasswordHash::new(hash)
                .map_err(|e| Error::internal(format!("stored hash: {e}")))?;
            // Verify with the parameters in the stored hash, so that hashes
            // made with older parameters keep working.
            let ok = Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok();
            Ok(ok && real)
        })
        .await
    }
}
