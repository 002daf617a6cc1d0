import { expect, test } from "@playwright/test";
import { fillOffer, nav, pdf, png, signedInCandidate, signedInRecruiter } from "./helpers";

// The recruiter space through its screens: publish (a discriminatory offer
// refused first), duplicate, receive an application from a candidate with
// an account, change its status, and find a visible dossier in the CVthèque.

test("a recruiter publishes, duplicates, handles an application and searches the CVthèque", async ({ browser, baseURL }, info) => {
  test.setTimeout(150_000);
  const stamp = `${info.project.name}.${Date.now()}`;
  const viewport = info.project.use.viewport ?? { width: 1280, height: 720 };
  const recruiterContext = await browser.newContext({ baseURL, locale: "fr-FR", viewport });
  const candidateContext = await browser.newContext({ baseURL, locale: "fr-FR", viewport });
  const recruiter = await recruiterContext.newPage();
  const candidate = await candidateContext.newPage();
  const title = `Mécanicien poids lourds H/F ${stamp}`;

  await signedInRecruiter(recruiter, `paul.${stamp}@garage.fr`, `Garage Test ${stamp}`);

  // Complete the company page: a logo (a page that is not an image is refused), then the details.
  await recruiter.goto("/recruteur/entreprise");
  await recruiter.getByLabel("Votre logo").setInputFiles(pdf("logo.pdf"));
  await recruiter.getByRole("button", { name: "Envoyer le logo" }).click();
  await expect(recruiter.getByText(/n'est pas une image PNG, JPEG ou WebP/)).toBeVisible();
  await recruiter.getByLabel("Votre logo").setInputFiles(png("logo.png"));
  await recruiter.getByRole("button", { name: "Envoyer le logo" }).click();
  await expect(recruiter.getByRole("status")).toContainText("Votre logo est en ligne");
  await recruiter.getByLabel("Présentation").fill("Atelier poids lourds et véhicules utilitaires depuis 1990.");
  await recruiter.getByLabel("Commune").fill("Lyon (69)");
  await recruiter.getByRole("button", { name: "Enregistrer ma fiche" }).click();
  await expect(recruiter.getByRole("status")).toContainText("Votre fiche est enregistrée");
  await recruiter.getByRole("link", { name: /Voir la page publique/ }).click();
  await expect(recruiter.getByRole("img", { name: `Logo de Garage Test ${stamp}` })).toBeVisible();
  await expect(recruiter.getByText("Atelier poids lourds et véhicules utilitaires depuis 1990.")).toBeVisible();
  await nav(recruiter, "Mes offres").click();
  await expect(recruiter.getByRole("heading", { name: "Mon espace recruteur" })).toBeVisible();
  await recruiter.getByRole("link", { name: "Publier une offre" }).first().click();

  await fillOffer(recruiter, "Mécanicien poids lourds", "Nous cherchons un jeune homme de moins de 30 ans pour l'entretien de notre flotte de camions.");
  await recruiter.getByRole("button", { name: "Publier l'offre" }).click();
  await expect(recruiter.getByText(/ne peut pas être publiée en l'état/).first()).toBeVisible();
  await expect(recruiter.getByText(/« jeune »/).first()).toBeVisible();

  await recruiter.getByLabel("Intitulé du poste").fill(title);
  // The rich-text editor (an island over the textarea): type, select all, make it bold.
  await expect(recruiter.getByRole("toolbar", { name: "Mise en forme de la description" })).toBeVisible();
  const description = recruiter.getByRole("textbox", { name: "Description du poste" });
  await description.fill("Entretien et réparation de notre flotte de camions et de semi-remorques, en atelier et sur la route.");
  await description.press("ControlOrMeta+a");
  await recruiter.getByRole("button", { name: "Gras" }).click();
  await recruiter.getByRole("button", { name: "Publier l'offre" }).click();
  await expect(recruiter.getByRole("status")).toContainText("L'offre est publiée");
  const publicPath = await recruiter.getByRole("link", { name: "Voir la page publique" }).getAttribute("href");

  await recruiter.getByRole("button", { name: "Dupliquer" }).click();
  await expect(recruiter.getByRole("status")).toContainText("Voici une copie de l'offre");
  await expect(recruiter.getByText("Brouillon").first()).toBeVisible();

  // A candidate with an account applies, and makes one visible and one hidden dossier.
  await signedInCandidate(candidate, `zoe.recrutement.${stamp}@exemple.fr`);
  await candidate.goto(publicPath!);
  await expect(candidate.locator(".offer-description b, .offer-description strong").first()).toContainText("Entretien et réparation");
  await candidate.getByLabel("CV", { exact: true }).setInputFiles(pdf("cv-zoe.pdf"));
  await candidate.getByLabel("Message au recruteur").fill("Titulaire du permis C, disponible de suite.");
  await candidate.getByRole("button", { name: "Envoyer ma candidature" }).click();
  await expect(candidate.getByRole("status").filter({ hasText: "Votre candidature est envoyée" })).toBeVisible();
  for (const [dossier, visible] of [[`Mécanicienne visible ${stamp}`, true], [`Dossier caché ${stamp}`, false]] as const) {
    await candidate.goto("/espace/dossiers/nouveau");
    await candidate.getByLabel("Titre du dossier").fill(dossier);
    await candidate.getByLabel("CV", { exact: true }).setInputFiles(pdf("cv.pdf"));
    if (visible) await candidate.getByLabel(/Rendre visible/).check();
    await candidate.getByRole("button", { name: "Créer le dossier" }).click();
    await expect(candidate.getByRole("status")).toContainText("Votre dossier est créé");
  }

  // The recruiter opens it and asks for an interview.
  await nav(recruiter, "Candidatures").click();
  await recruiter.getByRole("link", { name: "Zoé Martin" }).first().click();
  await expect(recruiter.getByText("Titulaire du permis C, disponible de suite.")).toBeVisible();
  await recruiter.getByLabel("Entretien").check();
  await recruiter.getByRole("button", { name: "Enregistrer le statut" }).click();
  await expect(recruiter.getByRole("status")).toContainText("Le statut est enregistré");

  await candidate.goto("/espace/candidatures");
  await expect(candidate.getByText("Entretien", { exact: true })).toBeVisible();

  // The CVthèque, one tap away on a phone.
  if (info.project.name === "phone") {
    await expect(recruiter.locator(".bottom-bar a", { hasText: "CVthèque" })).toBeVisible();
  }
  await nav(recruiter, "CVthèque").click();
  await recruiter.getByLabel("Mots-clés").fill(stamp);
  await recruiter.getByRole("button", { name: "Rechercher" }).click();
  await expect(recruiter.getByRole("link", { name: `Mécanicienne visible ${stamp}` })).toBeVisible();
  await expect(recruiter.getByText(`Dossier caché ${stamp}`)).toHaveCount(0);

  await recruiterContext.close();
  await candidateContext.close();
});
