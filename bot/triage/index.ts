export * from './priority';
export * from './figures';
