//! Version gates: an item with its feature on, a stub whose every use is an
//! error saying which feature to enable with it off.

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use wx_allowlist::Version;
use wx_allowlist::names::feature_for;

use wx_codegen::emit::diagnostic_trait;

/// An item that exists with `since`'s feature on, and a stub with the same
/// signature whose every use is the error `message` when it is off.
pub(crate) struct Gate<'a> {
    pub(crate) since: &'a Version,
    /// The hidden trait behind the error.
    pub(crate) trait_name: Ident,
    pub(crate) message: String,
    pub(crate) note: String,
}

impl Gate<'_> {
    pub(crate) fn feature(&self) -> String {
        feature_for(self.since).expect("gates are above the baseline")
    }

    /// The module-level trait of the stub (only when the feature is off).
    pub(crate) fn trait_item(&self) -> TokenStream {
        let label = format!("needs base library {}, above the enabled baseline", self.since);
        let item = diagnostic_trait(&self.trait_name, &quote!(pub), &self.message, &label, &self.note);
        let feature = self.feature();
        wx_codegen::emit::with_cfg(&quote!(not(feature = #feature)), item)
    }

    /// `doc sig { body }` with the feature on, `doc sig where (): Trait { unreachable }` off.
    pub(crate) fn function(&self, doc: &TokenStream, sig: &TokenStream, body: &TokenStream) -> TokenStream {
        let feature = self.feature();
        let trait_name = &self.trait_name;
        quote! {
            #doc
            #[cfg(feature = #feature)]
            #sig #body

            #doc
            #[cfg(not(feature = #feature))]
            #[allow(unused_variables)]
            #sig where for<'__wx> (): #trait_name {
                ::core::unreachable!()
            }
        }
    }
}

pub(crate) fn enable_note(since: &Version) -> String {
    let feature = feature_for(since).expect("gated");
    format!("enable the cargo feature `{feature}` of wx-bindings to raise the baseline to {since}")
}
