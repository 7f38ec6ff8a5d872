// Starts the citizens' public pages (their own light module, issue #12).
import init from '/tgpl_public.js';
await init({ module_or_path: '/tgpl_public_bg.wasm' });
