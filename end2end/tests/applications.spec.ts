import { expect, test } from "@playwright/test";
import { emailTo, firstOffer, nav, pdf, signedInCandidate } from "./helpers";

// Applying, through the screens a candidate uses, on a phone (360×740) and
// on a desktop: without an account, with a dossier, and the refusals.

test("a visitor applies from an offer page in three interactions and gets the confirmation email", async ({ page }, info) => {
  const email = `lea.${info.project.name}.${Date.now()}@exemple.fr`;
  const offer = await firstOffer(page);
  await page.goto(offer);
  const title = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();

  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("CV", { exact: true }).setInputFiles(pdf("cv-lea.pdf"));
  await page.getByRole("button", { name: "Envoyer ma candidature" }).click();

  await expect(page).toHaveURL(/candidature=envoyee/);
  await expect(page.getByRole("status").filter({ hasText: "Votre candidature est envoyée" })).toBeVisible();
  const confirmation = await emailTo(email, "a bien été envoyée au recruteur");
  expect(confirmation).toContain(title);
  expect(confirmation).toContain("cv-lea.pdf");
});

test("a file that is not a CV is refused in place with a French message", async ({ page }) => {
  await page.goto(await firstOffer(page));
  await page.getByLabel("Adresse e-mail").fill("lea@exemple.fr");
  await page.getByLabel("CV", { exact: true }).setInputFiles({
    name: "cv.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("<html><script>alert(1)</script></html>"),
  });
  await page.getByRole("button", { name: "Envoyer ma candidature" }).click();
  await expect(page.getByText(/n'est ni un PDF, ni un document Word/).first()).toBeVisible();
  await expect(page).not.toHaveURL(/candidature=envoyee/);
});

test("a candidate creates a visible dossier, applies with it, saves the offer and follows the application", async ({ page }, info) => {
  test.setTimeout(90_000);
  const email = `zoe.dossier.${info.project.name}.${Date.now()}@exemple.fr`;
  await signedInCandidate(page, email);

  await nav(page, "Mes dossiers").click();
  await expect(page).toHaveURL(/\/espace\/dossiers$/);
  await expect(page.getByText("Vous n'avez pas encore de dossier.")).toBeVisible();
  await page.getByRole("link", { name: "Créer un dossier" }).first().click();
  await page.getByLabel("Titre du dossier").fill("Mécanicienne automobile");
  await page.getByLabel("CV", { exact: true }).setInputFiles(pdf("cv-zoe.pdf"));
  await page.getByLabel(/Rendre visible/).check();
  await page.getByRole("button", { name: "Créer le dossier" }).click();
  await expect(page.getByRole("status")).toContainText("Votre dossier est créé");
  await expect(page.getByText("Visible dans la CVthèque")).toBeVisible();

  const offer = await firstOffer(page);
  await page.goto(offer);
  const title = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
  await page.getByRole("button", { name: "Sauvegarder l'offre" }).click();
  await expect(page.getByRole("button", { name: "Sauvegarder l'offre" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByLabel("Mécanicienne automobile")).toBeChecked();
  await page.getByLabel("Message au recruteur").fill("Bonjour, je suis disponible dès lundi.");
  await page.getByRole("button", { name: "Envoyer ma candidature" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Votre candidature est envoyée" })).toBeVisible();

  await nav(page, "Candidatures").click();
  await expect(page.getByRole("heading", { name: "Mes candidatures" })).toBeVisible();
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await expect(page.getByText("Envoyée", { exact: true })).toBeVisible();
  await expect(page.getByText("avec le dossier « Mécanicienne automobile »")).toBeVisible();

  await page.getByRole("link", { name: "Mes offres sauvegardées" }).click();
  await expect(page.getByRole("link", { name: title })).toBeVisible();
});
