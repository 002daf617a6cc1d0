import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page, type TestInfo } from "@playwright/test";
import { firstOffer, gotoStyled, publishedOffer, signedInCandidate, signedInRecruiter } from "./helpers";

// Every page of each role, at 360×740 (phone project) and 1366×900 (the
// desktop project, widened here from its 1280×720): no horizontal overflow, a short header on a phone, no
// word broken letter by letter, no field too low to tap, and axe's
// `target-size` (the rule behind Lighthouse's tap targets). A page that
// fails leaves its screenshot among the test's artefacts.

/** What is wrong with the layout of the page shown. */
async function defects(page: Page): Promise<string[]> {
  const found = await page.evaluate(() => {
    const out: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) out.push(`horizontal overflow of ${root.scrollWidth - root.clientWidth} px`);
    const phone = window.innerWidth < 700;
    const header = document.querySelector(".site-header");
    if (phone && header && header.getBoundingClientRect().height > 120) {
      out.push(`header ${Math.round(header.getBoundingClientRect().height)} px high`);
    }
    const visible = (el: Element) => {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return box.width > 1 && box.height > 1 && style.visibility !== "hidden" && !el.closest(".visually-hidden, .honeypot, [aria-hidden=\"true\"], [hidden]");
    };
    // A word whose letters sit on several lines is broken (a break after
    // a hyphen is not: each part is a word).
    for (const el of document.querySelectorAll("a, button, label, summary, legend, h1, h2, th")) {
      if (!visible(el)) continue;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        for (const match of text.matchAll(/[\p{L}\p{N}'’]{2,}/gu)) {
          const range = document.createRange();
          range.setStart(node, match.index!);
          range.setEnd(node, match.index! + match[0].length);
          const rects = [...range.getClientRects()].filter((r) => r.width > 0);
          const tops = new Set(rects.map((r) => Math.round(r.top)));
          // Broken although the word fits on one line of the box around it
          // (a word longer than the line may break: nothing else can).
          const width = rects.reduce((sum, r) => sum + r.width, 0);
          const box = el.parentElement ?? el;
          const pad = getComputedStyle(box);
          const room = box.clientWidth - parseFloat(pad.paddingLeft) - parseFloat(pad.paddingRight);
          if (tops.size > 1 && width <= room) out.push(`"${match[0]}" broken across ${tops.size} lines in <${el.tagName.toLowerCase()}> "${el.textContent!.trim().slice(0, 40)}"`);
        }
      }
    }
    for (const field of document.querySelectorAll("input, select, textarea")) {
      const type = field.getAttribute("type") ?? "";
      if (["hidden", "checkbox", "radio"].includes(type) || !visible(field)) continue;
      const height = field.getBoundingClientRect().height;
      if (height < 30) out.push(`field ${field.getAttribute("name")} (${type || field.tagName.toLowerCase()}) ${Math.round(height)} px high`);
    }
    return out;
  });
  // axe counts a target partly under the phone's sticky bottom bar as too
  // small: whatever sits at the bottom of the screen when the page is
  // measured. The bar's own targets are measured as they are, the rest of
  // the page with the bar out of the way.
  const small = async () => {
    const axe = await new AxeBuilder({ page }).withRules(["target-size"]).analyze();
    for (const v of axe.violations) {
      for (const node of v.nodes) found.push(`tap target too small: ${node.target} (${node.html.slice(0, 80)}) ${node.failureSummary}`);
    }
  };
  const bar = page.locator(".bottom-bar");
  if (await bar.isVisible()) {
    const axe = await new AxeBuilder({ page }).include(".bottom-bar").withRules(["target-size"]).analyze();
    for (const v of axe.violations) for (const node of v.nodes) found.push(`bottom bar: ${node.target} ${node.failureSummary}`);
    await bar.evaluate((el) => ((el as HTMLElement).style.display = "none"));
    await small();
    await bar.evaluate((el) => ((el as HTMLElement).style.display = ""));
  } else {
    await small();
  }
  return found;
}

test.beforeEach(async ({ page }, info) => {
  if (info.project.name === "desktop") await page.setViewportSize({ width: 1366, height: 900 });
});

/** Pages whose screenshot is kept in target/screenshots/ whatever happens, to be looked at. */
const SHOWN = ["dashboard", "pipeline"];

async function check(page: Page, info: TestInfo, pages: Record<string, string>) {
  const all: string[] = [];
  for (const [name, path] of Object.entries(pages)) {
    await gotoStyled(page, path);
    if (SHOWN.includes(name)) {
      const who = info.title.match(/^the (.+?)'s pages/)?.[1].replace(/ /g, "-") ?? "page";
      await page.screenshot({ path: `target/screenshots/${who}-${name}-${info.project.name}.png`, fullPage: true });
    }
    const found = await defects(page);
    if (found.length) {
      const shot = info.outputPath(`${info.project.name}-${name}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      await info.attach(`${name}.png`, { path: shot, contentType: "image/png" });
      all.push(...found.map((f) => `${name} (${path}): ${f}`));
    }
  }
  expect(all).toEqual([]);
}

test("the visitor's pages hold on a phone and a desktop", async ({ page }, info) => {
  test.setTimeout(120_000);
  const offer = await firstOffer(page);
  await page.goto(offer);
  // A demo company (those the other tests sign up have made-up names).
  const company = await page.locator('a[href^="/entreprises/"]').first().getAttribute("href");
  await check(page, info, {
    home: "/",
    search: "/offres?q=m%C3%A9canicien&lieu=Lyon&rayon=30",
    offer,
    companies: "/entreprises",
    company: company!,
    faq: "/faq",
    contact: "/contact",
    login: "/connexion",
    signUp: "/inscription",
    recruiterSignUp: "/inscription/recruteur",
    forgotPassword: "/mot-de-passe-oublie",
    legal: "/mentions-legales",
    privacy: "/confidentialite",
    terms: "/cgu",
    accessibility: "/accessibilite",
    report: `/signaler?offre=${offer.split("-").pop()}`,
    notFound: "/page-inconnue",
  });
});

test("the candidate's pages hold on a phone and a desktop", async ({ page }, info) => {
  test.setTimeout(150_000);
  await signedInCandidate(page, `zoe.layout.${info.project.name}.${Date.now()}@exemple.fr`);
  await check(page, info, {
    dashboard: "/tableau-de-bord",
    dossiers: "/espace/dossiers",
    newDossier: "/espace/dossiers/nouveau",
    applications: "/espace/candidatures",
    saved: "/espace/favoris",
    alerts: "/espace/alertes",
    messages: "/messages",
    profile: "/espace/profil",
    search: "/offres?q=carrossier",
    offer: await firstOffer(page),
  });
});

for (const [kind, who] of [
  ["Une entreprise qui recrute", "recruiter"],
  ["Un organisme de formation", "training organisation"],
]) {
  test(`the ${who}'s pages hold on a phone and a desktop`, async ({ page }, info) => {
    test.setTimeout(150_000);
    const stamp = `${info.project.name}.${Date.now()}`;
    await signedInRecruiter(page, `paul.layout.${stamp}@garage.fr`, `Garage Mise en page ${stamp}`, undefined, kind);
    const offer = await publishedOffer(page, "Carrossier peintre H/F");
    await check(page, info, {
      dashboard: "/tableau-de-bord",
      postings: "/recruteur/offres",
      newPosting: "/recruteur/offres/nouvelle",
      editor: `/recruteur/offres/${offer}`,
      received: "/recruteur/candidatures",
      pipeline: `/recruteur/offres/${offer}/candidatures`,
      cvtheque: "/recruteur/cvtheque?q=m%C3%A9canicien&rayon=30",
      favorites: "/recruteur/favoris",
      company: "/recruteur/entreprise",
      messages: "/messages",
      profile: "/espace/profil",
    });
  });
}
