// The outside tools' checks, for the specs that run them on their pages:
// the Nu HTML Checker and axe-core.
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(__dirname, "../..");

/** The Nu HTML Checker's errors on the pages' HTML, as "name:line: message". */
export function vnuErrors(html: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), "vnu-"));
  const files = Object.entries(html).map(([name, text]) => {
    const file = join(dir, `${name}.html`);
    writeFileSync(file, text);
    return file;
  });
  const run = spawnSync(
    "java",
    ["-jar", join(root, "node_modules/vnu-jar/build/dist/vnu.jar"), "--errors-only", "--format", "json", ...files],
    { encoding: "utf8" },
  );
  const report = JSON.parse(run.stderr || run.stdout || '{"messages":[]}');
  return report.messages.map((m: any) => `${m.url.split("/").pop()}:${m.lastLine}: ${m.message}`);
}

/** axe-core's WCAG 2.1 A/AA violations on each page, opened in `page`. */
export async function axeViolations(page: Page, pages: Record<string, string>): Promise<string[]> {
  const found: string[] = [];
  for (const [name, path] of Object.entries(pages)) {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    for (const v of results.violations) {
      found.push(`${name}: ${v.id} (${v.nodes.length}) ${v.help} — ${v.nodes[0]?.target}`);
    }
  }
  return found;
}

/** The HTML of each page, fetched with `request`. */
export async function htmlOf(request: APIRequestContext, pages: Record<string, string>): Promise<Record<string, string>> {
  const html: Record<string, string> = {};
  for (const [name, path] of Object.entries(pages)) html[name] = await (await request.get(path)).text();
  return html;
}

