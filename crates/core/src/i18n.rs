//! Languages and translated text (OPS-3): en, fr, de, it, from Fluent files
//! compiled into the binary. One catalogue serves the console and the mail,
//! so it lives here in core (mail is rendered in core).

use std::collections::HashMap;

use fluent_bundle::{FluentArgs, FluentResource, FluentValue, concurrent::FluentBundle};
use serde::{Deserialize, Serialize};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Fr,
    De,
    It,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Fr, Lang::De, Lang::It];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::It => "it",
        }
    }

    /// The language's own name, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::De => "Deutsch",
            Lang::It => "Italiano",
        }
    }

    /// `fr`, `fr-CH`, `FR` → French. Unknown → None.
    pub fn parse(s: &str) -> Option<Lang> {
        let primary = s.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The best supported language of an `Accept-Language` header, by its
    /// q-values (ties keep the header's order).
    pub fn negotiate(accept_language: &str) -> Option<Lang> {
        let mut best: Option<(Lang, f32)> = None;
        for part in accept_language.split(',') {
            let mut it = part.split(';');
            let tag = it.next().unwrap_or_default();
            let q = it
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(lang) = Lang::parse(tag)
                && q > 0.0
                && best.is_none_or(|(_, bq)| q > bq)
            {
                best = Some((lang, q));
            }
        }
        best.map(|(l, _)| l)
    }
}

const SOURCES: [(Lang, &[&str]); 4] = [
    (
        Lang::En,
        &[
            include_str!("../locales/en/console.ftl"),
            include_str!("../locales/en/mail.ftl"),
            include_str!("../locales/en/invoice.ftl"),
            include_str!("../locales/en/shop.ftl"),
            include_str!("../locales/en/catalog-admin.ftl"),
            include_str!("../locales/en/renewals.ftl"),
            include_str!("../locales/en/bank.ftl"),
        ],
    ),
    (
        Lang::Fr,
        &[
            include_str!("../locales/fr/console.ftl"),
            include_str!("../locales/fr/mail.ftl"),
            include_str!("../locales/fr/invoice.ftl"),
            include_str!("../locales/fr/shop.ftl"),
            include_str!("../locales/fr/catalog-admin.ftl"),
            include_str!("../locales/fr/renewals.ftl"),
            include_str!("../locales/fr/bank.ftl"),
        ],
    ),
    (
        Lang::De,
        &[
            include_str!("../locales/de/console.ftl"),
            include_str!("../locales/de/mail.ftl"),
            include_str!("../locales/de/invoice.ftl"),
            include_str!("../locales/de/shop.ftl"),
            include_str!("../locales/de/catalog-admin.ftl"),
            include_str!("../locales/de/renewals.ftl"),
            include_str!("../locales/de/bank.ftl"),
        ],
    ),
    (
        Lang::It,
        &[
            include_str!("../locales/it/console.ftl"),
            include_str!("../locales/it/mail.ftl"),
            include_str!("../locales/it/invoice.ftl"),
            include_str!("../locales/it/shop.ftl"),
            include_str!("../locales/it/catalog-admin.ftl"),
            include_str!("../locales/it/renewals.ftl"),
            include_str!("../locales/it/bank.ftl"),
        ],
    ),
];

/// All translations, built once at start-up and shared.
pub struct I18n {
    bundles: HashMap<Lang, FluentBundle<FluentResource>>,
}

impl std::fmt::Debug for I18n {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I18n").finish_non_exhaustive()
    }
}

impl I18n {
    /// Parse every catalogue. A syntax error in a shipped `.ftl` file is a
    /// bug caught by the tests, reported here with its language.
    pub fn load() -> Result<Self, String> {
        let mut bundles = HashMap::new();
        for (lang, sources) in SOURCES {
            let id = lang.code().parse().map_err(|e| format!("{e:?}"))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // No Unicode isolation marks: the text goes into HTML and mail
            // bodies where they would show as stray characters.
            bundle.set_use_isolating(false);
            for src in sources {
                let res = FluentResource::try_new((*src).to_string())
                    .map_err(|(_, errs)| format!("{}: {errs:?}", lang.code()))?;
                bundle
                    .add_resource(res)
                    .map_err(|errs| format!("{}: {errs:?}", lang.code()))?;
            }
            bundles.insert(lang, bundle);
        }
        Ok(Self { bundles })
    }

    /// The text of `key` in `lang`, or the key itself if it is missing (a
    /// test guarantees every key exists in every language).
    pub fn t(&self, lang: Lang, key: &str) -> String {
        self.format(lang, key, None)
    }

    /// The text of `key` with arguments, e.g. `[("name", "Ada".into())]`.
    pub fn t_args(&self, lang: Lang, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            fa.set(*k, v.clone());
        }
        self.format(lang, key, Some(&fa))
    }

    /// "within 24 hours" in `lang`: how long a mailed link stays valid,
    /// `ms` being a configured duration. Whole days from two days up, else
    /// whole hours, else minutes (rounded down: a link never promises more
    /// time than it has).
    pub fn within(&self, lang: Lang, ms: i64) -> String {
        const MINUTE: i64 = 60_000;
        const HOUR: i64 = 60 * MINUTE;
        const DAY: i64 = 24 * HOUR;
        let (count, unit) = if ms >= 2 * DAY && ms % DAY == 0 {
            (ms / DAY, "days")
        } else if ms >= HOUR && ms % HOUR == 0 {
            (ms / HOUR, "hours")
        } else {
            ((ms / MINUTE).max(1), "minutes")
        };
        self.t_args(
            lang,
            "mail-within",
            &[("count", count.into()), ("unit", unit.into())],
        )
    }

    fn format(&self, lang: Lang, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(bundle) = self.bundles.get(&lang) else {
            return key.to_string();
        };
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!(key, lang = lang.code(), "missing translation");
            return key.to_string();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(
                key,
                lang = lang.code(),
                ?errors,
                "translation formatting error"
            );
        }
        text.into_owned()
    }

    /// Message ids of one language (for the completeness test).
    pub fn keys(lang: Lang) -> Vec<String> {
        let mut keys = Vec::new();
        for (l, sources) in SOURCES {
            if l != lang {
                continue;
            }
            for src in sources {
                if let Ok(res) = FluentResource::try_new((*src).to_string()) {
                    for entry in res.entries() {
                        if let fluent_syntax::ast::Entry::Message(m) = entry {
                            keys.push(m.id.name.to_string());
                        }
                    }
                }
            }
        }
        keys.sort();
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_says_how_long_it_stays_valid_in_the_largest_whole_unit() {
        let i18n = I18n::load().unwrap();
        let h = 3_600_000;
        let cases = [
            (Lang::En, 24 * h, "within 24 hours"),
            (Lang::En, h, "within one hour"),
            (Lang::En, 48 * h, "within 2 days"),
            (Lang::En, 90 * 60_000, "within 90 minutes"),
            (Lang::Fr, h, "dans un délai d'une heure"),
            (Lang::Fr, 24 * h, "dans les 24 heures"),
            (Lang::De, h, "innerhalb einer Stunde"),
            (Lang::De, 72 * h, "innerhalb von 3 Tagen"),
            (Lang::It, 30 * 60_000, "entro 30 minuti"),
            (Lang::It, h, "entro un'ora"),
        ];
        for (lang, ms, said) in cases {
            assert_eq!(i18n.within(lang, ms), said, "{lang:?} {ms} ms");
        }
    }

    #[test]
    fn every_key_exists_in_every_language() {
        let en = I18n::keys(Lang::En);
        assert!(en.len() > 10);
        for lang in [Lang::Fr, Lang::De, Lang::It] {
            let other = I18n::keys(lang);
            let missing: Vec<_> = en.iter().filter(|k| !other.contains(k)).collect();
            let extra: Vec<_> = other.iter().filter(|k| !en.contains(k)).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
            assert!(
                extra.is_empty(),
                "{} has keys English lacks: {extra:?}",
                lang.code()
            );
        }
    }

    #[test]
    fn every_catalogue_parses_and_formats() {
        let i18n = I18n::load().unwrap();
        for lang in Lang::ALL {
            for key in I18n::keys(lang) {
                let text = i18n.t(lang, &key);
                assert!(!text.is_empty(), "{}:{key} is empty", lang.code());
            }
        }
        assert_ne!(i18n.t(Lang::En, "nav-home"), i18n.t(Lang::Fr, "nav-home"));
    }

    #[test]
    fn accept_language_is_negotiated_by_quality() {
        assert_eq!(Lang::negotiate("de-CH,de;q=0.9,en;q=0.8"), Some(Lang::De));
        assert_eq!(Lang::negotiate("es, it;q=0.5, fr;q=0.7"), Some(Lang::Fr));
        assert_eq!(Lang::negotiate("es, pt"), None);
        assert_eq!(Lang::negotiate("fr;q=0, it"), Some(Lang::It));
        assert_eq!(Lang::parse("FR-ch"), Some(Lang::Fr));
    }

    proptest::proptest! {
        #[test]
        fn typed_languages_never_panic(s in crate::text::strategies::text()) {
            // proves: OPS-3 // issue 9
            if let Some(l) = Lang::parse(&s) {
                proptest::prop_assert_eq!(Lang::parse(l.code()), Some(l));
            }
            let _ = Lang::negotiate(&s);
        }
    }
}
