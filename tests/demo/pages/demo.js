// Demo page logic: builds player links for the chosen origin and drives the stream server's throttle
// through its /__control endpoint (same origin as this page, so no CORS involved).
(() => {
  const STALL = [
    { durationMs: 15000, bytesPerSecond: 20000 },
    { durationMs: 0, bytesPerSecond: null },
  ];
  const ACTIONS = {
    full: (origin) => ({ origin, clear: true }),
    '1mbps': (origin) => ({ origin, bytesPerSecond: 125000 }),
    stall: (origin) => ({ origin, schedule: STALL }),
  };

  let origins = { a: location.origin, b: location.origin };
  const form = document.getElementById('options');
  const embed = document.getElementById('embed');

  function playerUrl(player) {
    const origin = form.elements.origin.value;
    const buffer = form.elements.buffer.value;
    return `${origins[origin]}/players/${player}.html${buffer ? `?buffer=${buffer}` : ''}`;
  }

  function renderPlayers() {
    for (const li of document.querySelectorAll('#players li')) {
      const player = li.dataset.player;
      li.querySelector('.open')?.remove();
      li.querySelector('.embed')?.remove();
      const open = Object.assign(document.createElement('a'), {
        className: 'open',
        href: playerUrl(player),
        textContent: 'Open',
      });
      const play = Object.assign(document.createElement('button'), {
        className: 'embed',
        type: 'button',
        textContent: 'Play below',
      });
      play.addEventListener('click', () => {
        embed.hidden = false;
        embed.src = playerUrl(player);
      });
      li.append(open, play);
    }
  }

  function renderPages() {
    for (const a of document.querySelectorAll('#pages a')) {
      const url = new URL(a.getAttribute('href'), origins.a);
      if (a.dataset.child)
        url.searchParams.set('child', `${origins[a.dataset.child]}/players/hls.html?buffer=8`);
      a.href = url.href;
    }
  }

  function formatRate(bps) {
    if (bps === null) return 'unlimited';
    const mbps = (bps * 8) / 1e6;
    return `${mbps >= 1 ? `${mbps.toFixed(2)} Mbps` : `${Math.round(mbps * 1000)} kbps`} (${Math.round(bps / 1000)} kB/s)`;
  }

  function formatSchedule(s) {
    if (!s) return '—';
    const left = Math.max(0, Math.ceil((s.stepEndsAt - Date.now()) / 1000));
    return `step ${s.stepIndex + 1}/${s.steps.length}, next in ${left} s`;
  }

  function renderState(state) {
    const rows = ['a', 'b'].map((name) => {
      const t = state[name].throttle;
      const tr = document.createElement('tr');
      const cells = [
        `${name.toUpperCase()} · ${new URL(state.origins[name]).host}`,
        formatRate(t.bytesPerSecond),
        `${t.latencyMs} ms`,
        formatSchedule(t.schedule),
        String(t.activeResponses),
      ];
      for (const [i, text] of cells.entries()) {
        const td = document.createElement('td');
        td.textContent = text;
        if (i === 1 && t.bytesPerSecond !== null) td.className = 'limited';
        tr.append(td);
      }
      return tr;
    });
    document.getElementById('state').replaceChildren(...rows);
  }

  function showError(message) {
    const el = document.getElementById('error');
    el.hidden = !message;
    el.textContent = message ?? '';
  }

  async function refresh() {
    try {
      const res = await fetch('/__control/state', { cache: 'no-store' });
      const state = await res.json();
      renderState(state);
      showError(null);
      return state;
    } catch (err) {
      showError(`Stream server unreachable: ${err}`);
      return null;
    }
  }

  async function applyAction(action) {
    const target = document.querySelector('input[name="target"]:checked').value;
    const names = target === 'both' ? ['a', 'b'] : [target];
    for (const origin of names) {
      const res = await fetch('/__control/throttle', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(ACTIONS[action](origin)),
      });
      if (!res.ok) showError(`Throttle request failed: ${(await res.json()).error ?? res.status}`);
    }
    await refresh();
  }

  for (const button of document.querySelectorAll('[data-action]')) {
    button.addEventListener('click', () => applyAction(button.dataset.action));
  }
  form.addEventListener('change', renderPlayers);

  refresh().then((state) => {
    if (state) origins = state.origins;
    renderPlayers();
    renderPages();
  });
  setInterval(refresh, 1000);
})();
