export * from './bundle';
export * from './format';
export { type OpenedBundle, openBundle } from './trusted-keys';
export * from './verify';
