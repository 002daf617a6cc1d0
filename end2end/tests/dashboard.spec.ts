import { expect, test, type Page } from "@playwright/test";
import { axeViolations, htmlOf, vnuErrors } from "./checks";
import { emailTo, hydrated, pdf, publishedOffer, signedInCandidate, signedInRecruiter } from "./helpers";

// The dashboards: where log-in lands each role, and the recruiter's
// pipeline of one offer's applications, moved by keyboard, by drag and by
// a plain form without JavaScript.

test("log-in lands each role on its dashboard, and the logo leads back there", async ({ page }, info) => {
  test.setTimeout(120_000);
  const stamp = `${info.project.name}.${Date.now()}`;
  await page.goto("/tableau-de-bord");
  await expect(page).toHaveURL(/\/connexion\?ok=session&suite=\/tableau-de-bord$/);

  await signedInCandidate(page, `zoe.tdb.${stamp}@exemple.fr`);
  await expect(page.getByRole("heading", { name: "Tableau de bord", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Mes dossiers" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Créer mon dossier" })).toBeVisible();
  await page.goto("/offres");
  await page.locator(".brand").click();
  await expect(page).toHaveURL(/\/tableau-de-bord$/);

  for (const [kind, who] of [
    ["Une entreprise qui recrute", "paul"],
    ["Un organisme de formation", "ines"],
  ]) {
    await page.context().clearCookies();
    await signedInRecruiter(page, `${who}.tdb.${stamp}@garage.fr`, `Atelier ${who} ${stamp}`, undefined, kind);
    await expect(page.getByRole("heading", { name: "Tableau de bord", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Nouvelles candidatures" })).toBeVisible();
    await expect(page.getByText("Aucune candidature à lire.")).toBeVisible();
    await expect(page.getByText(/il manque : le logo/)).toBeVisible();
    await expect(page.locator('.tabs a[aria-current="page"]')).toHaveText("Tableau de bord");
  }
});

/** Where the card of `name` is: the heading of its column. */
async function columnOf(page: Page, name: string): Promise<string> {
  const card = page.locator(".pipeline-card", { hasText: name });
  return (await card.locator("xpath=ancestor::section[1]//h2").textContent())!.replace(/\s*\d+\s*$/, "").trim();
}

test("the pipeline moves a card by keyboard and by drag, and the candidate sees the new status", async ({ page, browser, baseURL }, info) => {
  // Dragging and the arrow keys are a desk's ways; on a phone the card's
  // form moves it (the test below runs on both screens).
  test.skip(info.project.name === "phone", "drag and arrow keys are desktop interactions; the phone uses the card's form (next test)");
  test.setTimeout(150_000);
  const stamp = Date.now();
  await signedInRecruiter(page, `paul.pipeline.${stamp}@garage.fr`, `Garage Pipeline ${stamp}`);
  const offer = await publishedOffer(page, `Mécanicien pipeline ${stamp} H/F`);

  // A candidate with an account, and a visitor without one, apply.
  const zoeContext = await browser.newContext({ baseURL, locale: "fr-FR" });
  const zoe = await zoeContext.newPage();
  await signedInCandidate(zoe, `zoe.pipeline.${stamp}@exemple.fr`);
  await zoe.goto(`/offres/${offer}`);
  await zoe.getByLabel("CV", { exact: true }).setInputFiles(pdf("cv-zoe.pdf"));
  await zoe.getByRole("button", { name: "Envoyer ma candidature" }).click();
  await expect(zoe.getByRole("status").filter({ hasText: "Votre candidature est envoyée" })).toBeVisible();
  const lea = `lea.pipeline.${stamp}@exemple.fr`;
  const visitor = await browser.newContext({ baseURL, locale: "fr-FR" });
  const leaPage = await visitor.newPage();
  await leaPage.goto(`/offres/${offer}`);
  await leaPage.getByLabel("Adresse e-mail").fill(lea);
  await leaPage.getByLabel("CV", { exact: true }).setInputFiles(pdf("cv-lea.pdf"));
  await leaPage.getByRole("button", { name: "Envoyer ma candidature" }).click();
  await expect(leaPage).toHaveURL(/candidature=envoyee/);
  await visitor.close();

  // The dashboard says there are two to read, and leads to them.
  await page.goto("/tableau-de-bord");
  await expect(page.getByText("2 à lire")).toBeVisible();
  await page.getByRole("link", { name: `Mécanicien pipeline ${stamp} H/F` }).click();
  await expect(page).toHaveURL(new RegExp(`/recruteur/offres/${offer}/candidatures\\?non-lues=1$`));
  await expect(page.locator(".pipeline-card")).toHaveCount(2);
  await page.getByRole("link", { name: "← Suivi des offres" }).hover();
  await page.goto(`/recruteur/offres/${offer}/candidatures`);
  await hydrated(page);
  expect(await columnOf(page, "Zoé Martin")).toBe("Reçues");

  // By keyboard: focus the card, arrows to the right, then back too far.
  const card = page.locator(".pipeline-card", { hasText: "Zoé Martin" });
  await card.focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("status").filter({ hasText: "Zoé Martin : « Présélectionnée »" })).toBeVisible();
  expect(await columnOf(page, "Zoé Martin")).toBe("Présélectionnées");
  await expect(page.locator(".pipeline-card", { hasText: "Zoé Martin" })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("status").filter({ hasText: "« Entretien »" })).toBeVisible();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("status").filter({ hasText: "« Présélectionnée »" })).toBeVisible();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("status").filter({ hasText: "Déplacement refusé pour Zoé Martin" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "ne redevient pas « reçue » ni « vue »" })).toBeVisible();
  expect(await columnOf(page, "Zoé Martin")).toBe("Présélectionnées");

  // By drag and drop: the visitor's card to "Non retenues".
  const leaCard = page.locator(".pipeline-card", { hasText: lea });
  await leaCard.dragTo(page.locator(".pipeline-column", { has: page.getByRole("heading", { name: /^Non retenues/ }) }));
  await expect(page.getByRole("status").filter({ hasText: "« Non retenue »" })).toBeVisible();
  expect(await columnOf(page, lea)).toBe("Non retenues");

  // The server kept both moves.
  await page.reload();
  await page.screenshot({ path: "target/screenshots/pipeline-desktop.png", fullPage: true });
  expect(await columnOf(page, "Zoé Martin")).toBe("Présélectionnées");
  expect(await columnOf(page, lea)).toBe("Non retenues");

  // The board with its cards, checked by the Nu HTML Checker and axe.
  const board = { pipeline: `/recruteur/offres/${offer}/candidatures`, dashboard: "/tableau-de-bord" };
  expect(vnuErrors(await htmlOf(page.request, board))).toEqual([]);
  expect(await axeViolations(page, board)).toEqual([]);

  // The candidate sees the new status; the visitor is told by email.
  await zoe.goto("/tableau-de-bord");
  await expect(zoe.locator(".panel", { hasText: "Mes candidatures" }).getByText("Présélectionnée", { exact: true })).toBeVisible();
  expect(await emailTo(lea, "n'a pas retenu votre candidature")).toContain(`Mécanicien pipeline ${stamp} H/F`);
  await zoeContext.close();
});

test("without JavaScript the same move works by the card's form", async ({ browser, baseURL }, info) => {
  test.setTimeout(120_000);
  // The project's screen (a 360 px phone or a desktop) for the recruiter's board.
  const { viewport, isMobile, hasTouch, userAgent } = info.project.use;
  const stamp = Date.now();
  const withJs = await browser.newContext({ baseURL, locale: "fr-FR" });
  const page = await withJs.newPage();
  await signedInRecruiter(page, `paul.sansjs.${stamp}@garage.fr`, `Garage Sans JS ${stamp}`);
  const offer = await publishedOffer(page, `Carrossier sans JS ${stamp} H/F`);
  const lea = `lea.sansjs.${stamp}@exemple.fr`;
  const visitor = await browser.newPage({ baseURL, locale: "fr-FR" });
  await visitor.goto(`/offres/${offer}`);
  await visitor.getByLabel("Adresse e-mail").fill(lea);
  await visitor.getByLabel("CV", { exact: true }).setInputFiles(pdf("cv-lea.pdf"));
  await visitor.getByRole("button", { name: "Envoyer ma candidature" }).click();
  await expect(visitor).toHaveURL(/candidature=envoyee/);
  await visitor.close();

  const cookies = await withJs.cookies();
  const noJs = await browser.newContext({ baseURL, locale: "fr-FR", javaScriptEnabled: false, viewport, isMobile, hasTouch, userAgent });
  await noJs.addCookies(cookies);
  const plain = await noJs.newPage();
  await plain.goto(`/recruteur/offres/${offer}/candidatures`);
  await plain.getByLabel(`Statut de ${lea}`).selectOption("entretien");
  await plain.locator(".pipeline-card", { hasText: lea }).getByRole("button", { name: "Déplacer" }).click();
  await expect(plain).toHaveURL(/ok=statut/);
  await expect(plain.getByRole("status").filter({ hasText: "Le statut est enregistré" })).toBeVisible();
  expect(await columnOf(plain, lea)).toBe("Entretien");
  await plain.screenshot({ path: `target/screenshots/pipeline-nojs-${info.project.name}.png`, fullPage: true });
  const overflow = await plain.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(await emailTo(lea, "souhaite vous rencontrer")).toContain(`Carrossier sans JS ${stamp} H/F`);

  // Bulk refusal, by the plain form too.
  await plain.getByLabel(`Sélectionner ${lea}`).check();
  await plain.getByRole("button", { name: "Refuser la sélection" }).click();
  await expect(plain.getByRole("status").filter({ hasText: "1 candidature est passée en « Non retenue »" })).toBeVisible();
  expect(await columnOf(plain, lea)).toBe("Non retenues");
  await noJs.close();
  await withJs.close();
});
