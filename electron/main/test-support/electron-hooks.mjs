// TEST ONLY. Module resolution hooks (registered by register-electron-stub.mjs): `electron` resolves to the
// stand-in electron-stub.mjs, so the built main bundle runs in plain Node. Everything else resolves as usual.
const STUB_URL = new URL('./electron-stub.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: STUB_URL, format: 'module', shortCircuit: true };
  return nextResolve(specifier, context);
}
