/** The channel workers LISTEN on; a NOTIFY on it means "there may be new work". */
export const WAKE_CHANNEL = 'flowhub_runs';

export const NOTIFY_WAKE = `SELECT pg_notify('${WAKE_CHANNEL}', '')`;
