// Resolves the extension-less and directory imports of dt-sql-parser's ES
// build ("./parser" → ./parser/index.js) that Node's ESM loader refuses.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (err) {
    if (!specifier.startsWith('.') || !context.parentURL) throw err;
    const base = new URL(specifier, context.parentURL);
    const p = fileURLToPath(base);
    for (const cand of [p + '.js', p + '/index.js']) {
      if (existsSync(cand) && statSync(cand).isFile()) return next(new URL('file://' + cand).href, context);
    }
    throw err;
  }
}
