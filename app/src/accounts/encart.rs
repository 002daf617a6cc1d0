//! C2, the "encart jaune" of "Mon profil": what makes a candidate findable
//! in the CVthèque. Closed sets are choices, never free text.

use crate::session::FormOutcome;
use crate::ui::form::{Field, checkboxes, select};
use domain::model::{
    Availability, CandidateProfile, CandidateStatus, Diploma, DrivingLicence, JobFamily,
    MAX_WANTED_PLACES, MOBILITY_CHOICES_KM,
};
use leptos::prelude::*;

#[component]
pub fn Encart(profile: CandidateProfile, outcome: FormOutcome) -> impl IntoView {
    let mut outcome = outcome;
    if outcome.values.is_empty() {
        let values = &mut outcome.values;
        for (i, (_, label)) in profile.places.iter().enumerate() {
            values.insert(format!("lieu_{}", i + 1), label.clone());
        }
        if let Some(date) = profile.available_from {
            values.insert("disponible_le".into(), date.to_string());
        }
        if let Some(years) = profile.experience_years {
            values.insert("experience".into(), years.to_string());
        }
        if let Some(phone) = &profile.phone {
            values.insert("telephone".into(), phone.clone());
        }
    }
    let statuses = CandidateStatus::ALL
        .iter()
        .map(|s| (s.code().to_owned(), s.label().to_owned()))
        .collect();
    let availabilities = Availability::ALL
        .iter()
        .map(|s| (s.code().to_owned(), s.label().to_owned()))
        .collect();
    let radii = MOBILITY_CHOICES_KM
        .iter()
        .map(|km| {
            let text = if *km == 0 {
                "Uniquement ces communes".to_owned()
            } else {
                format!("Jusqu'à {km} km")
            };
            (km.to_string(), text)
        })
        .collect();
    view! {
        <section class="profile-section encart" id="encart" aria-labelledby="titre-encart">
            <h2 id="titre-encart">"Mon profil candidat"</h2>
            <p>
                "Ces informations accompagnent vos dossiers visibles dans la CVthèque : "
                "elles aident les recruteurs à vous trouver."
            </p>
            <form method="post" action="/espace/profil" class="stack-form">
                <input type="hidden" name="action" value="candidat" />
                {select(&outcome, "statut", "Situation actuelle", statuses,
                    profile.status.map(|s| s.code().to_owned()).unwrap_or_default())}
                {select(&outcome, "disponibilite", "Disponibilité", availabilities,
                    profile.availability.map(|s| s.code().to_owned()).unwrap_or_default())}
                <Field outcome=outcome.clone() name="disponible_le" label="Disponible à partir du" kind="date"
                    hint="Si vous avez choisi « À partir d'une date »." required=false />
                {checkboxes(&outcome, "diplomes", "Diplômes et qualifications",
                    Diploma::ALL.iter().map(|d| (d.code(), d.label())).collect(),
                    profile.diplomas.iter().map(|d| d.code()).collect())}
                {checkboxes(&outcome, "metiers", "Métiers recherchés",
                    JobFamily::ALL.iter().map(|f| (f.code(), f.short_label())).collect(),
                    profile.job_families.iter().map(|f| f.code()).collect())}
                <fieldset class="field">
                    <legend>"Où souhaitez-vous travailler ?"</legend>
                    {(1..=MAX_WANTED_PLACES).map(|i| {
                        let name: &'static str = ["lieu_1", "lieu_2", "lieu_3", "lieu_4", "lieu_5"][i - 1];
                        let label: &'static str = ["Commune 1", "Commune 2", "Commune 3", "Commune 4", "Commune 5"][i - 1];
                        view! { <Field outcome=outcome.clone() name label required=false hint=if i == 1 { "Nom ou code postal, par exemple « Lyon (69) »." } else { "" } /> }
                    }).collect_view()}
                    {select(&outcome, "mobilite", "Mobilité autour de ces communes", radii,
                        profile.mobility_km.map(|km| km.to_string()).unwrap_or_default())}
                </fieldset>
                {checkboxes(&outcome, "permis", "Permis de conduire",
                    DrivingLicence::ALL.iter().map(|d| (d.code(), d.label())).collect(),
                    profile.licences.iter().map(|d| d.code()).collect())}
                <Field outcome=outcome.clone() name="experience" label="Années d'expérience dans le métier" kind="number" required=false />
                <Field outcome=outcome.clone() name="telephone" label="Téléphone" kind="tel" autocomplete="tel" required=false
                    hint="Visible des recruteurs qui consultent vos dossiers visibles et vos candidatures." />
                <button class="button" type="submit">"Enregistrer mon profil candidat"</button>
            </form>
        </section>
    }
}
