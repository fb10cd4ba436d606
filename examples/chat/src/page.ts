// The page shell: the React app renders into #root; the app key is the only configuration it needs.

/** The HTML every page path answers with; the page connects to Herald on its own host and port. */
export function pageHtml(appKey: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Herald chat</title>
  <link rel="stylesheet" href="/styles.css">
</head>
<body>
  <div id="root"></div>
  <script>window.CHAT = ${JSON.stringify({ key: appKey })};</script>
  <script type="module" src="/client.js"></script>
</body>
</html>`;
}
