//! The rights part of the member, invitation and team forms (ORG-2, ORG-3,
//! ORG-4), and rights as people read them: by their names, products by
//! theirs, never by an internal id.

use std::collections::BTreeMap;

use super::super::{Shell, form::Fields};

/// Product kinds a right can name (`kind:<kind>`), as the catalogue will.
const KINDS: [&str; 6] = ["domain", "web_hosting", "mail", "suite", "drive", "nas"];

/// An organisation's products by id, with their names, to name the
/// `product:<id>` rights.
#[derive(Debug, Default)]
pub struct Products(BTreeMap<String, String>);

impl Products {
    /// The organisation's products, for the rights forms and lists.
    ///
    /// The core has no listing of an organisation's products yet (they
    /// come with the catalogue), so there are none to offer: the forms say
    /// so. When it has one, this is the one place that reads it.
    pub fn of_org() -> Self {
        Self::default()
    }

    fn name(&self, id: &str) -> Option<&str> {
        self.0.get(id).map(String::as_str)
    }
}

/// A right's name in the page's language. A product is named by its name;
/// one not among the listed products (the
/// organisation no longer has it) is said so, without its id.
pub fn right_label(shell: &Shell, products: &Products, right: &str) -> String {
    if let Some(id) = right.strip_prefix("product:") {
        return match products.name(id) {
            Some(name) => shell.t1("right-product-named", "name", name),
            None => shell.t("right-product-unlisted"),
        };
    }
    let key = format!("right-{}", right.replace([':', '_'], "-"));
    shell.t_or(&key, right)
}

/// The rights of a member, team or invitation, as shown in a list.
pub fn rights_text(shell: &Shell, products: &Products, rights: &[String]) -> Vec<String> {
    rights
        .iter()
        .map(|r| right_label(shell, products, r))
        .collect()
}

pub struct RightChoice {
    pub value: String,
    pub id: String,
    pub label: String,
    pub checked: bool,
}

/// The rights part of a form: checkboxes by group, the organisation's
/// products among them.
pub struct RightsForm {
    pub billing: Vec<RightChoice>,
    pub access: Vec<RightChoice>,
    pub kinds: Vec<RightChoice>,
    /// The organisation's products, and any product right held on one it
    /// no longer has (kept ticked, so that saving does not drop it
    /// silently).
    pub products: Vec<RightChoice>,
}

impl RightsForm {
    pub fn new(shell: &Shell, products: &Products, chosen: &[String]) -> Self {
        let choice = |value: String| RightChoice {
            id: format!("right-{}", value.replace([':', '_'], "-")),
            label: right_label(shell, products, &value),
            checked: chosen.contains(&value),
            value,
        };
        let mut product_rights: Vec<String> = products
            .0
            .keys()
            .map(|id| format!("product:{id}"))
            .collect();
        product_rights.extend(
            chosen
                .iter()
                .filter(|r| r.starts_with("product:") && !product_rights.contains(r))
                .cloned()
                .collect::<Vec<_>>(),
        );
        Self {
            billing: ["billing:view", "billing:pay", "billing:manage"]
                .into_iter()
                .map(|v| choice(v.to_string()))
                .collect(),
            access: ["members", "settings"]
                .into_iter()
                .map(|v| choice(v.to_string()))
                .collect(),
            kinds: KINDS.iter().map(|k| choice(format!("kind:{k}"))).collect(),
            products: product_rights.into_iter().map(choice).collect(),
        }
    }

    /// The rights a form sends: the boxes ticked.
    pub fn sent(fields: &Fields) -> Vec<String> {
        fields.all("rights")
    }
}
