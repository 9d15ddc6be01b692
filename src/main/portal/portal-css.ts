/** The end-user pages' only stylesheet, served as /portal.css (the CSP allows no inline styles there). */
export const PORTAL_CSS = `:root { color-scheme: light; font-family: system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; }
body { margin: 0; background: #f4f6fa; color: #1a1b1e; }
header { display: flex; justify-content: space-between; align-items: center; padding: 12px 24px; background: #fff; border-bottom: 1px solid #e3e6ec; }
.brand { font-weight: 700; color: #0b5cad; }
.lang { color: #0b5cad; }
main { max-width: 460px; margin: 32px auto; background: #fff; padding: 28px 32px; border-radius: 10px; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
h1 { font-size: 1.5rem; margin-top: 0; }
.field { margin-bottom: 16px; }
label { display: block; font-weight: 600; margin-bottom: 4px; }
input, select { width: 100%; box-sizing: border-box; padding: 9px 10px; font-size: 1rem; border: 1px solid #c4c9d2; border-radius: 6px; }
input:focus, select:focus { outline: 3px solid #9cc3f5; border-color: #0b5cad; }
.invalid input { border-color: #c92a2a; }
.hint { margin: 4px 0 0; font-size: .85rem; color: #5c5f66; }
.error, .summary { color: #c92a2a; font-size: .9rem; margin: 4px 0 0; }
.summary { background: #fff5f5; padding: 8px 12px; border-radius: 6px; }
button { width: 100%; padding: 10px; font-size: 1rem; font-weight: 600; color: #fff; background: #0b5cad; border: 0; border-radius: 6px; cursor: pointer; }
button:focus { outline: 3px solid #9cc3f5; }
button.secondary { color: #0b5cad; background: #fff; border: 1px solid #0b5cad; margin-top: 10px; }
.app { display: flex; flex-direction: column; gap: 2px; padding: 10px 12px; margin-bottom: 16px; background: #f1f6fd; border-radius: 6px; }
.app small { color: #5c5f66; }
ul.scopes { padding-left: 20px; margin: 8px 0 20px; }
ul.scopes li { margin: 4px 0; }
.note { font-size: .85rem; color: #5c5f66; margin-top: 18px; }
.qr { display: flex; justify-content: center; margin: 8px 0; }
.qr svg { width: 280px; height: 280px; }
`;
