/** Every journey's route lives under this versioned prefix. */
export const API_PREFIX = '/v1/quickbooks';
