// TEST ONLY. `node --import ./register-electron-stub.mjs …`: installs electron-hooks.mjs before any other module loads.
import { register } from 'node:module';

register('./electron-hooks.mjs', import.meta.url);
