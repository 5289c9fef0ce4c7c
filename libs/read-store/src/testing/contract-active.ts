import { type ContractContext, rejection } from './contract-support';

export function activeCollectionContract(context: ContractContext): void {
  describe('blue-green pointers', () => {
    it('is unset until set, then switches atomically per read model', async () => {
      const store = await context.store();
      const [summary, timeline] = [`${context.unique('incident')}-summary`, `${context.unique('incident')}-timeline`];
      const [blue, green] = [context.unique('blue'), context.unique('green')];

      expect(await store.getActiveCollection(summary)).toBeUndefined();
      await store.setActiveCollection(summary, blue);
      await store.setActiveCollection(timeline, blue);
      await store.setActiveCollection(summary, green);

      expect(await store.getActiveCollection(summary)).toBe(green);
      expect(await store.getActiveCollection(timeline)).toBe(blue);
    });

    it('refuses invalid names', async () => {
      const store = await context.store();
      const readModel = context.unique('model');
      expect(await rejection(store.setActiveCollection(readModel, 'not-a-collection'))).toBe('InvalidQueryError');
      expect(await rejection(store.setActiveCollection('', context.unique()))).toBe('InvalidQueryError');
      expect(await rejection(store.getActiveCollection(''))).toBe('InvalidQueryError');
      expect(await store.getActiveCollection(readModel)).toBeUndefined();
    });
  });
}
