// The page shell: landmarks and live regions that src/client/main.ts fills in.

/** The page; it connects to Herald on its own host and port with the app key. */
export function pageHtml(appKey: string): string {
  const config = JSON.stringify({ key: appKey }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Device relay</title>
  <link rel="stylesheet" href="/styles.css">
</head>
<body>
  <header class="bar">
    <h1>Device relay</h1>
    <p class="badge" id="status" role="status" aria-label="Connection: Connecting…" data-state="connecting">Connecting…</p>
  </header>
  <main>
    <p class="problem" id="problem" role="alert" hidden></p>
    <ul class="devices" id="devices" aria-label="Devices"></ul>
  </main>
  <script type="application/json" id="relay-config">${config}</script>
  <script type="module" src="/client.js"></script>
</body>
</html>`;
}
