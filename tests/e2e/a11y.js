// The checks of tests/e2e/a11y.py, run in the page: ({...}).sideways() and so on.
({
sideways() {
  const found = [];
  const width = document.documentElement.clientWidth;
  const name = (el) => {
    const id = el.getAttribute('data-testid');
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '')
      .trim().replace(/\s+/g, ' ').slice(0, 50);
    return el.tagName.toLowerCase() + (id ? `[data-testid=${id}]` : '') + (text ? ` "${text}"` : '');
  };
  const sidebar = document.querySelector("[data-testid='stSidebar']");
  const sidebarShown = sidebar && sidebar.getAttribute('aria-expanded') === 'true';
  // Clipped by an ancestor that does not itself scroll sideways (one that does is named
  // on its own, and the element that makes it scroll is named here).
  const clipped = (el) => {
    for (let up = el.parentElement; up; up = up.parentElement) {
      const style = getComputedStyle(up);
      const scrolls = (style.overflowX === 'auto' || style.overflowX === 'scroll')
        && up.scrollWidth > up.clientWidth + 1;
      if (scrolls) return false;  // it makes this ancestor scroll
      if (style.overflowX !== 'visible') {
        const box = up.getBoundingClientRect();
        return box.right <= width + 1 && box.left >= -1;
      }
    }
    return false;
  };
  const outside = new Set();  // named once: the outermost element that leaves the window
  for (const el of [document.documentElement, ...document.body.querySelectorAll('*')]) {
    if (sidebar && !sidebarShown && sidebar.contains(el)) continue;
    if (el.closest('template, svg, [aria-hidden="true"]')) continue;
    // shown at all: not in a closed expander or tab, not display: none or hidden
    if (!el.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true})) continue;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;
    const wider = el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 1;
    if (wider && (style.overflowX === 'auto' || style.overflowX === 'scroll'
                  || el === document.documentElement)) {
      found.push(`scrolls sideways: ${name(el)} (${el.scrollWidth} px in ${el.clientWidth})`);
    } else if (wider && (style.overflowX === 'hidden' || style.overflowX === 'clip')) {
      found.push(`cut off: ${name(el)} (${el.scrollWidth} px in ${el.clientWidth})`);
    }
    const sticksOut = (box.right > width + 0.5 && box.left < width) || (box.left < -0.5 && box.right > 0);
    const inOutside = outside.has(el.parentElement);
    if (sticksOut && (inOutside || !clipped(el))) {
      outside.add(el);
      if (!inOutside) {
        found.push(`outside the window: ${name(el)} (${Math.round(box.left)}..${Math.round(box.right)} px of ${width})`);
      }
    }
  }
  return found;
},

headings() {
  const found = [];
  let last = 0;
  for (const h of document.querySelectorAll('.stMain h1, .stMain h2, .stMain h3, .stMain h4, .stMain h5, .stMain h6')) {
    if (!h.checkVisibility({contentVisibilityAuto: true})) continue;  // a closed tab or expander
    const level = Number(h.tagName[1]);
    if (last && level > last + 1) {
      found.push(`h${last} then h${level}: "${h.innerText.trim().slice(0, 60)}"`);
    }
    last = level;
  }
  return found;
},

markers() {
  const found = [];
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    if (!gd.checkVisibility({contentVisibilityAuto: true})) continue;
    const frame = gd.getBoundingClientRect();
    const view = document.documentElement.clientWidth;
    for (const point of gd.querySelectorAll('.scatterlayer .point')) {
      const box = point.getBoundingClientRect();
      const x = box.left + box.width / 2, y = box.top + box.height / 2;
      if (x < frame.left || x > frame.right || y < frame.top || y > frame.bottom || x > view) {
        found.push(`a point at ${Math.round(x)},${Math.round(y)} outside its chart`);
      }
    }
    for (const trace of gd._fullData || []) {
      const subplot = (gd._fullLayout[trace.subplot] || {})._subplot;
      if (trace.type !== 'scattermap' || !subplot || !subplot.map) continue;
      const map = subplot.map, box = map.getContainer();
      (trace.lon || []).forEach((lon, i) => {
        const p = map.project([lon, trace.lat[i]]);
        if (p.x < 0 || p.y < 0 || p.x > box.clientWidth || p.y > box.clientHeight) {
          found.push(`map marker ${trace.text ? trace.text[i] : i} outside the map (${Math.round(p.x)},${Math.round(p.y)} of ${box.clientWidth}x${box.clientHeight})`);
        }
      });
    }
  }
  return found;
},

chartsSettled() {
  const charts = [...document.querySelectorAll('.js-plotly-plot')];
  if (!charts.length) return true;
  const now = JSON.stringify(charts.map((gd) => gd._fullLayout && gd._fullLayout.width));
  const same = window.__wijkraadChartWidths === now;
  window.__wijkraadChartWidths = now;
  return same;
},

async axe(tags) {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                          resultTypes: ['violations']});
  return results.violations.map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.map(
    (n) => ({target: n.target, html: n.html, why: n.failureSummary}))}));
},

// Everything a Dutch page says, its labels for a screen reader included.
words() {
  const words = [document.body.innerText];
  const names = ['aria-label', 'title', 'placeholder', 'data-title'];
  for (const el of document.querySelectorAll(names.map((n) => `[${n}]`).join(','))) {
    for (const name of names) if (el.hasAttribute(name)) words.push(el.getAttribute(name));
  }
  return words.join('\n');
},
});
