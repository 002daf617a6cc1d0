import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { hydrated, pdf, publishedOffer, signedInCandidate, signedInRecruiter } from "../tests/helpers";

// Script + WebAssembly (bytes on the wire, as Chromium asked for them) that
// each signed-in page fetches from a first visit to its islands being alive:
// the dashboards' goal is ≤ 150 KB (issue 21). Prints a table, with the
// pages whose islands never came alive; asserts nothing about them.

type Row = { page: string; alive: boolean; bytes: number; files: number; encoding: string; largest: string };

async function weigh(browser: Browser, from: BrowserContext, name: string, path: string): Promise<Row> {
  const context = await browser.newContext({ storageState: await from.storageState(), locale: "fr-FR" });
  const page = await context.newPage();
  const seen: { name: string; bytes: number; encoding: string }[] = [];
  const pending: Promise<void>[] = [];
  page.on("response", (response) => {
    const file = new URL(response.url()).pathname;
    if (!/\.(js|wasm)$/.test(file)) return;
    pending.push(
      response
        .request()
        .sizes()
        .then((sizes) => {
          seen.push({
            name: file.split("/").pop()!.replace(/\.[A-Za-z0-9_-]{22}\./, "."),
            bytes: sizes.responseBodySize,
            encoding: response.headers()["content-encoding"] ?? "identity",
          });
        })
        .catch(() => {}),
    );
  });
  await page.goto(path);
  const islands = await page.locator("leptos-island").count();
  // The islands load at the first interaction.
  const alive = islands === 0 || (await hydrated(page).then(() => true, () => false));
  await page.waitForLoadState("networkidle");
  await Promise.all(pending);
  await context.close();
  const largest = [...seen]
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 3)
    .map((s) => `${s.name} ${s.bytes}`)
    .join(", ");
  const encodings = [...new Set(seen.map((s) => s.encoding))].join("+") || "-";
  return { page: `${name} (${islands} islands)`, alive, bytes: seen.reduce((n, s) => n + s.bytes, 0), files: seen.length, encoding: encodings, largest };
}

test("the signed-in pages' script and WebAssembly, after their islands hydrate", async ({ browser, baseURL }) => {
  const stamp = Date.now();
  const recruiter = await browser.newContext({ baseURL, locale: "fr-FR" });
  const candidate = await browser.newContext({ baseURL, locale: "fr-FR" });
  const paul = await recruiter.newPage();
  const zoe = await candidate.newPage();

  await signedInRecruiter(paul, `paul.poids.${stamp}@garage.fr`, `Garage Poids ${stamp}`);
  const title = `Mécanicien H/F ${stamp}`;
  const offer = await publishedOffer(paul, title);
  const publicPath = await paul.getByRole("link", { name: "Voir la page publique" }).getAttribute("href");

  await signedInCandidate(zoe, `zoe.poids.${stamp}@exemple.fr`);
  await zoe.goto(publicPath!);
  await zoe.getByLabel("CV", { exact: true }).setInputFiles(pdf("cv-zoe.pdf"));
  await zoe.getByRole("button", { name: "Envoyer ma candidature" }).click();
  await expect(zoe.getByRole("status").filter({ hasText: "Votre candidature est envoyée" })).toBeVisible();
  await zoe.goto("/espace/candidatures");
  await zoe.getByRole("button", { name: `Écrire au recruteur de « ${title} »` }).click();
  await zoe.getByLabel("Votre message").fill("Bonjour, je suis disponible dès lundi.");
  await zoe.getByRole("button", { name: "Envoyer" }).click();
  await expect(zoe.getByText("Bonjour, je suis disponible dès lundi.")).toBeVisible();
  const conversation = new URL(zoe.url()).pathname;

  const rows: Row[] = [];
  for (const [name, path] of [
    ["recruiter dashboard", "/tableau-de-bord"],
    ["offers follow-up", "/recruteur/offres"],
    ["offer editor", `/recruteur/offres/${offer}`],
    ["pipeline", `/recruteur/offres/${offer}/candidatures`],
    ["inbox", "/messages"],
    ["conversation", conversation],
  ]) {
    rows.push(await weigh(browser, recruiter, `recruiter: ${name}`, path));
  }
  for (const [name, path] of [
    ["dashboard", "/tableau-de-bord"],
    ["applications", "/espace/candidatures"],
    ["dossiers", "/espace/dossiers"],
    ["conversation", conversation],
    ["offer page", publicPath!],
  ]) {
    rows.push(await weigh(browser, candidate, `candidate: ${name}`, path));
  }
  await recruiter.close();
  await candidate.close();

  const pad = (s: string | number, n: number) => String(s).padEnd(n);
  const num = (s: string | number, n: number) => String(s).padStart(n);
  const lines = [`${pad("page", 44)} ${pad("alive", 6)} ${num("js+wasm", 8)} ${num("files", 6)}  ${pad("encoding", 10)} largest`];
  for (const row of rows) {
    lines.push(`${pad(row.page, 44)} ${pad(row.alive ? "yes" : "NO", 6)} ${num(row.bytes, 8)} ${num(row.files, 6)}  ${pad(row.encoding, 10)} ${row.largest}`);
  }
  console.log(lines.join("\n"));
});
