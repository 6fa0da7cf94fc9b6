import { readFileSync } from "node:fs";

let cached: { version: string; source: string } | undefined;

/**
 * The plotly.js-dist-min bundle (v4: it sets `window.Plotly` and never calls require.js's `define`, so it
 * loads in classic Notebook, where v2's UMD wrapper registers an anonymous AMD module instead), read once.
 * `</script` is escaped so the source can sit inside a `<script>` element.
 */
export function plotlyBundle(): { version: string; source: string } {
  if (!cached) {
    const path = require.resolve("plotly.js-dist-min/plotly.min.js");
    const { version } = JSON.parse(readFileSync(require.resolve("plotly.js-dist-min/package.json"), "utf8")) as {
      version: string;
    };
    cached = { version, source: readFileSync(path, "utf8").replace(/<\/script/gi, "<\\/script") };
  }
  return cached;
}
