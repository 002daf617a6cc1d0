import { expect, type Page } from "@playwright/test";
import { createHmac } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

// What several specs share: reading the emails the server writes as .eml
// files under DATA_DIR/outbox, and the steps to a signed-in candidate.

const outbox = join(process.env.E2E_DATA_DIR!, "outbox");

/** The text of an email's parts, decoded (quoted-printable or base64). */
export function decode(eml: string): string {
  return eml
    .split(/\r?\n--[^\r\n]+/)
    .map((part) => {
      const split = part.search(/\r?\n\r?\n/);
      if (split < 0) return "";
      const headers = part.slice(0, split).toLowerCase();
      const body = part.slice(split).trim();
      if (headers.includes("content-transfer-encoding: base64")) {
        return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
      }
      if (headers.includes("quoted-printable")) {
        const latin = body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
        return Buffer.from(latin, "latin1").toString("utf8");
      }
      return body;
    })
    .join("\n");
}

/** The link to `path` in the latest email to `to` whose text has `subject`. */
export async function linkFromEmail(to: string, subject: string, path: string): Promise<string> {
  const pattern = new RegExp(`https?://[^\\s"<]+${path}\\?jeton=[A-Za-z0-9_-]+`);
  const found = (await emailTo(to, subject)).match(pattern);
  if (!found) throw new Error(`no link to ${path} in the email "${subject}" to ${to}`);
  const url = new URL(found[0]);
  return url.pathname + url.search;
}

export async function logIn(page: Page, email: string, password: string) {
  await page.goto("/connexion");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}


/** The decoded text of the latest email to `to` whose text has `subject`. */
export async function emailTo(to: string, subject: string): Promise<string> {
  for (let attempt = 0; attempt < 60; attempt++) {
    let files: string[] = [];
    try {
      files = readdirSync(outbox).filter((f) => f.endsWith(".eml")).sort().reverse();
    } catch {
      files = [];
    }
    for (const file of files) {
      const eml = readFileSync(join(outbox, file), "utf8");
      if (!eml.includes(`To: ${to}`)) continue;
      const text = decode(eml);
      if (text.includes(subject)) return text;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no email "${subject}" to ${to}`);
}

export const PASSWORD = "cheval agrafe batterie correcte";
/** The administrator playwright.config.ts makes with `create-admin` (password: PASSWORD). */
export const ADMIN_EMAIL = "admin@jobtomove.test";

/** The raw .eml (headers as sent) of the latest email to `to` whose decoded text has `text`. */
export async function rawEmailTo(to: string, text: string): Promise<string> {
  for (let attempt = 0; attempt < 60; attempt++) {
    let files: string[] = [];
    try {
      files = readdirSync(outbox).filter((f) => f.endsWith(".eml")).sort().reverse();
    } catch {
      files = [];
    }
    for (const file of files) {
      const eml = readFileSync(join(outbox, file), "utf8");
      if (eml.includes(`To: ${to}`) && decode(eml).includes(text)) return eml;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no email with "${text}" to ${to}`);
}

/** A header of a raw email, unfolded. */
export function header(eml: string, name: string): string {
  const head = eml.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? line.slice(name.length + 1).trim() : "";
}

/** The current code of a TOTP authenticator app (RFC 6238: SHA-1, 6 digits, 30 s) for a base32 secret. */
export function totp(secret: string, at = Date.now()): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of secret.replace(/=+$/, "").toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return code.toString().padStart(6, "0");
}

/** Signs up a candidate, confirms the address from the email, logs in. */
export async function signedInCandidate(page: Page, email: string) {
  await page.goto("/inscription");
  await page.getByLabel("Prénom").fill("Zoé");
  await page.getByLabel("Nom", { exact: true }).fill("Martin");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(PASSWORD);
  await page.getByLabel(/J'accepte les/).check();
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page).toHaveURL(/\/connexion\?ok=inscription$/);
  await page.goto(await linkFromEmail(email, "Confirmez votre adresse e-mail", "/verification"));
  await page.getByRole("button", { name: "Confirmer mon adresse" }).click();
  await expect(page.getByRole("status")).toContainText("Votre adresse e-mail est confirmée");
  await logIn(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/tableau-de-bord$/);
}

/** A small real PDF, as a file input receives it. */
export function pdf(name: string) {
  return {
    name,
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
  };
}

/** A real 48 × 48 PNG (a company logo). */
export function png(name: string) {
  return {
    name,
    mimeType: "image/png",
    buffer: Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAIAAADYYG7QAAAAOklEQVR42u3OMQ0AAAgDsP04wxPecUE4mlRAUz2vREhISEhISEhISEhISEhISEhISEhISEhISEjozgIqsmJqEK3uDAAAAABJRU5ErkJggg==",
      "base64",
    ),
  };
}

/** The path of the first offer the home page lists. */
export async function firstOffer(page: Page): Promise<string> {
  await page.goto("/");
  const href = await page.locator('a[href^="/offres/"]').first().getAttribute("href");
  return href!;
}

/** A random SIRET whose Luhn checksum holds. */
export function siret(): string {
  const digits = Array.from({ length: 13 }, () => Math.floor(Math.random() * 10));
  const sum = (ds: number[]) =>
    ds
      .slice()
      .reverse()
      .reduce((acc, d, i) => acc + (i % 2 === 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d), 0);
  for (let last = 0; last < 10; last++) {
    if (sum([...digits, last]) % 10 === 0) return [...digits, last].join("");
  }
  throw new Error("unreachable");
}

/**
 * Signs up a recruiter with a new company (or asks to join the one of `siretNumber`), confirms the address, logs in; returns the SIRET.
 * `kind` "Un organisme de formation" signs up a training organisation instead.
 */
export async function signedInRecruiter(
  page: Page,
  email: string,
  company: string,
  siretNumber = siret(),
  kind = "Une entreprise qui recrute",
): Promise<string> {
  await page.goto("/inscription/recruteur");
  await page.getByLabel("Prénom").fill("Paul");
  await page.getByLabel("Nom", { exact: true }).fill("Durand");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(PASSWORD);
  await page.getByLabel(kind).check();
  await page.getByLabel("Nom de l'entreprise ou de l'organisme").fill(company);
  await page.getByLabel("Numéro SIRET").fill(siretNumber);
  await page.getByLabel("Adresse de l'établissement").fill("3 rue des Artisans");
  await page.getByLabel("Commune").fill("Lyon");
  await page.getByLabel("Activité").selectOption("garage");
  await page.getByLabel(/J'accepte les/).check();
  await page.getByRole("button", { name: "Créer mon compte recruteur" }).click();
  await expect(page).toHaveURL(/\/connexion\?ok=inscription$/);
  await page.goto(await linkFromEmail(email, "Confirmez votre adresse e-mail", "/verification"));
  await page.getByRole("button", { name: "Confirmer mon adresse" }).click();
  await logIn(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/tableau-de-bord$/);
  return siretNumber;
}

/** Fills every required field of the offer editor. */
export async function fillOffer(page: Page, title: string, description: string) {
  await page.getByLabel("Intitulé du poste", { exact: true }).fill(title);
  await page.getByLabel("Métier", { exact: true }).selectOption("I1604");
  // The description's rich-text editor replaces the textarea once the page is alive.
  await expect(page.getByRole("toolbar", { name: "Mise en forme de la description" })).toBeVisible();
  await page.getByLabel("Description du poste", { exact: true }).fill(description);
  await page.getByLabel("Type de contrat", { exact: true }).selectOption("cdi");
  await page.getByLabel("Temps de travail", { exact: true }).selectOption("temps_plein");
  await page.getByLabel("Minimum, en euros", { exact: true }).fill("2100");
  await page.getByLabel("Maximum, en euros", { exact: true }).fill("2500");
  await page.getByLabel("Période", { exact: true }).selectOption("mois");
  await page.getByLabel("Lieu de travail", { exact: true }).fill("Lyon (69)");
  await page.getByLabel("Expérience", { exact: true }).selectOption("1_3_ans");
  await page.getByLabel("Formation", { exact: true }).selectOption("cap");
}

/** A navigation link visible here: the bottom bar on a phone, the header on a desktop. */
export function nav(page: Page, name: string) {
  return page.locator(".bottom-bar a:visible, .site-nav a:visible", { hasText: new RegExp(`^${name}$`) }).first();
}

/**
 * Opens `path` and makes sure the site's stylesheet applied before a test
 * measures the layout. Twice in about six runs a page of these tests came
 * unstyled (every element at its browser height) with no server error; the
 * statuses of the page's /pkg/ files are printed when it happens, and the page
 * is loaded again (at most twice) so that what is measured is the page as
 * people get it. A stylesheet that never applies still fails the test.
 */
export async function gotoStyled(page: Page, path: string) {
  const seen: string[] = [];
  const onResponse = (r: { url(): string; status(): number }) => {
    if (r.url().includes("/pkg/")) seen.push(`${r.status()} ${new URL(r.url()).pathname}`);
  };
  const onFailed = (r: { url(): string; failure(): { errorText: string } | null }) => {
    if (r.url().includes("/pkg/")) seen.push(`failed ${new URL(r.url()).pathname}: ${r.failure()?.errorText}`);
  };
  page.on("response", onResponse);
  page.on("requestfailed", onFailed);
  try {
    for (let attempt = 0; ; attempt++) {
      if (attempt === 0) await page.goto(path);
      else await page.reload();
      // body is a flex column in the site's stylesheet.
      const styled = await page.evaluate(() => getComputedStyle(document.body).display === "flex");
      if (styled) return;
      const links = await page.locator('link[rel="stylesheet"]').evaluateAll((ls) => ls.map((l) => l.getAttribute("href")));
      console.warn(`${path}: stylesheet not applied (attempt ${attempt + 1}); links ${JSON.stringify(links)}; /pkg/ responses: ${seen.join(", ") || "none"}`);
      if (attempt === 2) throw new Error(`${path}: the stylesheet never applied`);
      seen.length = 0;
    }
  } finally {
    page.off("response", onResponse);
    page.off("requestfailed", onFailed);
  }
}

/**
 * Waits until the page's islands are alive. Their code loads at the first
 * interaction: a move made before the loader listens is not seen (as for a
 * person, the next one is), so move again until the page has hydrated. If
 * it never does, the error says what the page saw: its script errors, its
 * failed requests and the statuses of its /pkg/ files.
 */
export async function hydrated(page: Page) {
  const seen: string[] = [];
  const onError = (e: Error) => seen.push(`page error: ${e.message}`);
  const onConsole = (m: { type(): string; text(): string }) => {
    if (m.type() === "error") seen.push(`console: ${m.text()}`);
  };
  const onResponse = (r: { url(): string; status(): number }) => {
    if (r.url().includes("/pkg/")) seen.push(`${r.status()} ${new URL(r.url()).pathname}`);
  };
  const onFailed = (r: { url(): string; failure(): { errorText: string } | null }) =>
    seen.push(`failed ${new URL(r.url()).pathname}: ${r.failure()?.errorText}`);
  page.on("pageerror", onError);
  page.on("console", onConsole);
  page.on("response", onResponse);
  page.on("requestfailed", onFailed);
  let x = 20;
  try {
    await expect(async () => {
      await page.mouse.move((x += 7), 20);
      await expect(page.locator("html[data-hydrated]")).toHaveCount(1, { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
  } catch (error) {
    throw new Error(`${page.url()} never hydrated; it saw: ${seen.join("; ") || "nothing"}`, { cause: error });
  } finally {
    page.off("pageerror", onError);
    page.off("console", onConsole);
    page.off("response", onResponse);
    page.off("requestfailed", onFailed);
  }
}

/** Publishes an offer from the signed-in recruiter's editor; returns its id. */
export async function publishedOffer(page: Page, title: string): Promise<number> {
  await page.goto("/recruteur/offres/nouvelle");
  await fillOffer(page, title, "Entretien, diagnostic et réparation des véhicules de nos clients dans un atelier moderne et bien équipé.");
  await page.getByRole("button", { name: "Publier l'offre" }).click();
  await expect(page).toHaveURL(/\/recruteur\/offres\/\d+\?ok=publiee/);
  return Number(new URL(page.url()).pathname.split("/").pop());
}
