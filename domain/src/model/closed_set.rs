//! `closed_set!` declares an enum for a closed set of values: a stable code
//! (stored in the database, used in URLs and JSON) and a French label, in one
//! place.

/// Declares a closed-set enum with its codes and French labels.
macro_rules! closed_set {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal => $label:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "server", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
        #[cfg_attr(feature = "server", sea_orm(rs_type = "String", db_type = "String(sea_orm::sea_query::StringLen::N(24))"))]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[serde(rename = $code)]
                #[cfg_attr(feature = "server", sea_orm(string_value = $code))]
                $variant,
            )+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The stable code, as stored and as written in URLs.
            pub fn code(self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }

            /// The French label shown to users.
            pub fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),+ }
            }

            /// The value for a code, if it is one.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some(Self::$variant),)+ _ => None }
            }
        }

        /// Read from a row of this thread's SQLite reader (`db::by_id`), by
        /// its code as the pool's rows are.
        #[cfg(feature = "server")]
        impl sea_orm_sync::TryGetable for $name {
            fn try_get_by<I: sea_orm_sync::ColIdx>(
                row: &sea_orm_sync::QueryResult,
                index: I,
            ) -> Result<Self, sea_orm_sync::TryGetError> {
                let code = <String as sea_orm_sync::TryGetable>::try_get_by(row, index)?;
                Self::from_code(&code).ok_or_else(|| {
                    sea_orm_sync::TryGetError::DbErr(sea_orm_sync::DbErr::Type(format!(
                        "{code:?} is no {}",
                        stringify!($name)
                    )))
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}
