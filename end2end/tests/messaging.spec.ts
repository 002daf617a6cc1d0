import { expect, test, type Page } from "@playwright/test";
import { fillOffer, pdf, signedInCandidate, signedInRecruiter } from "./helpers";

// C6: a recruiter and a candidate (two browser contexts) exchange messages
// about an application; unread counts change; new messages appear without
// reloading.

/** The unread badge next to the visible "Messages" entry (bottom bar on a phone, header on a desktop). */
function badge(page: Page) {
  return page.locator('a:visible[href="/messages"] .badge-count').first();
}

test("a candidate and a recruiter exchange messages about an application", async ({ browser, baseURL }, info) => {
  test.setTimeout(150_000);
  const stamp = `${info.project.name}.${Date.now()}`;
  const viewport = info.project.use.viewport ?? { width: 1280, height: 720 };
  const recruiterContext = await browser.newContext({ baseURL, locale: "fr-FR", viewport });
  const candidateContext = await browser.newContext({ baseURL, locale: "fr-FR", viewport });
  const recruiter = await recruiterContext.newPage();
  const candidate = await candidateContext.newPage();
  const title = `Carrossier peintre H/F ${stamp}`;

  await signedInRecruiter(recruiter, `paul.msg.${stamp}@garage.fr`, `Carrosserie Messages ${stamp}`);
  await recruiter.goto("/recruteur/offres/nouvelle");
  await fillOffer(recruiter, title, "Réparation et mise en peinture des véhicules de nos clients, dans un atelier neuf et bien équipé.");
  await recruiter.getByRole("button", { name: "Publier l'offre" }).click();
  await expect(recruiter.getByRole("status")).toContainText("L'offre est publiée");
  const publicPath = await recruiter.getByRole("link", { name: "Voir la page publique" }).getAttribute("href");

  await signedInCandidate(candidate, `zoe.msg.${stamp}@exemple.fr`);
  await candidate.goto(publicPath!);
  await candidate.getByLabel("CV", { exact: true }).setInputFiles(pdf("cv-zoe.pdf"));
  await candidate.getByRole("button", { name: "Envoyer ma candidature" }).click();
  await expect(candidate.getByRole("status").filter({ hasText: "Votre candidature est envoyée" })).toBeVisible();

  // The candidate writes from "Mes candidatures".
  await candidate.goto("/espace/candidatures");
  await candidate.getByRole("button", { name: `Écrire au recruteur de « ${title} »` }).click();
  await expect(candidate.getByText("Pas encore de message")).toBeVisible();
  await candidate.getByLabel("Votre message").fill("Bonjour, je suis disponible dès lundi. Mon book : https://zoe.example/book");
  await candidate.getByRole("button", { name: "Envoyer" }).click();
  await expect(candidate.getByText("Bonjour, je suis disponible dès lundi.")).toBeVisible();
  await expect(candidate.getByRole("link", { name: "https://zoe.example/book" })).toBeVisible();

  // The recruiter sees one unread message, reads it, and answers.
  await recruiter.goto("/recruteur/offres");
  await expect(badge(recruiter)).toHaveText(/1/);
  await recruiter.locator('a:visible[href="/messages"]').first().click();
  await expect(recruiter.getByText("1 non lu")).toBeVisible();
  await recruiter.getByRole("link", { name: /Zoé Martin/ }).click();
  await expect(recruiter.getByText("Bonjour, je suis disponible dès lundi.")).toBeVisible();
  await recruiter.getByLabel("Votre message").fill("Merci ! Passez à l'atelier mardi à 9 h.");
  await recruiter.getByRole("button", { name: "Envoyer" }).click();
  await expect(recruiter.getByText("Merci ! Passez à l'atelier mardi à 9 h.")).toBeVisible();
  await expect(badge(recruiter)).toHaveText("");

  // The candidate's open conversation shows the answer without a reload.
  await expect(candidate.getByText("Merci ! Passez à l'atelier mardi à 9 h.")).toBeVisible({ timeout: 20_000 });
  await candidate.goto("/espace/candidatures");
  await expect(badge(candidate)).toHaveText("", { timeout: 1_000 });

  await recruiterContext.close();
  await candidateContext.close();
});
