import { main } from './plan-publish';

main();
