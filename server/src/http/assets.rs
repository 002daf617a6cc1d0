//! The built site's asset paths, resolved once at start-up: with hashed file
//! names (cargo-leptos `hash-files`), read from `hash.txt` beside the binary.

use app::SiteAssets;
use leptos::config::LeptosOptions;

/// The paths pages link to.
pub fn resolve(options: &LeptosOptions) -> SiteAssets {
    let hashes = if options.hash_files {
        std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
            .and_then(|file| match std::fs::read_to_string(&file) {
                Ok(text) => Some(text),
                Err(err) => {
                    tracing::error!(file = %file.display(), error = %err, "hashed assets: no hash file");
                    None
                }
            })
            .unwrap_or_default()
    } else {
        String::new()
    };
    from_hashes(options, &hashes)
}

fn from_hashes(options: &LeptosOptions, hashes: &str) -> SiteAssets {
    let hash = |kind: &str| {
        hashes
            .lines()
            .filter_map(|line| line.split_once(':'))
            .find(|(k, _)| k.trim() == kind)
            .map(|(_, h)| format!(".{}", h.trim()))
            .unwrap_or_default()
    };
    let base = format!("/{}/{}", options.site_pkg_dir, options.output_name);
    let js = format!("{base}{}.js", hash("js"));
    let wasm = format!("{base}{}.wasm", hash("wasm"));
    let loaders = [false, true].map(|eager| app::island_loader(&js, &wasm, eager));
    SiteAssets {
        css: format!("{base}{}.css", hash("css")).into(),
        scripts: loaders
            .each_ref()
            .map(|l| script_source(l))
            .join(" ")
            .into(),
        loaders: loaders.map(Into::into),
        js: js.into(),
        wasm: wasm.into(),
    }
}

/// `'sha256-…'`: the Content-Security-Policy source that allows this inline
/// script and no other.
pub fn script_source(script: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(script.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_come_from_the_hash_file() {
        let options = LeptosOptions::builder().output_name("jobtomove").build();
        let assets = from_hashes(&options, "js: AbC\nwasm: dEf\ncss: 123\n");
        assert_eq!(&*assets.css, "/pkg/jobtomove.123.css");
        assert_eq!(&*assets.js, "/pkg/jobtomove.AbC.js");
        assert_eq!(&*assets.wasm, "/pkg/jobtomove.dEf.wasm");
        assert_eq!(&*from_hashes(&options, "").wasm, "/pkg/jobtomove.wasm");
    }

    #[test]
    fn the_policy_allows_both_loaders_by_their_hashes() {
        let options = LeptosOptions::builder().output_name("jobtomove").build();
        let assets = from_hashes(&options, "js: AbC\nwasm: dEf\n");
        let eager = app::island_loader(&assets.js, &assets.wasm, true);
        let lazy = app::island_loader(&assets.js, &assets.wasm, false);
        assert_ne!(eager, lazy);
        assert_eq!(
            assets.loaders,
            [lazy.as_str().into(), eager.as_str().into()]
        );
        assert_eq!(
            &*assets.scripts,
            format!("{} {}", script_source(&lazy), script_source(&eager))
        );
        // The digest of "abc" (FIPS 180-2, appendix B.1), in base64.
        assert_eq!(
            script_source("abc"),
            "'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='"
        );
    }
}
