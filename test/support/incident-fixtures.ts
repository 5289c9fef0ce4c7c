import type { LedgerHttpClient } from './ledger-http-client';

/** Request bodies a client would send at each step of the main path. */
export const lifecycleSteps = [
  ['categorize', { category: 'malicious-code', subcategories: ['c2-server', 'infected-system'] }],
  ['prioritize', { impact: 1, urgency: 2 }],
  ['assign', { assignee: 'alice', team: 'soc-tier2' }],
  ['contain', { summary: 'Isolated host WS-042 and blocked the C2 domain at the egress proxy' }],
  ['eradicate', { summary: 'Removed the implant and rotated the local admin credentials' }],
  ['recover', { summary: 'Re-imaged WS-042 and returned it to service under watch' }],
  ['close', { resolutionCode: 'true-positive-with-impact', summary: 'Contained within 2h, no data loss' }],
  [
    'review',
    {
      rootCause: 'Phishing attachment executed a macro dropper',
      lessonsLearned: 'Macro blocking was not enforced on the finance OU',
      actions: ['Enforce macro blocking for all OUs', 'Add C2 domain to the shared blocklist'],
    },
  ],
] as const;

export const newIncidentBody = (title = 'Beaconing to known C2 from WS-042') => ({
  title,
  description: 'EDR flagged periodic HTTPS beacons to a domain on the threat-intel list',
  source: 'monitoring',
});

/** Logs an incident and returns its id. */
export const logIncident = async (client: LedgerHttpClient, title?: string): Promise<string> => {
  const response = await client.post('/incidents', newIncidentBody(title));
  if (response.status !== 201) throw new Error(`log failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
};

/** Drives an incident through the first `steps` steps of the main path. */
export const advance = async (client: LedgerHttpClient, id: string, steps: number): Promise<void> => {
  for (const [action, body] of lifecycleSteps.slice(0, steps)) {
    const response = await client.post(`/incidents/${id}/${action}`, body);
    if (response.status >= 300) {
      throw new Error(`${action} failed: ${response.status} ${JSON.stringify(response.body)}`);
    }
  }
};
