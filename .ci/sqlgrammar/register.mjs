// dt-sql-parser's ES build imports directories ('./parser'); Node resolves
// them only through this hook (resolve.mjs).
import { register } from 'node:module';
register('./resolve.mjs', import.meta.url);
