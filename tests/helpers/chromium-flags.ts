// The flags Debian's Chromium is started with, by the tests and by the benchmark alike.
//
// Chromium's desktop interface builds its address bar's popup as a web page of its own (about 300
// chrome:// scripts) for every new window, and each browser context here is one. That page loads
// in renderers the CPU slowdown does not touch, while the page under test loads, on the same two
// cores. A phone's browser does nothing of the kind. On the phone profile (docs/BENCHMARKS.md),
// with it the four public pages were hydrated at 3.4–3.6 s, without it at 2.2–2.3 s (medians of 5).
export const CHROMIUM_FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup',
]
