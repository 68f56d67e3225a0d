/*
 * The task pane's help pages: docs/*.md rendered to HTML at build time (marked), served beside the pane so
 * its help links work offline and under the pane's own Content-Security-Policy.
 */
"use strict";
const { Marked } = require("marked");

const slug = (text) => text.toLowerCase().replace(/<[^>]+>/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

const marked = new Marked({
  renderer: {
    // Headings get ids so the pane can link to a section ("help/taskpane.html#results").
    heading({ tokens, depth }) {
      const html = this.parser.parseInline(tokens);
      return `<h${depth} id="${slug(html)}">${html}</h${depth}>\n`;
    },
    // Links between the docs point at their HTML pages.
    link({ href, title, tokens }) {
      const text = this.parser.parseInline(tokens);
      const target = /^[a-z-]+\.md(#.*)?$/i.test(href) ? href.replace(/\.md(#|$)/i, ".html$1") : href;
      return `<a href="${target}"${title ? ` title="${title}"` : ""}>${text}</a>`;
    },
  },
});

const CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'none'";

const STYLE = `
  body { font-family: "Segoe UI", system-ui, sans-serif; line-height: 1.5; max-width: 760px; margin: 0 auto; padding: 16px; color: #242424; background: #fff; }
  @media (prefers-color-scheme: dark) { body { color: #f0f0f0; background: #1f1f1f; } a { color: #8ab4f8; } th, td { border-color: #555; } }
  img { max-width: 100%; height: auto; border: 1px solid #ccc; }
  table { border-collapse: collapse; } th, td { border: 1px solid #ddd; padding: 6px; vertical-align: top; }
  td img { max-width: 220px; }
  code { font-size: 90%; }
`;

/** One markdown document as a standalone help page. */
function helpPage(markdown) {
  const body = marked.parse(markdown);
  const title = (/^#\s+(.+)$/m.exec(markdown) || [, "GTM Compass help"])[1];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="UTF-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta http-equiv="Content-Security-Policy" content="${CSP}" />
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

module.exports = { helpPage, slug };
