import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// `npx playwright test --config end2end/weights.config.ts`: prints the
// script + WebAssembly the signed-in pages fetch (see weights/). A
// benchmark, not a test: one desktop browser, one worker, no retry, the
// release server on the demo data (no France Travail import).
const server = base.webServer instanceof Array ? base.webServer[1] : base.webServer!;
const serverBin = process.env.SERVER_BIN ?? "target/release/server";

export default defineConfig({
  ...base,
  testDir: "./weights",
  workers: 1,
  retries: 0,
  timeout: 240_000,
  projects: base.projects!.filter((p) => p.name === "desktop"),
  webServer: {
    ...server,
    command: `${serverBin} seed-demo --offers 300 && ${serverBin} serve`,
    env: Object.fromEntries(Object.entries(server.env ?? {}).filter(([name]) => !name.startsWith("FRANCE_TRAVAIL"))),
  },
});
