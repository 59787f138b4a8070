import { main } from './plan-check';

main();
