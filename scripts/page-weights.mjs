// Prints, for each public page, the bytes a phone fetches as Chromium asks
// for them (brotli where the server has it): the HTML and CSS at load, then
// the script + WebAssembly fetched after a first interaction (a tap), once
// the page's islands have hydrated.
//
//   node scripts/page-weights.mjs http://127.0.0.1:3300 /offres/… /entreprises/…
//
// The pages after the base URL are added to the fixed list of public pages.
import { chromium, devices } from "playwright";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const pages = [
  "/",
  "/offres?q=m%C3%A9canicien&lieu=Lyon",
  ...process.argv.slice(3),
  "/entreprises",
  "/faq",
  "/connexion",
  "/inscription",
  "/contact",
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
});

/** Bytes on the wire of a response body (the encoded size Chromium read). */
async function wireBytes(response) {
  try {
    return (await response.request().sizes()).responseBodySize;
  } catch {
    return 0;
  }
}

function kind(response) {
  const url = new URL(response.url());
  if (url.pathname.endsWith(".wasm")) return "wasm";
  if (url.pathname.endsWith(".js")) return "js";
  if (url.pathname.endsWith(".css")) return "css";
  return response.request().resourceType() === "document" ? "html" : "other";
}

const rows = [];
for (const path of pages) {
  // A fresh context per page: nothing cached, as on a first visit.
  const context = await browser.newContext({ ...devices["Pixel 7"], locale: "fr-FR" });
  const page = await context.newPage();
  const seen = [];
  page.on("response", (response) => seen.push(response));
  await page.goto(base + path, { waitUntil: "load" });
  const atLoad = seen.length;
  const hasIslands = (await page.locator("leptos-island").count()) > 0;
  // The first interaction: a tap on the page's body.
  await page.touchscreen.tap(5, 300);
  if (hasIslands) {
    await page
      .waitForFunction(() => document.documentElement.dataset.hydrated === "true", null, { timeout: 15000 })
      .catch(() => {});
  }
  await page.waitForLoadState("networkidle");
  const totals = { html: 0, css: 0, later: 0, scripts: [] };
  for (const [i, response] of seen.entries()) {
    const bytes = await wireBytes(response);
    const k = kind(response);
    if (k === "html" || k === "css") totals[k] += bytes;
    if ((k === "js" || k === "wasm") && i >= atLoad) {
      totals.later += bytes;
      totals.scripts.push(`${new URL(response.url()).pathname.split("/").pop()} ${bytes}`);
    }
  }
  rows.push({ path, islands: hasIslands, ...totals });
  await context.close();
}
await browser.close();

const pad = (s, n) => String(s).padEnd(n);
const num = (s, n) => String(s).padStart(n);
console.log(
  `${pad("page", 44)} ${num("html", 7)} ${num("css", 6)} ${num("js+wasm after 1st tap", 22)} ${num("files", 6)}  largest`,
);
for (const row of rows) {
  const largest = row.scripts
    .map((s) => s.split(" "))
    .sort((a, b) => Number(b[1]) - Number(a[1]))
    .slice(0, 3)
    .map(([name, bytes]) => `${name.replace(/\.[A-Za-z0-9_-]{22}\./, ".")} ${bytes}`)
    .join(", ");
  console.log(
    `${pad(row.path.slice(0, 44), 44)} ${num(row.html, 7)} ${num(row.css, 6)} ${num(row.later, 22)} ${num(row.scripts.length, 6)}  ${largest}`,
  );
}
