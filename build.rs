// A changed or added migration must rebuild the binary that embeds it; the newest
// migration's version becomes DEALS_SCHEMA_VERSION, so that start-up knows it
// without parsing the migrations.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=seeds");
    let newest = std::fs::read_dir("migrations")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let version = name.strip_prefix('V')?.split("__").next()?;
            version.parse::<u32>().ok()
        })
        .max()
        .unwrap_or(0);
    println!("cargo:rustc-env=DEALS_SCHEMA_VERSION={newest}");
}
