/** Answer of `GET /api/health`. */
export interface HealthResponse {
  status: 'ok' | 'error';
  database: 'up' | 'down';
  version: string;
}
