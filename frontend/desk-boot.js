// Starts the staff's queues of the public services (their own module, ADR 0021).
import init from '/tgpl_desk.js';
await init({ module_or_path: '/tgpl_desk_bg.wasm' });
