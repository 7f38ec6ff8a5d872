// Starts the administration module (ADR 0032). A file, not an inline script, so the Content-Security-Policy
// can forbid inline scripts. Absolute paths: client routes such as /cases/123
// load this same page.
//
// Until the module has loaded, the page shows a static login form (or, for a
// tab with a session, "loading"): a press of its button is noted on the
// shell, and the app logs in with what was typed once it starts.
const shell = document.getElementById('shell');
if (localStorage.getItem('tgpl.session')) shell?.classList.add('signed-in');
document.getElementById('shell-login')?.addEventListener('submit', (e) => {
  e.preventDefault();
  shell.dataset.submitted = '1';
  document.getElementById('shell-status').textContent = 'Đang đăng nhập…';
});
const { default: init } = await import('/tgpl_admin.js');
await init({ module_or_path: '/tgpl_admin_bg.wasm' });
