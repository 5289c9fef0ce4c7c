import { ledgerValidationPipe } from '../../http/validation';
import { RebuildReadModelsDto } from './rebuild-read-models.dto';

/** The body through the API's own validation pipe: the errors[] a client gets, or the DTO. */
const validate = async (body: unknown): Promise<{ errors?: { field: string; reason: string }[]; dto?: RebuildReadModelsDto }> => {
  try {
    return { dto: await ledgerValidationPipe().transform(body, { type: 'body', metatype: RebuildReadModelsDto }) };
  } catch (error) {
    return { errors: (error as { getResponse(): { errors: { field: string; reason: string }[] } }).getResponse().errors };
  }
};

describe('RebuildReadModelsDto', () => {
  it.each([
    [['incident-summary']],
    [['incident_summary_v1', 'incident-timeline']],
    [['all']],
    [['incident-summary', 'incident-timeline', 'incident-intervals']],
  ])('accepts %j', async (projections) => {
    expect((await validate({ projections })).dto?.projections).toEqual(projections);
  });

  it.each([
    ['no body member', {}, 'must be an array'],
    ['a string', { projections: 'incident-summary' }, 'must be an array'],
    ['an object', { projections: { 0: 'incident-summary' } }, 'must be an array'],
    ['null', { projections: null }, 'must be an array'],
    ['an empty list', { projections: [] }, 'at least one projection'],
    ['a number in the list', { projections: [12345] }, 'must be a string'],
    ['a nested list', { projections: [['incident-summary']] }, 'must be a string'],
    ['an unknown name', { projections: ['incident-summary', 'nope'] }, 'must be one of incident-summary, incident_summary_v1'],
    ['the same name twice', { projections: ['incident-summary', 'incident-summary'] }, 'each projection once'],
    ['a name and its versioned name', { projections: ['incident-summary', 'incident_summary_v1'] }, 'each projection once'],
  ])('refuses %s, naming the field and why', async (_case, body, reason) => {
    expect((await validate(body)).errors).toEqual([{ field: 'projections', reason: expect.stringContaining(reason) }]);
  });

  it('refuses a long list and unknown members', async () => {
    expect((await validate({ projections: Array.from({ length: 50 }, () => 'all') })).errors?.[0]?.field).toBe('projections');
    expect((await validate({ projections: ['all'], force: true })).errors).toEqual([
      { field: 'force', reason: expect.stringContaining('should not exist') },
    ]);
  });
});
