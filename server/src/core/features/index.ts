/** Editor features on the plan model, in library terms: symbols, folding, hover and completion. */
export * from './completion';
export * from './hover';
export * from './symbols';
