// Starts the app. A file, not an inline script, so the Content-Security-Policy
// can forbid inline scripts. Absolute paths: client routes such as /cases/123
// load this same page.
import init from '/tgpl_web.js';
await init({ module_or_path: '/tgpl_web_bg.wasm' });
