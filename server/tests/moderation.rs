//! Reports and moderation over HTTP: a visitor reports an offer from its
//! page without JavaScript; an administrator unpublishes it; the page then
//! says the offer is no longer online.

use crate::common::*;
use axum::http::StatusCode;
use domain::model::Role;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_visitor_reports_an_offer_and_an_administrator_takes_it_down() {
    let app = TestApp::spawn().await;
    let page = text(app.get(&app.offer_path).await).await;
    let link = format!("/signaler?offre={}", app.offer_id);
    assert!(
        page.contains(&format!(r#"href="{link}""#)),
        "every offer page has the link"
    );
    let form_page = text(app.get(&link).await).await;
    assert!(
        form_page.contains("Mécanicien automobile H/F")
            && form_page.contains(r#"name="bonne_foi""#)
    );

    let refused = app
        .request(form(
            "/signaler",
            &format!("offre={}&motif=arnaque", app.offer_id),
            None,
        ))
        .await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        text(refused)
            .await
            .contains("Cochez la déclaration de bonne foi")
    );
    let body = format!(
        "offre={}&motif=arnaque&explication={}&nom=L%C3%A9a&email=lea%40exemple.fr&bonne_foi=oui",
        app.offer_id,
        encode("Le recruteur demande 150 € de frais de dossier.")
    );
    let sent = app.request(form("/signaler", &body, None)).await;
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    let to = location(&sent).to_owned();
    assert!(to.contains("ok=envoye&dossier="), "{to}");
    let case: i64 = to.rsplit('=').next().unwrap().parse().unwrap();
    assert!(
        text(app.get(&to).await)
            .await
            .contains(&format!("M-{case:05}"))
    );

    let ada = app
        .signed_in("ada@jobtomove.test", Role::Administrator)
        .await;
    {
        use sea_orm::sea_query::Expr;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        domain::entity::session::Entity::update_many()
            .col_expr(
                domain::entity::session::Column::SecondFactorAt,
                Expr::value(chrono::Utc::now()),
            )
            .filter(domain::entity::session::Column::IdHash.eq(domain::auth::secret_hash(&ada)))
            .exec(&app.db.db)
            .await
            .unwrap();
    }
    let queue = text(app.request(get("/admin/moderation", Some(&ada))).await).await;
    assert!(queue.contains(&format!("M-{case:05}")));
    let decided = app
        .request(form(
            &format!("/admin/moderation/{case}"),
            &format!(
                "mesure=depublication&fondement=arnaque&faits={}",
                encode("Frais demandés aux candidats.")
            ),
            Some(&ada),
        ))
        .await;
    assert_eq!(
        location(&decided),
        format!("/admin/moderation/{case}?ok=decision")
    );
    let after = text(app.get(&app.offer_path).await).await;
    assert!(
        after.contains("n'est plus en ligne"),
        "the offer page says so"
    );
    assert!(
        !text(app.get("/offres?q=m%C3%A9canicien").await)
            .await
            .contains(&app.offer_path),
        "out of search"
    );
}
