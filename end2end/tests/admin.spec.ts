// The contact form and the administration, on a desktop, as the people
// involved do it: a visitor reports that a recruiter left; the administrator
// the server was started with (`create-admin`) logs in, enrols the second
// factor from the secret shown, finds the case, hands the company to the
// remaining recruiter and replies; the requester's reply arrives in the
// thread of the acknowledgement; the journal shows both actions. Then the
// Nu HTML Checker and axe-core on the new pages.
import { expect, test } from "@playwright/test";
import { axeViolations, htmlOf, vnuErrors } from "./checks";
import { ADMIN_EMAIL, PASSWORD, emailTo, fillOffer, header, logIn, rawEmailTo, signedInRecruiter, totp } from "./helpers";

// One administrator, enrolled by the first test: the tests run in order in
// one worker, and the next ones log in with a recovery code it kept.
test.describe.configure({ mode: "serial" });
const recoveryCodes: string[] = [];

/** A subject header as a mail client shows it (RFC 2047 words decoded). */
function subjectOf(eml: string): string {
  return header(eml, "Subject")
    .replace(/(\?=)\s+(=\?)/g, "$1$2")
    .replace(/=\?utf-8\?b\?([^?]+)\?=/gi, (_, b64) => Buffer.from(b64, "base64").toString("utf8"));
}

test("a departed recruiter's company is handed over from a contact case, under the second factor", async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name === "phone", "the admin space is desktop first; one administrator enrols once");
  test.setTimeout(180_000);
  const stamp = Date.now();
  const company = `Garage Relais ${stamp}`;
  const leaving = `paul.depart.${stamp}@garage.fr`;
  const staying = `julie.reste.${stamp}@garage.fr`;
  const requester = `direction.${stamp}@garage.fr`;

  // The company's owner, and a colleague whose request to join waits for him.
  const recruiters = await browser.newContext();
  const owner = await recruiters.newPage();
  const siret = await signedInRecruiter(owner, leaving, company);
  const colleagues = await browser.newContext();
  await signedInRecruiter(await colleagues.newPage(), staying, company, siret);

  // A visitor writes from the footer's "Contact".
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/");
  await visitor.getByRole("link", { name: "Contact", exact: true }).click();
  await visitor.getByLabel("Sujet").selectOption({ label: "Départ d'un recruteur" });
  await visitor.getByLabel("Votre message").fill(`Paul (${leaving}) a quitté ${company} : merci de confier la fiche à Julie (${staying}).`);
  await visitor.getByLabel("Votre adresse e-mail").fill(requester);
  await visitor.getByRole("button", { name: "Envoyer le message" }).click();
  const acknowledged = visitor.getByRole("status");
  await expect(acknowledged).toContainText("Votre message est envoyé : il porte le numéro JTM-");
  const number = (await acknowledged.innerText()).match(/JTM-\d+/)![0];
  const id = Number(number.slice(4));
  const acknowledgement = await rawEmailTo(requester, `le numéro ${number}`);
  const root = header(acknowledgement, "Message-ID");
  expect(root).toMatch(new RegExp(`^<demande-${id}@`));

  // The administrator: password, then enrolment of the second factor.
  const admin = await (await browser.newContext()).newPage();
  await logIn(admin, ADMIN_EMAIL, PASSWORD);
  await expect(admin).toHaveURL(/\/admin\/verification$/);
  await admin.goto("/admin");
  await expect(admin, "nothing of the admin space without the second factor").toHaveURL(/\/admin\/verification$/);
  const secret = (await admin.locator(".totp-secret").innerText()).trim();
  await expect(admin.getByRole("img", { name: "QR code de la double authentification" })).toBeVisible();
  await admin.getByLabel("Code affiché par l'application").fill(totp(secret));
  await admin.getByRole("button", { name: "Activer la double authentification" }).click();
  await expect(admin.locator(".recovery-codes li")).toHaveCount(10);
  recoveryCodes.push(...(await admin.locator(".recovery-codes li").allInnerTexts()).map((c) => c.trim()));
  await admin.getByRole("link", { name: "Continuer vers l'administration" }).click();

  // The case, in the inbox.
  await admin.getByRole("link", { name: `${number} · Départ d'un recruteur` }).click();
  await expect(admin.getByText(`a quitté ${company}`)).toBeVisible();
  const casePath = new URL(admin.url()).pathname;

  // The company: ownership to the colleague, with the reason.
  await admin.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Entreprises" }).click();
  await admin.getByLabel("Nom, SIRET, commune ou numéro").fill(siret);
  await admin.getByRole("button", { name: "Rechercher" }).click();
  await admin.getByRole("link", { name: company }).click();
  const companyPath = new URL(admin.url()).pathname;
  const transfer = admin.locator("form", { has: admin.getByRole("heading", { name: "Transférer la propriété" }) });
  await transfer.getByLabel("Nouveau propriétaire").selectOption({ label: `Paul Durand <${staying}>` });
  await transfer.locator("#motif-proprietaire").fill(`Départ du propriétaire, demande ${number}`);
  await transfer.getByRole("button", { name: "Transférer" }).click();
  await expect(admin.getByRole("status")).toContainText("Propriété transférée");
  await expect(admin.locator(".recruiter", { hasText: staying })).toContainText("propriétaire");
  expect(await emailTo(staying, "vous a confié la propriété")).toContain(company);
  expect(await emailTo(leaving, "a confié la propriété")).toContain(company);

  // The reply, in the thread of the acknowledgement.
  await admin.goto(casePath);
  await admin.getByLabel("Réponse (envoyée par e-mail, dans le fil de la demande)").fill("Bonjour, Julie est désormais propriétaire de la fiche.");
  await admin.getByRole("button", { name: "Envoyer la réponse" }).click();
  await expect(admin.getByRole("status")).toContainText("Réponse envoyée");
  const reply = await rawEmailTo(requester, "Julie est désormais propriétaire");
  expect(header(reply, "In-Reply-To")).toBe(root);
  expect(header(reply, "References")).toContain(root);
  expect(subjectOf(reply)).toBe(`Re: [${number}] Départ d'un recruteur`);

  // The journal shows both actions, with the reason.
  await admin.goto("/admin/journal");
  await expect(admin.locator(".journal li", { hasText: "Propriété de la fiche transférée" }).first()).toContainText(number);
  await expect(admin.locator(".journal li", { hasText: "Réponse envoyée" }).first()).toBeVisible();

  // The new pages, by the outside tools.
  const pages: Record<string, string> = {
    inbox: "/admin?statut=attente",
    case: casePath,
    companies: `/admin/entreprises?q=${encodeURIComponent(company)}`,
    company: companyPath,
    groups: "/admin/groupes",
    journal: "/admin/journal",
    factor: "/admin/verification",
  };
  expect(vnuErrors(await htmlOf(admin.request, pages))).toEqual([]);
  expect(await axeViolations(admin, pages)).toEqual([]);
  const contact = { contact: "/contact", sent: `/contact?ok=envoye&demande=${id}` };
  expect(vnuErrors(await htmlOf(visitor.request, contact))).toEqual([]);
  expect(await axeViolations(visitor, contact)).toEqual([]);
});

test("a reported offer is taken down with its reasons told to the recruiter and the outcome to the reporter", async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name === "phone", "the admin space is desktop first; one administrator enrols once");
  test.setTimeout(180_000);
  const stamp = Date.now();
  const recruiter = `rh.frais.${stamp}@garage.fr`;
  const reporter = `lea.signale.${stamp}@exemple.fr`;
  const title = `Mécanicien frais de dossier ${stamp} H/F`;

  // A recruiter publishes an offer.
  const desk = await (await browser.newContext()).newPage();
  await signedInRecruiter(desk, recruiter, `Garage Douteux ${stamp}`);
  await desk.goto("/recruteur/offres/nouvelle");
  await fillOffer(desk, title, "Entretien et réparation des véhicules de nos clients dans un atelier équipé.");
  await desk.getByRole("button", { name: "Publier l'offre" }).click();
  const offerPath = await desk.getByRole("link", { name: "Voir la page publique" }).getAttribute("href");

  // A visitor reports it from its page, without an account.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(offerPath!);
  await visitor.getByRole("link", { name: "Signaler cette offre" }).click();
  await visitor.getByLabel("Motif").selectOption({ label: "Arnaque : frais demandés aux candidats, hameçonnage" });
  await visitor.getByLabel("Explication").fill("Au téléphone, on m'a demandé 150 € de frais de dossier avant l'entretien.");
  await visitor.getByLabel("Votre nom").fill("Léa Garnier");
  await visitor.getByLabel("Votre adresse e-mail").fill(reporter);
  await visitor.getByLabel(/Je déclare de bonne foi/).check();
  await visitor.getByRole("button", { name: "Envoyer le signalement" }).click();
  const sent = visitor.getByRole("status");
  await expect(sent).toContainText("Votre signalement est envoyé : il porte le numéro M-");
  const number = (await sent.innerText()).match(/M-\d+/)![0];
  const reportPages = { report: `/signaler?offre=${offerPath!.split("-").pop()}`, reported: new URL(visitor.url()).pathname + new URL(visitor.url()).search, terms: "/cgu" };
  expect(await emailTo(reporter, `numéro ${number}`)).toContain(title);

  // The administrator, with a recovery code, decides.
  const admin = await (await browser.newContext()).newPage();
  await logIn(admin, ADMIN_EMAIL, PASSWORD);
  await expect(admin).toHaveURL(/\/admin\/verification$/);
  await admin.getByLabel("Code", { exact: true }).fill(recoveryCodes.pop()!);
  await admin.getByRole("button", { name: "Valider" }).click();
  await expect(admin).toHaveURL(/\/admin$/);
  await admin.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Modération" }).click();
  await admin.getByRole("link", { name: new RegExp(`${number} · Offre`) }).click();
  const casePath = new URL(admin.url()).pathname;
  await expect(admin.getByText("150 € de frais de dossier")).toBeVisible();
  await admin.getByLabel("Mesure").selectOption({ label: "Dépublier l'offre" });
  await admin.getByLabel(/^Faits/).fill("Des frais de dossier sont demandés aux candidats, ce que la loi interdit.");
  await admin.getByRole("button", { name: "Enregistrer la décision" }).click();
  await expect(admin.getByRole("status")).toContainText("Décision enregistrée");

  // The recruiter's statement of reasons and the reporter's outcome arrive.
  const statement = await emailTo(recruiter, "Mesure : Dépublier l'offre");
  for (const part of ["Durée :", "Faits : Des frais de dossier", "fait suite à un signalement", "Fondement : Arnaque", "Pour contester"]) {
    expect(statement).toContain(part);
  }
  expect(statement).not.toContain(reporter);
  expect(await emailTo(reporter, `(${number}) a été examiné`)).toContain("dépublier l'offre");

  // The offer page says it is no longer available, and the recruiter cannot put it back.
  await visitor.goto(offerPath!);
  await expect(visitor.getByText("Cette offre n'est plus en ligne")).toBeVisible();

  const adminPages = { queue: "/admin/moderation?statut=decide", case: casePath };
  expect(vnuErrors(await htmlOf(admin.request, adminPages))).toEqual([]);
  expect(await axeViolations(admin, adminPages)).toEqual([]);
  expect(vnuErrors(await htmlOf(visitor.request, reportPages))).toEqual([]);
  expect(await axeViolations(visitor, reportPages)).toEqual([]);
});
