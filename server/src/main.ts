import { main } from './lsp/server';

main();
