export * from './health/health.response.js';
export * from './problem/problem-details.js';
