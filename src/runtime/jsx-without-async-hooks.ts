import { jsx } from 'hono/jsx';

/**
 * hono/jsx (4.13) runs every render inside an AsyncLocalStorage, only so that a context value
 * survives an `await` inside an async component; no page here uses contexts (and every voter
 * page renders synchronously). On Node 20 the first such run switches on async hooks for every
 * promise of the process, for good: each `await` then costs ~0.7 µs instead of ~0.13 µs, a tax
 * on every request, the vote paths' included, from the first page anyone opens.
 *
 * hono falls back to a plain synchronous store (its documented mode for runtimes without
 * AsyncLocalStorage) when it finds none, and it looks only once, at its first render. So that
 * first render happens here, with the module hidden from its look-up.
 */
export function renderJsxWithoutAsyncHooks() {
  const p = process as unknown as Record<'getBuiltinModule' | 'mainModule', unknown>;
  const hidden = { getBuiltinModule: p.getBuiltinModule, mainModule: p.mainModule };
  p.getBuiltinModule = undefined;
  p.mainModule = undefined;
  try {
    String(jsx('p', {}, 'x').toString());
  } finally {
    p.getBuiltinModule = hidden.getBuiltinModule;
    p.mainModule = hidden.mainModule;
  }
}
