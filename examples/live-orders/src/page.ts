// The page's HTML: landmarks, labelled controls and live regions; src/client.ts fills it in.

/** Where the page's script finds Herald (read by src/client.ts). */
export interface PageConfig {
  readonly key: string;
  readonly host: string;
  readonly port: number;
}

/**
 * Renders the page. The ids are what src/client.ts writes to; the roles and labels are what a
 * screen reader (and the browser test) finds them by.
 */
export function pageHtml(config: PageConfig): string {
  // `<` escaped so no value can close the script element early.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Live orders</title>
  <link rel="stylesheet" href="/styles.css">
</head>
<body>
  <header class="bar">
    <h1>Live orders</h1>
    <p class="badge" id="status" role="status" data-state="connecting">Connecting…</p>
  </header>
  <main class="layout">
    <section class="card" aria-labelledby="here-title">
      <h2 id="here-title">Here now <span class="count" id="count">0</span></h2>
      <ul class="members" id="members" aria-label="People here"></ul>
      <p class="typing" id="typing" aria-live="polite"></p>
    </section>
    <section class="card" aria-labelledby="orders-title">
      <h2 id="orders-title">Orders</h2>
      <p class="problem" id="problem" role="alert" hidden></p>
      <form class="ship" id="ship-form" aria-label="Ship an order">
        <fieldset id="ship-fields" disabled>
          <label for="order">Order id</label>
          <div class="ship-row">
            <input id="order" name="order" required maxlength="40" autocomplete="off" placeholder="e.g. A-17">
            <button id="ship" type="submit">Ship</button>
          </div>
        </fieldset>
      </form>
      <ul class="orders" id="orders" aria-labelledby="orders-title" aria-live="polite"></ul>
      <p class="empty">No orders shipped yet.</p>
    </section>
  </main>
  <script type="application/json" id="herald-config">${json}</script>
  <script type="module" src="/client.js"></script>
</body>
</html>`;
}
