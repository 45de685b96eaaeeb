import type { DeviceContext } from './device-context';
import type { LocalStore } from './store';

/** The device seen as a context over its shared store: the store functions (saves, applyRecord...) then work on it. */
export function sharedView(ctx: DeviceContext): DeviceContext {
  return storeView(ctx, ctx.sharing.sharedStore);
}

export function storeView(ctx: DeviceContext, store: LocalStore): DeviceContext {
  if (store === ctx.store) return ctx;
  return new Proxy(ctx, {
    get(target, prop, receiver) {
      if (prop === 'store') return store;
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
    set(target, prop, value) {
      // The shared store has its own UI freshness; the rest of the state is the device's.
      if (prop === 'uiTransaction') return true;
      return Reflect.set(target, prop, value);
    },
  });
}
