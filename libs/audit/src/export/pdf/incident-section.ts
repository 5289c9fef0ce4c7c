import type { IncidentReport, TimelineItem } from '../incident-report';
import { actorText, utc, valueText } from './format';
import type { PdfWriter } from './pdf-writer';

// Enough to read what an event did; registering evidence sets a dozen fields at once.
const MAX_CHANGES = 8;

const withTeam = (assignee: string | null, team: string | null): string =>
  assignee === null ? '(unassigned)' : team === null ? assignee : `${assignee} (team ${team})`;

/** The incident summary: who, what, state, opened and closed, both times each. */
export const writeOverview = (pdf: PdfWriter, report: IncidentReport): void => {
  const o = report.overview;
  pdf.heading(`Incident: ${o.title}`);
  pdf.rows([
    ['Incident ID', o.incidentId],
    ['Title', o.title],
    ['Status', o.status],
    ['Category', o.category === null ? '(not categorized)' : [o.category, ...o.subcategories].join(' / ')],
    ['Priority', o.priority ?? '(not prioritized)'],
    ['Assignee', withTeam(o.assignee, o.team)],
    ['Reporter', o.reporter ?? '-'],
    ['Opened, occurred (UTC)', utc(o.opened?.occurredAt)],
    ['Opened, recorded (UTC)', utc(o.opened?.recordedAt)],
    ['Closed, occurred (UTC)', o.closed ? utc(o.closed.occurredAt) : '(open)'],
    ['Closed, recorded (UTC)', o.closed ? utc(o.closed.recordedAt) : '(open)'],
    ...(o.closed ? ([['Resolution', o.closed.resolution]] as const) : []),
    ['Reopened', `${o.reopenCount} time(s)`],
    ['Events', String(o.eventCount)],
    ['Evidence items', String(o.evidenceCount)],
  ]);
  if (o.description !== '') {
    pdf.space(0.3).paragraph('Description', { bold: true }).paragraph(o.description);
  }
};

const writeEntry = (pdf: PdfWriter, item: TimelineItem): void => {
  pdf.ensureSpace(70);
  pdf.paragraph(`#${item.revision}  ${item.what}`, { bold: true });
  pdf.paragraph(
    `${item.type} - by ${actorText(item.actor)} - occurred ${utc(item.occurredAt)} - recorded ${utc(item.recordedAt)}`,
    { small: true, grey: true, indent: 12 },
  );
  for (const change of item.changes.slice(0, MAX_CHANGES)) {
    pdf.paragraph(`${change.field}: ${valueText(change.from)} -> ${valueText(change.to)}`, { small: true, indent: 12 });
  }
  const more = item.changes.length - MAX_CHANGES;
  if (more > 0) pdf.paragraph(`... and ${more} more field(s); the JSON bundle has every change`, { small: true, grey: true, indent: 12 });
  pdf.mono('hash', item.hash, 12);
  pdf.space(0.4);
};

/** Every event of the incident in stream order: what happened, who, both times, what changed, its hash. */
export const writeTimeline = (pdf: PdfWriter, report: IncidentReport): void => {
  pdf.subheading('Lifecycle timeline (times in UTC)');
  for (const item of report.timeline) writeEntry(pdf, item);
};
