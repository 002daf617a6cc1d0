//! France Travail offers of the documented shape (`FRANCE_TRAVAIL.md` §11:
//! a CDI in a garage, an interim mission through a temp agency, an
//! apprenticeship of an anonymous partner employer placed by department
//! only) read into the portal's values, and places resolved against the
//! directory of every database this run tests.

use domain::france_travail::mapping::{self, Placed, Unplaced};
use domain::france_travail::offer::{ApiOffer, Workplace};
use domain::model::{ContractType, Education, Experience, SalaryPeriod, WorkingTime};
use domain::places::Directory;
use domain::testing::{insert_places, test_databases};

fn fixtures() -> Vec<ApiOffer> {
    #[derive(serde::Deserialize)]
    struct Page {
        resultats: Vec<ApiOffer>,
    }
    let text = include_str!("fixtures/france_travail_offers.json");
    serde_json::from_str::<Page>(text).unwrap().resultats
}

#[test]
fn the_three_documented_offers_read_into_the_portals_values() {
    let [garage, interim, apprentice] = <[ApiOffer; 3]>::try_from(fixtures()).unwrap();

    assert_eq!(mapping::contract(&garage), Some(ContractType::Cdi));
    let pay = mapping::salary(garage.salaire.libelle.as_deref()).unwrap();
    assert_eq!(
        (pay.min_cents, pay.max_cents, pay.period),
        (210_000, 250_000, SalaryPeriod::Month)
    );
    assert_eq!(mapping::experience(&garage), Experience::OneToThree);
    assert_eq!(mapping::education(&garage.formations), Education::Cap);
    assert_eq!(mapping::working_time(&garage), WorkingTime::FullTime);
    assert_eq!(
        mapping::employer(&garage).as_deref(),
        Some("GARAGE DU CHER FICTIF")
    );
    assert_eq!(
        mapping::contact_email(&garage.contact),
        None,
        "coordonnees3 holds an instruction"
    );
    assert_eq!(
        mapping::apply_url(&garage).as_deref(),
        Some("https://candidat.francetravail.fr/offres/recherche/detail/203KQZB")
    );
    assert!(garage.description.contains('\n'), "line breaks kept");

    assert_eq!(mapping::contract(&interim), Some(ContractType::Interim));
    assert_eq!(
        mapping::contract_months(&interim.type_contrat_libelle),
        Some(3)
    );
    let hourly = mapping::salary(interim.salaire.libelle.as_deref()).unwrap();
    assert_eq!(
        (hourly.min_cents, hourly.period),
        (1350, SalaryPeriod::Hour)
    );
    assert_eq!(interim.nombre_postes, None);

    assert_eq!(
        mapping::contract(&apprentice),
        Some(ContractType::Alternance)
    );
    assert_eq!(
        mapping::contract_months(&apprentice.type_contrat_libelle),
        Some(24)
    );
    assert_eq!(
        mapping::salary(apprentice.salaire.libelle.as_deref()),
        None,
        "not communicated"
    );
    assert_eq!(mapping::experience(&apprentice), Experience::Beginner);
    assert_eq!(mapping::employer(&apprentice), None, "anonymous");
    assert_eq!(
        domain::france_travail::rome::job_family(&apprentice.rome_code),
        Some(domain::model::JobFamily::CarMechanics)
    );
}

fn workplace(json: &str) -> Workplace {
    serde_json::from_str(json).unwrap()
}

#[tokio::test]
async fn places_come_from_the_insee_code_then_the_postal_code_then_the_department() {
    for t in test_databases().await {
        insert_places(&t.db).await;
        let places = Directory::load(&t.db).await.unwrap();
        let place = |json: &str| mapping::place(&workplace(json), &places);
        assert_eq!(
            place(r#"{"libelle": "69 - Lyon 3e", "commune": "69383", "codePostal": "69003"}"#),
            Ok(Placed::Commune("69123".into())),
            "{}: an arrondissement is its city",
            t.backend
        );
        assert_eq!(
            place(r#"{"libelle": "75 - Paris 15e", "commune": "75115"}"#),
            Ok(Placed::Commune("75056".into()))
        );
        assert_eq!(
            place(r#"{"libelle": "69 - VILLEURBANNE", "commune": "99999", "codePostal": "69100"}"#),
            Ok(Placed::Commune("69266".into())),
            "an unknown INSEE code falls back to the postal code"
        );
        assert_eq!(
            place(r#"{"libelle": "29 - Finistère"}"#),
            Ok(Placed::Department {
                code: "29".into(),
                seat: "29019".into()
            }),
            "department only: shown as the department, placed at its largest commune"
        );
        assert_eq!(place(r#"{"libelle": "Luxembourg"}"#), Err(Unplaced::Abroad));
        assert_eq!(
            place(r#"{"libelle": "13 - Bouches-du-Rhône"}"#),
            Err(Unplaced::Unknown),
            "not in this directory"
        );
        assert_eq!(place(r#"{}"#), Err(Unplaced::Unknown));
    }
}
