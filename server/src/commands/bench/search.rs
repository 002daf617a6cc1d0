//! `server bench-search`: search latency of the tantivy index over a fixed
//! mix of queries, beside the same queries answered by a SQLite FTS5 baseline
//! over the same data. Prints figures; asserts nothing.

use anyhow::{Context, bail};
use domain::model::{
    ContractType, DEFAULT_RADIUS_KM, JobFamily, OfferQuery, PAGE_SIZE, SalaryPeriod,
};
use domain::places::{Directory, Location};
use domain::search::SearchIndex;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, Value};
use std::time::{Duration, Instant};

/// The fixed mix: `/offres` query strings, by category.
const QUERIES: &[(&str, &str)] = &[
    ("texte seul", "q=m%C3%A9canicien"),
    ("texte seul", "q=carrossier+peintre"),
    ("texte seul", "q=vendeur+automobile"),
    ("texte seul", "q=technicien+apr%C3%A8s-vente"),
    ("texte seul", "q=magasinier"),
    ("texte seul", "q=chef+d%27atelier"),
    ("texte seul", "q=poids+lourds"),
    ("texte seul", "q=%C3%A9lectrique"),
    ("texte seul", "q=mecanicein"),
    ("texte seul", "q=r%C3%A9ceptionnaire"),
    ("texte + filtres", "q=m%C3%A9canicien&contrat=cdi"),
    (
        "texte + filtres",
        "q=m%C3%A9canicien&contrat=alternance&depuis=30",
    ),
    ("texte + filtres", "q=carrossier&salaire_min=2000"),
    (
        "texte + filtres",
        "q=vendeur&contrat=cdi&contrat=cdd&temps=temps_plein",
    ),
    (
        "texte + filtres",
        "q=technicien&metier=I1604&experience=debutant",
    ),
    ("texte + filtres", "q=magasinier&depuis=7&tri=date"),
    ("lieu + rayon", "lieu=Lyon&rayon=20"),
    ("lieu + rayon", "lieu=Paris&rayon=10&tri=distance"),
    ("lieu + rayon", "q=m%C3%A9canicien&lieu=Bordeaux&rayon=50"),
    (
        "lieu + rayon",
        "q=carrossier&lieu=Lille&rayon=30&contrat=cdi",
    ),
    ("lieu + rayon", "lieu=13"),
    ("lieu + rayon", "q=alternance&lieu=Nantes&rayon=100"),
    ("facettes", ""),
    ("facettes", "contrat=alternance"),
    ("facettes", "metier=I1606&metier=I1607"),
    ("facettes", "salaire_min=2500&tri=date"),
];

/// Runs the benchmark: `runs` timed runs of each query on the index after
/// `warmup` ones, and `baseline_runs` on the (much slower) FTS5 baseline
/// after one.
pub async fn run(
    db: &DatabaseConnection,
    index: &SearchIndex,
    runs: usize,
    warmup: usize,
    baseline_runs: usize,
) -> anyhow::Result<()> {
    if db.get_database_backend() != DbBackend::Sqlite {
        bail!("the FTS5 baseline needs the SQLite database (DATABASE_URL=sqlite://…)");
    }
    let places = Directory::load(db).await.context("loading places")?;
    let built = Instant::now();
    let fts_rows = if baseline_runs > 0 {
        build_fts(db).await?
    } else {
        0
    };
    println!(
        "FTS5 baseline table built in {:.1} s ({fts_rows} open offers); tantivy index: {} open offers.",
        built.elapsed().as_secs_f64(),
        index.len()
    );

    let queries: Vec<(&str, OfferQuery)> = QUERIES
        .iter()
        .map(|(category, qs)| {
            (
                *category,
                OfferQuery::from_pairs(pairs(qs).iter().map(|(k, v)| (k.as_str(), v.as_str()))),
            )
        })
        .collect();
    let mut tantivy: Vec<(&str, Duration)> = Vec::new();
    let mut fts: Vec<(&str, Duration)> = Vec::new();
    for (n, (category, query)) in queries.iter().enumerate() {
        eprintln!("query {}/{}: {}", n + 1, queries.len(), QUERIES[n].1);
        for round in 0..warmup + runs {
            let started = Instant::now();
            let results = index
                .search(db, &places, query)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let elapsed = started.elapsed();
            std::hint::black_box(results);
            if round >= warmup {
                tantivy.push((category, elapsed));
            }
        }
        let baseline_rounds = if baseline_runs == 0 {
            0
        } else {
            1 + baseline_runs
        };
        for round in 0..baseline_rounds {
            let started = Instant::now();
            fts_search(db, &places, query).await?;
            if round >= 1 {
                fts.push((category, started.elapsed()));
            }
        }
    }

    println!(
        "\n{} queries × {runs} runs on the index (after {warmup} warm-up runs each), × {baseline_runs} on FTS5 (after one);\ntimes include reading the 20 cards of the page.\n",
        queries.len()
    );
    println!(
        "{:<18} {:>12} {:>12} {:>12} {:>12} {:>10}",
        "catégorie", "tantivy p50", "tantivy p99", "FTS5 p50", "FTS5 p99", "p50 ×"
    );
    let mut categories: Vec<&str> = QUERIES.iter().map(|(c, _)| *c).collect();
    categories.dedup();
    categories.push("toutes");
    for category in categories {
        let pick = |samples: &[(&str, Duration)]| -> Vec<Duration> {
            samples
                .iter()
                .filter(|(c, _)| category == "toutes" || *c == category)
                .map(|(_, d)| *d)
                .collect()
        };
        let (t50, t99) = percentiles(pick(&tantivy));
        let (f50, f99) = percentiles(pick(&fts));
        println!(
            "{:<18} {:>10.2}ms {:>10.2}ms {:>10.2}ms {:>10.2}ms {:>9.1}×",
            category,
            ms(t50),
            ms(t99),
            ms(f50),
            ms(f99),
            ms(f50) / ms(t50).max(1e-6)
        );
    }
    println!(
        "\nResident memory of this process: {} MB",
        rss_mb().unwrap_or(0)
    );
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentiles(mut samples: Vec<Duration>) -> (Duration, Duration) {
    if samples.is_empty() {
        return (Duration::ZERO, Duration::ZERO);
    }
    samples.sort();
    let at = |p: f64| samples[((samples.len() as f64 - 1.0) * p).round() as usize];
    (at(0.50), at(0.99))
}

/// The resident set size of this process, from /proc.
pub fn rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace()
        .nth(1)?
        .parse::<u64>()
        .ok()
        .map(|kb| kb / 1024)
}

/// The pairs of a query string, decoded as a browser encodes them.
fn pairs(query_string: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query_string.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// A full-text table of the open offers, as a SQLite-only portal would have.
async fn build_fts(db: &DatabaseConnection) -> anyhow::Result<u64> {
    let sqlite = |sql: &str| Statement::from_string(DbBackend::Sqlite, sql.to_owned());
    db.execute_raw(sqlite("DROP TABLE IF EXISTS bench_offers_fts"))
        .await?;
    db.execute_raw(sqlite(
        "CREATE VIRTUAL TABLE bench_offers_fts USING fts5(title, description, company, family, place, \
         tokenize = 'unicode61 remove_diacritics 2')",
    ))
    .await?;
    let inserted = db
        .execute_raw(sqlite(
            "INSERT INTO bench_offers_fts(rowid, title, description, company, family, place) \
             SELECT o.id, o.title, o.description_html, c.name, o.job_family, p.name \
             FROM offers o JOIN companies c ON c.id = o.company_id JOIN places p ON p.insee = o.place_insee \
             WHERE o.status = 'publiee'",
        ))
        .await?;
    Ok(inserted.rows_affected())
}

/// The same search with SQL: FTS5 MATCH (prefix terms stand in for
/// stemming; there is no typo tolerance), filters, total, three facet counts
/// and the page of cards — what the results page needs.
async fn fts_search(
    db: &DatabaseConnection,
    places: &Directory,
    query: &OfferQuery,
) -> anyhow::Result<()> {
    let mut from = String::from("offers o JOIN places p ON p.insee = o.place_insee");
    let mut conditions: Vec<String> =
        vec!["o.status = 'publiee'".into(), "o.expires_at > ?".into()];
    let mut values: Vec<Value> = vec![chrono::Utc::now().into()];
    let words: Vec<String> = query
        .q
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 2)
        .map(|w| format!("\"{}\"*", w.to_lowercase()))
        .collect();
    let ranked = !words.is_empty();
    if ranked {
        // CROSS JOIN keeps the full-text match as the outer loop: left to
        // itself, SQLite's planner runs the MATCH once per offer.
        from = "bench_offers_fts f CROSS JOIN offers o ON o.id = f.rowid JOIN places p ON p.insee = o.place_insee".into();
        conditions.push("bench_offers_fts MATCH ?".into());
        values.push(words.join(" ").into());
    }
    if !query.contracts.is_empty() {
        conditions.push(list(
            "o.contract_type",
            query.contracts.iter().map(|c| ContractType::code(*c)),
            &mut values,
        ));
    }
    if !query.families.is_empty() {
        conditions.push(list(
            "o.job_family",
            query.families.iter().map(|f| JobFamily::code(*f)),
            &mut values,
        ));
    }
    if let Some(euros) = query.salary_min {
        conditions.push(format!(
            "(CASE o.salary_period WHEN '{}' THEN o.salary_min_cents * 151.67 WHEN '{}' THEN o.salary_min_cents / 12.0 \
             ELSE o.salary_min_cents END) >= ?",
            SalaryPeriod::Hour.code(),
            SalaryPeriod::Year.code()
        ));
        values.push((i64::from(euros) * 100).into());
    }
    if let Some(days) = query.since_days {
        conditions.push("o.published_at >= ?".into());
        values.push((chrono::Utc::now() - chrono::Duration::days(i64::from(days))).into());
    }
    if let Some(time) = query.working_time {
        conditions.push("o.working_time = ?".into());
        values.push(time.code().into());
    }
    if let Some(experience) = query.experience {
        conditions.push("o.experience = ?".into());
        values.push(experience.code().into());
    }
    match places.resolve(&query.lieu) {
        Some(Location::Commune(commune)) => {
            let km = f64::from(query.radius_km.unwrap_or(DEFAULT_RADIUS_KM)).max(0.5);
            let (dlat, dlon) = (
                km / 111.0,
                km / (111.0 * commune.latitude.to_radians().cos()),
            );
            conditions.push("p.latitude BETWEEN ? AND ? AND p.longitude BETWEEN ? AND ?".into());
            values.extend([
                (commune.latitude - dlat).into(),
                (commune.latitude + dlat).into(),
                (commune.longitude - dlon).into(),
                (commune.longitude + dlon).into(),
            ]);
        }
        Some(Location::Department { code, .. }) => {
            conditions.push("o.department_code = ?".into());
            values.push(code.into());
        }
        None => {}
    }
    let filter = format!("FROM {from} WHERE {}", conditions.join(" AND "));
    let order = if ranked {
        "ORDER BY f.rank"
    } else {
        "ORDER BY o.published_at DESC"
    };
    let statements = [
        format!(
            "SELECT o.id, o.slug, o.title, c.name, p.name, o.salary_min_cents \
             FROM {from} JOIN companies c ON c.id = o.company_id WHERE {} {order} LIMIT {PAGE_SIZE}",
            conditions.join(" AND ")
        ),
        format!("SELECT COUNT(*) {filter}"),
        format!("SELECT o.contract_type, COUNT(*) {filter} GROUP BY o.contract_type"),
        format!("SELECT o.job_family, COUNT(*) {filter} GROUP BY o.job_family"),
        format!("SELECT o.department_code, COUNT(*) {filter} GROUP BY o.department_code"),
    ];
    for sql in statements {
        let rows = db
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                &sql,
                values.clone(),
            ))
            .await
            .with_context(|| format!("baseline query: {sql}"))?;
        std::hint::black_box(rows);
    }
    Ok(())
}

fn list<'a>(column: &str, codes: impl Iterator<Item = &'a str>, values: &mut Vec<Value>) -> String {
    let marks: Vec<&str> = codes
        .map(|code| {
            values.push(code.into());
            "?"
        })
        .collect();
    format!("{column} IN ({})", marks.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings_decode_like_a_browser_sends_them() {
        assert_eq!(
            pairs("q=chef+d%27atelier&lieu=Lyon"),
            [
                ("q".into(), "chef d'atelier".into()),
                ("lieu".into(), "Lyon".into())
            ]
        );
        assert_eq!(pairs("q=m%C3%A9canicien")[0].1, "mécanicien");
    }

    #[test]
    fn percentiles_pick_the_middle_and_the_tail() {
        let samples: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(
            percentiles(samples),
            (Duration::from_millis(51), Duration::from_millis(99))
        );
    }
}
