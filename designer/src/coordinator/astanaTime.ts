/**
 * A `datetime-local` value read as Astana time (UTC+5 since 1 March 2024, all of Kazakhstan):
 * the centres and the coordinators work in it, whatever the browser's zone.
 */
export function astanaInstant(local: string): string {
  const withSeconds = /T\d{2}:\d{2}$/.test(local) ? `${local}:00` : local;
  return new Date(`${withSeconds}+05:00`).toISOString();
}
