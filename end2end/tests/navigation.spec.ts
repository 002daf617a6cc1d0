import { expect, test } from "@playwright/test";
import { signedInCandidate } from "./helpers";

// The layout every page shares, as a signed-in person sees it on a phone
// and on a desktop.

test("signed in, the header stays short, no word breaks and every field is tall enough to tap", async ({ page }, info) => {
  await signedInCandidate(page, `zoe.entete.${info.project.name}.${Date.now()}@exemple.fr`);
  const header = await page.locator(".site-header").boundingBox();
  expect(header!.height).toBeLessThanOrEqual(120);
  for (const link of await page.locator(".site-header a:visible, .site-header button:visible").all()) {
    const box = (await link.boundingBox())!;
    // One line of text: a word broken letter by letter makes a tall, narrow box.
    expect(box.height, (await link.textContent()) ?? "").toBeLessThanOrEqual(56);
  }
  for (const field of await page.locator('input[type="tel"]:visible, input[type="number"]:visible, input[type="date"]:visible').all()) {
    expect((await field.boundingBox())!.height).toBeGreaterThanOrEqual(30);
  }
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test("a form refused by the server answers the site's error page, with the way back", async ({ page }, info) => {
  await signedInCandidate(page, `zoe.refus.${info.project.name}.${Date.now()}@exemple.fr`);
  // A candidate posting a recruiter's form (an old tab, a forged page).
  await page.evaluate(() => {
    const form = document.createElement("form");
    form.method = "post";
    form.action = "/recruteur/entreprise/membres";
    for (const [name, value] of [["membre", "1"], ["decision", "accepter"]]) {
      const input = document.createElement("input");
      input.name = name;
      input.value = value;
      form.append(input);
    }
    document.body.append(form);
    form.submit();
  });
  await expect(page.getByRole("heading", { name: "Un problème est survenu" })).toBeVisible();
  await expect(page.getByText("Vous n'avez pas accès à cette page.")).toBeVisible();
  await expect(page.locator(".site-header")).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  if (info.project.name === "phone") {
    await page.screenshot({ path: "target/screenshots/error-page-360.png", fullPage: true });
  }
  await page.getByRole("link", { name: "Retour à l'accueil" }).click();
  await expect(page).toHaveURL(/\/$/);
});
