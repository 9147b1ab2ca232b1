// Downloads every Residential record with npm rets-client, paging by Offset, and
// writes them as NDJSON to stdout: the same job as `rets-portal search --format
// ndjson`. Usage: node download.js LOGIN_URL QUERY SELECT
"use strict";
const rets = require("rets-client");
const [loginUrl, query, select] = process.argv.slice(2);
const settings = { loginUrl, username: "demo", password: "demo", version: "RETS/1.7.2" };
rets
  .getAutoLogoutClient(settings, async (client) => {
    let offset = 1;
    let rows = 0;
    for (;;) {
      const r = await client.search.query("Property", "Residential", query, { limit: "NONE", offset, select, format: "COMPACT" });
      rows += r.results.length;
      let chunk = "";
      for (const row of r.results) chunk += JSON.stringify(row) + "\n";
      if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once("drain", resolve));
      if (!r.maxRowsExceeded || r.results.length === 0) break;
      offset += r.results.length;
    }
    console.error(`npm rets-client rows: ${rows}`);
  })
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
