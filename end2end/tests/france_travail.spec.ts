import { expect, test } from "@playwright/test";

// The server imports the fake France Travail API's offers at start (its
// scheduled job); a candidate finds them with the Source filter and applies
// on France Travail, never on the portal.
test("a candidate finds a France Travail offer, sees its source and applies on France Travail", async ({ page }) => {
  await expect(async () => {
    await page.goto("/offres?q=carrossier&source=france-travail");
    await expect(page.locator(".offer-card").first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole("link", { name: /France Travail \(retirer ce filtre\)/ })).toBeVisible();

  await page.locator(".offer-card-title a", { hasText: "Carrossier peintre" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Carrossier peintre");
  await expect(page.getByText(/Source : France Travail, mise à jour le/)).toBeVisible();
  const apply = page.locator("#postuler").getByRole("link", { name: /Postuler sur France Travail/ });
  await expect(apply).toBeVisible();
  await expect(apply).toHaveAttribute("href", /^https:\/\/candidat\.francetravail\.fr\/offres\/recherche\/detail\//);
  await expect(apply).toHaveAttribute("rel", "nofollow noopener");
  await expect(page.locator("#form-candidature")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Écrire/ })).toHaveCount(0);
});
