// Lighthouse's SEO category on each URL given, in one chromium (CHROME_PATH, Debian's).
// Prints one JSON object: {url: {score, failed: [{id, title, explanation, items}]}}.
// Used by tests/browser/test_seo.py; run by hand: node tools/validators/seo-audit.mjs URL...
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";

const urls = process.argv.slice(2);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
  ],
});
const report = {};
try {
  for (const url of urls) {
    const result = await lighthouse(url, {
      port: chrome.port,
      onlyCategories: ["seo"],
      logLevel: "error",
      output: "json",
    });
    const lhr = result.lhr;
    const failed = [];
    for (const ref of lhr.categories.seo.auditRefs) {
      const audit = lhr.audits[ref.id];
      if (audit.scoreDisplayMode === "binary" && audit.score !== 1) {
        failed.push({
          id: ref.id,
          title: audit.title,
          explanation: audit.explanation || "",
          items: (audit.details && audit.details.items ? audit.details.items : []).slice(0, 5),
        });
      }
    }
    report[url] = {
      score: lhr.categories.seo.score,
      finalUrl: lhr.finalDisplayedUrl,
      runtimeError: lhr.runtimeError ? lhr.runtimeError.message : null,
      failed,
    };
  }
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(report));
