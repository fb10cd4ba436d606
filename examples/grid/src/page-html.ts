// The page: a shell the Vue app mounts into, readable before the script runs.

/** The HTML of `/`; the WebSocket goes to the page's own host and port, where Herald listens. */
export function pageHtml(appKey: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="herald-key" content="${appKey}">
  <title>Emoji grid · Herald</title>
  <link rel="stylesheet" href="/style.css">
</head>
<body>
  <main id="app"><p class="loading">Loading the grid…</p></main>
  <noscript>The grid needs JavaScript.</noscript>
  <script type="module" src="/client.js"></script>
</body>
</html>`;
}
