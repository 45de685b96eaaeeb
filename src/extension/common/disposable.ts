/**
 * Base of the long-lived services of the extension: what they register goes into `register`, and
 * `dispose()` releases all of it once (later calls do nothing). `isDisposed` lets async work stop
 * publishing after the extension deactivated.
 */
export abstract class Disposable {
  private readonly owned: { dispose(): unknown }[] = [];
  private disposedFlag = false;

  protected get isDisposed(): boolean {
    return this.disposedFlag;
  }

  /** Takes ownership of disposables; returns the first for chaining (`this.x = this.register(...)`). */
  protected register<T extends { dispose(): unknown }>(first: T, ...rest: { dispose(): unknown }[]): T {
    if (this.disposedFlag) {
      for (const d of [first, ...rest]) d.dispose();
    } else {
      this.owned.push(first, ...rest);
    }
    return first;
  }

  dispose(): void {
    if (this.disposedFlag) return;
    this.disposedFlag = true;
    for (const d of this.owned.splice(0).reverse()) d.dispose();
  }
}
