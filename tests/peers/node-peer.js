// Peer check with the npm `rets-client` library: login, metadata, paged search
// past MAXROWS, photos. Prints one PASS/FAIL line per check.
// Usage: node node-peer.js LOGIN_URL EXPECTED_RESIDENTIAL_COUNT
"use strict";
const rets = require("rets-client");

const [loginUrl, expectedArg] = process.argv.slice(2);
const expected = Number(expectedArg);
const check = (name, ok, detail) =>
  console.log(`${ok ? "PASS" : "FAIL"} node ${name}${ok ? "" : `: ${detail}`}`);

const settings = { loginUrl, username: "demo", password: "demo", version: "RETS/1.7.2", userAgent: "RETS node-client/5.x" };

rets
  .getAutoLogoutClient(settings, async (client) => {
    check("login", !!client.urls && !!client.urls.Search, JSON.stringify(client.urls));
    const resources = await client.metadata.getResources();
    const ids = resources.results[0].metadata.map((r) => r.ResourceID);
    check("metadata resources", ids.includes("Property") && ids.includes("Agent"), ids.join(","));
    const table = await client.metadata.getTable("Property", "Residential");
    check("metadata table", table.results[0].metadata.length >= 95, table.results[0].metadata.length);

    const keys = new Set();
    let offset = 1;
    let sawMaxRows = false;
    let count = null;
    for (let page = 0; page < 100; page++) {
      const r = await client.search.query("Property", "Residential", "(LIST_PRICE=1+)", {
        limit: "NONE",
        offset,
        select: "LISTING_KEY,LIST_PRICE,CITY",
        format: "COMPACT-DECODED",
      });
      count = r.count;
      sawMaxRows = sawMaxRows || r.maxRowsExceeded;
      r.results.forEach((row) => keys.add(row.LISTING_KEY));
      if (!r.maxRowsExceeded || r.results.length === 0) break;
      offset += r.results.length;
    }
    check("search count", count === expected, `${count} != ${expected}`);
    check("search paged past MAXROWS", sawMaxRows && keys.size === expected, `maxrows=${sawMaxRows} keys=${keys.size}`);

    const first = [...keys][0];
    const photos = await client.objects.getAllObjects("Property", "Photo", first, { alwaysGroupObjects: true });
    // rets-client lists the multipart response's own headers as a data-less first entry.
    const parts = photos.objects.filter((o) => o.data || o.error);
    const good = parts.filter((o) => !o.error && o.data[0] === 0xff && o.data[1] === 0xd8);
    check("photos", good.length > 0 && good.length === parts.length, `${good.length}/${parts.length}`);
  })
  .catch((e) => {
    check("session", false, (e && (e.stack || e.message)) || String(e));
  });
