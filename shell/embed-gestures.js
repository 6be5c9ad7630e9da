// Gesture rules of the embedded map, so it never takes the partner page's
// scrolling: the wheel zooms only with Ctrl held or after a click on the
// map, one finger scrolls the page while two fingers pan and pinch, and a
// hint explains this. Also keyboard control of the focused map and Escape.
//
// The map's own handlers (in the WebAssembly module) sit on the canvas; the
// listeners here run first, in the window's capture phase, and stop the
// events the map must not see. A stopped event keeps its default action, so
// the browser scrolls the page.
(function () {
  'use strict';

  const hintText = {
    id: {
      wheel: 'Tahan Ctrl sambil menggulir, atau klik peta dulu, untuk memperbesar peta',
      touch: 'Gunakan dua jari untuk menggeser peta',
    },
    en: {
      wheel: 'Hold Ctrl while scrolling, or click the map first, to zoom the map',
      touch: 'Use two fingers to move the map',
    },
  };
  const hintMs = 1600;
  const keyPanPx = 80;

  // Events the embed code itself dispatches (showFeature's selection click).
  const ownEvents = new WeakSet();

  function install({ canvas, hint, onEscape }) {
    const state = { interactive: true, active: false, language: 'id', hintTimer: 0 };
    // Touch identifiers the map has seen a start or move of.
    const forwardedTouches = new Set();

    function showHint(kind) {
      hint.textContent = (hintText[state.language] || hintText.id)[kind];
      hint.classList.add('shown');
      clearTimeout(state.hintTimer);
      state.hintTimer = setTimeout(() => hint.classList.remove('shown'), hintMs);
    }

    function onWheel(event) {
      if (event.target !== canvas) return;
      if (!state.interactive) {
        event.stopPropagation();
        return;
      }
      if (!state.active && !event.ctrlKey && !event.metaKey) {
        event.stopPropagation();
        showHint('wheel');
      }
    }

    function onTouch(event) {
      if (event.target !== canvas) return;
      const ending = event.type === 'touchend' || event.type === 'touchcancel';
      if (ending) {
        const known = Array.from(event.changedTouches).some((touch) => forwardedTouches.has(touch.identifier));
        for (const touch of event.changedTouches) forwardedTouches.delete(touch.identifier);
        // An end the map never saw the start of is a tap or a page scroll:
        // the browser then sends the tap's mouse events to the map.
        if (!known) event.stopPropagation();
        return;
      }
      if (!state.interactive || event.touches.length < 2) {
        event.stopPropagation();
        if (state.interactive && event.type === 'touchmove') showHint('touch');
        return;
      }
      for (const touch of event.touches) forwardedTouches.add(touch.identifier);
    }

    function onMouseDown(event) {
      if (event.target !== canvas || ownEvents.has(event)) return;
      if (!state.interactive) {
        event.stopPropagation();
        return;
      }
      state.active = true;
    }

    function panBy(dx, dy) {
      const map = window.badungMap;
      const view = map.getView();
      const origin = map.project(view.lon, view.lat);
      const step = 0.001;
      const east = map.project(view.lon + step, view.lat);
      const north = map.project(view.lon, view.lat + step);
      map.setView({
        lon: view.lon + (dx / (east.x - origin.x)) * step,
        lat: view.lat + (dy / (north.y - origin.y)) * step,
      });
    }

    function onKeyDown(event) {
      if (event.key === 'Escape') {
        state.active = false;
        if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
        onEscape();
        return;
      }
      if (event.target !== canvas || !state.interactive || event.ctrlKey || event.metaKey || event.altKey) return;
      const moves = {
        ArrowLeft: () => panBy(-keyPanPx, 0),
        ArrowRight: () => panBy(keyPanPx, 0),
        ArrowUp: () => panBy(0, -keyPanPx),
        ArrowDown: () => panBy(0, keyPanPx),
        '+': () => window.badungMap.setView({ zoom: window.badungMap.getView().zoom + 1 }),
        '=': () => window.badungMap.setView({ zoom: window.badungMap.getView().zoom + 1 }),
        '-': () => window.badungMap.setView({ zoom: window.badungMap.getView().zoom - 1 }),
      };
      const move = moves[event.key];
      if (!move) return;
      event.preventDefault();
      try {
        move();
      } catch (error) {
        // Before the map has started there is nothing to move.
      }
    }

    const capture = { capture: true, passive: true };
    window.addEventListener('wheel', onWheel, capture);
    for (const type of ['touchstart', 'touchmove', 'touchend', 'touchcancel']) {
      window.addEventListener(type, onTouch, capture);
    }
    window.addEventListener('mousedown', onMouseDown, true);
    window.addEventListener('keydown', onKeyDown, true);
    // Leaving the map or the frame ends the click's permission to zoom.
    document.documentElement.addEventListener('mouseleave', () => { state.active = false; });
    window.addEventListener('blur', () => { state.active = false; });

    return {
      setInteractive(on) {
        state.interactive = on;
        state.active = false;
        document.body.classList.toggle('static', !on);
        canvas.tabIndex = on ? 0 : -1;
      },
      setLanguage(code) {
        state.language = code;
      },
      // Clicks canvas point (x, y) for the map, even when the user may not.
      click(x, y) {
        const rect = canvas.getBoundingClientRect();
        const init = { bubbles: true, button: 0, clientX: rect.left + x, clientY: rect.top + y };
        for (const type of ['mousedown', 'mouseup']) {
          const event = new MouseEvent(type, init);
          ownEvents.add(event);
          canvas.dispatchEvent(event);
        }
      },
    };
  }

  window.badungEmbed = Object.assign(window.badungEmbed || {}, { gestures: { install } });
}());
