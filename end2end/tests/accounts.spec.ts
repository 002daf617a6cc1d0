import { expect, test } from "@playwright/test";
import { linkFromEmail, logIn } from "./helpers";

// Accounts through the forms a person uses, reading the emails the server
// writes as .eml files under DATA_DIR/outbox.

test("a candidate signs up, confirms from the email, logs in, resets the password and deletes the account", async ({ page }, info) => {
  test.setTimeout(90_000);
  const email = `zoe.${info.project.name}.${Date.now()}@exemple.fr`;
  const password = "cheval agrafe batterie correcte";
  const newPassword = "une girafe lit le journal du soir";

  await page.goto("/inscription");
  await page.getByLabel("Prénom").fill("Zoé");
  await page.getByLabel("Nom", { exact: true }).fill("Martin");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByLabel(/J'accepte les/).check();
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page).toHaveURL(/\/connexion\?ok=inscription$/);
  await expect(page.getByRole("status")).toContainText("Votre compte est créé");

  await page.goto(await linkFromEmail(email, "Confirmez votre adresse e-mail", "/verification"));
  await page.getByRole("button", { name: "Confirmer mon adresse" }).click();
  await expect(page.getByRole("status")).toContainText("Votre adresse e-mail est confirmée");

  await logIn(page, email, password);
  await expect(page).toHaveURL(/\/tableau-de-bord$/);
  await page.locator("#contenu").getByRole("link", { name: "Mon profil", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Mon profil", exact: true })).toBeVisible();
  await expect(page.getByText("cette session")).toBeVisible();
  await page.getByRole("button", { name: "Me déconnecter" }).click();
  await expect(page).toHaveURL(/ok=deconnexion/);

  await page.getByRole("link", { name: "J'ai oublié mon mot de passe" }).click();
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByRole("button", { name: "Recevoir le lien" }).click();
  await expect(page.getByRole("status")).toContainText("un e-mail vient de lui être envoyé");
  await page.goto(await linkFromEmail(email, "Choisissez un nouveau mot de passe", "/mot-de-passe/nouveau"));
  await page.getByLabel("Nouveau mot de passe").fill(newPassword);
  await page.getByRole("button", { name: "Enregistrer mon mot de passe" }).click();
  await expect(page.getByRole("status")).toContainText("Votre mot de passe a été modifié");

  await logIn(page, email, password);
  await expect(page.getByRole("alert")).toContainText("Adresse e-mail ou mot de passe incorrect.");
  await logIn(page, email, newPassword);
  await expect(page).toHaveURL(/\/tableau-de-bord$/);
  await page.goto("/espace/profil");

  await page.locator("#champ-mot_de_passe_suppression").fill(newPassword);
  await page.getByRole("button", { name: "Supprimer définitivement mon compte" }).click();
  await expect(page.getByRole("status")).toContainText("Votre compte et toutes ses données ont été supprimés");
  await logIn(page, email, newPassword);
  await expect(page.getByRole("alert")).toContainText("Adresse e-mail ou mot de passe incorrect.");
});

test("a sign-up form without JavaScript shows its errors next to the fields", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL, locale: "fr-FR" });
  const page = await context.newPage();
  await page.goto("/inscription");
  await page.getByLabel("Prénom").fill("Zoé");
  await page.getByLabel("Nom", { exact: true }).fill("Martin");
  await page.getByLabel("Adresse e-mail").fill("zoe.martin@exemple.fr");
  await page.getByLabel("Mot de passe").fill("azerty123456");
  await page.getByLabel(/J'accepte les/).check();
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  const password = page.getByLabel("Mot de passe");
  await expect(password).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("trop facile à deviner")).toBeVisible();
  await expect(page.getByLabel("Prénom")).toHaveValue("Zoé");
  await expect(password).toHaveValue("");
  await context.close();
});

test("the password can be shown to check it once the page's code has loaded", async ({ page }) => {
  await page.goto("/connexion");
  const password = page.getByLabel("Mot de passe");
  await password.click();
  await password.fill("cheval agrafe batterie");
  const show = page.getByRole("button", { name: "Afficher le mot de passe" });
  await expect(show).toBeVisible();
  await show.click();
  await expect(password).toHaveAttribute("type", "text");
  await page.getByRole("button", { name: "Masquer le mot de passe" }).click();
  await expect(password).toHaveAttribute("type", "password");
});
