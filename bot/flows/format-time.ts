/** Formats a time for cards and messages in UTC with the date, because helpdesk staff work across time zones. */
export function formatTime(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
