// One audit log entry as GET /audit answers it: its own file, free of D1's types, so that the admin screens
// (compiled for the browser) read the same declaration.
export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  site: string | null;
  target: string | null;
  summary: unknown;
}
