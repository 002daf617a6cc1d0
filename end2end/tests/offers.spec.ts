import { expect, test } from "@playwright/test";
import { gotoStyled } from "./helpers";

test("the home page lists the latest offers with their salary", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/JobToMove/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("services de l'automobile");
  const cards = page.locator(".offer-card");
  await expect(cards).toHaveCount(12);
  await expect(cards.first().locator(".tag-salary")).toContainText("brut");
});

test("a candidate opens an offer from the home page and reads it", async ({ page }) => {
  await page.goto("/");
  const first = page.locator(".offer-card-title a").first();
  const title = (await first.textContent())!.trim();
  await first.click();
  await expect(page).toHaveURL(/\/offres\/[a-z0-9-]+-\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByText("Salaire", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Description du poste" })).toBeVisible();
  const canonical = await page.locator('link[rel="canonical"]').getAttribute("href");
  expect(canonical).toBe(page.url());
});

test("the copy-link island hydrates and copies the offer's address", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/");
  await page.locator(".offer-card-title a").first().click();
  const button = page.getByRole("button", { name: "Copier le lien" });
  // The islands' code loads at the first interaction; the button shows once hydrated.
  await expect(button).toBeHidden();
  // A move made before the loader listens is not seen (as for a person, the
  // next one is): move again until the page has hydrated.
  let x = 20;
  await expect(async () => {
    await page.mouse.move((x += 7), 20);
    await expect(button).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await button.click();
  await expect(page.getByRole("status").filter({ hasText: "Lien copié" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(page.url());
});

test("without JavaScript the offer page is complete and shows no dead button", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/");
  await page.locator(".offer-card-title a").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Description du poste" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Copier le lien" })).toBeHidden();
  await context.close();
});

test("an unknown offer shows a French 404 page", async ({ page }) => {
  const response = await page.goto("/offres/offre-disparue-99999999");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page introuvable" })).toBeVisible();
  await page.getByRole("link", { name: "Voir les dernières offres" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("nothing scrolls sideways on a phone", async ({ page }) => {
  for (const path of ["/", "/offres/offre-disparue-99999999"]) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
  await page.goto("/");
  await page.locator(".offer-card-title a").first().click();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("on a phone every tap target outside running text is at least 44 px high", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  const small: string[] = [];
  for (const path of ["/", "/offres?q=m%C3%A9canicien", "/entreprises", "/faq"]) {
    await gotoStyled(page, path);
    const found = await page.evaluate(() => {
      const out: string[] = [];
      for (const el of document.querySelectorAll<HTMLElement>("a, button, input, select, summary")) {
        if (el.closest("p, li.tag, dd") && el.tagName === "A" && !el.closest("nav")) continue; // inline links in text
        const box = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        if (box.width === 0 || style.visibility === "hidden" || el.closest(".visually-hidden, .skip-link")) continue;
        if (el instanceof HTMLInputElement && el.type === "checkbox") continue; // its label is the target
        if (box.height < 44) out.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? "").trim().slice(0, 30)}" ${Math.round(box.height)}px`);
      }
      return out;
    });
    small.push(...found.map((f) => `${path}: ${f}`));
  }
  expect(small).toEqual([]);
});
