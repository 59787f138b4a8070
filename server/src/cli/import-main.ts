import { importMain } from './plan-import';

importMain();
