/** §1.3 limits [doc LIMIT; RE; obs sqlite-data #333]. */
export const MAX_ITEMS_PER_REQUEST = 400;
export const MAX_REQUEST_BYTES = 2 * 1024 * 1024;
export const MAX_RECORD_BYTES = 1024 * 1024;
export const MAX_ZONES = 1000;
/** obs FORUM-QUOTA: quotaExceeded carried "retry after 315 s". */
export const QUOTA_RETRY_AFTER_SECONDS = 315;
