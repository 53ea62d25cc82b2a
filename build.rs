// A changed or added migration must rebuild the binary that embeds it; the newest
// migration's version becomes DEALS_SCHEMA_VERSION, so that start-up knows it
// without parsing the migrations.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=migrations-postgres");
    println!("cargo:rerun-if-changed=seeds");
    println!(
        "cargo:rustc-env=DEALS_SCHEMA_VERSION={}",
        newest("migrations")
    );
    println!(
        "cargo:rustc-env=DEALS_POSTGRES_SCHEMA_VERSION={}",
        newest("migrations-postgres")
    );
}

/// The version of the newest migration in `folder` (V8__name.sql is 8).
fn newest(folder: &str) -> u32 {
    std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let version = name.strip_prefix('V')?.split("__").next()?;
            version.parse::<u32>().ok()
        })
        .max()
        .unwrap_or(0)
}
