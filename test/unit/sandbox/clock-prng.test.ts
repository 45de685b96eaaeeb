import assert from 'node:assert/strict';
import { TaskQueue } from '../../../src/core/sandbox/clock';
import { Prng, fnv1a } from '../../../src/core/sandbox/prng';

/**
 * The virtual clock's task queue (clock.ts) and the seeded PRNG and digest (prng.ts): ordering by time then by
 * scheduling order, the busy count of foreground tasks, cancellation, and the exact random sequence of a seed.
 * The expected PRNG values and FNV digests were computed by us with an independent Python implementation of
 * mulberry32 and FNV-1a (not with this code) and written down here.
 */
const noop = (): void => undefined;

describe('sandbox: task queue (virtual clock)', () => {
  it('numbers tasks from 1 and schedules them at now + delay, a negative delay meaning now', () => {
    const q = new TaskQueue();
    q.now = 1_000;
    const a = q.schedule(250, 'a', noop);
    const b = q.schedule(-50, 'b', noop, 'B', true);
    assert.deepEqual([a.id, a.at, a.label, a.device, a.background, a.cancelled], [1, 1_250, 'a', null, false, false]);
    assert.deepEqual([b.id, b.at, b.label, b.device, b.background, b.cancelled], [2, 1_000, 'b', 'B', true, false]);
  });

  it('takes tasks by time, and tasks at the same time in scheduling order', () => {
    const q = new TaskQueue();
    q.schedule(30, 'x30', noop);
    q.schedule(10, 'first10', noop);
    q.schedule(20, 'y20', noop);
    q.schedule(10, 'second10', noop);
    q.schedule(0, 'now', noop);
    const order: [string, number][] = [];
    for (let t = q.take(); t; t = q.take()) order.push([t.label, q.now]);
    assert.deepEqual(order, [['now', 0], ['first10', 10], ['second10', 10], ['y20', 20], ['x30', 30]]);
  });

  it('keeps heap order over many tasks scheduled out of order, with cancellations', () => {
    const q = new TaskQueue();
    const delays = [17, 3, 99, 3, 42, 0, 58, 17, 8, 76, 23, 3, 61, 5, 88, 34, 12, 0, 47, 29, 17, 70, 2, 95, 50];
    const tasks = delays.map((d, i) => q.schedule(d, `t${i}`, noop));
    for (const i of [4, 11, 20]) q.cancel(tasks[i]);
    const expected = delays.map((d, i) => ({ d, i })).filter(({ i }) => ![4, 11, 20].includes(i))
      .sort((x, y) => x.d - y.d || x.i - y.i).map(({ i }) => `t${i}`);
    assert.deepEqual(q.pending().map((t) => t.label), expected);
    const taken: string[] = [];
    for (let t = q.take(); t; t = q.take()) taken.push(t.label);
    assert.deepEqual(taken, expected);
    assert.equal(q.now, 99);
    assert.equal(q.take(), undefined);
    assert.equal(q.peek(), undefined);
  });

  it('is busy only while a foreground task is pending', () => {
    const q = new TaskQueue();
    assert.equal(q.busy(), false);
    q.schedule(10, 'poll', noop, null, true);
    assert.equal(q.busy(), false);
    const fg = q.schedule(20, 'work', noop);
    assert.equal(q.busy(), true);
    q.take(); // the background poll
    assert.equal(q.busy(), true);
    q.take(); // the foreground work
    assert.equal(q.busy(), false);
    assert.equal(fg.cancelled, true); // a taken task is marked done
  });

  it('cancelling counts once: twice, a taken task, a background task or nothing do not change the busy count', () => {
    const q = new TaskQueue();
    const a = q.schedule(10, 'a', noop);
    const b = q.schedule(20, 'b', noop);
    const bg = q.schedule(5, 'bg', noop, null, true);
    q.cancel(a);
    q.cancel(a);
    q.cancel(bg);
    q.cancel(null);
    q.cancel(undefined);
    assert.equal(q.busy(), true);
    const taken = q.take();
    assert.equal(taken, b);
    q.cancel(taken);
    assert.equal(q.busy(), false);
    const c = q.schedule(1, 'c', noop);
    assert.equal(q.busy(), true);
    q.cancel(c);
    assert.equal(q.busy(), false);
  });

  it('peek skips cancelled tasks and does not advance the clock', () => {
    const q = new TaskQueue();
    const a = q.schedule(10, 'a', noop);
    q.schedule(20, 'b', noop);
    q.cancel(a);
    assert.equal(q.peek()?.label, 'b');
    assert.equal(q.now, 0);
    assert.deepEqual(q.pending().map((t) => t.label), ['b']);
  });

  it('take never moves the clock backwards', () => {
    const q = new TaskQueue();
    q.schedule(100, 'early', noop);
    q.now = 500;
    assert.equal(q.take()?.label, 'early');
    assert.equal(q.now, 500);
  });

  it('take does not run the task', () => {
    const q = new TaskQueue();
    let ran = 0;
    q.schedule(1, 'r', () => { ran++; });
    const t = q.take()!;
    assert.equal(ran, 0);
    t.run();
    assert.equal(ran, 1);
  });
});

describe('sandbox: seeded PRNG', () => {
  it('gives the mulberry32 sequence of a seed', () => {
    const p0 = new Prng(0);
    assert.deepEqual([p0.next(), p0.next(), p0.next()], [0.3588899802416563, 0.10590326134115458, 0.675290479324758]);
    const p42 = new Prng(42);
    assert.deepEqual([p42.next(), p42.next(), p42.next()], [0.4813160905614495, 0.9852536325342953, 0.7379171899519861]);
    const pm1 = new Prng(-1);
    assert.deepEqual([pm1.next(), pm1.next(), pm1.next()], [0.9919345872476697, 0.46276153065264225, 0.22555770655162632]);
  });

  it('int(n) and u32() are drawn from the same sequence', () => {
    const p = new Prng(42);
    assert.deepEqual([p.int(10), p.int(10), p.int(1000), p.u32(), p.u32()], [4, 9, 737, 2633099776, 3022023119]);
  });

  it('uuid() is an upper-case version-4 UUID made of four draws', () => {
    const p = new Prng(7);
    assert.equal(p.uuid(), 'FB7E32A8-5589-441D-B072-E6BB20630D5F');
    assert.equal(p.uuid(), '4206DD36-34C8-44D3-A054-75FE1CCF9D94');
    const q = new Prng(123);
    for (let i = 0; i < 50; i++) assert.match(q.uuid(), /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
  });

  it('rewind to a mark replays the same draws', () => {
    const p = new Prng(42);
    p.next();
    const m = p.mark();
    const a = [p.next(), p.uuid()];
    p.rewind(m);
    assert.deepEqual([p.next(), p.uuid()], a);
    assert.equal(new Prng(42).next(), 0.4813160905614495);
  });

  it('two generators of one seed agree, of two seeds differ', () => {
    const a = new Prng(5);
    const b = new Prng(5);
    const c = new Prng(6);
    const xs = [a.next(), a.next()];
    assert.deepEqual([b.next(), b.next()], xs);
    assert.notDeepEqual([c.next(), c.next()], xs);
  });
});

describe('sandbox: FNV-1a digest', () => {
  it('is the 32-bit FNV-1a of the string, chainable from a previous value', () => {
    assert.equal(fnv1a(''), 2166136261);
    assert.equal(fnv1a('a'), 3826002220);
    assert.equal(fnv1a('hello'), 1335831723);
    assert.equal(fnv1a('b', 123), 419440475);
  });
});
