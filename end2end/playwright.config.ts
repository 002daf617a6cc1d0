import { defineConfig, devices } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// The release server, on its own port, with a fresh SQLite database and
// demo data, serving the site `cargo leptos build --release` wrote.
const root = resolve(__dirname, "..");
const port = Number(process.env.E2E_PORT ?? 3100);
// Workers load this file again: they reuse the folder the runner made, so
// tests can read the emails the server writes under it (outbox/).
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), "jobtomove-e2e-"));
process.env.E2E_DATA_DIR = dataDir;
const serverBin = process.env.SERVER_BIN ?? join(root, "target/release/server");
// The fake France Travail API beside it: imported from before serving. Its offers are dated months back, so that the demo offers
// stay the newest ones the other tests open.
const fakeBin = process.env.FAKE_FRANCE_TRAVAIL_BIN ?? join(root, "target/debug/fake-france-travail");
const francePort = port + 1;
// The administrator the server is started with (helpers.ts: ADMIN_EMAIL, PASSWORD).
const ADMIN_EMAIL = "admin@jobtomove.test";
const ADMIN_PASSWORD = "cheval agrafe batterie correcte";

const chromium = {
  executablePath: "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "./tests",
  fullyParallel: true,
  workers: 2,
  // One retry: a test that fails twice fails the run; one that passes on
  // its retry is listed as "flaky" in the summary, to be looked into (two
  // rare ones are known: a page once unstyled, a page once not hydrated;
  // helpers.ts prints what the page saw when it happens).
  retries: 1,
  reporter: [["list"]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "fr-FR",
    launchOptions: chromium,
  },
  projects: [
    // The outside tools' checks (checks.spec.ts) run once, on the desktop project.
    {
      name: "phone",
      testIgnore: /checks\.spec\.ts/,
      use: { ...devices["Pixel 7"], launchOptions: chromium, viewport: { width: 360, height: 740 } },
    },
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions: chromium } },
  ],
  webServer: [
    {
      command: `${fakeBin} --port ${francePort} --offers 40 --age-days 200`,
      url: `http://127.0.0.1:${francePort}/_fake/stats`,
      timeout: 30_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // The demo catalogue, then France Travail's offers from the fake, then
      // serving: nothing imports while the tests run (the import job is not
      // due again for hours).
      // An administrator too, made as an operator would (the password on
      // standard input): admin.spec.ts logs in with it and enrols its TOTP.
      command:
        `${serverBin} seed-demo --offers 300 && ${serverBin} import-france-travail && ` +
        `printf '%s\\n' '${ADMIN_PASSWORD}' | ${serverBin} create-admin --email ${ADMIN_EMAIL} --first-name Ada --last-name Lovelace && ` +
        `${serverBin} serve`,
      cwd: root,
      url: `http://127.0.0.1:${port}/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        DATABASE_URL: `sqlite://${dataDir}/e2e.db?mode=rwc`,
        DATA_DIR: dataDir,
        DEMO_DATA: "true",
        DEMO_OFFERS: "300",
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
        RUST_LOG: "warn",
        // Every test signs up its own accounts, all from 127.0.0.1.
        SIGN_UPS_PER_IP_PER_HOUR: "200",
        FRANCE_TRAVAIL_CLIENT_ID: "PAR_jobtomove_0123456789abcdef",
        FRANCE_TRAVAIL_CLIENT_SECRET: "fake-secret",
        FRANCE_TRAVAIL_API_URL: `http://127.0.0.1:${francePort}/partenaire/offresdemploi`,
        FRANCE_TRAVAIL_TOKEN_URL: `http://127.0.0.1:${francePort}/connexion/oauth2/access_token?realm=%2Fpartenaire`,
      },
    },
  ],
});
