/** Test helpers for projections (not part of the build): event builders and given/when/then. */
export * from './incident-events';
export * from './project';
export * from './stories';
export * from './projections-markdown';
