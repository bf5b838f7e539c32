//! The catalogue's types, and the reading of its TOML text into them
//! (CAT-1). The format and the rules are in the module doc (`mod.rs`).
//!
//! Reading walks the parsed TOML table by table instead of deserialising
//! into `#[serde(deny_unknown_fields)]` structs: serde stops at the first
//! mistake, and a provider fixing a catalogue wants every mistake at once.
//! Each table's keys are taken one by one; whatever is left is unknown and
//! reported, every one of them, so the effect of `deny_unknown_fields` is
//! kept without its stop.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};
use toml::Value;

use crate::billing::vat::VatClass;
use crate::i18n::Lang;
use crate::money::{Currency, Money, MoneyError};

/// The longest catalogue text read (1 MiB): hundreds of plans fit in a
/// tenth of it.
pub const MAX_TEXT_BYTES: usize = 1 << 20;
/// The most plans a catalogue holds, domains included.
pub const MAX_PLANS: usize = 500;
/// The longest period a price is given for: ten years.
pub const MAX_PERIOD_MONTHS: u32 = 120;
/// The longest a domain can be registered or renewed for at once.
pub const MAX_DOMAIN_YEARS: u32 = 10;
/// A plan's name, in characters, in each language.
pub const NAME_MAX_CHARS: usize = 80;
/// A plan's description, in characters, in each language.
pub const DESCRIPTION_MAX_CHARS: usize = 500;
/// A plan id's length, in characters (`[a-z0-9-]`).
pub const ID_MIN_CHARS: usize = 2;
pub const ID_MAX_CHARS: usize = 40;
/// The longest DNS label: a TLD's ASCII form (punycode, `xn--` included).
const TLD_MAX_ASCII: usize = 63;
/// Ids of the plans made from `[[domain]]` tables start with this; a
/// `[[plan]]` may not, so the two never collide.
const DOMAIN_ID_PREFIX: &str = "domain-";

/// The demo catalogue shipped in the binary, so that a fresh installation
/// has something to order.
const DEMO: &str = include_str!("demo.toml");

/// What a plan sells.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ProductKind {
    Domain,
    WebHosting,
    Mail,
    Suite,
    Drive,
    Chat,
    Nas,
    PremiumSupport,
}

impl ProductKind {
    pub const ALL: [ProductKind; 8] = [
        ProductKind::Domain,
        ProductKind::WebHosting,
        ProductKind::Mail,
        ProductKind::Suite,
        ProductKind::Drive,
        ProductKind::Chat,
        ProductKind::Nas,
        ProductKind::PremiumSupport,
    ];

    /// The name in the catalogue, the API and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ProductKind::Domain => "domain",
            ProductKind::WebHosting => "web_hosting",
            ProductKind::Mail => "mail",
            ProductKind::Suite => "suite",
            ProductKind::Drive => "drive",
            ProductKind::Chat => "chat",
            ProductKind::Nas => "nas",
            ProductKind::PremiumSupport => "premium_support",
        }
    }

    pub fn parse(name: &str) -> Option<ProductKind> {
        ProductKind::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// REN-4, CAT-1: the provider may renew the product itself, except a
    /// NAS device (hardware at the customer's, not a service it keeps up).
    pub fn can_have_renewal_warranty(self) -> bool {
        self != ProductKind::Nas
    }

    /// SUI-1: what a suite may contain.
    pub fn is_inside_suite_allowed(self) -> bool {
        matches!(
            self,
            ProductKind::Mail | ProductKind::Drive | ProductKind::Chat
        )
    }

    /// The unit a plan of this kind may be priced per, if any: mailboxes
    /// for mail, users (seats) for a suite, drive or chat, devices for NAS.
    pub fn quantity_unit(self) -> Option<QuantityUnit> {
        match self {
            ProductKind::Mail => Some(QuantityUnit::Mailbox),
            ProductKind::Suite | ProductKind::Drive | ProductKind::Chat => Some(QuantityUnit::User),
            ProductKind::Nas => Some(QuantityUnit::Device),
            ProductKind::Domain | ProductKind::WebHosting | ProductKind::PremiumSupport => None,
        }
    }
}

impl fmt::Display for ProductKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a priced-per-unit plan counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuantityUnit {
    Mailbox,
    User,
    Device,
}

impl QuantityUnit {
    pub const ALL: [QuantityUnit; 3] = [
        QuantityUnit::Mailbox,
        QuantityUnit::User,
        QuantityUnit::Device,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            QuantityUnit::Mailbox => "mailbox",
            QuantityUnit::User => "user",
            QuantityUnit::Device => "device",
        }
    }

    pub fn parse(name: &str) -> Option<QuantityUnit> {
        QuantityUnit::ALL.into_iter().find(|u| u.as_str() == name)
    }
}

/// How many units of a priced-per-unit plan one item may hold, both bounds
/// included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct QuantityRule {
    pub unit: QuantityUnit,
    pub min: u32,
    pub max: u32,
}

/// A price in each currency of the catalogue (all of them, by validation).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PriceSet(BTreeMap<Currency, Money>);

impl PriceSet {
    pub fn get(&self, currency: Currency) -> Option<Money> {
        self.0.get(&currency).copied()
    }

    /// The prices in currency order (CHF, EUR).
    pub fn iter(&self) -> impl Iterator<Item = Money> + '_ {
        self.0.values().copied()
    }
}

/// A text in each language Guichet speaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Localised {
    pub en: String,
    pub fr: String,
    pub de: String,
    pub it: String,
}

impl Localised {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Fr => &self.fr,
            Lang::De => &self.de,
            Lang::It => &self.it,
        }
    }

    fn from_fn(mut text: impl FnMut(Lang) -> String) -> Localised {
        Localised {
            en: text(Lang::En),
            fr: text(Lang::Fr),
            de: text(Lang::De),
            it: text(Lang::It),
        }
    }
}

/// A suite's storage (SUI-1): `min_gb` is included in the base price and
/// is the least one orders; more is bought in steps of `step_gb` up to
/// `max_gb`, each step above `min_gb` at `prices` per period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StorageRule {
    pub min_gb: u32,
    pub max_gb: u32,
    pub step_gb: u32,
    /// Months → the price of one step for that period.
    pub prices: BTreeMap<u32, PriceSet>,
}

/// One thing the catalogue sells. Made only by [`Catalogue::parse`], so a
/// plan in hand keeps the rules of the module doc: a price for each
/// currency of each period, a suite with storage, no warranty on a NAS…
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// `[a-z0-9-]`; a domain's is `domain-<tld>`, the TLD in punycode.
    pub id: String,
    pub kind: ProductKind,
    /// A domain plan's TLD, in Unicode, without the dot.
    pub tld: Option<String>,
    pub vat_class: VatClass,
    /// Whether renewal warranty (REN-4) may be switched on.
    pub renewal_warranty: bool,
    pub name: Localised,
    pub description: Localised,
    /// Absent: an item is one unit.
    pub quantity: Option<QuantityRule>,
    /// Months → the price of one unit for that period, before VAT. A
    /// domain's first order (registration).
    pub prices: BTreeMap<u32, PriceSet>,
    /// A domain's renewal prices, for the same periods; other plans renew
    /// at `prices`.
    pub renewal_prices: Option<BTreeMap<u32, PriceSet>>,
    /// A suite's storage.
    pub storage: Option<StorageRule>,
    /// A suite's contents (mail, drive, chat).
    pub includes: Vec<ProductKind>,
}

impl Plan {
    /// The periods, in months, this plan is sold for, shortest first.
    pub fn periods(&self) -> impl Iterator<Item = u32> + '_ {
        self.prices.keys().copied()
    }

    pub fn allows_period(&self, months: u32) -> bool {
        self.prices.contains_key(&months)
    }

    /// The plan as the public API shows it, named in `lang`.
    pub fn view(&self, lang: Lang) -> PlanView {
        PlanView {
            id: self.id.clone(),
            kind: self.kind,
            tld: self.tld.clone(),
            vat_class: self.vat_class,
            renewal_warranty: self.renewal_warranty,
            name: self.name.get(lang).to_owned(),
            description: self.description.get(lang).to_owned(),
            names: self.name.clone(),
            descriptions: self.description.clone(),
            quantity: self.quantity,
            prices: PeriodPrices::list(&self.prices),
            renewal_prices: self.renewal_prices.as_ref().map(PeriodPrices::list),
            storage: self.storage.as_ref().map(|s| StorageView {
                min_gb: s.min_gb,
                max_gb: s.max_gb,
                step_gb: s.step_gb,
                step_prices: PeriodPrices::list(&s.prices),
            }),
            includes: self.includes.clone(),
        }
    }
}

/// What the provider sells (CAT-1): every price is given in each of
/// `currencies`. Domains are plans of kind `domain`, listed first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    pub currencies: Vec<Currency>,
    pub plans: Vec<Plan>,
}

impl Catalogue {
    /// The catalogue `text` (TOML) describes, or every mistake it holds.
    pub fn parse(text: &str) -> Result<Catalogue, Vec<CatalogueError>> {
        if text.len() > MAX_TEXT_BYTES {
            return Err(vec![CatalogueError::new(
                "",
                format!("the catalogue is longer than {MAX_TEXT_BYTES} bytes"),
            )]);
        }
        let table = match toml::from_str::<toml::Table>(text) {
            Ok(table) => table,
            Err(e) => return Err(vec![syntax_error(text, &e)]),
        };
        let mut reader = Reader::default();
        let catalogue = reader.catalogue(&table);
        match catalogue {
            Some(catalogue) if reader.errors.is_empty() => Ok(catalogue),
            _ => Err(reader.errors),
        }
    }

    /// The demo catalogue's text (`demo.toml`): what the back office's
    /// editor starts from when neither a file nor a version is there.
    pub fn demo_text() -> &'static str {
        DEMO
    }

    /// The demo catalogue shipped in the binary (`demo.toml`).
    #[expect(
        clippy::expect_used,
        reason = "the demo is compiled in and a unit test proves it parses"
    )]
    pub fn demo() -> Catalogue {
        Catalogue::parse(DEMO).expect("the demo catalogue is valid")
    }

    pub fn plan(&self, id: &str) -> Option<&Plan> {
        self.plans.iter().find(|p| p.id == id)
    }

    /// The plan of a TLD, written in Unicode (`рф`) or in punycode
    /// (`xn--p1ai`), without the dot.
    pub fn domain_plan(&self, tld: &str) -> Option<&Plan> {
        self.plans.iter().find(|p| {
            p.kind == ProductKind::Domain
                && (p.tld.as_deref() == Some(tld)
                    || p.id.strip_prefix(DOMAIN_ID_PREFIX) == Some(tld))
        })
    }

    /// The catalogue as the public API shows it, named in `lang`.
    pub fn view(&self, lang: Lang) -> CatalogueView {
        CatalogueView {
            lang,
            currencies: self.currencies.clone(),
            plans: self.plans.iter().map(|p| p.view(lang)).collect(),
        }
    }
}

/// One mistake of a catalogue: where, and what, in plain English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogueError {
    /// The place: `plan[hosting-start].prices.12.EUR`, `domain[ch].years`,
    /// `plan[3].id` (an entry is named by its id or TLD when that is valid
    /// and the first of its name, else by its position from 0), `line 4,
    /// column 7` for a TOML syntax error, empty for the whole text.
    pub path: String,
    pub message: String,
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for CatalogueError {}

impl CatalogueError {
    fn new(path: impl Into<String>, message: impl Into<String>) -> CatalogueError {
        CatalogueError {
            path: path.into(),
            message: message.into(),
        }
    }
}

// ---------------------------------------------------------------------------
// Views for the public API.

/// The catalogue as `GET /api/1/catalog` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct CatalogueView {
    /// The language of each plan's `name` and `description`.
    pub lang: Lang,
    /// Every price is given in each of these.
    pub currencies: Vec<Currency>,
    pub plans: Vec<PlanView>,
}

/// One plan as the public API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PlanView {
    pub id: String,
    pub kind: ProductKind,
    /// A domain plan's TLD, in Unicode, without the dot.
    pub tld: Option<String>,
    pub vat_class: VatClass,
    /// Whether renewal warranty may be switched on for its products.
    pub renewal_warranty: bool,
    /// The name in the view's language.
    pub name: String,
    /// The description in the view's language.
    pub description: String,
    /// The name in every language.
    pub names: Localised,
    /// The description in every language.
    pub descriptions: Localised,
    /// Absent: an item is one unit.
    pub quantity: Option<QuantityRule>,
    /// The price of one unit per period, before VAT; for a domain, the
    /// first registration.
    pub prices: Vec<PeriodPrices>,
    /// A domain's renewal prices, per period, before VAT.
    pub renewal_prices: Option<Vec<PeriodPrices>>,
    /// A suite's storage.
    pub storage: Option<StorageView>,
    /// A suite's contents.
    pub includes: Vec<ProductKind>,
}

/// The prices of one period, one per currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PeriodPrices {
    pub months: u32,
    pub prices: Vec<Money>,
}

impl PeriodPrices {
    fn list(prices: &BTreeMap<u32, PriceSet>) -> Vec<PeriodPrices> {
        prices
            .iter()
            .map(|(&months, set)| PeriodPrices {
                months,
                prices: set.iter().collect(),
            })
            .collect()
    }
}

/// A suite's storage as the public API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct StorageView {
    /// Included in the base price, and the least one orders.
    pub min_gb: u32,
    pub max_gb: u32,
    pub step_gb: u32,
    /// The price of each step above `min_gb`, per period, before VAT.
    pub step_prices: Vec<PeriodPrices>,
}

// ---------------------------------------------------------------------------
// Reading.

/// A TOML syntax error, placed by line and column (from 1, in characters).
fn syntax_error(text: &str, e: &toml::de::Error) -> CatalogueError {
    let message = e.message().trim().replace('\n', "; ");
    let Some(start) = e.span().map(|s| s.start) else {
        return CatalogueError::new("", message);
    };
    let before = text.get(..start).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    CatalogueError::new(format!("line {line}, column {column}"), message)
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

fn list<T: fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    items
        .into_iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The keys of one table, taken one by one; `finish` reports the rest.
struct Keys<'v> {
    path: String,
    table: &'v toml::Table,
    taken: Vec<&'static str>,
}

impl<'v> Keys<'v> {
    fn take(&mut self, key: &'static str) -> Option<&'v Value> {
        self.taken.push(key);
        self.table.get(key)
    }

    fn path(&self, key: &str) -> String {
        join(&self.path, key)
    }

    fn finish(self, r: &mut Reader) {
        for key in self.table.keys() {
            if !self.taken.contains(&key.as_str()) {
                r.error(
                    join(&self.path, key),
                    format!("unknown key; expected one of: {}", self.taken.join(", ")),
                );
            }
        }
    }
}

/// The entries of `[[domain]]` or `[[plan]]`, each named for error paths.
struct Entries<'v> {
    values: &'v [Value],
    /// Per entry: its path (`plan[hosting-start]` or `plan[3]`), and the
    /// path of an earlier entry with the same name.
    names: Vec<(String, Option<String>)>,
}

impl<'v> Entries<'v> {
    /// `what` is `domain` or `plan`; `key` is the naming key (`tld`,
    /// `id`), used in paths when `valid` says so.
    fn new(values: &'v [Value], what: &str, key: &str, valid: impl Fn(&str) -> bool) -> Self {
        let mut first: HashMap<&str, usize> = HashMap::new();
        let names = values
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let name = v.get(key).and_then(Value::as_str).filter(|n| valid(n));
                match name {
                    Some(name) => match first.get(name) {
                        None => {
                            first.insert(name, i);
                            (format!("{what}[{name}]"), None)
                        }
                        Some(_) => (format!("{what}[{i}]"), Some(format!("{what}[{name}]"))),
                    },
                    None => (format!("{what}[{i}]"), None),
                }
            })
            .collect();
        Entries { values, names }
    }
}

#[derive(Default)]
struct Reader {
    errors: Vec<CatalogueError>,
}

impl Reader {
    fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(CatalogueError::new(path, message));
    }

    /// Reads with `read`, and keeps the answer only if it added no error:
    /// an entry with a mistake is never half-built.
    fn clean<T>(&mut self, read: impl FnOnce(&mut Reader) -> Option<T>) -> Option<T> {
        let before = self.errors.len();
        let value = read(self);
        value.filter(|_| self.errors.len() == before)
    }

    fn required<'v>(&mut self, keys: &mut Keys<'v>, key: &'static str) -> Option<&'v Value> {
        let value = keys.take(key);
        if value.is_none() {
            self.error(keys.path(key), "missing: this key is required");
        }
        value
    }

    fn table<'v>(&mut self, value: &'v Value, path: &str) -> Option<Keys<'v>> {
        match value {
            Value::Table(table) => Some(Keys {
                path: path.to_owned(),
                table,
                taken: Vec::new(),
            }),
            other => {
                self.error(
                    path,
                    format!("expected a table, found {}", other.type_str()),
                );
                None
            }
        }
    }

    fn array<'v>(&mut self, value: &'v Value, path: &str) -> Option<&'v [Value]> {
        match value {
            Value::Array(items) => Some(items),
            other => {
                self.error(
                    path,
                    format!("expected an array, found {}", other.type_str()),
                );
                None
            }
        }
    }

    fn string<'v>(&mut self, value: &'v Value, path: &str) -> Option<&'v str> {
        match value {
            Value::String(s) => Some(s),
            other => {
                self.error(
                    path,
                    format!("expected a string, found {}", other.type_str()),
                );
                None
            }
        }
    }

    fn boolean(&mut self, value: &Value, path: &str) -> Option<bool> {
        match value {
            Value::Boolean(b) => Some(*b),
            other => {
                self.error(
                    path,
                    format!("expected true or false, found {}", other.type_str()),
                );
                None
            }
        }
    }

    fn whole(&mut self, value: &Value, path: &str) -> Option<u32> {
        match value {
            Value::Integer(n) => match u32::try_from(*n) {
                Ok(n) => Some(n),
                Err(_) => {
                    self.error(path, format!("{n} is out of range: 0 to {}", u32::MAX));
                    None
                }
            },
            other => {
                self.error(
                    path,
                    format!("expected a whole number, found {}", other.type_str()),
                );
                None
            }
        }
    }

    fn catalogue(&mut self, root: &toml::Table) -> Option<Catalogue> {
        let mut keys = Keys {
            path: String::new(),
            table: root,
            taken: Vec::new(),
        };
        let currencies = self
            .required(&mut keys, "currencies")
            .and_then(|value| self.currencies(value));
        let domains = keys.take("domain");
        let plans = keys.take("plan");
        keys.finish(self);
        let domains = match domains {
            Some(value) => self.array(value, "domain").unwrap_or_default(),
            None => &[],
        };
        let plans = match plans {
            Some(value) => self.array(value, "plan").unwrap_or_default(),
            None => &[],
        };
        if domains.len() + plans.len() > MAX_PLANS {
            self.error(
                "",
                format!(
                    "{} domains and plans: a catalogue holds at most {MAX_PLANS}",
                    domains.len() + plans.len()
                ),
            );
            return None;
        }
        if domains.is_empty() && plans.is_empty() {
            self.error(
                "plan",
                "the catalogue sells nothing: add [[domain]] or [[plan]] tables",
            );
        }
        // Prices are checked against the currencies that are right, so
        // that a wrong one does not hide the other mistakes (and none
        // read: any known currency, without asking for each).
        let offered = currencies.clone().unwrap_or_default();
        let mut out = Vec::with_capacity(domains.len() + plans.len());
        let domain_entries = Entries::new(domains, "domain", "tld", |t| check_tld(t).is_ok());
        for (value, (path, duplicate)) in domain_entries.values.iter().zip(&domain_entries.names) {
            out.push(self.clean(|r| r.domain(value, path, duplicate.as_deref(), &offered)));
        }
        let plan_entries = Entries::new(plans, "plan", "id", |id| check_plan_id(id).is_ok());
        for (value, (path, duplicate)) in plan_entries.values.iter().zip(&plan_entries.names) {
            out.push(self.clean(|r| r.plan(value, path, duplicate.as_deref(), &offered)));
        }
        let plans = out.into_iter().collect::<Option<Vec<Plan>>>()?;
        Some(Catalogue {
            currencies: currencies?,
            plans,
        })
    }

    fn currencies(&mut self, value: &Value) -> Option<Vec<Currency>> {
        let items = self.array(value, "currencies")?;
        if items.is_empty() {
            self.error(
                "currencies",
                format!("empty: name at least one of {}", list(Currency::ALL)),
            );
        }
        let mut currencies = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("currencies[{i}]");
            let Some(code) = self.string(item, &path) else {
                continue;
            };
            match Currency::parse(code) {
                Some(c) if currencies.contains(&c) => self.error(path, "listed twice"),
                Some(c) => currencies.push(c),
                None => self.error(
                    path,
                    format!(
                        "unknown currency {code:?}; expected one of {}",
                        list(Currency::ALL)
                    ),
                ),
            }
        }
        Some(currencies)
    }

    fn domain(
        &mut self,
        value: &Value,
        path: &str,
        duplicate_of: Option<&str>,
        currencies: &[Currency],
    ) -> Option<Plan> {
        let mut keys = self.table(value, path)?;
        let tld = self.required(&mut keys, "tld").and_then(|v| {
            let tld = self.string(v, &keys.path("tld"))?;
            match check_tld(tld) {
                Ok(ascii) => Some((tld.to_owned(), ascii)),
                Err(message) => {
                    self.error(keys.path("tld"), message);
                    None
                }
            }
        });
        if let Some(earlier) = duplicate_of {
            self.error(keys.path("tld"), format!("{earlier} has this TLD already"));
        }
        let years = self.required(&mut keys, "years").and_then(|v| {
            let path = keys.path("years");
            self.clean(|r| r.years(v, &path))
        });
        let vat_class = self.vat_class(&mut keys);
        let renewal_warranty = self
            .required(&mut keys, "renewal_warranty")
            .and_then(|v| self.boolean(v, &keys.path("renewal_warranty")));
        let register = self.required(&mut keys, "register").and_then(|v| {
            let path = keys.path("register");
            self.clean(|r| r.price_set(v, &path, currencies))
        });
        let renew = self.required(&mut keys, "renew").and_then(|v| {
            let path = keys.path("renew");
            self.clean(|r| r.price_set(v, &path, currencies))
        });
        let name = keys.take("name").map(|v| {
            let path = keys.path("name");
            self.clean(|r| r.localised(v, &path, NAME_MAX_CHARS))
        });
        let description = keys.take("description").map(|v| {
            let path = keys.path("description");
            self.clean(|r| r.localised(v, &path, DESCRIPTION_MAX_CHARS))
        });
        let path_register = keys.path("register");
        let path_renew = keys.path("renew");
        keys.finish(self);

        let (tld, ascii) = tld?;
        let (min, max) = years?;
        let prices = self.per_year(&register?, min, max, &path_register)?;
        let renewal_prices = self.per_year(&renew?, min, max, &path_renew)?;
        let name = match name {
            Some(name) => name?,
            None => Localised::from_fn(|lang| {
                let word = match lang {
                    Lang::En => "Domain",
                    Lang::Fr => "Domaine",
                    Lang::De => "Domain",
                    Lang::It => "Dominio",
                };
                format!("{word} .{tld}")
            }),
        };
        let description = match description {
            Some(description) => description?,
            None => Localised::from_fn(|lang| match lang {
                Lang::En => format!("Your own domain name ending in .{tld}."),
                Lang::Fr => format!("Votre propre nom de domaine en .{tld}."),
                Lang::De => format!("Ihr eigener Domainname mit der Endung .{tld}."),
                Lang::It => format!("Il Suo nome di dominio con estensione .{tld}."),
            }),
        };
        Some(Plan {
            id: format!("{DOMAIN_ID_PREFIX}{ascii}"),
            kind: ProductKind::Domain,
            tld: Some(tld),
            vat_class: vat_class?,
            renewal_warranty: renewal_warranty?,
            name,
            description,
            quantity: None,
            prices,
            renewal_prices: Some(renewal_prices),
            storage: None,
            includes: Vec::new(),
        })
    }

    /// A domain's `years = { min, max }`.
    fn years(&mut self, value: &Value, path: &str) -> Option<(u32, u32)> {
        let mut keys = self.table(value, path)?;
        let min = self
            .required(&mut keys, "min")
            .and_then(|v| self.whole(v, &keys.path("min")));
        let max = self
            .required(&mut keys, "max")
            .and_then(|v| self.whole(v, &keys.path("max")));
        keys.finish(self);
        if min == Some(0) {
            self.error(join(path, "min"), "must be at least 1 year");
        }
        if max.is_some_and(|m| m > MAX_DOMAIN_YEARS) {
            self.error(
                join(path, "max"),
                format!("must be at most {MAX_DOMAIN_YEARS} years"),
            );
        }
        let (min, max) = (min?, max?);
        if min > max {
            self.error(path, format!("min ({min}) is more than max ({max})"));
        }
        Some((min, max))
    }

    /// A domain's periods from its price per year: 12·min to 12·max months.
    fn per_year(
        &mut self,
        per_year: &PriceSet,
        min: u32,
        max: u32,
        path: &str,
    ) -> Option<BTreeMap<u32, PriceSet>> {
        let mut prices = BTreeMap::new();
        for years in min..=max {
            let mut set = BTreeMap::new();
            for price in per_year.iter() {
                match price.checked_mul(i64::from(years)) {
                    Ok(total) => {
                        set.insert(price.currency, total);
                    }
                    Err(_) => {
                        self.error(
                            join(path, price.currency.code()),
                            format!("the price of {years} years is out of range"),
                        );
                        return None;
                    }
                }
            }
            prices.insert(12 * years, PriceSet(set));
        }
        Some(prices)
    }

    fn plan(
        &mut self,
        value: &Value,
        path: &str,
        duplicate_of: Option<&str>,
        currencies: &[Currency],
    ) -> Option<Plan> {
        let mut keys = self.table(value, path)?;
        let id = self.required(&mut keys, "id").and_then(|v| {
            let id = self.string(v, &keys.path("id"))?;
            match check_plan_id(id) {
                Ok(()) => Some(id.to_owned()),
                Err(message) => {
                    self.error(keys.path("id"), message);
                    None
                }
            }
        });
        if let Some(earlier) = duplicate_of {
            self.error(keys.path("id"), format!("{earlier} has this id already"));
        }
        let kind = self.required(&mut keys, "kind").and_then(|v| {
            let name = self.string(v, &keys.path("kind"))?;
            match ProductKind::parse(name) {
                Some(ProductKind::Domain) => {
                    self.error(keys.path("kind"), "declare domains in [[domain]] tables");
                    None
                }
                Some(kind) => Some(kind),
                None => {
                    let kinds = ProductKind::ALL
                        .into_iter()
                        .filter(|k| *k != ProductKind::Domain);
                    self.error(
                        keys.path("kind"),
                        format!("unknown kind {name:?}; expected one of: {}", list(kinds)),
                    );
                    None
                }
            }
        });
        let vat_class = self.vat_class(&mut keys);
        let renewal_warranty = self
            .required(&mut keys, "renewal_warranty")
            .and_then(|v| self.boolean(v, &keys.path("renewal_warranty")));
        if let (Some(kind), Some(true)) = (kind, renewal_warranty)
            && !kind.can_have_renewal_warranty()
        {
            self.error(
                keys.path("renewal_warranty"),
                format!("a {kind} plan cannot offer renewal warranty (REN-4): set it to false"),
            );
        }
        let name = self.required(&mut keys, "name").and_then(|v| {
            let path = keys.path("name");
            self.clean(|r| r.localised(v, &path, NAME_MAX_CHARS))
        });
        let description = self.required(&mut keys, "description").and_then(|v| {
            let path = keys.path("description");
            self.clean(|r| r.localised(v, &path, DESCRIPTION_MAX_CHARS))
        });
        let quantity = match keys.take("quantity") {
            Some(v) => {
                let path = keys.path("quantity");
                Some(self.clean(|r| r.quantity(v, &path, kind)))
            }
            None => {
                if kind == Some(ProductKind::Suite) {
                    self.error(
                        keys.path("quantity"),
                        "missing: a suite is priced per user (SUI-1)",
                    );
                }
                None
            }
        };
        let before = self.errors.len();
        let prices = self.required(&mut keys, "prices").and_then(|v| {
            let path = keys.path("prices");
            self.period_prices(v, &path, currencies)
        });
        let periods: Option<BTreeSet<u32>> = prices
            .as_ref()
            .map(|p| p.keys().copied().collect())
            .filter(|p: &BTreeSet<u32>| !p.is_empty());
        let prices = prices.filter(|_| self.errors.len() == before);
        let storage = match (keys.take("storage"), kind) {
            (Some(v), Some(ProductKind::Suite)) => {
                let path = keys.path("storage");
                let periods = periods.as_ref();
                Some(self.clean(|r| r.storage(v, &path, periods, currencies)))
            }
            (Some(_), _) => {
                if kind.is_some() {
                    self.error(keys.path("storage"), "only a suite has storage");
                }
                None
            }
            (None, Some(ProductKind::Suite)) => {
                self.error(
                    keys.path("storage"),
                    "missing: a suite has a storage size (SUI-1)",
                );
                None
            }
            (None, _) => None,
        };
        let includes = match (keys.take("includes"), kind) {
            (Some(v), Some(ProductKind::Suite)) => {
                let path = keys.path("includes");
                self.clean(|r| r.includes(v, &path))
            }
            (Some(_), _) => {
                if kind.is_some() {
                    self.error(
                        keys.path("includes"),
                        "only a suite includes other products",
                    );
                }
                None
            }
            (None, Some(ProductKind::Suite)) => {
                self.error(
                    keys.path("includes"),
                    "missing: name the kinds of products the suite contains",
                );
                None
            }
            (None, _) => None,
        };
        keys.finish(self);
        Some(Plan {
            id: id?,
            kind: kind?,
            tld: None,
            vat_class: vat_class?,
            renewal_warranty: renewal_warranty?,
            name: name?,
            description: description?,
            quantity: quantity.flatten(),
            prices: prices?,
            renewal_prices: None,
            storage: storage.flatten(),
            includes: includes.unwrap_or_default(),
        })
    }

    fn vat_class(&mut self, keys: &mut Keys<'_>) -> Option<VatClass> {
        let value = self.required(keys, "vat_class")?;
        let path = keys.path("vat_class");
        let name = self.string(value, &path)?;
        let class = VatClass::parse(name);
        if class.is_none() {
            self.error(
                path,
                format!(
                    "unknown VAT class {name:?}; expected one of: {}",
                    list(VatClass::ALL.map(VatClass::as_str))
                ),
            );
        }
        class
    }

    /// A text in each language, `1..=max_chars` characters on one line.
    fn localised(&mut self, value: &Value, path: &str, max_chars: usize) -> Option<Localised> {
        let mut keys = self.table(value, path)?;
        let mut texts = HashMap::new();
        for lang in Lang::ALL {
            let Some(v) = keys.take(lang.code()) else {
                self.error(
                    keys.path(lang.code()),
                    "missing: give the text in en, fr, de and it",
                );
                continue;
            };
            let path = keys.path(lang.code());
            let Some(text) = self.string(v, &path) else {
                continue;
            };
            let chars = text.chars().count();
            if text.trim().is_empty() {
                self.error(path, "empty");
            } else if chars > max_chars {
                self.error(path, format!("{chars} characters: at most {max_chars}"));
            } else if crate::text::has_control(text) {
                self.error(path, "holds control characters (line breaks, tabs…)");
            } else {
                texts.insert(lang, text.to_owned());
            }
        }
        keys.finish(self);
        let mut missing = false;
        let localised = Localised::from_fn(|lang| {
            texts.remove(&lang).unwrap_or_else(|| {
                missing = true;
                String::new()
            })
        });
        (!missing).then_some(localised)
    }

    fn quantity(
        &mut self,
        value: &Value,
        path: &str,
        kind: Option<ProductKind>,
    ) -> Option<QuantityRule> {
        let mut keys = self.table(value, path)?;
        let unit = self.required(&mut keys, "unit").and_then(|v| {
            let name = self.string(v, &keys.path("unit"))?;
            let unit = QuantityUnit::parse(name);
            if unit.is_none() {
                self.error(
                    keys.path("unit"),
                    format!(
                        "unknown unit {name:?}; expected one of: {}",
                        list(QuantityUnit::ALL.map(QuantityUnit::as_str))
                    ),
                );
            }
            unit
        });
        if let (Some(unit), Some(kind)) = (unit, kind) {
            match kind.quantity_unit() {
                Some(expected) if expected != unit => self.error(
                    keys.path("unit"),
                    format!("a {kind} plan is priced per {}", expected.as_str()),
                ),
                None => self.error(path, format!("a {kind} plan is not priced per unit")),
                _ => {}
            }
        }
        let min = self
            .required(&mut keys, "min")
            .and_then(|v| self.whole(v, &keys.path("min")));
        let max = self
            .required(&mut keys, "max")
            .and_then(|v| self.whole(v, &keys.path("max")));
        if min == Some(0) {
            self.error(keys.path("min"), "must be at least 1");
        }
        keys.finish(self);
        let (min, max) = (min?, max?);
        if min > max {
            self.error(path, format!("min ({min}) is more than max ({max})"));
        }
        Some(QuantityRule {
            unit: unit?,
            min,
            max,
        })
    }

    /// `{ <months> = <price set>, … }`: at least one period, each 1 to 120
    /// months.
    fn period_prices(
        &mut self,
        value: &Value,
        path: &str,
        currencies: &[Currency],
    ) -> Option<BTreeMap<u32, PriceSet>> {
        let Value::Table(table) = value else {
            self.error(
                path,
                format!("expected a table, found {}", value.type_str()),
            );
            return None;
        };
        if table.is_empty() {
            self.error(path, "no period: give the price of at least one period");
        }
        let mut prices = BTreeMap::new();
        for (key, value) in table {
            let path = join(path, key);
            let months = match parse_months(key) {
                Some(months) if (1..=MAX_PERIOD_MONTHS).contains(&months) => Some(months),
                Some(_) => {
                    self.error(
                        &path,
                        format!("a period is 1 to {MAX_PERIOD_MONTHS} months"),
                    );
                    None
                }
                None => {
                    self.error(&path, "a period is a whole number of months, such as 12");
                    None
                }
            };
            // Kept even with a mistake inside: the caller still learns the
            // periods (a suite's storage is priced for the same).
            let set = self.price_set(value, &path, currencies);
            if let (Some(months), Some(set)) = (months, set) {
                prices.insert(months, set);
            }
        }
        Some(prices)
    }

    /// `{ CHF = "12.50", EUR = "13.00" }`: a price above zero in each
    /// currency of the catalogue, and no other. With no currency known
    /// (`currencies` itself is wrong), any known currency is taken.
    fn price_set(
        &mut self,
        value: &Value,
        path: &str,
        currencies: &[Currency],
    ) -> Option<PriceSet> {
        let Value::Table(table) = value else {
            self.error(
                path,
                format!("expected a table of prices, found {}", value.type_str()),
            );
            return None;
        };
        let mut set = BTreeMap::new();
        for (code, value) in table {
            let path = join(path, code);
            let offered = |c: &Currency| currencies.is_empty() || currencies.contains(c);
            let Some(currency) = Currency::parse(code).filter(offered) else {
                self.error(
                    path,
                    format!(
                        "currency {code:?} is not in `currencies` ({})",
                        list(currencies)
                    ),
                );
                continue;
            };
            let Value::String(amount) = value else {
                self.error(
                    path,
                    format!(
                        "write the amount as a string, such as \"12.50\", not as {}",
                        value.type_str()
                    ),
                );
                continue;
            };
            match Money::parse(amount, currency) {
                Ok(price) if price.amount_minor > 0 => {
                    set.insert(currency, price);
                }
                // A free plan is a staff credit note, not a plan.
                Ok(_) => self.error(path, "a price must be more than zero"),
                Err(MoneyError::Invalid { .. }) => self.error(
                    path,
                    format!(
                        "{amount:?} is not an amount: write digits with at most {} after a point, such as \"12.50\"",
                        currency.minor_digits()
                    ),
                ),
                Err(e) => self.error(path, e.to_string()),
            }
        }
        for currency in currencies {
            if !table.contains_key(currency.code()) {
                self.error(
                    join(path, currency.code()),
                    "missing: every price is given in each of `currencies`",
                );
            }
        }
        Some(PriceSet(set))
    }

    fn storage(
        &mut self,
        value: &Value,
        path: &str,
        plan_periods: Option<&BTreeSet<u32>>,
        currencies: &[Currency],
    ) -> Option<StorageRule> {
        let mut keys = self.table(value, path)?;
        let mut number = |r: &mut Reader, key: &'static str| {
            r.required(&mut keys, key)
                .and_then(|v| r.whole(v, &join(path, key)))
        };
        let min_gb = number(self, "min_gb");
        let max_gb = number(self, "max_gb");
        let step_gb = number(self, "step_gb");
        // Not `clean`: the periods are compared below even if a price is
        // wrong (the caller drops the whole rule on any mistake).
        let prices = self.required(&mut keys, "prices").and_then(|v| {
            let path = keys.path("prices");
            self.period_prices(v, &path, currencies)
        });
        keys.finish(self);
        if step_gb == Some(0) {
            self.error(join(path, "step_gb"), "must be more than 0");
        }
        if let Some(step) = step_gb.filter(|s| *s > 0) {
            for (key, gb) in [("min_gb", min_gb), ("max_gb", max_gb)] {
                if let Some(gb) = gb.filter(|gb| gb % step != 0) {
                    self.error(
                        join(path, key),
                        format!("{gb} GB is not a multiple of step_gb ({step} GB)"),
                    );
                }
            }
        }
        if let (Some(min), Some(max)) = (min_gb, max_gb)
            && min > max
        {
            self.error(path, format!("min_gb ({min}) is more than max_gb ({max})"));
        }
        // A step has a price for each period of the plan, and no other.
        if let (Some(steps), Some(plan)) = (&prices, plan_periods) {
            let prices_path = join(path, "prices");
            for months in plan.iter().filter(|m| !steps.contains_key(m)) {
                self.error(
                    join(&prices_path, &months.to_string()),
                    format!("missing: the plan is sold for {months} months"),
                );
            }
            for months in steps.keys().filter(|m| !plan.contains(m)) {
                self.error(
                    join(&prices_path, &months.to_string()),
                    format!("the plan is not sold for {months} months"),
                );
            }
        }
        Some(StorageRule {
            min_gb: min_gb?,
            max_gb: max_gb?,
            step_gb: step_gb?,
            prices: prices?,
        })
    }

    fn includes(&mut self, value: &Value, path: &str) -> Option<Vec<ProductKind>> {
        let items = self.array(value, path)?;
        if items.is_empty() {
            self.error(path, "empty: name the kinds of products the suite contains");
        }
        let mut kinds = Vec::new();
        let mut seen = BTreeSet::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("{path}[{i}]");
            let Some(name) = self.string(item, &path) else {
                continue;
            };
            let inside = ProductKind::ALL
                .into_iter()
                .filter(|k| k.is_inside_suite_allowed());
            match ProductKind::parse(name) {
                Some(kind) if !kind.is_inside_suite_allowed() => self.error(
                    path,
                    format!("a suite cannot contain {kind}; only {}", list(inside)),
                ),
                Some(kind) if !seen.insert(kind) => self.error(path, "listed twice"),
                Some(kind) => kinds.push(kind),
                None => self.error(
                    path,
                    format!("unknown kind {name:?}; expected one of: {}", list(inside)),
                ),
            }
        }
        Some(kinds)
    }
}

/// A period key: digits without a leading zero.
fn parse_months(key: &str) -> Option<u32> {
    if key.is_empty()
        || !key.bytes().all(|b| b.is_ascii_digit())
        || (key.len() > 1 && key.starts_with('0'))
    {
        return None;
    }
    // Too many digits for a u32 is still a period, just too long.
    Some(key.parse().unwrap_or(u32::MAX))
}

/// A plan id: `[a-z0-9-]`, 2 to 40 characters, not `domain-…`.
fn check_plan_id(id: &str) -> Result<(), String> {
    if !(ID_MIN_CHARS..=ID_MAX_CHARS).contains(&id.chars().count())
        || !id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(format!(
            "{id:?} is not an id: {ID_MIN_CHARS} to {ID_MAX_CHARS} characters among a-z, 0-9 and -"
        ));
    }
    if id.starts_with(DOMAIN_ID_PREFIX) {
        return Err(format!(
            "ids starting with {DOMAIN_ID_PREFIX:?} are the domains' (declared in [[domain]] tables)"
        ));
    }
    Ok(())
}

/// A TLD as the catalogue writes it: lower case, without the dot; an IDN
/// TLD in Unicode. Gives its ASCII form (punycode for an IDN).
fn check_tld(tld: &str) -> Result<String, String> {
    if tld.is_ascii() {
        if tld.starts_with("xn--") {
            return Err(format!("write the IDN TLD {tld:?} in Unicode"));
        }
        if !(2..=TLD_MAX_ASCII).contains(&tld.len()) || !tld.bytes().all(|b| b.is_ascii_lowercase())
        {
            return Err(format!(
                "{tld:?} is not a TLD: 2 to {TLD_MAX_ASCII} letters a-z, without the dot"
            ));
        }
        return Ok(tld.to_owned());
    }
    // Letters and digits of any script (combining vowel signs are
    // alphabetic too), in lower case; normalisation (NFC) is the writer's.
    if !tld
        .chars()
        .all(|c| c.is_alphanumeric() && !c.is_uppercase())
    {
        return Err(format!(
            "{tld:?} is not a TLD: letters in lower case, without the dot"
        ));
    }
    // UTS 46 through the `idna` crate (the `url` crate's): the ASCII form
    // a registry and the DNS know.
    match idna::domain_to_ascii(tld) {
        Ok(ascii) if ascii.starts_with("xn--") && ascii.len() <= TLD_MAX_ASCII => Ok(ascii),
        Ok(_) => Err(format!("{tld:?} is longer than a DNS label")),
        Err(_) => Err(format!("{tld:?} is not a valid internationalised TLD")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(errors: &[CatalogueError]) -> BTreeSet<&str> {
        errors.iter().map(|e| e.path.as_str()).collect()
    }

    #[test]
    fn the_demo_is_valid_sells_every_kind_in_francs_and_euros() {
        // proves: CAT-1
        let demo = Catalogue::parse(DEMO).unwrap_or_else(|errors| {
            panic!("the demo is invalid: {errors:#?}");
        });
        assert_eq!(demo, Catalogue::demo());
        assert_eq!(demo.currencies, vec![Currency::Chf, Currency::Eur]);
        for kind in ProductKind::ALL {
            assert!(demo.plans.iter().any(|p| p.kind == kind), "no {kind} plan");
        }
        for plan in &demo.plans {
            let mut tables = vec![&plan.prices];
            tables.extend(&plan.renewal_prices);
            tables.extend(plan.storage.as_ref().map(|s| &s.prices));
            for table in tables {
                assert!(!table.is_empty(), "{} has no period", plan.id);
                for (months, set) in table {
                    for currency in [Currency::Chf, Currency::Eur] {
                        assert!(
                            set.get(currency).is_some_and(|p| p.amount_minor > 0),
                            "{} has no {currency} price for {months} months",
                            plan.id
                        );
                    }
                }
            }
            assert_eq!(
                plan.renewal_warranty,
                plan.kind != ProductKind::Nas,
                "{}",
                plan.id
            );
        }
        let ch = demo.domain_plan("ch").unwrap_or_else(|| panic!("no .ch"));
        assert_eq!(ch.id, "domain-ch");
        assert_eq!(
            ch.periods().collect::<Vec<_>>(),
            (1..=10).map(|y| 12 * y).collect::<Vec<_>>()
        );
        let de = demo.domain_plan("de").unwrap_or_else(|| panic!("no .de"));
        assert_eq!(de.periods().last(), Some(60));
        assert!(!de.allows_period(72));
        for tld in ["com", "eu"] {
            assert!(demo.domain_plan(tld).is_some(), "no .{tld}");
        }
        let suite = demo
            .plans
            .iter()
            .find(|p| p.kind == ProductKind::Suite)
            .unwrap_or_else(|| panic!("no suite"));
        assert_eq!(
            suite.includes,
            vec![ProductKind::Mail, ProductKind::Drive, ProductKind::Chat]
        );
        assert_eq!(suite.quantity.map(|q| q.unit), Some(QuantityUnit::User));
        let mail = demo
            .plans
            .iter()
            .find(|p| p.kind == ProductKind::Mail)
            .unwrap_or_else(|| panic!("no mail"));
        assert_eq!(mail.quantity.map(|q| q.unit), Some(QuantityUnit::Mailbox));
    }

    #[test]
    fn the_demo_is_written_as_each_language_writes() {
        // proves: CAT-1 (names and descriptions in en, fr, de, it)
        let demo = Catalogue::demo();
        for plan in &demo.plans {
            for text in [&plan.name, &plan.description] {
                // French: a no-break space before : ; ? ! and none plain.
                let fr: Vec<char> = text.fr.chars().collect();
                for (i, c) in fr.iter().enumerate() {
                    if matches!(c, ':' | ';' | '?' | '!') && i > 0 {
                        assert_eq!(fr[i - 1], '\u{a0}', "{}: {:?}", plan.id, text.fr);
                    }
                }
                // Italian: the customer is "Lei", never "tu" or "voi".
                let it = format!(" {} ", text.it.to_lowercase());
                for word in [
                    " tuo ", " tua ", " tuoi ", " tue ", " vostro ", " vostra ", " vostri ",
                    " vostre ",
                ] {
                    assert!(!it.contains(word), "{}: {:?}", plan.id, text.it);
                }
                for lang in Lang::ALL {
                    assert!(!text.get(lang).is_empty());
                }
            }
        }
        // Some Italian text does address the customer, with a capital.
        assert!(
            demo.plans
                .iter()
                .any(|p| p.description.it.contains(" Suo "))
        );
    }

    #[test]
    fn every_mistake_is_listed_with_its_place() {
        // proves: CAT-1
        let text = r#"
currencies = ["CHF", "EUR", "USD", "EUR"]
colour = "blue"

[[domain]]
tld = "CH"
years = { min = 0, max = 11 }
vat_class = "standard"
renewal_warranty = true
register = { CHF = "15.00" }
renew = { CHF = "-1.00", EUR = "19.00" }

[[domain]]
tld = "com"
years = { min = 5, max = 2 }
vat_class = "luxury"
renewal_warranty = "yes"
register = { CHF = "15", EUR = "16" }
renew = { CHF = 18, EUR = "19.005" }

[[plan]]
id = "hosting-start"
kind = "web_hosting"
vat_class = "standard"
renewal_warranty = true
name = { en = "Start", fr = "Start", de = "Start" }
description = { en = "d", fr = "d", de = "d", it = "d", es = "d" }
quantity = { unit = "mailbox", min = 1, max = 5 }
includes = ["mail"]
[plan.prices]
0 = { CHF = "1.00", EUR = "1.00" }
12 = { CHF = "0.00", EUR = "1.00" }
121 = { CHF = "1.00", EUR = "1.00" }

[[plan]]
id = "hosting-start"
kind = "nas"
vat_class = "standard"
renewal_warranty = true
name = { en = "N", fr = "N", de = "N", it = "N" }
description = { en = "N", fr = "N", de = "N", it = "N" }
prices = {}

[[plan]]
id = "Bad_Id"
kind = "suite"
vat_class = "standard"
renewal_warranty = true
name = { en = "S", fr = "S", de = "S", it = "S" }
description = { en = "S", fr = "S", de = "S", it = "S" }
quantity = { unit = "user", min = 10, max = 5 }
prices = { 1 = { CHF = "1.00", EUR = "1.00" }, 12 = { CHF = "10.00", EUR = "abc" } }
storage = { min_gb = 150, max_gb = 50, step_gb = 100, prices = { 1 = { CHF = "1.00", EUR = "1.00" }, 24 = { CHF = "1.00", EUR = "1.00" } } }
includes = ["mail", "web_hosting", "mail", "toaster"]

[[plan]]
id = "domain-ch"
kind = "domain"
vat_class = "standard"
renewal_warranty = false
name = { en = "D", fr = "D", de = "D", it = "D" }
description = { en = "D", fr = "D", de = "D", it = "" }
prices = { 12 = { CHF = "1.00", EUR = "1.00" } }
"#;
        let errors = Catalogue::parse(text).err().unwrap_or_default();
        let expected: BTreeSet<&str> = [
            // the root
            "currencies[2]",
            "currencies[3]",
            "colour",
            // domain[0]: bad TLD, so named by its position
            "domain[0].tld",
            "domain[0].years.min",
            "domain[0].years.max",
            "domain[0].register.EUR",
            "domain[0].renew.CHF",
            // domain[com]
            "domain[com].years",
            "domain[com].vat_class",
            "domain[com].renewal_warranty",
            "domain[com].renew.CHF",
            "domain[com].renew.EUR",
            // plan[hosting-start]
            "plan[hosting-start].name.it",
            "plan[hosting-start].description.es",
            "plan[hosting-start].quantity",
            "plan[hosting-start].includes",
            "plan[hosting-start].prices.0",
            "plan[hosting-start].prices.12.CHF",
            "plan[hosting-start].prices.121",
            // the second hosting-start: a duplicate, named by position
            "plan[1].id",
            "plan[1].renewal_warranty",
            "plan[1].prices",
            // plan[2]: bad id
            "plan[2].id",
            "plan[2].quantity",
            "plan[2].prices.12.EUR",
            "plan[2].storage",
            "plan[2].storage.min_gb",
            "plan[2].storage.max_gb",
            "plan[2].storage.prices.12",
            "plan[2].storage.prices.24",
            "plan[2].includes[1]",
            "plan[2].includes[2]",
            "plan[2].includes[3]",
            // plan[3]: a reserved id and the wrong table for a domain
            "plan[3].id",
            "plan[3].kind",
            "plan[3].description.it",
        ]
        .into_iter()
        .collect();
        let found = paths(&errors);
        assert_eq!(
            found,
            expected,
            "\nmissing: {:?}\nextra: {:#?}",
            expected.difference(&found).collect::<Vec<_>>(),
            errors
                .iter()
                .filter(|e| !expected.contains(e.path.as_str()))
                .collect::<Vec<_>>()
        );
        // Each mistake once, and said in words.
        assert_eq!(errors.len(), expected.len(), "{errors:#?}");
        let said = |path: &str| {
            errors
                .iter()
                .find(|e| e.path == path)
                .map(|e| e.message.clone())
                .unwrap_or_default()
        };
        assert!(
            said("colour").starts_with("unknown key"),
            "{}",
            said("colour")
        );
        assert!(said("plan[1].id").contains("plan[hosting-start]"));
        assert!(said("plan[1].renewal_warranty").contains("nas"));
        assert!(said("plan[2].storage").contains("more than max_gb"));
        assert!(said("domain[0].register.EUR").starts_with("missing"));
        assert!(said("plan[hosting-start].prices.12.CHF").contains("more than zero"));
        assert!(said("domain[com].renew.CHF").contains("string"));
        assert!(said("plan[2].includes[1]").contains("cannot contain web_hosting"));
    }

    #[test]
    fn the_root_needs_currencies_and_something_to_sell() {
        // proves: CAT-1
        let errors = Catalogue::parse("currencies = []\n")
            .err()
            .unwrap_or_default();
        assert_eq!(paths(&errors), ["currencies", "plan"].into_iter().collect());
        let errors = Catalogue::parse("[[plan]]\n").err().unwrap_or_default();
        assert!(paths(&errors).contains("currencies"), "{errors:#?}");
        let errors = Catalogue::parse("currencies = \"CHF\"\ndomain = 3\n")
            .err()
            .unwrap_or_default();
        assert_eq!(
            paths(&errors),
            ["currencies", "domain", "plan"].into_iter().collect()
        );
    }

    #[test]
    fn a_syntax_error_names_its_line_and_column() {
        // proves: CAT-1
        let text = "currencies = [\"CHF\"]\n\n[[plan]\nid = \"x\"\n";
        let errors = Catalogue::parse(text).err().unwrap_or_default();
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert!(errors[0].path.starts_with("line 3, column "), "{errors:#?}");
        assert!(!errors[0].message.is_empty());
        assert!(errors[0].to_string().starts_with("line 3, column "));
        // A key given twice is TOML's mistake too.
        let text = "currencies = [\"CHF\"]\ncurrencies = [\"EUR\"]\n";
        let errors = Catalogue::parse(text).err().unwrap_or_default();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].path.starts_with("line 2, "), "{errors:#?}");
    }

    #[test]
    fn entries_are_capped() {
        // proves: CAT-1
        let mut text = String::from("currencies = [\"CHF\"]\n");
        for i in 0..=MAX_PLANS {
            text.push_str(&format!("[[plan]]\nid = \"p{i}\"\n"));
        }
        let errors = Catalogue::parse(&text).err().unwrap_or_default();
        assert_eq!(errors.len(), 1, "{errors:#?}");
        assert!(errors[0].message.contains("at most 500"));
        let long = "#".repeat(MAX_TEXT_BYTES + 1);
        let errors = Catalogue::parse(&long).err().unwrap_or_default();
        assert_eq!(errors.len(), 1);
    }

    const SMALL: &str = r#"
currencies = ["CHF"]

[[domain]]
tld = "рф"
years = { min = 1, max = 2 }
vat_class = "standard"
renewal_warranty = true
register = { CHF = "10.00" }
renew = { CHF = "12.50" }

[[plan]]
id = "chat"
kind = "chat"
vat_class = "reduced"
renewal_warranty = true
name = { en = "Chat", fr = "Chat", de = "Chat", it = "Chat" }
description = { en = "Talk", fr = "Parler", de = "Reden", it = "Parlare" }
quantity = { unit = "user", min = 1, max = 50 }
prices = { 12 = { CHF = "15.00" }, 1 = { CHF = "1.50" } }
"#;

    #[test]
    fn an_idn_domain_is_named_from_its_tld_and_found_both_ways() {
        // proves: CAT-1
        let catalogue = Catalogue::parse(SMALL).unwrap_or_else(|e| panic!("{e:#?}"));
        let rf = &catalogue.plans[0];
        assert_eq!(rf.id, "domain-xn--p1ai");
        assert_eq!(rf.tld.as_deref(), Some("рф"));
        assert_eq!(rf.name.fr, "Domaine .рф");
        assert_eq!(rf.name.it, "Dominio .рф");
        assert_eq!(catalogue.domain_plan("рф"), Some(rf));
        assert_eq!(catalogue.domain_plan("xn--p1ai"), Some(rf));
        assert_eq!(catalogue.plan("domain-xn--p1ai"), Some(rf));
        assert_eq!(catalogue.domain_plan("ch"), None);
        assert_eq!(rf.periods().collect::<Vec<_>>(), vec![12, 24]);
        let renew = rf.renewal_prices.as_ref().and_then(|p| p.get(&24));
        assert_eq!(
            renew.and_then(|s| s.get(Currency::Chf)),
            Some(Money::new(2500, Currency::Chf))
        );
        assert_eq!(
            catalogue.plan("chat").map(|p| p.vat_class),
            Some(VatClass::Reduced)
        );
    }

    #[test]
    fn tlds_and_ids_have_a_syntax() {
        // proves: CAT-1
        assert_eq!(check_tld("ch").as_deref(), Ok("ch"));
        assert_eq!(check_tld("みんな").as_deref(), Ok("xn--q9jyb4c"));
        assert_eq!(check_tld("中国").as_deref(), Ok("xn--fiqs8s"));
        for bad in ["", "c", ".ch", "CH", "c-h", "xn--p1ai", "РФ", "ch1", "a b"] {
            assert!(check_tld(bad).is_err(), "{bad:?}");
        }
        assert!(check_tld(&"é".repeat(60)).is_err());
        for good in ["mail-pro", "s3", "99", "a-"] {
            assert_eq!(check_plan_id(good), Ok(()), "{good}");
        }
        for bad in [
            "a",
            "Mail",
            "mail_pro",
            "mail pro",
            "domain-ch",
            &"a".repeat(41),
        ] {
            assert!(check_plan_id(bad).is_err(), "{bad:?}");
        }
        assert_eq!(parse_months("12"), Some(12));
        assert_eq!(parse_months("012"), None);
        assert_eq!(parse_months("99999999999"), Some(u32::MAX));
    }

    #[test]
    fn idn_tlds_take_their_ascii_form() {
        for (unicode, ascii) in [
            ("рф", "xn--p1ai"),
            ("中国", "xn--fiqs8s"),
            ("ελ", "xn--qxam"),
        ] {
            assert_eq!(check_tld(unicode).as_deref(), Ok(ascii), "{unicode}");
        }
        assert!(check_tld("xn--p1ai").is_err(), "written in Unicode");
    }

    #[test]
    fn the_view_names_plans_in_one_language_and_all_four() {
        // proves: CAT-1
        let catalogue = Catalogue::parse(SMALL).unwrap_or_else(|e| panic!("{e:#?}"));
        let view = catalogue.view(Lang::De);
        let json = serde_json::to_value(&view).unwrap_or_default();
        let chat = &json["plans"][1];
        assert_eq!(json["lang"], "de");
        assert_eq!(json["currencies"], serde_json::json!(["CHF"]));
        assert_eq!(chat["id"], "chat");
        assert_eq!(chat["kind"], "chat");
        assert_eq!(chat["vat_class"], "reduced");
        assert_eq!(chat["name"], "Chat");
        assert_eq!(chat["description"], "Reden");
        assert_eq!(chat["descriptions"]["it"], "Parlare");
        assert_eq!(
            chat["quantity"],
            serde_json::json!({"unit": "user", "min": 1, "max": 50})
        );
        assert_eq!(
            chat["prices"],
            serde_json::json!([
                {"months": 1, "prices": [{"amount": "1.50", "currency": "CHF"}]},
                {"months": 12, "prices": [{"amount": "15.00", "currency": "CHF"}]},
            ])
        );
        assert_eq!(chat["renewal_prices"], serde_json::Value::Null);
        let rf = &json["plans"][0];
        assert_eq!(rf["kind"], "domain");
        assert_eq!(rf["tld"], "рф");
        assert_eq!(rf["name"], "Domain .рф");
        assert_eq!(
            rf["renewal_prices"][0],
            serde_json::json!({"months": 12, "prices": [{"amount": "12.50", "currency": "CHF"}]})
        );
    }
}
