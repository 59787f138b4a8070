import { main } from './server';

main();
