import { expect, test } from "@playwright/test";
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { emailTo, fillOffer, signedInCandidate, signedInRecruiter } from "./helpers";

// C7: a candidate saves a search as an alert, a matching offer is published,
// the alerts job runs (as an operator runs it: `server job run alertes`), the
// email arrives with the offer, and its unsubscribe link's button stops the
// alert.

const root = resolve(__dirname, "../..");
const serverBin = process.env.SERVER_BIN ?? join(root, "target/release/server");
const port = Number(process.env.E2E_PORT ?? 3100);

/** `server job run alertes` on the test server's database (retried while the server's own run holds the lease). */
function runAlertsJob() {
  const dataDir = process.env.E2E_DATA_DIR!;
  for (let attempt = 0; attempt < 20; attempt++) {
    const run = spawnSync(serverBin, ["job", "run", "alertes"], {
      cwd: root,
      encoding: "utf8",
      env: {
        ...process.env,
        DATABASE_URL: `sqlite://${dataDir}/e2e.db?mode=rwc`,
        DATA_DIR: dataDir,
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        RUST_LOG: "warn",
      },
    });
    if (run.status === 0) return;
    spawnSync("sleep", ["0.5"]);
  }
  throw new Error("server job run alertes kept failing");
}

test("a candidate creates an alert from a search and receives the new offer by email", async ({ browser, baseURL }, info) => {
  test.setTimeout(150_000);
  const word = `alerte${info.project.name}${Date.now()}`;
  const viewport = info.project.use.viewport ?? { width: 1280, height: 720 };
  const candidate = await (await browser.newContext({ baseURL, locale: "fr-FR", viewport })).newPage();
  const recruiter = await (await browser.newContext({ baseURL, locale: "fr-FR", viewport })).newPage();
  const email = `zoe.${word}@exemple.fr`;

  await signedInCandidate(candidate, email);
  await candidate.goto(`/offres?q=${word}`);
  await candidate.getByLabel("Créer une alerte : recevoir les nouvelles offres").selectOption("immediate");
  await candidate.getByRole("button", { name: "Créer une alerte" }).click();
  await expect(candidate).toHaveURL(/\/espace\/alertes\?alerte=creee$/);
  await expect(candidate.getByRole("heading", { name: word })).toBeVisible();

  await signedInRecruiter(recruiter, `paul.${word}@garage.fr`, `Garage ${word}`);
  await recruiter.goto("/recruteur/offres/nouvelle");
  const title = `Dépanneur ${word} H/F`;
  await fillOffer(recruiter, title, "Dépannage et remorquage de véhicules légers, astreintes organisées, véhicule de service fourni.");
  await recruiter.getByRole("button", { name: "Publier l'offre" }).click();
  await expect(recruiter.getByRole("status")).toContainText("L'offre est publiée");

  runAlertsJob();
  const text = await emailTo(email, `Alerte « ${word} »`);
  expect(text).toContain(title);
  const offerLink = text.match(/https?:\/\/[^\s"<]+\/offres\/[a-z0-9-]+-\d+/)![0];
  await candidate.goto(new URL(offerLink).pathname);
  await expect(candidate.getByRole("heading", { level: 1 })).toContainText(title);

  const unsubscribe = text.match(/https?:\/\/[^\s"<]+\/alertes\/desabonnement\/[A-Za-z0-9_-]+/)![0];
  await candidate.goto(new URL(unsubscribe).pathname);
  await candidate.getByRole("button", { name: "Arrêter cette alerte" }).click();
  await expect(candidate.getByRole("status")).toContainText("cette alerte ne vous enverra plus d'e-mail");
  await candidate.goto("/espace/alertes");
  await expect(candidate.getByText(/en pause/)).toBeVisible();
});
