pub mod reference;
pub mod settings;
pub mod vat;
