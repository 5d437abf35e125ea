// What the audit log records: the one list of actions, read by the server (what may be recorded
// and filtered on) and by the pages (the filter's options, each action's name in words).
export const AUDIT_ACTIONS = [
  "role.granted",
  "role.removed",
  "certificate.revoked",
  "membership.added",
  "membership.role-changed",
  "membership.removed",
  "cohort.exported",
  "course.exported",
  "course.published",
  "account.exported",
  "account.deleted",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const isAuditAction = (action: string): action is AuditAction =>
  (AUDIT_ACTIONS as readonly string[]).includes(action);
