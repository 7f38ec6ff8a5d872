#!/usr/bin/env bash
# Builds the Leptos SPA into frontend/dist: release wasm with Debian's Rust
# (-Zbuild-std, own target dir), wasm-bindgen, wasm-opt -Oz (npm binaryen 132).
# The toolchain comes from scripts/setup-web.sh. Prints the three sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

die() {
  printf 'error: %s\n' "$*" >&2
  exit 1
}
if [ -f "$HOME/.cargo/env" ]; then
  # shellcheck source=/dev/null
  . "$HOME/.cargo/env"
fi
wasm_opt="$root/tests/e2e/node_modules/.bin/wasm-opt"
for tool in /usr/bin/cargo /usr/bin/rustc "$wasm_opt"; do
  [ -x "$tool" ] || die "$tool is missing: run scripts/setup-web.sh"
done
command -v wasm-bindgen >/dev/null 2>&1 || die "wasm-bindgen is missing: run scripts/setup-web.sh"

target_dir="${TGPL_WASM_TARGET_DIR:-$root/target/wasm}"
echo "==> cargo build (wasm32, release) into $target_dir"
# Size (the module must stay under 450 KB gzip; checked at the end):
# panic=immediate-abort traps without formatting a message; fmt-debug=none
# makes `{:?}` print nothing (the app never shows Debug output);
# location-detail=none drops file/line strings of #[track_caller];
# erase_components type-erases Leptos views at component boundaries; std
# is built with optimize_for_size. wasm-opt also merges similar functions.
RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none --cfg=erase_components" RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$target_dir" \
  /usr/bin/cargo build --release --manifest-path frontend/Cargo.toml \
  --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size
raw="$target_dir/wasm32-unknown-unknown/release/tgpl_web.wasm"
# The citizens' public pages: the same crate with the `public` feature, its
# own module (copied aside before the next build overwrites it).
raw_public="$target_dir/tgpl_public.wasm"
cp "$raw" "$raw.staff"
RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none --cfg=erase_components" RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$target_dir" \
  /usr/bin/cargo build --release --manifest-path frontend/Cargo.toml --features public \
  --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size
cp "$raw" "$raw_public"
# The staff's queues of the public services: the `desk` feature.
raw_desk="$target_dir/tgpl_desk.wasm"
RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none --cfg=erase_components" RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$target_dir" \
  /usr/bin/cargo build --release --manifest-path frontend/Cargo.toml --features desk \
  --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size
cp "$raw" "$raw_desk"
# Administration (users and keys, registers, imports, record edits): the
# desk's shell with the `admin` feature, its own module (ADR 0032).
raw_admin="$target_dir/tgpl_admin.wasm"
RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none --cfg=erase_components" RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR="$target_dir" \
  /usr/bin/cargo build --release --manifest-path frontend/Cargo.toml --features admin \
  --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size
cp "$raw" "$raw_admin"
# --remove-destination: cargo hard-links the uplifted module to its build
# artifact; writing through the link would change the desk build's artifact.
cp --remove-destination "$raw.staff" "$raw"

# Build beside dist and swap, so a running server never serves half a build.
out="$root/frontend/dist"
tmp="$(mktemp -d "$root/frontend/.dist.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name tgpl_web "$raw"
bound="$(stat -c %s "$tmp/tgpl_web_bg.wasm")"
# --converge repeats -Oz until nothing shrinks (641 B, 30 s); the producers
# and debug sections are metadata the browser never reads.
"$wasm_opt" --merge-similar-functions -Oz --converge --strip-producers --strip-debug \
  -o "$tmp/tgpl_web_bg.wasm" "$tmp/tgpl_web_bg.wasm"
wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name tgpl_public "$raw_public"
"$wasm_opt" --merge-similar-functions -Oz --converge --strip-producers --strip-debug \
  -o "$tmp/tgpl_public_bg.wasm" "$tmp/tgpl_public_bg.wasm"
wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name tgpl_desk "$raw_desk"
"$wasm_opt" --merge-similar-functions -Oz --converge --strip-producers --strip-debug \
  -o "$tmp/tgpl_desk_bg.wasm" "$tmp/tgpl_desk_bg.wasm"
wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name tgpl_admin "$raw_admin"
"$wasm_opt" --merge-similar-functions -Oz --converge --strip-producers --strip-debug \
  -o "$tmp/tgpl_admin_bg.wasm" "$tmp/tgpl_admin_bg.wasm"
cp frontend/index.html frontend/boot.js frontend/public.html frontend/public-boot.js \
  frontend/desk.html frontend/desk-boot.js frontend/style.css "$tmp/"
# The administration module's page is the desk's, naming its own module.
sed 's/tgpl_desk/tgpl_admin/g; s/desk-boot\.js/admin-boot.js/; s/<title>Hàng chờ/<title>Quản trị/' \
  frontend/desk.html >"$tmp/admin.html"
sed 's/tgpl_desk/tgpl_admin/g' frontend/desk-boot.js >"$tmp/admin-boot.js"

# Sizes as built (the budgets below read the modules before renaming).
gz="$(gzip -9 -c "$tmp/tgpl_web_bg.wasm" | wc -c)"
pub_gz="$(gzip -9 -c "$tmp/tgpl_public_bg.wasm" | wc -c)"
desk_gz="$(gzip -9 -c "$tmp/tgpl_desk_bg.wasm" | wc -c)"
admin_gz="$(gzip -9 -c "$tmp/tgpl_admin_bg.wasm" | wc -c)"
opt="$(stat -c %s "$tmp/tgpl_web_bg.wasm")"
pub_opt="$(stat -c %s "$tmp/tgpl_public_bg.wasm")"
desk_opt="$(stat -c %s "$tmp/tgpl_desk_bg.wasm")"
admin_opt="$(stat -c %s "$tmp/tgpl_admin_bg.wasm")"

# Content-hashed names (the server lets browsers keep them a year; the pages
# are no-cache and name the current ones), then Brotli and gzip copies the
# server sends as they are (issue #13 item 8).
hashed() {
  local f="$1" h
  h="$(sha256sum "$tmp/$f" | cut -c1-12)"
  local n="${f%.*}.$h.${f##*.}"
  mv "$tmp/$f" "$tmp/$n"
  printf '%s' "$n"
}
rename_in() { # old new files...
  local old="${1//./\\.}" new="$2"
  shift 2
  for f in "$@"; do sed -i "s#/$old#/$new#g" "$tmp/$f"; done
}
css="$(hashed style.css)"
for m in web public desk admin; do
  case "$m" in
    web) boot=boot.js page=index.html ;;
    public) boot=public-boot.js page=public.html ;;
    desk) boot=desk-boot.js page=desk.html ;;
    admin) boot=admin-boot.js page=admin.html ;;
  esac
  rename_in "tgpl_${m}_bg.wasm" "$(hashed "tgpl_${m}_bg.wasm")" "$boot" "$page"
  rename_in "tgpl_${m}.js" "$(hashed "tgpl_${m}.js")" "$boot" "$page"
  rename_in "$boot" "$(hashed "$boot")" "$page"
  rename_in style.css "$css" "$page"
done
for f in "$tmp"/*.wasm "$tmp"/*.js "$tmp"/*.css "$tmp"/*.html; do
  gzip -9 -n -k "$f"
  brotli -q 11 -k "$f"
done
chmod 755 "$tmp"
rm -rf "$out"
mv "$tmp" "$out"
trap - EXIT

echo "==> frontend/dist built: cargo $(stat -c %s "$raw") B, wasm-bindgen $bound B, wasm-opt $opt B, gzip -9 $gz B, brotli $(stat -c %s "$out"/tgpl_web_bg.*.wasm.br) B"
echo "==> public pages module: wasm-opt $pub_opt B, gzip -9 $pub_gz B"
echo "==> desk module: wasm-opt $desk_opt B, gzip -9 $desk_gz B"
echo "==> admin module: wasm-opt $admin_opt B, gzip -9 $admin_gz B"
# The budget (issue #13): the module as served with gzip, at most 450 KB.
budget=450000
[ "$gz" -le "$budget" ] || die "the wasm module is $gz B gzip, over the $budget B budget (BENCHMARKS.md, web app size)"
# The public pages load on phones over weak networks (issue #12): 250 KB.
pub_budget=250000
[ "$pub_gz" -le "$pub_budget" ] || die "the public module is $pub_gz B gzip, over the $pub_budget B budget"
[ "$desk_gz" -le "$budget" ] || die "the desk module is $desk_gz B gzip, over the $budget B budget"
[ "$admin_gz" -le "$budget" ] || die "the admin module is $admin_gz B gzip, over the $budget B budget"
