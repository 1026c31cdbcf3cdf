function (WORDS, PATTERNS, LABELS_ONLY) {
  // See page_shell.py. Runs in the head of every page, before Streamlit draws anything.
  "use strict";
  const root = document.documentElement;
  const ATTRIBUTES = ["aria-label", "title", "placeholder", "data-title", "alt"];
  const SKIP = "script, style, textarea, input, pre, code, [contenteditable]";
  const patterns = PATTERNS.map(([source, to]) => [new RegExp(source), to]);
  const changed = []; // [node, attribute or null, english, dutch]
  let shown = null; // the language the page shows now

  const language = () =>
    new URLSearchParams(window.location.search).get("lang") === "en" ? "en" : "nl";

  const labelsOnly = new Set(LABELS_ONLY);

  function dutch(text, inText) {
    const trimmed = text.trim();
    if (!trimmed || (inText && labelsOnly.has(trimmed))) return null;
    let found = Object.prototype.hasOwnProperty.call(WORDS, trimmed) ? WORDS[trimmed] : null;
    if (found === null) {
      for (const [pattern, to] of patterns) {
        const match = trimmed.match(pattern);
        if (match) {
          found = to.replace(/\$(\d)/g, (_, i) => match[Number(i)] || "");
          break;
        }
      }
    }
    return found === null ? null : text.replace(trimmed, found);
  }

  function translateText(node) {
    if (!node.parentElement || node.parentElement.closest(SKIP)) return;
    const now = dutch(node.nodeValue, true);
    if (now !== null && now !== node.nodeValue) {
      changed.push([node, null, node.nodeValue, now]);
      node.nodeValue = now;
    }
  }

  function translateAttribute(element, name) {
    const value = element.getAttribute(name);
    const now = value === null ? null : dutch(value, false);
    if (now !== null && now !== value) {
      changed.push([element, name, value, now]);
      element.setAttribute(name, now);
    }
  }

  function translate(node) {
    if (node.nodeType === Node.TEXT_NODE) return translateText(node);
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) translateText(text);
    const selector = ATTRIBUTES.map((name) => `[${name}]`).join(",");
    const elements = [node, ...node.querySelectorAll(selector)];
    for (const element of elements) {
      for (const name of ATTRIBUTES) if (element.hasAttribute(name)) translateAttribute(element, name);
    }
  }

  function backToEnglish() {
    for (const [node, name, english, now] of changed.splice(0)) {
      if (!node.isConnected) continue;
      if (name === null && node.nodeValue === now) node.nodeValue = english;
      if (name !== null && node.getAttribute(name) === now) node.setAttribute(name, english);
    }
  }

  // The sidebar's page list: Streamlit puts each section's div (its header and links)
  // between the ul and the li. Each section becomes a list named by its header.
  function pageList() {
    const list = document.querySelector("[data-testid='stSidebarNavItems']");
    if (!list || list.getAttribute("role") === "none") return;
    list.setAttribute("role", "none");
    let number = 0;
    for (const section of list.children) {
      if (section.tagName === "LI") continue;
      section.setAttribute("role", "list");
      const header = section.querySelector(":scope > header");
      if (header) {
        header.id = header.id || `wijkraad-nav-${(number += 1)}`;
        header.setAttribute("role", "none");
        section.setAttribute("aria-labelledby", header.id);
      }
    }
  }

  function tidy(mutations) {
    const wanted = language();
    if (root.lang !== wanted) root.lang = wanted;
    pageList();
    if (wanted !== shown) {
      shown = wanted;
      if (wanted === "en") backToEnglish();
      else if (document.body) translate(document.body);
      return;
    }
    if (wanted !== "nl") return;
    for (const mutation of mutations || []) {
      if (mutation.type === "childList") mutation.addedNodes.forEach(translate);
      else if (mutation.type === "characterData") translateText(mutation.target);
      else if (mutation.type === "attributes") translateAttribute(mutation.target, mutation.attributeName);
    }
    if (changed.length > 5000) {
      const kept = changed.filter(([node]) => node.isConnected);
      changed.splice(0, changed.length, ...kept);
    }
  }

  root.lang = language();
  new MutationObserver(tidy).observe(root, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ATTRIBUTES,
  });
  window.addEventListener("popstate", () => tidy([]));
}
