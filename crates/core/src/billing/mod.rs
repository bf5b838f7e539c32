pub mod reference;
pub mod vat;
