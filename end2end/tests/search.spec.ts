import { expect, test } from "@playwright/test";

test("without JavaScript a candidate searches from the home page and filters the results", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByLabel("Quoi ?").fill("mécanicien");
  await page.getByLabel("Où ?").fill("Paris");
  await page.getByLabel("Rayon").selectOption("100");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page).toHaveURL(/\/offres\?q=m%C3%A9canicien&lieu=Paris&rayon=100/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("« mécanicien » à Paris (75)");
  await expect(page.locator(".offer-card").first()).toBeVisible();

  await page.locator("summary", { hasText: "Filtres" }).click();
  await page.getByLabel(/^CDI/).check();
  await page.getByRole("button", { name: "Appliquer les filtres" }).click();
  await expect(page).toHaveURL(/contrat=cdi/);
  const chip = page.getByRole("link", { name: /CDI \(retirer ce filtre\)/ });
  await expect(chip).toBeVisible();
  await chip.click();
  await expect(page).not.toHaveURL(/contrat=cdi/);
  await context.close();
});

test("results are paginated with plain links", async ({ page }) => {
  await page.goto("/offres");
  await expect(page.locator(".results-count")).toContainText("offres");
  const first = await page.locator(".offer-card-title a").first().textContent();
  await page.getByRole("link", { name: "Suivante ›" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.locator(".pagination [aria-current=page]")).toHaveText("2");
  expect(await page.locator(".offer-card-title a").first().textContent()).not.toBe(first);
});

test("typing suggests jobs and places", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("leptos-island")).toHaveCount(1);
  await page.getByLabel("Quoi ?").focus(); // the first interaction loads the islands' code
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1, { timeout: 15_000 });
  await page.getByLabel("Quoi ?").pressSequentially("carross", { delay: 30 });
  await expect(page.locator('#suggestions-metiers option[value="Carrossier-peintre"]')).toHaveCount(1);
  await page.getByLabel("Où ?").pressSequentially("Lyo", { delay: 30 });
  await expect(page.locator('#suggestions-lieux option[value="Lyon (69)"]')).toHaveCount(1);
});

test("when the islands' code does not arrive, the next interaction loads it again", async ({ page }) => {
  await page.goto("/");
  // The phone's connection drops just as the first tap asks for the WebAssembly.
  let refused = 0;
  await page.route(/\/pkg\/.*\.wasm$/, (route) => {
    refused++;
    return route.abort("internetdisconnected");
  }, { times: 1 });
  await page.getByLabel("Quoi ?").focus();
  await expect.poll(() => refused).toBe(1);
  await page.waitForTimeout(500);
  await expect(page.locator("html[data-hydrated]")).toHaveCount(0);
  // The next interaction tries again, and the suggestions work.
  await page.getByLabel("Où ?").focus();
  await expect(page.locator("html[data-hydrated]")).toHaveCount(1, { timeout: 15_000 });
  await page.getByLabel("Quoi ?").pressSequentially("carross", { delay: 30 });
  await expect(page.locator('#suggestions-metiers option[value="Carrossier-peintre"]')).toHaveCount(1);
});

test("a search that finds nothing offers another one that does", async ({ page }) => {
  await page.goto("/offres?q=zzzqqq");
  await expect(page.getByText("Aucune offre ne correspond à votre recherche.")).toBeVisible();
  await page.getByRole("link", { name: /Sans les mots-clés/ }).click();
  await expect(page.locator(".offer-card").first()).toBeVisible();
});

test("a search link carrying markup for the page's head stays on the site and shows the words as typed", async ({ page }) => {
  const hostile = '</title><meta http-equiv="refresh" content="0;url=https://example.org/phish">';
  let leftTheSite = false;
  page.on("request", (request) => {
    if (request.url().startsWith("https://example.org")) leftTheSite = true;
  });
  await page.goto(`/offres?q=${encodeURIComponent(hostile)}`);
  await page.waitForTimeout(1_500); // a refresh of 0 s would have fired by now
  expect(leftTheSite).toBe(false);
  await expect(page).toHaveURL(/\/offres\?q=/);
  expect(await page.locator("head meta[http-equiv]").count()).toBe(0);
  expect(await page.title()).toContain(hostile);
});
