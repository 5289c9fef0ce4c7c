import { SlidingWindowStorage } from './sliding-window-storage';

describe('SlidingWindowStorage', () => {
  let now = 0;
  let storage: SlidingWindowStorage;
  beforeEach(() => {
    now = 1_000_000;
    storage = new SlidingWindowStorage(() => now);
  });
  afterEach(() => storage.close());

  const hit = (key = 'principal:a') => storage.increment(key, 60_000, 3, 60_000, 'default');

  it('allows the limit per window, then refuses with a Retry-After, without counting refusals', async () => {
    for (let i = 1; i <= 3; i++) expect(await hit()).toMatchObject({ isBlocked: false, totalHits: i });
    const refused = await hit();
    expect(refused.isBlocked).toBe(true);
    expect(refused.timeToBlockExpire).toBeGreaterThan(0);
    expect((await hit()).isBlocked).toBe(true);
    expect((await hit('principal:b')).isBlocked).toBe(false); // another caller, another bucket
  });

  it('slides: the previous window counts for the part of it still inside the last minute', async () => {
    for (let i = 0; i < 3; i++) await hit();
    now += 60_000; // next window starts: the previous three still weigh fully
    expect((await hit()).isBlocked).toBe(true);
    now += 30_000; // half of the previous window has slid out: 1.5 + 1 hit fits
    expect((await hit()).isBlocked).toBe(false);
    now += 120_000; // two windows later everything has expired
    for (let i = 0; i < 3; i++) expect((await hit()).isBlocked).toBe(false);
  });

  it('tells a refused caller when a request fits again', async () => {
    for (let i = 0; i < 3; i++) await hit();
    const { timeToBlockExpire } = await hit();
    now += timeToBlockExpire * 1000;
    expect((await hit()).isBlocked).toBe(false);
  });
});
