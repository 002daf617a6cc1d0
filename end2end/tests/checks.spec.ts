// Checks by tools nobody here wrote: the Nu HTML Checker, axe-core, the
// sitemaps.org schemas, and the JobPosting properties Google documents.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { axeViolations, htmlOf, vnuErrors } from "./checks";
import { fillOffer, firstOffer, pdf, signedInCandidate, signedInRecruiter } from "./helpers";

const root = resolve(__dirname, "../..");

/** The public pages the checks cover, found by following links as a visitor would. */
async function publicPages(request: APIRequestContext): Promise<Record<string, string>> {
  const html = async (path: string) => (await request.get(path)).text();
  // An open demo offer (the newest offers are the other tests', which
  // they may take down meanwhile): the first demo id whose page is open.
  let offer = "";
  for (let id = 2; !offer && id < 40; id++) {
    const response = await request.get(`/offres/${id}`);
    if ((await response.text()).includes("application/ld+json")) offer = new URL(response.url()).pathname;
  }
  expect(offer, "an open demo offer").not.toBe("");
  const company = (await html(offer)).match(/href="(\/entreprises\/[a-z0-9-]+-\d+)"/)![1];
  const group = (await html("/entreprises")).match(/<option value="([a-z0-9-]+)">/)![1];
  const expired = (await request.get("/offres/1")).url().replace(/^https?:\/\/[^/]+/, "");
  // An offer the server imported from the fake France Travail API at start.
  let imported = "";
  for (let tries = 0; !imported && tries < 60; tries++) {
    const found = (await html("/offres?source=france-travail")).match(/href="(\/offres\/[a-z0-9-]+-\d+)"/);
    if (found) imported = found[1];
    else await new Promise((done) => setTimeout(done, 500));
  }
  expect(imported, "an imported offer").not.toBe("");
  return {
    home: "/",
    search: "/offres?q=m%C3%A9canicien&lieu=Lyon&rayon=50",
    offer,
    imported,
    expired,
    company,
    group: `/groupes/${group}`,
    faq: "/faq",
    contact: "/contact?sujet=groupe",
    login: "/connexion",
    signUp: "/inscription",
    recruiterSignUp: "/inscription/recruteur",
    forgotPassword: "/mot-de-passe-oublie",
  };
}

test.describe("public pages", () => {

  test("have no HTML error according to the Nu HTML Checker", async ({ request }) => {
    expect(vnuErrors(await htmlOf(request, await publicPages(request)))).toEqual([]);
  });

  test("have no accessibility violation according to axe-core", async ({ page, request }) => {
    expect(await axeViolations(page, await publicPages(request))).toEqual([]);
  });

  test("an open offer carries a complete JobPosting and a closed one none", async ({ page, request }) => {
    const pages = await publicPages(request);
    await page.goto(pages.offer);
    const scripts = await page.locator('script[type="application/ld+json"]').allTextContents();
    expect(scripts).toHaveLength(1);
    const posting = JSON.parse(scripts[0]);
    expect(posting["@type"]).toBe("JobPosting");
    for (const key of ["title", "description", "datePosted", "hiringOrganization", "jobLocation"]) {
      expect(posting[key], key).toBeTruthy();
    }
    for (const key of ["validThrough", "employmentType", "identifier", "baseSalary"]) {
      expect(posting[key], key).toBeTruthy();
    }
    expect(posting).toHaveProperty("directApply");
    expect(posting.hiringOrganization.name).toBeTruthy();
    expect(posting.jobLocation.address.addressCountry).toBe("FR");
    expect(posting.baseSalary.currency).toBe("EUR");
    expect(posting.baseSalary.value.minValue).toBeGreaterThan(0);
    expect(["HOUR", "MONTH", "YEAR"]).toContain(posting.baseSalary.value.unitText);

    await page.goto(pages.expired);
    await expect(page.getByText(/n'est plus en ligne|a été pourvu/)).toBeVisible();
    expect(await page.locator('script[type="application/ld+json"]').count()).toBe(0);
    expect(await page.locator('meta[name="robots"]').getAttribute("content")).toContain("noindex");
  });

  test("the sitemap index and its parts validate against the sitemaps.org schemas", async ({ request }) => {
    const dir = mkdtempSync(join(tmpdir(), "sitemap-"));
    const index = await (await request.get("/sitemap.xml")).text();
    writeFileSync(join(dir, "index.xml"), index);
    const lint = (file: string, schema: string) =>
      spawnSync("xmllint", ["--noout", "--schema", schema, file], { encoding: "utf8" });
    const indexCheck = lint(join(dir, "index.xml"), join(root, "end2end/schemas/siteindex.xsd"));
    expect(indexCheck.status, indexCheck.stderr).toBe(0);

    const parts = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]).pathname);
    expect(parts).toContain("/sitemaps/offres-1.xml");
    for (const [i, part] of parts.entries()) {
      const response = await request.get(part);
      expect(response.status(), part).toBe(200);
      const body = await response.text();
      expect((body.match(/<url>/g) ?? []).length, part).toBeLessThanOrEqual(50000);
      const file = join(dir, `part-${i}.xml`);
      writeFileSync(file, body);
      const check = lint(file, join(root, "node_modules/sitemap/schema/sitemap.xsd"));
      expect(check.status, `${part}: ${check.stderr}`).toBe(0);
    }
  });
});

test.describe("candidate pages", () => {
  test("have no HTML error and no accessibility violation", async ({ page }) => {
    test.setTimeout(120_000);
    await signedInCandidate(page, `zoe.checks.${Date.now()}@exemple.fr`);
    await page.goto("/espace/dossiers/nouveau");
    await page.getByLabel("Titre du dossier").fill("Carrossière");
    await page.getByLabel("CV", { exact: true }).setInputFiles(pdf("cv.pdf"));
    await page.getByRole("button", { name: "Créer le dossier" }).click();
    const dossier = await page.getByRole("link", { name: "Carrossière" }).getAttribute("href");
    await page.goto("/entreprises");
    await page.locator(".company-card-name a").first().click();
    const company = new URL(page.url()).pathname;
    await page.getByRole("button", { name: "Écrire aux recruteurs" }).click();
    await page.getByLabel("Votre message").fill("Bonjour, voici ma candidature spontanée : https://exemple.fr/cv");
    await page.getByRole("button", { name: "Envoyer" }).click();
    const conversation = new URL(page.url()).pathname;
    const pages: Record<string, string> = {
      dashboard: "/tableau-de-bord",
      messages: "/messages",
      conversation,
      companySignedIn: company,
      dossiers: "/espace/dossiers",
      newDossier: "/espace/dossiers/nouveau",
      dossier: dossier!,
      applications: "/espace/candidatures",
      saved: "/espace/favoris",
      alerts: "/espace/alertes",
      searchSignedIn: "/offres?q=carrossier",
      unsubscribe: "/alertes/desabonnement/inconnu",
      profile: "/espace/profil",
      offerSignedIn: await firstOffer(page),
    };

    expect(vnuErrors(await htmlOf(page.request, pages))).toEqual([]);
    expect(await axeViolations(page, pages)).toEqual([]);
  });
});

test.describe("recruiter pages", () => {
  test("have no HTML error and no accessibility violation", async ({ page }) => {
    test.setTimeout(120_000);
    const stamp = Date.now();
    await signedInRecruiter(page, `paul.checks.${stamp}@garage.fr`, `Garage Contrôle ${stamp}`);
    await page.goto("/recruteur/offres/nouvelle");
    await fillOffer(page, "Carrossier peintre H/F", "Préparation, peinture et finition des véhicules de nos clients dans un atelier moderne.");
    await page.getByRole("button", { name: "Publier l'offre" }).click();
    const editor = new URL(page.url()).pathname;
    const pages: Record<string, string> = {
      editor,
      dashboard: "/tableau-de-bord",
      pipeline: `${editor}/candidatures`,
      postings: "/recruteur/offres",
      newPosting: "/recruteur/offres/nouvelle",
      received: "/recruteur/candidatures",
      cvtheque: "/recruteur/cvtheque?q=m%C3%A9canicien&rayon=30",
      favorites: "/recruteur/favoris",
      company: "/recruteur/entreprise",
      messages: "/messages",
    };
    expect(vnuErrors(await htmlOf(page.request, pages))).toEqual([]);
    expect(await axeViolations(page, pages)).toEqual([]);
  });
});
