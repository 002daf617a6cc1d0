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
