// Preact + hooks + htm, one ES module served by satupintu under /vendor/<hash>/htm-preact.js.
// index.html names its URL in <meta name="sp-vendor">; every module imports from here.
const base = document.querySelector('meta[name="sp-vendor"]').content;
const m = await import(`${base}/htm-preact.js`);

export const { html, render, useState, useEffect, useRef, useCallback, useMemo, useReducer } = m;
