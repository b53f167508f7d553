//! The `Component` impl that `#[component]` adds: the static shape and one dispatch arm per handler.

use super::*;

/// The impl as written plus the `Component` impl.
pub fn emit(args: &Args, item: &ItemImpl, handlers: &[Handler]) -> TokenStream {
    let self_ty = &item.self_ty;
    let name = &args.name;
    let properties = match &args.properties {
        Some(ty) => quote!(#ty),
        None => quote!(::wx_bindings::component::NoProperties),
    };
    let list = |role: Role| {
        let keys = handlers.iter().filter(|h| h.role == role).map(|h| &h.key);
        quote!(&[#(#keys),*])
    };
    let (methods, lifetimes, page_lifetimes, observers) = (
        list(Role::Method),
        list(Role::Lifetime),
        list(Role::PageLifetime),
        list(Role::Observer),
    );
    let arms = handlers.iter().map(|h| arm(self_ty, h));
    quote! {
        #item

        impl ::wx_bindings::component::Component for #self_ty {
            type Properties = #properties;
            const NAME: &'static str = #name;

            fn __shape() -> ::wx_bindings::component::__private::Shape {
                ::wx_bindings::component::__private::Shape {
                    methods: #methods,
                    lifetimes: #lifetimes,
                    page_lifetimes: #page_lifetimes,
                    observers: #observers,
                }
            }

            fn __handler(
                kind: ::wx_bindings::component::__private::Kind,
                name: &str,
            ) -> ::core::option::Option<::wx_bindings::component::__private::Handler<Self>> {
                match (kind, name) {
                    #(#arms)*
                    _ => ::core::option::Option::None,
                }
            }
        }
    }
}

/// One `match` arm of `__handler`.
fn arm(self_ty: &Type, h: &Handler) -> TokenStream {
    let kind = h.role.kind();
    let key = &h.key;
    let ident = &h.ident;
    let private = quote!(::wx_bindings::component::__private);
    let (read, pass) = match &h.arg {
        Some(ty) => (
            quote_spanned! {ty.span()=>
                let arg = <#ty as ::wx_bindings::component::FromHandlerArgs>::from_args(args)
                    .map_err(|e| ::std::string::ToString::to_string(&e))?;
            },
            quote!(, arg),
        ),
        None => (quote!(let _ = args;), quote!()),
    };
    let body = if h.is_async {
        let spawn = quote_spanned! {h.output_span=>
            #private::spawn::<Self, _>(#key, #self_ty::#ident(this #pass));
        };
        quote! {
            #private::Handler::Async(|this: ::wx_bindings::component::Handle<Self>, args: &#private::Array| {
                #read
                #spawn
                ::core::result::Result::Ok(())
            })
        }
    } else {
        // Only the conversion carries the return type's span, so that a
        // return type that is no HandlerResult is reported there alone.
        let convert = quote_spanned! {h.output_span=>
            ::wx_bindings::component::HandlerResult::into_result(result)
        };
        let call = quote! {
            let result = #self_ty::#ident(this, cx #pass);
            #convert
        };
        quote! {
            #private::Handler::Sync(|this: &mut Self, cx: &::wx_bindings::component::Context<Self>, args: &#private::Array| {
                #read
                #call
            })
        }
    };
    quote! {
        (#private::Kind::#kind, #key) => ::core::option::Option::Some(#body),
    }
}
