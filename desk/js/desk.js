// The desk page's entry: loads the desk's wasm module and mounts the desk in #desk. The worker
// (desk-worker.js) loads the same module for the verification.
import init, { start_desk } from './selfcheck_desk.js';

await init();
start_desk('desk');
